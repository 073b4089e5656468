// Builds a small "organisation" of real git repositories in a temp dir for sweep tests: fake keys
// generated at test time (src/rules/fake.ts), one key shared by two repositories, one key only
// in history, plus a missing and a corrupt repository. Nothing real-looking is committed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expandFakes } from '../../src/rules/fake.js';

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null',
};

export function git(cwd: string, args: string[], date = '2024-01-02T03:04:05Z'): string {
  return execFileSync('git', args, { cwd, env: { ...GIT_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }, encoding: 'utf8' });
}

/** A repository whose commits write (or, with null, delete) files, in order. */
export function gitRepo(dir: string, commits: Array<Record<string, string | null>>): string {
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'uploadpack.allowFilter', 'true']);
  commits.forEach((files, i) => {
    for (const [rel, text] of Object.entries(files)) {
      const abs = join(dir, rel);
      if (text === null) rmSync(abs);
      else {
        mkdirSync(dirname(abs), { recursive: true });
        writeFileSync(abs, text);
      }
    }
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '-m', `commit ${i + 1}`], `2024-01-0${i + 2}T03:04:05Z`);
  });
  return dir;
}

export interface OrgKeys {
  shared: string;
  onlyA: string;
  onlyB: string;
  historyC: string;
}

export function orgKeys(seed = 11): OrgKeys {
  return {
    shared: expandFakes('sk-proj-<<b64url:74>>T3BlbkFJ<<b64url:74>>', seed),
    onlyA: expandFakes('sk-ant-api03-<<b64url:93>>AA', seed + 1),
    onlyB: expandFakes('gsk_<<b62:52>>', seed + 2),
    historyC: expandFakes('r8_<<b62:37>>', seed + 3),
  };
}

export interface Org {
  base: string;
  keys: OrgKeys;
  /** The list file naming the repositories (three good, one missing, one corrupt). */
  list: string;
  /** The folder holding the checkouts (for `sweep DIR`). */
  checkouts: string;
  cleanup(): void;
}

/** Repository names (folder names) used by the fixture, in list order. */
export const GOOD = ['alpha', 'bravo', 'charlie'] as const;

export function buildOrg(seed = 11): Org {
  const base = mkdtempSync(join(tmpdir(), 'keysprawl-sweep-'));
  const checkouts = join(base, 'org');
  const keys = orgKeys(seed);
  gitRepo(join(checkouts, 'alpha'), [
    { '.env': `OPENAI_API_KEY=${keys.shared}\n`, 'src/app.py': `import anthropic\nclient = anthropic.Anthropic(api_key="${keys.onlyA}")\n` },
  ]);
  gitRepo(join(checkouts, 'bravo'), [
    { 'README.md': '# bravo\n' },
    { 'config/settings.py': `OPENAI_API_KEY = "${keys.shared}"\n`, 'agent.env': `GROQ_API_KEY=${keys.onlyB}\n` },
  ]);
  gitRepo(join(checkouts, 'charlie'), [
    { 'deploy.env': `REPLICATE_API_TOKEN=${keys.historyC}\n`, 'main.py': 'print("hi")\n' },
    { 'deploy.env': null },
  ]);
  // A folder that looks like a checkout but whose .git is garbage.
  mkdirSync(join(checkouts, 'corrupt', '.git'), { recursive: true });
  writeFileSync(join(checkouts, 'corrupt', '.git', 'HEAD'), 'this is not a ref\n');
  const list = join(base, 'repos.txt');
  writeFileSync(list, ['# the organisation', ...GOOD.map((n) => `org/${n}`), 'org/missing', 'org/corrupt', ''].join('\n'));
  return { base, keys, list, checkouts, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}
