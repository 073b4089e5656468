// The per-blob arrays of line reuse (line-reuse.ts: each line's key halves, its start, whether
// it is new), reused from blob to blob. A history plans every unique blob (moby: ~130 M lines,
// 13 bytes each, about 1.7 GB of arrays over the run); each a typed array of its own was garbage
// that V8 frees only when it collects the wrapper, like the blobs' own buffers (blob-pool.ts).
// A blob's arrays are taken when it is planned and given back when its findings are completed,
// the only time they are read; arrays never given back (a scan that stopped) are left to the GC.
import type { LineKeys } from './line-keys.js';

/** Smallest class: 256 lines. */
const MIN_BITS = 8;
/** Largest pooled class: 2^18 lines (3.4 MB of arrays); a larger blob's arrays are its own. */
const MAX_BITS = 18;
/** Lines' worth of idle arrays kept at most (13 bytes a line: ~3.4 MB). */
const IDLE_LINES = 1 << 18;

/** A blob's key arrays plus its `fresh` flags (1: a line not seen before), all of one capacity. */
export interface KeySet extends Omit<LineKeys, 'count'> {
  fresh: Uint8Array;
}

export class KeyPool {
  private readonly free: KeySet[][] = Array.from({ length: MAX_BITS + 1 }, () => []);
  private idle = 0;

  /** Arrays for at least `lines` lines; `fresh` is zeroed over them. */
  take(lines: number): KeySet {
    const bits = Math.max(MIN_BITS, 32 - Math.clz32(lines)); // capacity 2^bits > lines: starts holds lines + 1
    if (bits > MAX_BITS) return { starts: new Uint32Array(lines + 1), hi: new Int32Array(lines), lo: new Int32Array(lines), fresh: new Uint8Array(lines) };
    const set = this.free[bits].pop();
    if (!set) {
      const n = 1 << bits;
      return { starts: new Uint32Array(n), hi: new Int32Array(n), lo: new Int32Array(n), fresh: new Uint8Array(n) };
    }
    this.idle -= 1 << bits;
    set.fresh.fill(0, 0, lines);
    return set;
  }

  /** The arrays are not read again. */
  give(set: KeySet): void {
    const n = set.hi.length;
    const bits = 31 - Math.clz32(n);
    if (n !== 1 << bits || bits < MIN_BITS || bits > MAX_BITS || this.idle + n > IDLE_LINES) return;
    this.free[bits].push(set);
    this.idle += n;
  }
}
