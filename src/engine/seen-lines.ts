// A set of 64-bit line keys in one typed array (open addressing, linear probing; the two halves
// of a key side by side, so a probe touches one cache line): 8 bytes per slot, no object per
// entry. It grows by doubling up to a fixed capacity; when that fills it is emptied, which only
// costs speed (a forgotten line is scanned again), never a finding.

const MIN_BITS = 16;

/**
 * Lets V8 free a dropped buffer at its next young-generation GC rather than at the next full GC:
 * the bytes move (no copy) to a new, short-lived ArrayBuffer and the old one is left empty. The
 * set's array, held across the scan, is old by the time it doubles: moby's history went from a
 * 16 MB to a 32 MB array while both stayed resident until a full GC.
 */
function freeSoon(buffer: ArrayBufferLike): void {
  structuredClone(buffer, { transfer: [buffer as ArrayBuffer] });
}

export class SeenLines {
  private bits = MIN_BITS;
  /** Slot i: [2i] the key's high half, [2i + 1] its low half (0: empty). */
  private slots = new Int32Array(2 << MIN_BITS);
  private size = 0;
  /** How many times the set filled up and was emptied. */
  resets = 0;

  /** @param maxBits capacity is 2^maxBits slots (8 bytes each). */
  constructor(private readonly maxBits = 23) {}

  /** Whether the key is in the set. */
  has(hi: number, lo: number): boolean {
    const mask = (1 << this.bits) - 1;
    const s = this.slots;
    for (let i = this.slot(hi, lo); ; i = (i + 1) & mask) {
      const l = s[2 * i + 1];
      if (l === 0) return false;
      if (l === lo && s[2 * i] === hi) return true;
    }
  }

  private slot(hi: number, lo: number): number {
    return Math.imul(hi ^ Math.imul(lo, 0x85ebca6b), 0x9e3779b1) >>> (32 - this.bits);
  }

  /** Adds the key; true when it was not there yet. `lo` is never 0 (0 marks an empty slot). */
  add(hi: number, lo: number): boolean {
    const mask = (1 << this.bits) - 1;
    const s = this.slots;
    let i = this.slot(hi, lo);
    for (;;) {
      const l = s[2 * i + 1];
      if (l === 0) break;
      if (l === lo && s[2 * i] === hi) return false;
      i = (i + 1) & mask;
    }
    s[2 * i] = hi;
    s[2 * i + 1] = lo;
    if (++this.size * 10 > (1 << this.bits) * 7) this.grow();
    return true;
  }

  private grow(): void {
    if (this.bits >= this.maxBits) {
      this.slots.fill(0);
      this.size = 0;
      this.resets++;
      return;
    }
    const old = this.slots;
    this.bits++;
    this.slots = new Int32Array(2 << this.bits);
    this.size = 0;
    for (let i = 1; i < old.length; i += 2) if (old[i] !== 0) this.add(old[i - 1], old[i]);
    freeSoon(old.buffer);
  }
}
