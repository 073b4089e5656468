// Buffers for blobs, reused once the scan is done with a blob (Blob.release, scan.ts): the blobs
// `git cat-file --batch` streams in a history scan (git/history-source.ts) and the windows of a
// large file (chunks.ts). A history reads every unique blob once (moby: 4.5 GB in 231k blobs);
// each in a buffer of its own (or a view of git's 64 KB output chunk, which keeps the chunk) was
// garbage that V8 frees only when it collects the buffer's wrapper, and a wrapper that lived
// across a few blobs was promoted, so the bytes waited for a full GC: most of Node's resident
// memory above its start was such buffers. Here each blob is copied out of git's chunk once (the
// chunk then dies young) into a buffer of a power-of-two size class, given back by `release()`
// when the scan has collected the blob's findings. A blob never released (a consumer that keeps
// it, an archive) simply keeps its buffer: the pool then allocates another, so forgetting a
// release costs memory, never bytes.

/** Smallest size class: 4 KB (most blobs are smaller; fewer classes, more reuse). */
const MIN_BITS = 12;
/** Largest size class by default: 1 MB. A larger blob gets a buffer of its own, never pooled (rare, and a class of them would hold much). */
const MAX_BITS = 20;
/** Bytes of idle buffers kept at most; a buffer given back beyond that is left to the GC. */
const IDLE_LIMIT = 4 * 1024 * 1024;

/** A blob's bytes and the call that gives them back (once; later calls do nothing). */
export interface Lease {
  bytes: Buffer;
  release: () => void;
}

/** Where CatFileBatch puts each object's bytes. */
export interface BlobBuffers {
  take(size: number): Lease;
}

const nothing = () => undefined;

/** A buffer of its own for every object (the staged and diff modes read a few blobs). */
export const UNPOOLED: BlobBuffers = {
  take: (size) => ({ bytes: Buffer.allocUnsafe(size), release: nothing }),
};

export class BlobPool implements BlobBuffers {
  /** Idle buffers by size class (index: log2 of their size). */
  private readonly free: ArrayBuffer[][];
  private idle = 0;
  /** Buffers created (not reused): what the pool saved is the leases taken minus these. */
  created = 0;

  /** `maxBits`: the largest size class pooled (log2 of its size). */
  constructor(
    private readonly idleLimit = IDLE_LIMIT,
    private readonly maxBits = MAX_BITS,
  ) {
    this.free = Array.from({ length: maxBits + 1 }, () => []);
  }

  take(size: number): Lease {
    const bits = Math.max(MIN_BITS, 32 - Math.clz32(Math.max(1, size) - 1));
    if (bits > this.maxBits) return { bytes: Buffer.allocUnsafeSlow(size), release: nothing };
    let ab = this.free[bits].pop();
    if (ab) this.idle -= ab.byteLength;
    else {
      ab = new ArrayBuffer(1 << bits);
      this.created++;
    }
    const buffer = ab;
    let held = true;
    return {
      bytes: Buffer.from(buffer, 0, size),
      release: () => {
        if (!held) return;
        held = false;
        this.give(buffer, bits);
      },
    };
  }

  private give(ab: ArrayBuffer, bits: number): void {
    // Transferred to another thread (detached): nothing left to reuse.
    if (ab.byteLength !== 1 << bits || this.idle + ab.byteLength > this.idleLimit) return;
    this.free[bits].push(ab);
    this.idle += ab.byteLength;
  }
}
