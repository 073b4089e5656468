// `keysprawl hook install|uninstall` on real repositories: the installed hook blocks a commit
// that adds a key (with the shipped rules and a checksum-valid fake GitHub token), lets a
// clean commit through, and never clobbers a hook it did not write.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeGithubToken, prng } from '../../src/rules/fake.js';
import { runCli } from '../helpers/cli.js';
import { Repo } from './git-fixture.js';

const repos: Repo[] = [];
function repo(): Repo {
  const r = new Repo();
  repos.push(r);
  r.commit({ 'README.md': '# demo\n' }, 'init');
  return r;
}
afterAll(() => {
  for (const r of repos) r.cleanup();
});

/** `git commit` as a user runs it: the hook's output and exit status. */
function commit(r: Repo, ...args: string[]): { status: number; output: string } {
  const res = spawnSync('git', ['commit', '-q', ...args], { cwd: r.dir, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { status: res.status ?? -1, output: `${res.stdout}${res.stderr}` };
}

const hookFile = (r: Repo) => join(r.dir, '.git', 'hooks', 'pre-commit');

describe('keysprawl hook', () => {
  it('installs a pre-commit hook that blocks a commit adding a key and passes a clean one', () => {
    const r = repo();
    const inst = runCli(['hook', 'install'], { cwd: r.dir });
    expect(inst.code).toBe(0);
    expect(inst.stdout).toMatch(/installed .*pre-commit/);
    expect(statSync(hookFile(r)).mode & 0o111).not.toBe(0);

    const token = fakeGithubToken('ghp_', prng(41));
    r.write({ 'ci/deploy.sh': `#!/bin/sh\nexport GITHUB_TOKEN=${token}\n` });
    r.git('add', 'ci/deploy.sh');
    const before = r.head();
    const blocked = commit(r, '-m', 'add deploy script');
    expect(blocked.status).not.toBe(0);
    expect(blocked.output).toMatch(/ci\/deploy\.sh:2/);
    expect(blocked.output).toMatch(/commit blocked/);
    expect(blocked.output).not.toContain(token);
    expect(r.head()).toBe(before);

    r.write({ 'ci/deploy.sh': '#!/bin/sh\nexport GITHUB_TOKEN="$DEPLOY_TOKEN"\n' });
    r.git('add', 'ci/deploy.sh');
    const clean = commit(r, '-m', 'add deploy script');
    expect(clean.status).toBe(0);
    expect(r.head()).not.toBe(before);
  });

  it('checks what `git commit -a` is about to commit (a temporary index)', () => {
    const r = repo();
    expect(runCli(['hook', 'install', r.dir]).code).toBe(0);
    writeFileSync(join(r.dir, 'README.md'), `# demo\ntoken: ${fakeGithubToken('ghp_', prng(42))}\n`);
    expect(commit(r, '-a', '-m', 'oops').status).not.toBe(0);
  });

  it('refuses to replace a foreign hook unless --force, and uninstall restores it', () => {
    const r = repo();
    const foreign = '#!/bin/sh\necho my own hook\n';
    writeFileSync(hookFile(r), foreign, { mode: 0o755 });
    const refused = runCli(['hook', 'install'], { cwd: r.dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/did not write .*--force/);
    expect(readFileSync(hookFile(r), 'utf8')).toBe(foreign);

    expect(runCli(['hook', 'install', '--force'], { cwd: r.dir }).code).toBe(0);
    expect(readFileSync(`${hookFile(r)}.keysprawl-backup`, 'utf8')).toBe(foreign);
    expect(readFileSync(hookFile(r), 'utf8')).toMatch(/keysprawl-hook: v1/);
    // Installing again over our own hook is an update, not a clobber.
    expect(runCli(['hook', 'install'], { cwd: r.dir }).stdout).toMatch(/updated/);

    const un = runCli(['hook', 'uninstall'], { cwd: r.dir });
    expect(un.code).toBe(0);
    expect(un.stdout).toMatch(/restored/);
    expect(readFileSync(hookFile(r), 'utf8')).toBe(foreign);
    expect(existsSync(`${hookFile(r)}.keysprawl-backup`)).toBe(false);
    // Uninstall leaves a hook it did not write alone.
    expect(runCli(['hook', 'uninstall'], { cwd: r.dir }).code).toBe(2);
  });

  it('prints snippets for husky and lefthook instead of writing a hook', () => {
    const r = repo();
    const husky = runCli(['hook', 'install', '--husky'], { cwd: r.dir });
    expect(husky.code).toBe(0);
    expect(husky.stdout).toMatch(/\.husky\/pre-commit[\s\S]*keysprawl scan --staged/);
    const lefthook = runCli(['hook', 'install', '--lefthook'], { cwd: r.dir });
    expect(lefthook.stdout).toMatch(/pre-commit:\n\s+commands:\n\s+keysprawl:\n\s+run: .*keysprawl scan --staged/);
    expect(existsSync(hookFile(r))).toBe(false);
    expect(runCli(['hook', 'uninstall'], { cwd: r.dir }).stdout).toMatch(/nothing to remove/);
  });
});
