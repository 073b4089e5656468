// Untrusted-input mode, the baseline half: under --diff the baseline named by the repository's
// config is read from the base revision (config/setup.ts), so a pull request that records its
// own new key in the baseline, or edits the baseline in the working tree, cannot accept it; a
// key the base's baseline accepted stays accepted where the pull request adds it again.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { secretId } from '../../src/redaction/secret-id.js';
import { runCli } from '../helpers/cli.js';
import { fakeGithubToken, prng } from '../../src/rules/fake.js';
import { Repo } from './git-fixture.js';

const repos: Repo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

const key = (seed: number) => fakeGithubToken('ghp_', prng(seed));
const CONFIG = 'version: 1\nbaseline: .keysprawl-baseline.json\n';

interface Report {
  secrets: Array<{ id: string; suppressed?: { kind: string; justification?: string } }>;
}

/** main: a key accepted in the baseline its config names; pr: both keys added, the second written into the baseline too. */
function setUp(accepted: string, added: string): Repo {
  const r = new Repo();
  repos.push(r);
  r.write({ 'app.env': `GITHUB_TOKEN=${accepted}\n`, '.keysprawl.yaml': CONFIG });
  const created = runCli(['baseline', 'create', r.dir, '--output', join(r.dir, '.keysprawl-baseline.json')], { cwd: r.dir });
  expect(created.code).toBe(0);
  r.commit({}, 'base');
  r.git('checkout', '-q', '-b', 'pr');
  r.write({ 'app.env': `GITHUB_TOKEN=${accepted}\n# again\nGITHUB_TOKEN=${accepted}\nNEW_TOKEN=${added}\n` });
  // The pull request accepts its own key: the baseline, as the head has it, records both.
  const updated = runCli(['baseline', 'update', r.dir, '--output', join(r.dir, '.keysprawl-baseline.json')], { cwd: r.dir });
  expect(updated.code).toBe(0);
  r.commit({}, 'pr');
  return r;
}

function scanDiff(r: Repo): { code: number; report: Report; stderr: string } {
  const run = runCli(['scan', r.dir, '--diff', 'main', '--format', 'json'], { cwd: r.dir });
  return { code: run.code, report: JSON.parse(run.stdout) as Report, stderr: run.stderr };
}

describe('--diff reads the baseline at the base revision', () => {
  it('suppresses what the base accepted and fails on what only the head accepts', () => {
    const accepted = key(1801);
    const added = key(1802);
    const r = setUp(accepted, added);
    // Read as the head has it, the baseline accepts both keys: a working-tree scan passes.
    expect(runCli(['scan', r.dir, '--format', 'json'], { cwd: r.dir }).code).toBe(0);
    const { code, report } = scanDiff(r);
    expect(code).toBe(1);
    const byId = new Map(report.secrets.map((s) => [s.id, s]));
    // Suppressed by the base revision's baseline, which the justification names.
    expect(byId.get(secretId(accepted))?.suppressed).toEqual({ kind: 'external', justification: `baseline .keysprawl-baseline.json (at ${r.head('main').slice(0, 7)})` });
    expect(byId.get(secretId(added))).toBeDefined();
    expect(byId.get(secretId(added))?.suppressed).toBeUndefined();
  });

  it('ignores a baseline edited in the working tree, uncommitted', () => {
    const accepted = key(1803);
    const added = key(1804);
    const r = setUp(accepted, added);
    writeFileSync(join(r.dir, '.keysprawl-baseline.json'), '{ not a baseline');
    const { code, report } = scanDiff(r);
    expect(code).toBe(1);
    expect(report.secrets.find((s) => s.id === secretId(accepted))?.suppressed?.kind).toBe('external');
    expect(report.secrets.find((s) => s.id === secretId(added))?.suppressed).toBeUndefined();
  });

  it('a baseline the base config names but the base revision lacks: exit 2 naming it', () => {
    const r = new Repo();
    repos.push(r);
    r.commit({ 'README.md': 'hello\n', '.keysprawl.yaml': CONFIG }, 'base');
    r.git('checkout', '-q', '-b', 'pr');
    r.commit({ 'app.env': `GITHUB_TOKEN=${key(1805)}\n`, '.keysprawl-baseline.json': '{}\n' }, 'pr');
    const run = runCli(['scan', r.dir, '--diff', 'main', '--format', 'json'], { cwd: r.dir });
    expect(run.code).toBe(2);
    const base = r.head('main').slice(0, 7);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining(`baseline: .keysprawl-baseline.json is not in ${base} (the base revision)`)]);
    expect(run.stderr).not.toContain(key(1805));
  });
});
