// A set of 64-bit line keys in two typed arrays (open addressing, linear probing): 8 bytes per
// slot, no object per entry. It grows by doubling up to a fixed capacity; when that fills it is
// emptied, which only costs speed (a forgotten line is scanned again), never a finding.

const MIN_BITS = 16;

export class SeenLines {
  private bits = MIN_BITS;
  private hi = new Int32Array(1 << MIN_BITS);
  private lo = new Int32Array(1 << MIN_BITS);
  private size = 0;
  /** How many times the set filled up and was emptied. */
  resets = 0;

  /** @param maxBits capacity is 2^maxBits slots (8 bytes each). */
  constructor(private readonly maxBits = 23) {}

  /** Whether the key is in the set. */
  has(hi: number, lo: number): boolean {
    const mask = (1 << this.bits) - 1;
    for (let i = this.slot(hi, lo); ; i = (i + 1) & mask) {
      const l = this.lo[i];
      if (l === 0) return false;
      if (l === lo && this.hi[i] === hi) return true;
    }
  }

  private slot(hi: number, lo: number): number {
    return Math.imul(hi ^ Math.imul(lo, 0x85ebca6b), 0x9e3779b1) >>> (32 - this.bits);
  }

  /** Adds the key; true when it was not there yet. `lo` is never 0 (0 marks an empty slot). */
  add(hi: number, lo: number): boolean {
    const mask = (1 << this.bits) - 1;
    let i = this.slot(hi, lo);
    for (;;) {
      const l = this.lo[i];
      if (l === 0) break;
      if (l === lo && this.hi[i] === hi) return false;
      i = (i + 1) & mask;
    }
    this.hi[i] = hi;
    this.lo[i] = lo;
    if (++this.size * 10 > (1 << this.bits) * 7) this.grow();
    return true;
  }

  private grow(): void {
    if (this.bits >= this.maxBits) {
      this.hi.fill(0);
      this.lo.fill(0);
      this.size = 0;
      this.resets++;
      return;
    }
    const oldHi = this.hi;
    const oldLo = this.lo;
    this.bits++;
    this.hi = new Int32Array(1 << this.bits);
    this.lo = new Int32Array(1 << this.bits);
    this.size = 0;
    for (let i = 0; i < oldLo.length; i++) if (oldLo[i] !== 0) this.add(oldHi[i], oldLo[i]);
  }
}
