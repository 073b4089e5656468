// Line reuse's per-blob arrays come from a pool (src/engine/key-pool.ts): keys computed into
// reused arrays must be the keys of fresh ones, a reused `fresh` must start empty, and arrays
// still held by a blob being scanned are never handed out again.
import { describe, expect, it } from 'vitest';
import { KeyPool } from '../../src/engine/key-pool.js';
import { lineKeys } from '../../src/engine/line-keys.js';

function text(seed: number, lines: number): Buffer {
  const out: string[] = [];
  let x = seed;
  for (let i = 0; i < lines; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out.push('k'.repeat(x % 40) + String(x % 97));
  }
  return Buffer.from(out.join('\n'));
}

describe('the key pool', () => {
  it('gives the keys of fresh arrays in reused ones, over blobs of every size order', () => {
    const pool = new KeyPool();
    const sizes = [1, 2, 255, 256, 257, 1000, 300, 5000, 2, 70_000, 40_000, 255];
    for (const [i, lines] of sizes.entries()) {
      const bytes = text(i + 1, lines);
      const want = lineKeys(bytes, 7);
      const arrays = pool.take(want.count);
      const got = lineKeys(bytes, 7, (n) => {
        expect(n).toBe(want.count);
        return arrays;
      });
      expect(got.count).toBe(want.count);
      expect(Array.from(got.hi.subarray(0, got.count))).toEqual(Array.from(want.hi));
      expect(Array.from(got.lo.subarray(0, got.count))).toEqual(Array.from(want.lo));
      expect(Array.from(got.starts.subarray(0, got.count + 1))).toEqual(Array.from(want.starts));
      expect(arrays.fresh.subarray(0, got.count).every((f) => f === 0)).toBe(true);
      arrays.fresh.fill(1); // as a plan marks new lines: the next taker must see them cleared
      pool.give(arrays);
    }
  });

  it('never hands out arrays still held, and reuses given-back ones', () => {
    const pool = new KeyPool();
    const a = pool.take(100);
    const b = pool.take(100);
    expect(b.hi).not.toBe(a.hi);
    pool.give(a);
    const c = pool.take(200);
    expect(c.hi).toBe(a.hi);
    expect(pool.take(100).hi).not.toBe(b.hi);
  });
});
