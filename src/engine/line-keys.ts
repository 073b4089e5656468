// One 64-bit key per line of a blob (two 32-bit FNV-1a style hashes over the line's bytes,
// seeded by the content kind), plus where each line starts. Line reuse (line-reuse.ts) compares
// these keys instead of the text, so remembering a line costs 8 bytes, not its length.

export interface LineKeys {
  /** Byte offset where each line starts; starts[count] is the length of the blob (+1 after a final LF). */
  starts: Uint32Array;
  hi: Int32Array;
  lo: Int32Array;
  count: number;
}

/** Keys for every line of `bytes`; `seed` keeps lines of different content kinds apart. */
export function lineKeys(bytes: Uint8Array, seed: number): LineKeys {
  let lines = 1;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) lines++;
  const starts = new Uint32Array(lines + 1);
  const hi = new Int32Array(lines);
  const lo = new Int32Array(lines);
  const s1 = Math.imul(0x811c9dc5 ^ seed, 0x01000193);
  const s2 = Math.imul(0x9747b28c ^ seed, 0x5bd1e995);
  let h1 = s1;
  let h2 = s2;
  let line = 0;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 10) {
      hi[line] = h1;
      lo[line] = h2 === 0 && h1 === 0 ? 1 : h2;
      starts[++line] = i + 1;
      h1 = s1;
      h2 = s2;
      continue;
    }
    h1 = Math.imul(h1 ^ b, 0x01000193);
    h2 = Math.imul(h2 ^ b, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  hi[line] = h1;
  lo[line] = h2 === 0 && h1 === 0 ? 1 : h2;
  starts[lines] = n + 1;
  return { starts, hi, lo, count: lines };
}
