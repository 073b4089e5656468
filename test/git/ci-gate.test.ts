// The CI gate as CI runs it: examples/ci/keysprawl-ci.sh (which action.yml runs) in a shallow
// clone of a pull request's merge commit, like actions/checkout makes; the whole-tree scan of a
// push; the GitLab secret-detection converter; and the action/template wiring.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fakeGithubToken, prng } from '../../src/rules/fake.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { validateSarif } from '../helpers/sarif-schema.js';
import { Repo } from './git-fixture.js';

const SCRIPT = join(REPO_ROOT, 'examples', 'ci', 'keysprawl-ci.sh');
const CONVERTER = join(REPO_ROOT, 'examples', 'ci', 'gitlab-secret-detection.mjs');
const onMain = fakeGithubToken('ghp_', prng(61));
const inPr = fakeGithubToken('ghp_', prng(62));

let origin: Repo;
let clone: Repo;
let base: string;
let out: string;

beforeAll(() => {
  origin = new Repo();
  origin.commit({ 'legacy/deploy.sh': `export GITHUB_TOKEN=${onMain}\n`, 'app.py': 'print("hi")\n' }, 'base');
  base = origin.head();
  origin.git('checkout', '-q', '-b', 'feature');
  origin.commit({ 'app.py': `print("hi")\nTOKEN = "${inPr}"\n` }, 'pr work');
  // GitHub checks out refs/pull/N/merge: the pull request merged onto its base.
  origin.git('checkout', '-q', 'main');
  origin.git('merge', '-q', '--no-ff', '--no-edit', 'feature');
  origin.git('update-ref', 'refs/pull/1/merge', 'HEAD');
  origin.git('reset', '-q', '--hard', base);
  const dir = join(mkdtempSync(join(tmpdir(), 'keysprawl-gh-')), 'checkout');
  execFileSync('git', ['init', '-q', dir]);
  clone = new Repo(dir);
  clone.git('remote', 'add', 'origin', `file://${origin.dir}`);
  clone.git('fetch', '-q', '--depth=1', 'origin', '+refs/pull/1/merge:refs/remotes/pull/1/merge');
  clone.git('checkout', '-q', 'refs/remotes/pull/1/merge');
  out = mkdtempSync(join(tmpdir(), 'keysprawl-gate-'));
});
afterAll(() => {
  origin.cleanup();
  clone.cleanup();
});

function gate(env: Record<string, string>): { status: number; stdout: string; stderr: string } {
  const res = spawnSync('bash', [SCRIPT], {
    cwd: clone.dir,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', FORCE_COLOR: '0', KEYSPRAWL_JS: join(REPO_ROOT, 'bin', 'keysprawl.js'), KEYSPRAWL_ARGS: '--no-config', ...env },
  });
  return { status: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}

const sarifUris = (file: string): string[] =>
  JSON.parse(readFileSync(file, 'utf8')).runs[0].results.map((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => r.locations[0].physicalLocation.artifactLocation.uri);

describe('CI gate (examples/ci/keysprawl-ci.sh, run by action.yml)', () => {
  it('on a pull request in a depth-1 clone: fetches the base, reports only added lines, writes valid SARIF', () => {
    const sarif = join(out, 'pr.sarif');
    const r = gate({ KEYSPRAWL_BASE: base, KEYSPRAWL_FAIL_ON: 'low', KEYSPRAWL_SARIF: sarif });
    expect(r.stderr).toMatch(/scanning the lines added since/);
    // The merge commit's parents are not in a depth-1 clone: the base is compared directly.
    expect(r.stderr).toMatch(/no merge base .* comparing [0-9a-f]+\.\.HEAD directly/);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/app\.py:2/);
    expect(r.stdout).not.toMatch(/legacy\/deploy\.sh/);
    const log = JSON.parse(readFileSync(sarif, 'utf8'));
    expect(validateSarif(log)).toEqual([]);
    expect(sarifUris(sarif)).toEqual(['app.py']);
    expect(`${r.stdout}${r.stderr}${readFileSync(sarif, 'utf8')}`).not.toContain(inPr);
  });

  it('passes the job when nothing reaches fail-on, still writing the SARIF', () => {
    const sarif = join(out, 'pass.sarif');
    const r = gate({ KEYSPRAWL_BASE: base, KEYSPRAWL_FAIL_ON: 'critical', KEYSPRAWL_SARIF: sarif });
    expect(r.status).toBe(0);
    expect(sarifUris(sarif)).toEqual(['app.py']);
  });

  it('on a push (no base): scans the whole tree', () => {
    const sarif = join(out, 'push.sarif');
    const r = gate({ KEYSPRAWL_FAIL_ON: 'low', KEYSPRAWL_SARIF: sarif });
    expect(r.stderr).toMatch(/scanning the whole tree/);
    expect(r.status).toBe(1);
    expect(sarifUris(sarif).sort()).toEqual(['app.py', 'legacy/deploy.sh']);
  });

  it('action.yml runs the script with the pull request base and the documented inputs', () => {
    const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8'));
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['fail-on', 'sarif-file', 'path', 'base', 'args']));
    const scanStep = action.runs.steps.find((s: { run?: string }) => s.run?.includes('keysprawl-ci.sh'));
    expect(scanStep.run).toContain('$GITHUB_ACTION_PATH/examples/ci/keysprawl-ci.sh');
    expect(scanStep.env.KEYSPRAWL_BASE).toContain('github.event.pull_request.base.sha');
    expect(scanStep.env.KEYSPRAWL_FAIL_ON).toBe('${{ inputs.fail-on }}');
    for (const name of Object.keys(scanStep.env)) expect(readFileSync(SCRIPT, 'utf8')).toContain(name);
  });
});

describe('GitLab template and secret-detection report', () => {
  it('converts a JSON report into a GitLab secret-detection report', () => {
    const json = join(out, 'r.json');
    const gl = join(out, 'gl.json');
    const res = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'keysprawl.js'), 'scan', '.', '--no-config', '--diff', `${base}..HEAD`, '-f', 'json', '-o', json], { cwd: clone.dir, encoding: 'utf8' });
    expect(res.status).toBe(1);
    execFileSync(process.execPath, [CONVERTER, json, gl], { env: { ...process.env, CI_COMMIT_SHA: clone.head() } });
    const report = JSON.parse(readFileSync(gl, 'utf8'));
    expect(report.version).toMatch(/^15\./);
    expect(report.scan).toMatchObject({ type: 'secret_detection', status: 'success', analyzer: { id: 'keysprawl' } });
    expect(report.scan.start_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    expect(report.vulnerabilities).toHaveLength(1);
    const v = report.vulnerabilities[0];
    expect(v).toMatchObject({ category: 'secret_detection', severity: expect.stringMatching(/^(Critical|High|Medium|Low)$/) });
    expect(v.location).toMatchObject({ file: 'app.py', start_line: 2 });
    expect(v.location.commit.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(v.identifiers[0].value).toMatch(/^github-/);
    expect(readFileSync(gl, 'utf8')).not.toContain(inPr);
    // A second run gives the same vulnerability id (GitLab tracks findings across pipelines by it).
    execFileSync(process.execPath, [CONVERTER, json, `${gl}.2`]);
    expect(JSON.parse(readFileSync(`${gl}.2`, 'utf8')).vulnerabilities[0].id).toBe(v.id);
  });

  it('the template keeps the SARIF, JSON and secret-detection artifacts and ships the converter it calls', () => {
    const tpl = parse(readFileSync(join(REPO_ROOT, 'ci', 'gitlab', 'keysprawl.gitlab-ci.yml'), 'utf8'));
    const job = tpl.keysprawl;
    expect(job.artifacts.when).toBe('always');
    expect(job.artifacts.paths).toEqual(expect.arrayContaining(['gl-keysprawl.sarif', 'keysprawl.json']));
    expect(job.artifacts.reports.secret_detection).toBe('gl-secret-detection-report.json');
    const script = job.script.join('\n');
    expect(script).toContain('CI_MERGE_REQUEST_DIFF_BASE_SHA');
    expect(script).toContain('keysprawl/examples/ci/gitlab-secret-detection.mjs');
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(pkg.files).toContain('examples/ci');
    expect(existsSync(CONVERTER)).toBe(true);
  });
});
