// The blobs `git rev-list --objects` listed and the scan has not reached yet, held compactly.
// rev-list is read as fast as git writes it (history-source.ts: drained), so on a large history
// most of its list waits here for the scan: on moby 231k lines, which as JS strings (one per
// line, ~90 bytes each) were 20 MB of live heap and a larger heap to collect for the first half of
// the scan. Here an id is its bytes (20 or 32) in one buffer and a path is an index into a table
// of the distinct paths waiting (versions of a file share it: 34k paths for those 231k blobs).
import { InternalError } from '../../errors.js';

export interface BlobEntry {
  /** The blob's id, lower-case hex. */
  sha: string;
  path: string;
}

/** A first-in first-out queue (what drained() holds). */
export interface Fifo<T> {
  push(item: T): void;
  shift(): T | undefined;
  readonly length: number;
}

/** A fresh copy of a string: a slice of a line would keep the whole line alive. */
const own = (s: string): string => Buffer.from(s, 'utf8').toString('utf8');

const MIN_CAPACITY = 1024;

export class BlobQueue implements Fifo<BlobEntry> {
  /** Bytes per id: 20 (SHA-1) or 32 (SHA-256), fixed by the first entry. */
  private width = 0;
  private ids: Buffer = Buffer.alloc(0);
  private pathOf = new Int32Array(0);
  private head = 0;
  private tail = 0;
  private paths: string[] = [];
  private pathIds = new Map<string, number>();

  get length(): number {
    return this.tail - this.head;
  }

  push({ sha, path }: BlobEntry): void {
    if (!this.width) this.width = sha.length / 2;
    if (sha.length !== this.width * 2 || !/^[0-9a-f]+$/.test(sha)) throw new InternalError(`not a blob id of this repository: ${sha}`);
    if (this.tail === this.pathOf.length) this.makeRoom();
    this.ids.write(sha, this.tail * this.width, 'hex');
    let id = this.pathIds.get(path);
    if (id === undefined) {
      const copy = own(path);
      id = this.paths.push(copy) - 1;
      this.pathIds.set(copy, id);
    }
    this.pathOf[this.tail++] = id;
  }

  shift(): BlobEntry | undefined {
    if (this.head === this.tail) return undefined;
    const i = this.head++;
    const entry = { sha: this.ids.toString('hex', i * this.width, (i + 1) * this.width), path: this.paths[this.pathOf[i]] };
    if (this.head === this.tail) this.reset();
    return entry;
  }

  /** Empty: forget the paths too (those of entries already taken are the scan's now). */
  private reset(): void {
    this.head = this.tail = 0;
    this.paths = [];
    this.pathIds = new Map();
  }

  /**
   * The arrays are full: move the waiting entries to the front when at least half were taken
   * (keeping only their paths), else double the arrays.
   */
  private makeRoom(): void {
    const live = this.tail - this.head;
    const capacity = live * 2 > this.pathOf.length || !this.pathOf.length ? Math.max(MIN_CAPACITY, this.pathOf.length * 2) : this.pathOf.length;
    const ids = capacity === this.pathOf.length ? this.ids : Buffer.allocUnsafe(capacity * this.width);
    const pathOf = capacity === this.pathOf.length ? this.pathOf : new Int32Array(capacity);
    this.ids.copy(ids, 0, this.head * this.width, this.tail * this.width);
    const paths: string[] = [];
    const pathIds = new Map<string, number>();
    const renumbered = new Map<number, number>();
    for (let i = 0; i < live; i++) {
      const old = this.pathOf[this.head + i];
      let id = renumbered.get(old);
      if (id === undefined) {
        const path = this.paths[old];
        id = paths.push(path) - 1;
        pathIds.set(path, id);
        renumbered.set(old, id);
      }
      pathOf[i] = id;
    }
    this.ids = ids;
    this.pathOf = pathOf;
    this.paths = paths;
    this.pathIds = pathIds;
    this.head = 0;
    this.tail = live;
  }
}
