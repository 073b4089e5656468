// --staged and --diff on real repositories: only added lines are reported, the index (not the
// working tree) is what --staged reads, and a pull request's range is taken from the merge base.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRange } from '../../src/cli/git-options.js';
import { addedLinesPerFile } from '../../src/sources/git/diff-source.js';
import { fakeKey, Repo, scanGit } from './git-fixture.js';

const repos: Repo[] = [];
function repo(): Repo {
  const r = new Repo();
  repos.push(r);
  return r;
}
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

const paths = (r: Awaited<ReturnType<typeof scanGit>>) => r.result.secrets.flatMap((s) => s.occurrences.map((o) => `${o.origin.path}:${o.line}`)).sort();

describe('scan --staged', () => {
  it('reports only added lines of the staged version, not unstaged edits or old lines', async () => {
    const r = repo();
    const old = fakeKey(11);
    r.commit({ 'app.env': `OLD=${old}\n` }, 'base');
    const staged = fakeKey(12);
    const unstaged = fakeKey(13);
    r.write({ 'app.env': `OLD=${old}\nNEW=${staged}\n`, 'notes.txt': 'nothing\n' });
    r.git('add', 'app.env', 'notes.txt');
    // Edited after staging: the working tree differs from what will be committed.
    r.write({ 'app.env': `OLD=${old}\nNEW=${staged}\nLATER=${unstaged}\n`, 'other.env': `X=${unstaged}\n` });

    const scan = await scanGit(r.dir, { staged: true });
    expect(paths(scan)).toEqual(['app.env:2']);
    const o = scan.result.secrets[0].occurrences[0];
    expect(o.origin.kind).toBe('staged');
    expect(o.origin.presentAtHead).toBeUndefined();
    expect(scan.result.stats.blobsScanned).toBe(2);
  });

  it('works before the first commit and ignores staged deletions', async () => {
    const r = repo();
    const key = fakeKey(14);
    r.write({ 'first.env': `K=${key}\n` });
    r.git('add', 'first.env');
    expect(paths(await scanGit(r.dir, { staged: true }))).toEqual(['first.env:1']);
    r.git('commit', '-q', '-m', 'one');
    r.git('rm', '-q', 'first.env');
    expect(paths(await scanGit(r.dir, { staged: true }))).toEqual([]);
  });

  it('reports nothing for a staged pure rename, and only the edits of a moved-and-edited file', async () => {
    const r = repo();
    const a = fakeKey(15);
    const b = fakeKey(16);
    r.commit({ 'one.env': `A=${a}\nfiller line one\nfiller line two\nfiller line three\n` }, 'base');
    r.git('mv', 'one.env', 'two.env');
    expect(paths(await scanGit(r.dir, { staged: true }))).toEqual([]);
    r.write({ 'two.env': `A=${a}\nfiller line one\nfiller line two\nfiller line three\nB=${b}\n` });
    r.git('add', 'two.env');
    expect(paths(await scanGit(r.dir, { staged: true }))).toEqual(['two.env:5']);
  });
});

describe('scan --diff', () => {
  function prRepo() {
    const r = repo();
    const old = fakeKey(21);
    r.commit({ 'svc/config.py': `A = 1\nOLD = "${old}"\nB = 2\n` }, 'base');
    r.git('checkout', '-q', '-b', 'feature');
    const added = fakeKey(22);
    const prCommit = r.commit({ 'svc/config.py': `A = 1\nOLD = "${old}"\nNEW = "${added}"\n` }, 'feature work');
    r.git('checkout', '-q', 'main');
    const mainOnly = fakeKey(23);
    r.commit({ 'main.env': `M=${mainOnly}\n` }, 'main moves on');
    r.git('checkout', '-q', 'feature');
    return { r, prCommit };
  }

  it('reports only the lines a branch adds since its merge base, with the commit that added them', async () => {
    const { r, prCommit } = prRepo();
    const scan = await scanGit(r.dir, { diff: 'main' });
    expect(paths(scan)).toEqual(['svc/config.py:3']);
    expect(scan.result.secrets[0].occurrences[0].origin).toMatchObject({ kind: 'git', commit: prCommit, presentAtHead: true, author: 'Test Author <author@example.test>' });
    // Same range spelled out; a two-dot range compares the two commits directly.
    expect(paths(await scanGit(r.dir, { diff: 'main...feature' }))).toEqual(['svc/config.py:3']);
    expect(paths(await scanGit(r.dir, { diff: 'main..feature' }))).toEqual(['svc/config.py:3']);
    expect(paths(await scanGit(r.dir, { diff: 'feature..main' }))).toEqual(['main.env:1']);
  });

  it('explains an unknown base, and a base missing from a shallow clone (then works once fetched)', async () => {
    const { r } = prRepo();
    await expect(scanGit(r.dir, { diff: 'nope' })).rejects.toThrow(/nope: unknown revision/);
    const base = r.head('main~1');
    const dir = join(mkdtempSync(join(tmpdir(), 'keysprawl-ci-')), 'clone');
    execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', 'feature', `file://${r.dir}`, dir]);
    const clone = new Repo(dir);
    repos.push(clone);
    await expect(scanGit(clone.dir, { diff: base })).rejects.toThrow(/unknown revision \(this is a shallow clone: fetch the base first/);
    clone.git('fetch', '-q', '--depth', '1', 'origin', base);
    await expect(scanGit(clone.dir, { diff: base })).rejects.toThrow(/no common ancestor; this is a shallow clone/);
    expect(paths(await scanGit(clone.dir, { diff: `${base}..HEAD` }))).toEqual(['svc/config.py:3']);
  });
});

describe('diff parsing', () => {
  it('reads added line ranges from -U0 hunks, one set per file section', async () => {
    const patch = [
      'diff --git a/x b/x', '@@ -1,0 +1,2 @@', '+a', '+b', '@@ -5 +7 @@', '-c', '+d',
      'diff --git a/bin b/bin', 'Binary files a/bin and b/bin differ',
      'diff --git a/y b/y', '@@ -3,2 +2,0 @@', '-e', '-f',
    ];
    expect((await addedLinesPerFile(patch)).map((s) => [...s])).toEqual([[1, 2, 7], [], []]);
  });

  it('parses revision ranges the way git diff does', () => {
    expect(parseRange('origin/main')).toEqual({ base: 'origin/main', head: 'HEAD', viaMergeBase: true });
    expect(parseRange('a...b')).toEqual({ base: 'a', head: 'b', viaMergeBase: true });
    expect(parseRange('a..b')).toEqual({ base: 'a', head: 'b', viaMergeBase: false });
    expect(parseRange('a..')).toEqual({ base: 'a', head: 'HEAD', viaMergeBase: false });
  });
});
