// BlobQueue: rev-list's waiting entries as id bytes and indexes into a table of paths. It must
// hand back exactly what went in, in order, across growth, compaction and emptying, for SHA-1
// and SHA-256 ids, and keep no path of an entry already taken once it compacts or empties.
import { describe, expect, it } from 'vitest';
import { BlobQueue, type BlobEntry } from '../../src/sources/git/blob-queue.js';

/** A deterministic pseudo-random generator (xorshift32). */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

function entry(r: () => number, hexLength: number, paths: number): BlobEntry {
  let sha = '';
  while (sha.length < hexLength) sha += Math.floor(r() * 16).toString(16);
  // Paths with spaces, non-ASCII and a shared prefix, as a tree has them.
  return { sha, path: `src/dir ${Math.floor(r() * paths)}/naïve file ${Math.floor(r() * 3)}.go` };
}

describe('BlobQueue', () => {
  for (const hexLength of [40, 64]) {
    it(`returns every ${hexLength}-digit entry in order under random pushes and shifts`, () => {
      const r = rng(hexLength);
      const q = new BlobQueue();
      const model: BlobEntry[] = [];
      let taken = 0;
      for (let step = 0; step < 60_000; step++) {
        // Phases that fill (growth), drain (compaction in place) and empty the queue.
        const pushBias = Math.floor(step / 5_000) % 3 === 0 ? 0.8 : Math.floor(step / 5_000) % 3 === 1 ? 0.45 : 0.2;
        if (r() < pushBias) {
          const e = entry(r, hexLength, 300);
          q.push(e);
          model.push(e);
        } else {
          const got = q.shift();
          const want = model[taken];
          if (want) taken++;
          expect(got).toEqual(want);
        }
        expect(q.length).toBe(model.length - taken);
      }
      while (q.length) expect(q.shift()).toEqual(model[taken++]);
      expect(q.shift()).toBeUndefined();
      expect(taken).toBe(model.length);
    });
  }

  it('keeps only the paths of entries still waiting once it compacts', () => {
    const q = new BlobQueue();
    for (let i = 0; i < 4096; i++) q.push({ sha: i.toString(16).padStart(40, '0'), path: `old/${i}` });
    for (let i = 0; i < 4000; i++) q.shift();
    // Full again: the 96 waiting entries move to the front with their own paths only.
    while (q.length < 4096) q.push({ sha: 'f'.repeat(40), path: 'new/one' });
    const held = (q as unknown as { paths: string[] }).paths;
    expect(held.filter((p) => p.startsWith('old/'))).toHaveLength(96);
    expect(held.filter((p) => p === 'new/one')).toHaveLength(1);
    for (let i = 4000; i < 4096; i++) expect(q.shift()).toEqual({ sha: i.toString(16).padStart(40, '0'), path: `old/${i}` });
    expect(q.shift()).toEqual({ sha: 'f'.repeat(40), path: 'new/one' });
  });

  it('refuses an id that is not lower-case hex of the queue\'s width', () => {
    const q = new BlobQueue();
    q.push({ sha: 'a'.repeat(40), path: 'x' });
    expect(() => q.push({ sha: 'a'.repeat(64), path: 'x' })).toThrow(/not a blob id/);
    expect(() => q.push({ sha: 'G'.repeat(40), path: 'x' })).toThrow(/not a blob id/);
  });
});
