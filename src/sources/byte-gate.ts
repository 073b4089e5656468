// Bounds the bytes of file contents read ahead but not yet handed on. Reads take their place in
// submission order (a ticket each), so the file the consumer waits for is never starved by
// later ones that happened to stat first: no deadlock, and at most `cap` bytes in flight
// (plus one file larger than the cap on its own).
export class ByteGate {
  private used = 0;
  private next = 0;
  private issued = 0;
  private waiters: Array<() => void> = [];

  constructor(private readonly cap: number) {}

  ticket(): number {
    return this.issued++;
  }

  /** Wait for this ticket's turn and room for `bytes` (0 for a file that will not be read). */
  async take(ticket: number, bytes: number): Promise<void> {
    while (ticket !== this.next || (this.used > 0 && this.used + bytes > this.cap)) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    this.next++;
    this.used += bytes;
    this.wake();
  }

  give(bytes: number): void {
    this.used -= bytes;
    this.wake();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const resolve of w) resolve();
  }
}
