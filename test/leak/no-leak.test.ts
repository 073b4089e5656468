// The tool must not leak what it finds. A repository full of generated keys (every place a key
// hides: env files, notebook outputs, agent configs, workflows, prompts, two keys on one line,
// the same key twice on a line, an AWS pair, a PEM block, a base64-wrapped k8s secret, a key
// only in history) is scanned every way a user can: each output format with --verbose, report
// files, --history, explain, baseline, sweep with its state folder, merge, and --verify against a
// fake provider that echoes keys back. Then every byte written (stdout, stderr, report files,
// baseline, sweep state, HOME, XDG cache and state folders, TMPDIR, new files in the repository)
// is searched for each raw value, its base64 and JSON-escaped forms, and every 12-character
// piece of its hidden middle. Only --no-redact may show values, and its report files are 0600.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretId } from '../../src/redaction/secret-id.js';
import { expandFakes, fakeGithubToken, fakeJwt, fakePem, prng } from '../../src/rules/fake.js';
import { runCapped, tempDir, type Dir, type Run } from '../hostile/hostile-helpers.js';
import { fakeProviders, type FakeProviders } from '../verify/fake-providers.js';

const KEYS = {
  openai: expandFakes('sk-proj-<<b62:40>>T3BlbkFJ<<b62:40>>', 1),
  openai2: expandFakes('sk-proj-<<b62:40>>T3BlbkFJ<<b62:40>>', 2),
  anthropic: expandFakes('sk-ant-api03-<<b64url:93>>AA', 3),
  github: fakeGithubToken('ghp_', prng(4)),
  githubHistory: fakeGithubToken('ghp_', prng(5)),
  githubEncoded: fakeGithubToken('ghp_', prng(6)),
  awsId: `AKIA${expandFakes('<<b32:16>>', 7)}`,
  awsSecret: expandFakes('<<b64:40>>', 8),
  slack: expandFakes('xoxb-<<digits:12>>-<<digits:13>>-<<b62:24>>', 9),
  stripe: expandFakes('sk_live_<<b62:24>>', 10),
  hf: expandFakes('hf_<<alpha:34>>', 11),
  jwt: fakeJwt(prng(12)),
  pem: fakePem(prng(13)),
  generic: expandFakes('<<b62:32>>', 14),
};

function notebook(): string {
  const cell = {
    cell_type: 'code', execution_count: 1, metadata: {}, source: ['import os\n', "print(os.environ['OPENAI_API_KEY'])\n"],
    outputs: [{ output_type: 'stream', name: 'stdout', text: [`${KEYS.openai}\n`] }],
  };
  return JSON.stringify({ cells: [cell], metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1);
}

const FILES: Record<string, string> = {
  '.env': `OPENAI_API_KEY=${KEYS.openai}\nSTRIPE_SECRET_KEY=${KEYS.stripe}\nAWS_ACCESS_KEY_ID=${KEYS.awsId}\nAWS_SECRET_ACCESS_KEY=${KEYS.awsSecret}\n`,
  'notebooks/eval.ipynb': notebook(),
  '.cursor/mcp.json': JSON.stringify({ mcpServers: { claude: { command: 'npx', env: { ANTHROPIC_API_KEY: KEYS.anthropic, HF_TOKEN: KEYS.hf } } } }, null, 2),
  '.github/workflows/deploy.yml': `on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n      GH_TOKEN: ${KEYS.github}\n    steps:\n      - run: echo deploying\n`,
  'prompts/agent.md': `Call the tools with this Slack token: ${KEYS.slack}\n`,
  'src/two-on-a-line.ts': `export const keys = { openai: "${KEYS.openai2}", anthropic: "${KEYS.anthropic}" };\n`,
  'src/twice.py': `TOKEN = "${KEYS.github}"  # same as "${KEYS.github}"\n`,
  'src/aws.py': `client = boto3.client("s3", aws_access_key_id="${KEYS.awsId}", aws_secret_access_key="${KEYS.awsSecret}")\n`,
  'deploy/key.pem': `${KEYS.pem}\n`,
  'k8s/secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: gh\ndata:\n  token: ${Buffer.from(KEYS.githubEncoded).toString('base64')}\n`,
  'src/session.ts': `const session = "${KEYS.jwt}";\nconst api_secret = "${KEYS.generic}";\n`,
};

/** Every form of a raw value that would give it away. */
function needles(raw: string): string[] {
  const out = new Set([raw, Buffer.from(raw).toString('base64'), Buffer.from(raw).toString('base64url'), JSON.stringify(raw).slice(1, -1)]);
  // The part redaction hides (all but the first 4 and last 2 characters), in 12-character pieces.
  const middle = raw.slice(4, -2);
  for (let i = 0; i + 12 <= middle.length; i += 6) out.add(middle.slice(i, i + 12));
  return [...out].filter((n) => n.length >= 12 && !/^-----|PRIVATE KEY/.test(n));
}

function allFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    const abs = join(dir, n);
    const st = statSync(abs, { throwIfNoEntry: false });
    if (!st) return [];
    return st.isDirectory() ? allFiles(abs) : [abs];
  });
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e.com' } });
}

let d: Dir;
let repo: string;
let out: string;
let env: NodeJS.ProcessEnv;
let server: FakeProviders;
const runs: Array<{ args: string[]; run: Run }> = [];
let repoFilesBefore: Set<string>;

async function cli(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> {
  const run = await runCapped(args, { cwd: repo, env: { ...env, ...extraEnv } });
  runs.push({ args, run });
  return run;
}

beforeAll(async () => {
  d = tempDir();
  repo = join(d.dir, 'sweep', 'acme-agents');
  out = join(d.dir, 'out');
  for (const sub of ['home', 'cache', 'state', 'tmp', 'out', 'sweep-state']) mkdirSync(join(d.dir, sub), { recursive: true });
  env = { HOME: join(d.dir, 'home'), XDG_CACHE_HOME: join(d.dir, 'cache'), XDG_STATE_HOME: join(d.dir, 'state'), TMPDIR: join(d.dir, 'tmp') };
  mkdirSync(repo, { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  // A key that only survives in history.
  writeFileSync(join(repo, 'old.env'), `GITHUB_TOKEN=${KEYS.githubHistory}\n`);
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'old');
  git(repo, 'rm', '-q', 'old.env');
  for (const [rel, text] of Object.entries(FILES)) {
    mkdirSync(join(repo, rel, '..'), { recursive: true });
    writeFileSync(join(repo, rel), text);
  }
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'add the app');
  repoFilesBefore = new Set(allFiles(repo));
  server = await fakeProviders();
  server.key(KEYS.openai, 'echo-error').key(KEYS.github, 'echo-error').key(KEYS.stripe, 'live').awsKey(KEYS.awsId, KEYS.awsSecret, 'live');
  Object.assign(env, server.env());
}, 60_000);

afterAll(async () => {
  await server.stop();
  d.cleanup();
});

describe('no raw secret leaves the tool', () => {
  it('scans find every planted key (otherwise the leak check proves nothing)', async () => {
    const run = await cli(['scan', '.', '--format', 'json', '--verbose', '--history', '--fail-on', 'none']);
    expect(run.code, run.stderr).toBe(0);
    const ids = new Set((JSON.parse(run.stdout) as { secrets: Array<{ id: string }> }).secrets.map((s) => s.id));
    const missing = Object.entries(KEYS).filter(([name, raw]) => name !== 'awsId' && !ids.has(secretId(raw))).map(([name]) => name);
    expect(missing).toEqual([]);
  }, 120_000);

  it('runs every output and command', async () => {
    for (const format of ['text', 'json', 'sarif', 'html']) await cli(['scan', '.', '--format', format, '--verbose', '--fail-on', 'none']);
    await cli(['scan', '.', '--verbose', '--fail-on', 'none', ...['text', 'json', 'sarif', 'html'].flatMap((f) => ['--format', f, '--output', join(out, `report.${f}`)])]);
    await cli(['scan', '.', '--history', '--format', 'sarif', '--verbose', '--fail-on', 'none']);
    await cli(['scan', '.', '--verify', '--format', 'json', '--verbose', '--fail-on', 'none']);
    await cli(['explain', secretId(KEYS.github).slice(0, 12), '.']);
    await cli(['explain', secretId(KEYS.awsSecret).slice(0, 12), '.', '--json']);
    await cli(['baseline', 'create', '.', '--output', join(out, 'baseline.json')]);
    await cli(['sweep', join(d.dir, 'sweep'), '--state', join(d.dir, 'sweep-state'), '--format', 'json', '--output', join(out, 'sweep.json'), '--verbose']);
    await cli(['merge', join(out, 'sweep.json'), '--format', 'html', '--output', join(out, 'merged.html')]);
    // Nothing above is an internal error.
    for (const { args, run } of runs) expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBeLessThan(2);
  }, 300_000);

  it('leaves no raw value, nor its base64 or JSON form, nor any hidden piece of it, anywhere', () => {
    const places: Array<[string, string]> = runs.flatMap(({ args, run }) => [[`stdout of ${args.join(' ')}`, run.stdout], [`stderr of ${args.join(' ')}`, run.stderr]] as Array<[string, string]>);
    for (const sub of ['home', 'cache', 'state', 'tmp', 'out', 'sweep-state']) {
      for (const f of allFiles(join(d.dir, sub))) places.push([relative(d.dir, f), readFileSync(f, 'latin1')]);
    }
    // Files the tool created inside the repository (temp files, caches); .git is git's.
    for (const f of allFiles(repo)) if (!repoFilesBefore.has(f) && !f.includes('/.git/')) places.push([relative(d.dir, f), readFileSync(f, 'latin1')]);
    expect(places.length).toBeGreaterThan(30);
    const leaks: string[] = [];
    for (const [name, raw] of Object.entries(KEYS)) {
      if (name === 'awsId') continue; // an access key id is an identifier, shown redacted but not secret
      for (const needle of needles(raw)) {
        for (const [where, text] of places) if (text.includes(needle)) leaks.push(`${name} (${needle.slice(0, 6)}…) in ${where}`);
      }
    }
    expect([...new Set(leaks)]).toEqual([]);
  });
});

describe('--no-redact', () => {
  it('shows values (so the check above can fail) and writes its report files with mode 0600', async () => {
    const file = join(out, 'raw.json');
    const run = await cli(['scan', '.', '--no-redact', '--format', 'json', '--output', file, '--format', 'text', '--fail-on', 'none']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(KEYS.stripe);
    expect(readFileSync(file, 'utf8')).toContain(KEYS.openai);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(allFiles(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 60_000);
});
