// The real pre-commit framework (https://pre-commit.com) running this repository's
// .pre-commit-hooks.yaml: pre-commit clones this checkout at its HEAD commit, installs it as a
// node package (npm install + build + npm pack, which needs the npm registry the first time),
// and runs `keysprawl scan --staged` on each commit. A commit adding a key is blocked with a
// readable report; a clean commit goes through.
//
// .ci/run installs the Debian `pre-commit` package and sets KEYSPRAWL_REQUIRE_REAL=1; without the
// package a local run skips this test in one visible line (test/helpers/real-component.ts). PRE_COMMIT_HOME is kept in node_modules/.cache so a second local
// run reuses the installed environment. KEYSPRAWL_PRE_COMMIT_REPO points pre-commit at another
// clone (its HEAD is used): handy locally when this checkout's HEAD is mid-change.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeGithubToken, prng } from '../../src/rules/fake.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { realComponent } from '../helpers/real-component.js';
import { Repo } from './git-fixture.js';

const preCommit = realComponent('pre-commit', 'apt-get install pre-commit', 'pre-commit');
const hookRepo = process.env.KEYSPRAWL_PRE_COMMIT_REPO ?? REPO_ROOT;
const preCommitHome = join(REPO_ROOT, 'node_modules', '.cache', 'keysprawl-pre-commit');

const repos: Repo[] = [];
afterAll(() => {
  for (const r of repos) r.cleanup();
});

function commit(r: Repo, message: string): { status: number; output: string } {
  const res = spawnSync('git', ['commit', '-m', message], {
    cwd: r.dir,
    encoding: 'utf8',
    env: { ...process.env, PRE_COMMIT_HOME: preCommitHome, PRE_COMMIT_COLOR: 'never', FORCE_COLOR: '0' },
    timeout: 540_000,
  });
  return { status: res.status ?? -1, output: `${res.stdout}${res.stderr}` };
}

describe.skipIf(preCommit.skip)('pre-commit framework (.pre-commit-hooks.yaml)', () => {
  it('blocks a commit that adds a key with a readable report and lets a clean commit through', { timeout: 600_000 }, () => {
    preCommit.assertPresent();
    const rev = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: hookRepo, encoding: 'utf8' }).trim();
    mkdirSync(preCommitHome, { recursive: true });
    const r = new Repo();
    repos.push(r);
    r.write({ '.pre-commit-config.yaml': `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: keysprawl\n      - id: keysprawl-files\n` });
    execFileSync('pre-commit', ['install'], { cwd: r.dir, env: { ...process.env, PRE_COMMIT_HOME: preCommitHome } });

    // The first commit installs the hook environment (clone, npm install, build, pack).
    r.write({ 'app.py': 'import os\nTOKEN = os.environ["GITHUB_TOKEN"]\n' });
    r.git('add', '-A');
    const clean = commit(r, 'clean');
    expect(clean.output).toMatch(/keysprawl \(secrets in staged changes\)\.+Passed/);
    expect(clean.output).toMatch(/keysprawl \(secrets in files\)\.+Passed/);
    expect(clean.status).toBe(0);

    const token = fakeGithubToken('ghp_', prng(51));
    writeFileSync(join(r.dir, 'app.py'), `import os\nTOKEN = os.environ["GITHUB_TOKEN"]\nFALLBACK = "${token}"\n`);
    r.git('add', 'app.py');
    const before = r.head();
    const blocked = commit(r, 'add fallback');
    expect(blocked.status).not.toBe(0);
    expect(blocked.output).toMatch(/keysprawl \(secrets in staged changes\)\.+Failed/);
    expect(blocked.output).toMatch(/keysprawl \(secrets in files\)\.+Failed/);
    expect(blocked.output).toMatch(/app\.py:3:\d+\s+github-/);
    expect(blocked.output).toMatch(/1 finding/);
    expect(blocked.output).not.toContain(token);
    expect(r.head()).toBe(before);
  });
});
