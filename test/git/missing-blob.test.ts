// A blob missing from the object store under --history (a damaged repository, a blobless
// partial clone) is a counted skip that names the path it was committed at, not only its id,
// and nothing is fetched to find that path.
import { execFileSync } from 'node:child_process';
import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeKey, Repo, scanGit } from './git-fixture.js';

const repos: Repo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

function source(): Repo {
  const r = new Repo();
  repos.push(r);
  r.commit({ 'a.env': `TOKEN=${fakeKey(1)}\n` });
  r.commit({ 'config/b.env': `TOKEN=${fakeKey(2)}\n` });
  r.commit({ 'c.env': `TOKEN=${fakeKey(3)}\n`, 'config/b.env': `TOKEN=${fakeKey(4)}\n` });
  r.git('config', 'uploadpack.allowFilter', 'true');
  return r;
}

/** A full clone with every object loose, so one can be removed. */
function cloneWithout(src: Repo, path: string, rev: string): { clone: Repo; sha: string } {
  const clone = new Repo(join(src.dir, '..', `${src.dir.split('/').pop()}-clone`));
  repos.push(clone);
  execFileSync('git', ['clone', '-q', '--no-local', src.dir, clone.dir]);
  const packs = join(clone.dir, '.git', 'objects', 'pack');
  for (const p of readdirSync(packs).filter((f) => f.endsWith('.pack'))) {
    const moved = join(clone.dir, p);
    execFileSync('mv', [join(packs, p), moved]);
    execFileSync('sh', ['-c', `git unpack-objects -q < "${moved}"`], { cwd: clone.dir });
    unlinkSync(moved);
    unlinkSync(join(packs, p.replace(/\.pack$/, '.idx')));
  }
  const sha = clone.git('rev-parse', `${rev}:${path}`).trim();
  unlinkSync(join(clone.dir, '.git', 'objects', sha.slice(0, 2), sha.slice(2)));
  return { clone, sha };
}

describe('--history with missing blobs', () => {
  it('names the path of a missing blob in its skip, and scans the rest', async () => {
    const src = source();
    const { clone, sha } = cloneWithout(src, 'config/b.env', 'HEAD~1');
    const { result, warnings } = await scanGit(clone.dir, { history: true });
    expect(result.stats.skipped['missing-object']).toBe(1);
    const [item] = result.stats.skippedItems.filter((i) => i.reason === 'missing-object');
    expect(item.path).toBe('config/b.env');
    expect(item.message).toBe(`config/b.env (blob ${sha.slice(0, 7)}): not in the repository (a partial clone, or damaged), skipped; it was not fetched`);
    expect(warnings.filter((w) => /1 blob\(s\) are missing/.test(w))).toHaveLength(1);
    // The other three keys are found.
    expect(result.secrets).toHaveLength(3);
  });

  it('names the paths in a blobless partial clone without fetching a blob', async () => {
    const src = source();
    const dir = join(src.dir, '..', `${src.dir.split('/').pop()}-partial`);
    execFileSync('git', ['clone', '-q', '--filter=blob:none', '--no-checkout', `file://${src.dir}`, dir]);
    const partial = new Repo(dir);
    repos.push(partial);
    const before = partial.git('count-objects', '-v');
    const { result } = await scanGit(partial.dir, { history: true });
    expect(partial.git('count-objects', '-v')).toBe(before);
    const paths = result.stats.skippedItems.filter((i) => i.reason === 'missing-object').map((i) => i.path).sort();
    expect(paths).toEqual(['a.env', 'c.env', 'config/b.env', 'config/b.env']);
    expect(result.secrets).toHaveLength(0);
  });
});
