// --history on real repositories: unique blobs scanned once, findings mapped to the commit
// that introduced them, presentAtHead, branches, renames, narrowing, shallow clones.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeKey, Repo, scanGit, scanTree } from './git-fixture.js';

const repos: Repo[] = [];
function repo(): Repo {
  const r = new Repo();
  repos.push(r);
  return r;
}
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

describe('scan --history', () => {
  it('finds a key added then removed, at the commit that added it, not present at HEAD', async () => {
    const r = repo();
    const key = fakeKey(1);
    const added = r.commit({ 'app/config.py': `import os\nAPI_TOKEN = "${key}"\n` }, 'add config');
    r.commit({ 'README.md': '# app\n' }, 'docs');
    const removed = r.commit({ 'app/config.py': 'import os\nAPI_TOKEN = os.environ["API_TOKEN"]\n' }, 'use env');

    expect((await scanTree(r.dir)).secrets).toHaveLength(0);
    const { result } = await scanGit(r.dir, { history: true });
    expect(result.secrets).toHaveLength(1);
    const s = result.secrets[0];
    expect(s.occurrences).toHaveLength(1);
    const o = s.occurrences[0];
    expect(o.origin).toMatchObject({ kind: 'git', path: 'app/config.py', commit: added, author: 'Test Author <author@example.test>', presentAtHead: false });
    expect(o.origin.date).toBe('2024-01-01T00:01:00+00:00');
    expect(o.line).toBe(2);
    expect(o.properties?.removedIn).toBe(removed);
    expect(s.factors.some((f) => f.factor === 'exposure.history-only')).toBe(true);
    expect(result.root).toBe(r.dir);
    expect(JSON.stringify(result)).not.toContain(key);
  });

  it('reads a file unchanged across 500 commits once (fast-import history)', async () => {
    const r = repo();
    const key = fakeKey(2);
    const lines: string[] = [];
    const data = (s: string) => `data ${Buffer.byteLength(s)}\n${s}\n`;
    for (let i = 1; i <= 500; i++) {
      const when = 1704067200 + i * 60;
      lines.push('commit refs/heads/main', `mark :${i}`, `author A <a@example.test> ${when} +0000`, `committer A <a@example.test> ${when} +0000`, data(`commit ${i}`).trimEnd());
      if (i > 1) lines.push(`from :${i - 1}`);
      if (i === 1) lines.push('M 100644 inline .env', data(`TOKEN=${key}\n`).trimEnd(), 'M 100644 inline README.md', data('# readme\n').trimEnd());
      lines.push('M 100644 inline counter.txt', data(`${i}\n`).trimEnd());
    }
    execFileSync('git', ['fast-import', '--quiet'], { cwd: r.dir, input: `${lines.join('\n')}\n` });
    r.git('reset', '-q', '--hard', 'main');

    const { result } = await scanGit(r.dir, { history: true });
    // 500 versions of counter.txt + .env + README.md, not 1,500 file copies.
    expect(result.stats.blobsScanned).toBe(502);
    expect(result.stats.filesScanned).toBe(502);
    expect(result.secrets).toHaveLength(1);
    const o = result.secrets[0].occurrences;
    expect(o).toHaveLength(1);
    expect(o[0].origin).toMatchObject({ path: '.env', commit: r.head('main~499'), presentAtHead: true, author: 'A <a@example.test>' });
  });

  it('names the removal on HEAD\'s history, not a newer one on a branch HEAD never merged', async () => {
    const r = repo();
    const key = fakeKey(5);
    const added = r.commit({ 'app/config.py': `TOKEN = "${key}"\n` }, 'add config');
    const removed = r.commit({ 'app/config.py': 'TOKEN = None\n' }, 'remove the key on main');
    r.git('checkout', '-q', '-b', 'side', added);
    const sideRemoval = r.commit({ 'app/config.py': 'TOKEN = load()\n' }, 'a later removal, on an unmerged branch');
    r.git('checkout', '-q', 'main');

    const { result } = await scanGit(r.dir, { history: true });
    expect(result.secrets).toHaveLength(1);
    const [o] = result.secrets[0].occurrences;
    expect(o.origin).toMatchObject({ commit: added, presentAtHead: false });
    expect(sideRemoval).not.toBe(removed);
    expect(o.properties?.removedIn).toBe(removed);
  });

  it('finds a key that only exists on a branch, and --branch narrows the walk', async () => {
    const r = repo();
    const key = fakeKey(3);
    r.commit({ 'main.txt': 'hello\n' }, 'base');
    r.git('checkout', '-q', '-b', 'feature');
    const onBranch = r.commit({ 'agent/mcp.json': `{"env": {"TOKEN": "${key}"}}\n` }, 'wip');
    r.git('checkout', '-q', 'main');
    r.commit({ 'main.txt': 'hello again\n' }, 'main moves on');

    const all = await scanGit(r.dir, { history: true });
    expect(all.result.secrets).toHaveLength(1);
    expect(all.result.secrets[0].occurrences[0].origin).toMatchObject({ commit: onBranch, path: 'agent/mcp.json', presentAtHead: false });
    // Never on HEAD's history, so there is no commit that removed it.
    expect(all.result.secrets[0].occurrences[0].properties?.removedIn).toBeUndefined();

    expect((await scanGit(r.dir, { history: true, branch: ['main'] })).result.secrets).toHaveLength(0);
    expect((await scanGit(r.dir, { history: true, branch: ['feature'] })).result.secrets).toHaveLength(1);
  });

  it('follows a pure rename: one occurrence at the new path, introduced by the original commit', async () => {
    const r = repo();
    const key = fakeKey(4);
    const first = r.commit({ 'config/app.env': `TOKEN=${key}\n` }, 'add');
    r.git('mv', 'config/app.env', 'settings.env');
    r.commit({}, 'rename');

    const { result } = await scanGit(r.dir, { history: true });
    expect(result.secrets).toHaveLength(1);
    const occ = result.secrets[0].occurrences;
    expect(occ).toHaveLength(1);
    expect(occ[0].origin).toMatchObject({ path: 'settings.env', commit: first, presentAtHead: true });
    expect(occ[0].properties?.renamedFrom).toBe('config/app.env');
    // A rename is not spread: the key is in one file.
    expect(result.secrets[0].factors.some((f) => f.factor === 'spread.files')).toBe(false);
  });

  it('collapses versions of one file holding the same key into one occurrence at its HEAD line', async () => {
    const r = repo();
    const key = fakeKey(5);
    const first = r.commit({ 'app.py': `TOKEN = "${key}"\n` }, 'v1');
    r.commit({ 'app.py': `# header\nTOKEN = "${key}"\n` }, 'v2');
    r.commit({ 'app.py': `# header\n\nTOKEN = "${key}"\n`, 'copy.py': `T = "${key}"\n` }, 'v3');

    const { result } = await scanGit(r.dir, { history: true });
    expect(result.secrets).toHaveLength(1);
    const byPath = Object.fromEntries(result.secrets[0].occurrences.map((o) => [o.origin.path, o]));
    expect(Object.keys(byPath).sort()).toEqual(['app.py', 'copy.py']);
    expect(byPath['app.py'].origin.commit).toBe(first);
    expect(byPath['app.py'].line).toBe(3);
    expect(byPath['app.py'].properties?.versions).toBe(3);
    expect(byPath['copy.py'].origin.commit).toBe(r.head());
  });

  it('names the first commit even when later versions keep the key on the same line', async () => {
    const r = repo();
    const key = fakeKey(10);
    r.commit({ 'a.py': 'x = 1\n' }, 'before');
    const first = r.commit({ 'a.py': `TOKEN = "${key}"\n` }, 'add key');
    for (let i = 0; i < 4; i++) r.commit({ 'a.py': `TOKEN = "${key}"\n${'y = 2\n'.repeat(i + 1)}` }, `edit ${i}`);

    const { result } = await scanGit(r.dir, { history: true });
    const occ = result.secrets[0].occurrences;
    expect(occ).toHaveLength(1);
    expect(occ[0].origin.commit).toBe(first);
    expect(occ[0].properties?.versions).toBe(5);
  });

  it('attributes a key written while resolving a merge conflict to the merge commit', async () => {
    const r = repo();
    const key = fakeKey(12);
    r.commit({ 'x.env': 'A=base\n' }, 'base');
    r.git('checkout', '-q', '-b', 'side');
    r.commit({ 'x.env': 'A=side\n' }, 'side');
    r.git('checkout', '-q', 'main');
    r.commit({ 'x.env': 'A=main\n' }, 'main');
    try {
      r.git('merge', '-q', 'side');
    } catch {
      // the conflict is the point: resolve it with a key
    }
    const merge = r.commit({ 'x.env': `A=${key}\n` }, 'merge side');
    expect(r.git('rev-list', '--parents', '-n', '1', 'HEAD').trim().split(' ')).toHaveLength(3);

    const { result } = await scanGit(r.dir, { history: true });
    expect(result.secrets).toHaveLength(1);
    expect(result.secrets[0].occurrences[0].origin).toMatchObject({ path: 'x.env', commit: merge, presentAtHead: true });
  });

  it('--max-count narrows the walk but still names the commit that first added a key', async () => {
    const r = repo();
    const old = fakeKey(6);
    const kept = fakeKey(7);
    const first = r.commit({ 'a.env': `OLD=${old}\n`, 'b.env': `KEEP=${kept}\n` }, 'one');
    r.commit({ 'a.env': 'OLD=\n' }, 'two');
    r.commit({ 'c.txt': 'x\n' }, 'three');

    const { result } = await scanGit(r.dir, { history: true, maxCount: '1' });
    expect(result.secrets).toHaveLength(1);
    expect(result.secrets[0].occurrences[0].origin).toMatchObject({ path: 'b.env', commit: first, presentAtHead: true });
    const since = await scanGit(r.dir, { history: true, since: '2024-01-01T00:02:30Z' });
    expect(since.result.secrets.map((s) => s.occurrences[0].origin.path)).toEqual(['b.env']);
  });

  it('warns about a shallow clone and scans the history it has', async () => {
    const src = repo();
    const gone = fakeKey(8);
    const here = fakeKey(9);
    src.commit({ 'old.env': `A=${gone}\n` }, 'one');
    src.commit({ 'old.env': null, 'new.env': `B=${here}\n` }, 'two');
    const dir = join(mkdtempSync(join(tmpdir(), 'keysprawl-shallow-')), 'clone');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${src.dir}`, dir]);
    const clone = new Repo(dir);
    repos.push(clone);

    const { result, warnings } = await scanGit(clone.dir, { history: true });
    expect(warnings.some((w) => /shallow clone/.test(w) && /git fetch --unshallow/.test(w))).toBe(true);
    expect(result.secrets).toHaveLength(1);
    expect(result.secrets[0].occurrences[0].origin).toMatchObject({ path: 'new.env', presentAtHead: true, commit: clone.head() });
  });
});
