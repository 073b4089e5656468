// Hostile input: a pull request writes every comment and name next to the key it adds. Wording
// around a value (`# example`, `// fake`, `# FP`, `/* not a real key */`, `<!-- dummy -->`, an
// EXAMPLE_ name) must not take a key in a provider format out of the report nor out of the default
// gate; a checksum-valid key stays at least high, so `--fail-on high` fails too. What the value
// itself is (a published sample, EXAMPLE or xxxx inside it) still decides, and a comment still
// excuses a formatless generic match (docs/security.md, "Wording never excuses a key").
// Through the built CLI, one process per case, as a gate runs it.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretId } from '../../src/redaction/secret-id.js';
import { expandFakes } from '../../src/rules/fake.js';
import { knownKey, noCrash, noLeak, parseReport, runCapped, tempDir, type Dir } from './hostile-helpers.js';

interface Wording {
  name: string;
  file: string;
  /** The line holding the key; `NAME` is the provider's variable name. */
  line: (key: string, name: string) => string;
}

const WORDINGS: Wording[] = [
  { name: '# example', file: 'settings.py', line: (k, n) => `${n} = "${k}"  # example\n` },
  { name: '// fake', file: 'client.ts', line: (k, n) => `export const ${n} = '${k}'; // fake\n` },
  { name: '# FP', file: 'deploy.sh', line: (k, n) => `export ${n}=${k}  # FP\n` },
  { name: '/* not a real key */', file: 'config.js', line: (k, n) => `const ${n} = "${k}"; /* not a real key */\n` },
  { name: '<!-- dummy -->', file: 'index.html', line: (k) => `<meta name="api-token" content="${k}"> <!-- dummy -->\n` },
  { name: 'an EXAMPLE_ name', file: '.env', line: (k, n) => `EXAMPLE_${n}=${k}\n` },
  // A badge's image URL excuses a formatless token (a Codecov graph token), never a provider-prefixed key.
  { name: 'a README badge image URL', file: 'README.md', line: (k) => `[![build](https://img.shields.io/badge/build-passing-green?token=${k})](https://ci.example.org)\n` },
];

/** A checksum-valid GitHub PAT (confidence high) and an Anthropic key (a provider format, no checksum). */
const KEYS = [
  { label: 'checksum-valid GitHub PAT', name: 'GITHUB_TOKEN', rule: 'github-classic-pat', key: (i: number) => knownKey(4100 + i), proven: true },
  { label: 'Anthropic key (no checksum)', name: 'ANTHROPIC_API_KEY', rule: 'anthropic-api-key', key: (i: number) => expandFakes('sk-ant-api03-<<b64url:93>>AA', 4200 + i), proven: false },
];

/** The JSON report with the fields these tests read. */
interface Report {
  secrets: Array<{ id: string; ruleId: string; severity: string; confidence: string }>;
}
const reportOf = (run: Parameters<typeof parseReport>[0]) => parseReport(run) as unknown as Report;

let d: Dir;
beforeAll(() => {
  d = tempDir();
});
afterAll(() => d.cleanup());

describe('wording around a provider-format key does not blind the gate', () => {
  WORDINGS.forEach((w, i) => {
    for (const k of KEYS) {
      it(`${k.label} with ${w.name}: reported, the default scan exits 1${k.proven ? ', and --fail-on high too' : ''}`, async () => {
        const key = k.key(i);
        const root = join(d.dir, `${i}-${k.rule}`);
        d.write(join(`${i}-${k.rule}`, w.file), w.line(key, k.name));
        const run = await runCapped(['scan', root, '--no-config', '--format', 'json']);
        noCrash(run);
        noLeak(run, key);
        expect(run.code, run.stderr).toBe(1);
        const report = reportOf(run);
        const secret = report.secrets.find((s) => s.id === secretId(key));
        expect(secret, report.secrets.map((s) => s.ruleId).join(', ')).toBeDefined();
        expect(secret!.ruleId).toBe(k.rule);
        // The wording never lowers the confidence the default gate reads.
        expect(secret!.confidence).toBe(k.proven ? 'high' : 'medium');
        if (k.proven) {
          expect(['high', 'critical']).toContain(secret!.severity);
          const gated = await runCapped(['scan', root, '--no-config', '--fail-on', 'high']);
          expect(gated.code, gated.stdout).toBe(1);
        }
      });
    }
  });

  it('a public-sounding name does not excuse a value with its provider\'s secret prefix', async () => {
    const stripe = expandFakes('sk_live_<<b62:24>>', 4250);
    const anthropic = expandFakes('sk-ant-api03-<<b64url:93>>AA', 4251);
    d.write('named/.env', `STRIPE_PUBLISHABLE_KEY=${stripe}\nSUPABASE_ANON_KEY=${anthropic}\n`);
    const run = await runCapped(['scan', join(d.dir, 'named'), '--no-config', '--format', 'json']);
    expect(run.code).toBe(1);
    const ids = parseReport(run).secrets.map((s) => s.id);
    expect(ids).toContain(secretId(stripe));
    expect(ids).toContain(secretId(anthropic));
  });

  it('a pull request that adds `TOKEN = "ghp_…"  # example` fails the --diff gate', async () => {
    const key = knownKey(4300);
    const repo = join(d.dir, 'repo');
    const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1', HOME: d.dir };
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env, encoding: 'utf8' });
    execFileSync('git', ['init', '-q', '-b', 'main', repo], { env });
    writeFileSync(join(repo, 'README.md'), 'hello\n');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    git('checkout', '-q', '-b', 'pr');
    writeFileSync(join(repo, 'app.py'), `TOKEN = "${key}"  # example, not a real key (FP)\n`);
    git('add', '.');
    git('commit', '-q', '-m', 'pr');
    const run = await runCapped(['scan', repo, '--diff', 'main', '--format', 'json']);
    noCrash(run);
    expect(run.code, run.stderr).toBe(1);
    expect(parseReport(run).secrets.some((s) => s.id === secretId(key))).toBe(true);
    const gated = await runCapped(['scan', repo, '--diff', 'main', '--fail-on', 'high']);
    expect(gated.code).toBe(1);
  });
});

describe('what still excuses a value', () => {
  it('a formatless password with `# fake` after it is not reported; without it, it is', async () => {
    const value = expandFakes('<<b62:10>>7q', 4400);
    d.write('generic/with/db.py', `password = "${value}"  # fake\n`);
    d.write('generic/without/db.py', `password = "${value}"\n`);
    const withNote = await runCapped(['scan', join(d.dir, 'generic', 'with'), '--no-config', '--format', 'json']);
    expect(withNote.code).toBe(0);
    expect(parseReport(withNote).secrets).toEqual([]);
    // The control: the same line without the comment is a (low-confidence) finding.
    const without = await runCapped(['scan', join(d.dir, 'generic', 'without'), '--no-config', '--format', 'json']);
    expect(reportOf(without).secrets.map((s) => s.confidence)).toEqual(['low']);
  });

  it('values that are placeholders in themselves are not reported, whatever surrounds them', async () => {
    const lines = [
      expandFakes('GITHUB_TOKEN = "ghp_<<b62:20>>EXAMPLE<<b62:9>>"\n', 4500),
      'GITHUB_TOKEN = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"\n',
      'ANTHROPIC_API_KEY = "sk-ant-api03-<your-key-here>"\n',
      'AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"\n',
      'OPENAI_API_KEY = "${OPENAI_API_KEY}"\n',
    ];
    d.write('placeholders/app.py', lines.join(''));
    const run = await runCapped(['scan', join(d.dir, 'placeholders'), '--no-config', '--format', 'json']);
    expect(run.code, run.stdout.slice(0, 2000)).toBe(0);
    expect(parseReport(run).secrets).toEqual([]);
  });
});

describe('an allow comment written by the change itself', () => {
  it('suppresses by default (as gitleaks:allow does), and not with --no-inline-allow', async () => {
    const key = knownKey(4300);
    d.write(join('allow', 'settings.py'), `GITHUB_TOKEN = "${key}"  # keysprawl:allow reason="test fixture"\n`);
    const root = join(d.dir, 'allow');
    const honoured = await runCapped(['scan', root, '--no-config', '--format', 'json']);
    noCrash(honoured);
    expect(honoured.code, honoured.stderr).toBe(0);
    expect(reportOf(honoured).secrets.map((s) => s.id)).toEqual([secretId(key)]);
    const gate = await runCapped(['scan', root, '--no-config', '--format', 'json', '--no-inline-allow']);
    noCrash(gate);
    noLeak(gate, key);
    expect(gate.code, gate.stderr).toBe(1);
    expect(reportOf(gate).secrets.map((s) => s.id)).toEqual([secretId(key)]);
  });
});
