// A history scan's blobs are copied out of git cat-file's output chunks into pooled buffers
// (src/sources/blob-pool.ts) that come back once the scan releases a blob. The bytes must be
// git's whatever the chunking, and a buffer must never be handed out again while a blob holds it.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { BlobPool } from '../../src/sources/blob-pool.js';
import { CatFileBatch } from '../../src/sources/git/cat-file.js';
import { openRepo } from '../../src/sources/git/repo.js';
import { historyScanSource } from '../../src/sources/git/scan-source.js';
import { Repo } from './git-fixture.js';

/** Deterministic text of `size` bytes, different for each seed (lines of varying length). */
function text(seed: number, size: number): string {
  let out = '';
  let x = seed * 2654435761 + 1;
  while (out.length < size) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += `${seed}:${x.toString(36)}${x % 7 === 0 ? '\n' : ' '}`;
  }
  return out.slice(0, size);
}

// Sizes around the 4 KB class edges, pipe reads (64 KB) and the largest class (1 MB), and past it.
const SIZES = [0, 1, 100, 4095, 4096, 4097, 8192, 65535, 65536, 65537, 200_000, 1_048_575, 1_048_576, 1_048_577, 1_500_000];

let repo: Repo;
const files = new Map<string, string>(); // blob id → content
beforeAll(() => {
  repo = new Repo();
  const tree: Record<string, string> = {};
  SIZES.forEach((size, i) => (tree[`big/f${i}.txt`] = text(i + 1, size)));
  for (let i = 0; i < 300; i++) tree[`small/s${i}.txt`] = text(1000 + i, 10 + ((i * 37) % 3000));
  repo.commit(tree, 'files');
  repo.commit(Object.fromEntries(Object.entries(tree).filter((_, i) => i % 3 === 0).map(([p, c]) => [p, `${c}\nchanged\n`])), 'changes');
  for (const line of repo.git('rev-list', '--objects', '--filter=object:type=blob', '--all').split('\n')) {
    const [sha, path] = line.split(' ');
    if (path) files.set(sha, repo.git('cat-file', 'blob', sha));
  }
});
afterAll(() => repo.cleanup());

describe('the blob pool', () => {
  it('hands a released buffer out again, and never one still held', () => {
    const pool = new BlobPool();
    const held = Array.from({ length: 20 }, (_, i) => pool.take(1000 + i));
    held.forEach((l, i) => l.bytes.fill(i));
    const buffers = new Set(held.map((l) => l.bytes.buffer));
    expect(buffers.size).toBe(20);
    // Given back twice: still one buffer in the pool, not two leases of the same bytes.
    held[3].release();
    held[3].release();
    const a = pool.take(2000);
    const b = pool.take(2000);
    expect(a.bytes.buffer).toBe(held[3].bytes.buffer);
    expect(b.bytes.buffer).not.toBe(a.bytes.buffer);
    a.bytes.fill(0xaa);
    b.bytes.fill(0xbb);
    held.forEach((l, i) => {
      if (i !== 3) expect(l.bytes.every((x) => x === i)).toBe(true);
    });
    expect(a.bytes.length).toBe(2000);
  });

  it('keeps a blob over its largest class out of the pool', () => {
    const pool = new BlobPool();
    const big = pool.take(2 * 1024 * 1024);
    big.release();
    expect(pool.take(2 * 1024 * 1024).bytes.buffer).not.toBe(big.bytes.buffer);
  });

  it('pools larger classes when given a larger largest class (the windows of large files)', () => {
    const pool = new BlobPool(2 * 16 * 1024 * 1024, 24);
    const window = pool.take(9 * 1024 * 1024);
    expect(window.bytes.length).toBe(9 * 1024 * 1024);
    window.release();
    expect(pool.take(9 * 1024 * 1024).bytes.buffer).toBe(window.bytes.buffer);
  });

  it('keeps at most its idle limit of given-back buffers', () => {
    const pool = new BlobPool(8192);
    const leases = [pool.take(4096), pool.take(4096), pool.take(4096)];
    for (const l of leases) l.release();
    const again = [pool.take(4096), pool.take(4096), pool.take(4096)].map((l) => l.bytes.buffer);
    expect(again.filter((b) => leases.some((l) => l.bytes.buffer === b))).toHaveLength(2);
    expect(pool.created).toBe(4);
  });
});

describe('git cat-file read into pooled buffers', () => {
  it("gives git's bytes across chunk boundaries, with buffers released and reused as it reads", async () => {
    const reader = new CatFileBatch(repo.dir, 4 * 1024 * 1024, undefined, new BlobPool());
    const held: Array<{ sha: string; bytes: Buffer }> = [];
    try {
      const shas = [...files.keys()];
      const results = shas.map((sha) => reader.read(sha));
      for (const [i, p] of results.entries()) {
        const r = await p;
        if (r.status !== 'ok') throw new Error(`${r.sha}: ${r.status}`);
        expect(r.bytes.toString('utf8')).toBe(files.get(r.sha));
        reader.release(r.size);
        // Every fifth blob is held to the end; the others give their buffer back at once.
        if (i % 5 === 0) held.push({ sha: r.sha, bytes: r.bytes });
        else r.release();
      }
      for (const h of held) expect(h.bytes.toString('utf8')).toBe(files.get(h.sha));
      expect(new Set(held.map((h) => h.bytes.buffer)).size).toBe(held.length);
    } finally {
      reader.close();
    }
  });
});

describe("a history source's blobs", () => {
  const digest = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  it('are the same bytes whether each is released once read or all are held', async () => {
    const read = async (release: boolean) => {
      const source = historyScanSource(await openRepo(repo.dir), { filter: {}, maxFileSize: 4 * 1024 * 1024 });
      const got: Array<[string, string, Buffer]> = [];
      for await (const blob of source.blobs(new Diagnostics())) {
        got.push([blob.origin.blob!, digest(blob.bytes), blob.bytes]);
        if (release) blob.release?.();
      }
      return got;
    };
    const released = await read(true);
    const held = await read(false);
    expect(released.map(([sha, d]) => [sha, d])).toEqual(held.map(([sha, d]) => [sha, d]));
    expect(released).toHaveLength(files.size);
    for (const [sha, d, bytes] of held) {
      expect(digest(Buffer.from(files.get(sha)!, 'utf8'))).toBe(d);
      expect(digest(bytes)).toBe(d); // not overwritten by a later blob: never released
    }
    // Released blobs did share buffers (the pool was used), yet each was right when read.
    expect(new Set(released.map(([, , b]) => b.buffer)).size).toBeLessThan(released.length);
  });
});
