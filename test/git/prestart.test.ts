// The git processes the launcher starts for `scan --staged` before the CLI loads
// (src/sources/git/prestart.ts): they give the CLI exactly what its own git would, hold their
// output until it is read, and are stopped when the scan does not use them.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changedFiles } from '../../src/sources/git/diff-source.js';
import { CatFileBatch } from '../../src/sources/git/cat-file.js';
import { disposePrestarted, offerPrestarted, prestartStaged, takePrestarted, type PrestartedGit } from '../../src/sources/git/prestart.js';
import { openRepo } from '../../src/sources/git/repo.js';
import { outputOf, startGit } from '../../src/sources/git/run-git.js';
import { runCli } from '../helpers/cli.js';
import { fakeKey, Repo } from './git-fixture.js';

const repos: Repo[] = [];
function stagedRepo(): Repo {
  const r = new Repo();
  repos.push(r);
  r.commit({ 'a.txt': 'a\n', 'sub/b.txt': 'b\n' });
  r.write({ 'a.txt': `a\nTOKEN=${fakeKey(51)}\n` });
  r.git('add', '.');
  return r;
}
afterAll(() => {
  for (const r of repos) r.cleanup();
});

const exited = (p: PrestartedGit): Promise<void> =>
  new Promise((resolve) => {
    if (p.catFile.exited()) resolve();
    else p.catFile.child.on('exit', () => resolve());
  });

describe('prestarted git for scan --staged', () => {
  it('starts only for scan --staged, on a POSIX shell', () => {
    expect(prestartStaged(['scan', '.'])).toBeUndefined();
    expect(prestartStaged(['history', '--staged'])).toBeUndefined();
    if (process.platform === 'win32') return;
    const r = stagedRepo();
    const p = prestartStaged(['scan', '--staged', '-q'], r.dir)!;
    expect(p.dir).toBe(r.dir);
    p.stop();
  });

  it.skipIf(process.platform === 'win32')('answers as the CLI\'s own git would: the repository, the index\'s diff, the staged blob', async () => {
    const r = stagedRepo();
    const p = prestartStaged(['scan', '--staged'], r.dir)!;
    offerPrestarted(p);
    const taken = takePrestarted(r.dir)!;
    expect(taken).toBe(p);
    expect(await openRepo(r.dir, { head: false, facts: taken.facts })).toEqual(await openRepo(r.dir, { head: false }));
    const files = await changedFiles(r.dir, { kind: 'staged' }, taken.diff);
    expect(files).toEqual(await changedFiles(r.dir, { kind: 'staged' }));
    const reader = new CatFileBatch(r.dir, 1 << 20, taken.catFile);
    const blob = await reader.read(files[0].blob);
    reader.close();
    expect(blob.status === 'ok' && blob.bytes.toString()).toBe(r.git('show', ':a.txt'));
    await exited(p);
  });

  it.skipIf(process.platform === 'win32')('stops all three when the scan starts elsewhere, or never takes them', async () => {
    const r = stagedRepo();
    const elsewhere = prestartStaged(['scan', '--staged', 'sub'], r.dir)!;
    offerPrestarted(elsewhere);
    expect(takePrestarted(join(r.dir, 'sub'))).toBeUndefined();
    await exited(elsewhere);
    await expect(elsewhere.facts.closed).resolves.not.toBe(0);
    const untaken = prestartStaged(['scan', '--staged', '--help'], r.dir)!;
    offerPrestarted(untaken);
    disposePrestarted();
    await exited(untaken);
    expect(takePrestarted(r.dir)).toBeUndefined();
  });

  it.skipIf(process.platform === 'win32')('outside a repository: the same one-line failure as without it', async () => {
    const r = new Repo(join(stagedRepo().dir, '..', `not-a-repo-${process.pid}`));
    mkdirSync(r.dir, { recursive: true });
    repos.push(r);
    const p = prestartStaged(['scan', '--staged'], r.dir)!;
    offerPrestarted(p);
    const taken = takePrestarted(r.dir)!;
    const given = await openRepo(r.dir, { facts: taken.facts }).catch((e: Error) => e.message);
    const own = await openRepo(r.dir).catch((e: Error) => e.message);
    expect(given).toMatch(/not a git repository/);
    expect(given).toBe(own);
    taken.stop();
    await exited(p);
  });
});

describe('a git started before it is read', () => {
  it('keeps every byte of its output until read, even after it has exited', async () => {
    const r = stagedRepo();
    const git = startGit(r.dir, ['log', '--format=%H%n%an', 'HEAD']);
    await git.closed; // exited, its output ended: nothing was read yet
    expect(git.done()).toBe(true);
    expect(await outputOf(git)).toBe(r.git('log', '--format=%H%n%an', 'HEAD'));
  });

  it('gives all of an output larger than its hold, in order (git waits while the hold is full)', async () => {
    const r = stagedRepo();
    const lines = Array.from({ length: 120_000 }, (_, i) => `line ${i} ${'x'.repeat(20)}`).join('\n');
    r.write({ 'big.txt': `${lines}\n` });
    r.git('add', '.');
    const git = startGit(r.dir, ['show', ':big.txt']);
    expect(await outputOf(git)).toBe(`${lines}\n`);
  });
});

describe('scan --staged through the launcher (built CLI)', () => {
  // A change larger than the prestart's hold, and the runs with and without it: the same report.
  it.skipIf(process.platform === 'win32')('reports the same with and without the prestart, from the top level and a subfolder', () => {
    const r = stagedRepo();
    const filler = Array.from({ length: 60_000 }, (_, i) => `value_${i} = ${i}`).join('\n');
    r.write({ 'sub/big.cfg': `${filler}\nTOKEN=${fakeKey(52)}\n` });
    r.git('add', '.');
    const args = ['scan', '--staged', '--no-config', '--format', 'json', '--fail-on', 'none'];
    const report = (cwd: string, env: NodeJS.ProcessEnv = {}) => {
      const res = runCli(args, { cwd, env });
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      const json = JSON.parse(res.stdout) as { secrets: Array<{ id: string; occurrences: Array<{ origin: { path: string }; line: number }> }> };
      return json.secrets.map((s) => [s.id, s.occurrences.map((o) => `${o.origin.path}:${o.line}`)]);
    };
    const top = report(r.dir);
    expect(top.flatMap(([, at]) => at).sort()).toEqual(['a.txt:2', 'sub/big.cfg:60001']);
    expect(report(r.dir, { KEYSPRAWL_NO_PRESTART: '1' })).toEqual(top);
    expect(report(join(r.dir, 'sub'))).toEqual(top);
    expect(report(join(r.dir, 'sub'), { KEYSPRAWL_NO_PRESTART: '1' })).toEqual(top);
  });

  it.skipIf(process.platform === 'win32')('says git is missing in the same one line with and without the prestart', () => {
    const r = stagedRepo();
    const env = { PATH: join(r.dir, 'no-such-bin') };
    const own = runCli(['scan', '--staged'], { cwd: r.dir, env: { ...env, KEYSPRAWL_NO_PRESTART: '1' } });
    const given = runCli(['scan', '--staged'], { cwd: r.dir, env });
    expect(own.stderr).toMatch(/git is not installed or not on PATH/);
    expect(given.stderr).toBe(own.stderr);
    expect(given.code).toBe(2);
  });
});
