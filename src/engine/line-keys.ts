// One 64-bit key per line of a blob (two 32-bit multiplicative hashes over the line's bytes,
// seeded by the content kind), plus where each line starts. Line reuse (line-reuse.ts) compares
// these keys instead of the text, so remembering a line costs 8 bytes, not its length.

export interface LineKeys {
  /** Byte offset where each line starts; starts[count] is the length of the blob (+1 after a final LF). */
  starts: Uint32Array;
  hi: Int32Array;
  lo: Int32Array;
  /** Lines: the arrays may be longer (reused ones), only their first `count` (starts: count + 1) entries are this blob's. */
  count: number;
}

/** Arrays for `lines` lines: starts of at least lines + 1 entries, hi and lo of at least `lines`. */
export type KeyArrays = (lines: number) => Omit<LineKeys, 'count'>;

const fresh: KeyArrays = (lines) => ({ starts: new Uint32Array(lines + 1), hi: new Int32Array(lines), lo: new Int32Array(lines) });

/**
 * Keys for every line of `bytes`; `seed` keeps lines of different content kinds apart. Line ends
 * are found by `indexOf` (native), and each line is hashed four bytes at a time (byte by byte,
 * this loop was the largest per-byte cost of a history scan after git's own).
 */
export function lineKeys(bytes: Uint8Array, seed: number, arrays: KeyArrays = fresh): LineKeys {
  let lines = 1;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) lines++;
  const { starts, hi, lo } = arrays(lines);
  const n = bytes.length;
  const s1 = 0x811c9dc5 ^ seed;
  const s2 = Math.imul(0x9747b28c ^ seed, 0x5bd1e995);
  let start = 0;
  for (let line = 0; line < lines; line++) {
    const end = line + 1 < lines ? bytes.indexOf(10, start) : n;
    let h1 = s1;
    let h2 = s2 ^ (end - start);
    let i = start;
    for (; i + 4 <= end; i += 4) {
      const w = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
      h1 = Math.imul(h1 ^ w, 0x01000193);
      h1 ^= h1 >>> 13;
      h2 = Math.imul(h2 ^ w, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    for (; i < end; i++) {
      h1 = Math.imul(h1 ^ bytes[i], 0x01000193);
      h2 = Math.imul(h2 ^ bytes[i], 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    hi[line] = h1;
    lo[line] = h2 === 0 ? 1 : h2; // 0 marks an empty slot of a SeenLines
    starts[line] = start;
    start = end + 1;
  }
  starts[lines] = n + 1;
  return { starts, hi, lo, count: lines };
}
