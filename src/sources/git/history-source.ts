// `--history`: every blob reachable from the selected commits, each read and scanned once.
// `git rev-list --objects` names each object once however many commits hold it, so a file
// unchanged across 50,000 commits is one blob; `git cat-file --batch` streams the bytes.
// Commits, authors and dates are attached afterwards, only for blobs with findings (enrich.ts).
import type { Diagnostics } from '../../diagnostics.js';
import type { Blob } from '../../contracts/blob.js';
import { isArchive } from '../archive/expand.js';
import { binaryText, isBinary } from '../binary.js';
import { BlobPool } from '../blob-pool.js';
import { BlobQueue, type BlobEntry, type Fifo } from './blob-queue.js';
import { CatFileBatch, type CatResult } from './cat-file.js';
import { holdLeanHeap } from './lean-heap.js';
import { blobHistory } from './introductions.js';
import type { SpooledGit } from './spool.js';
import type { GitRepo } from './repo.js';
import { UsageError } from '../../errors.js';
import { firstErrorLine, GitCommandError, gitRecords, WALK_PACK_LIMITS } from './run-git.js';

export interface RevisionFilter {
  /** Revisions to walk (branch names, commits); empty: every ref (`--all`). */
  branches?: string[];
  /** Only commits more recent than this date (anything `git log --since` accepts). */
  since?: string;
  /** Only the N most recent commits. */
  maxCount?: number;
}

export interface HistoryOptions extends RevisionFilter {
  maxFileSize: number;
  /**
   * The commit walk over the same revisions (spooledBlobLog), started once rev-list has listed
   * the blobs, so that it runs beside the scan; read back for the missing blobs' paths.
   */
  walk?: SpooledGit;
}

/** Requests kept in flight to git cat-file: enough to hide the round trip, few enough to bound memory. */
const WINDOW = 32;

/** The revision arguments shared by rev-list and log (`--end-of-options` keeps names from being options). */
export function revisionArgs(f: RevisionFilter): string[] {
  const limits = [...(f.since ? [`--since=${f.since}`] : []), ...(f.maxCount !== undefined ? [`--max-count=${f.maxCount}`] : [])];
  const revs = f.branches?.length ? ['--end-of-options', ...f.branches] : ['--all'];
  return [...limits, ...revs];
}

const OBJECT_LINE = /^([0-9a-f]{40}|[0-9a-f]{64}) (.+)$/;
const MISSING_LINE = /^\?(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

interface InFlight {
  sha: string;
  path: string;
  result: Promise<CatResult>;
}

function toBlob(item: InFlight, r: CatResult, diag: Diagnostics): Blob | undefined {
  const where = `${item.path} (blob ${item.sha.slice(0, 7)})`;
  if (r.status === 'corrupt') {
    const line = `${where}: corrupt git object, skipped (${r.message}); run git fsck`;
    diag.skip(item.path, 'corrupt-object', line);
    diag.warn(line);
    return undefined;
  }
  if (r.status === 'too-large') {
    diag.skip(item.path, 'too-large', `${where}: ${r.size} bytes is over --max-file-size, skipped`);
    return undefined;
  }
  const origin = { kind: 'git' as const, path: item.path, blob: item.sha };
  // An archive's entries may be views of its bytes and outlive it in the scan: a copy of its own, never given back.
  if (isArchive(r.bytes)) {
    diag.stats.blobsScanned++;
    return { origin, bytes: Buffer.from(r.bytes) };
  }
  const bytes = isBinary(r.bytes) ? binaryText(r.bytes, item.path, where, diag) : r.bytes;
  if (!bytes) return undefined;
  diag.stats.blobsScanned++;
  // The scan gives the pooled buffer back once it has collected the blob's findings (scan.ts).
  return { origin, bytes, release: r.release };
}

/** Missing blobs named by path (rev-list lists them by id only); at most this many, the rest by id. */
const MAX_NAMED_MISSING = 10_000;

/**
 * Each missing blob as one counted skip naming the path it was committed at: one `git log --raw`
 * pass over the same revisions (only when some are missing; it reads trees, never the blobs).
 */
async function skipMissing(dir: string, shas: string[], filter: RevisionFilter, diag: Diagnostics, walk?: SpooledGit): Promise<void> {
  const named = new Set(shas.slice(0, MAX_NAMED_MISSING));
  const { intros } = await blobHistory(dir, revisionArgs(filter), named, undefined, walk);
  for (const sha of shas) {
    const paths = [...(intros.get(sha)?.keys() ?? [])].sort();
    const where = paths.length ? `${paths[0]}${paths.length > 1 ? ` (and ${paths.length - 1} more)` : ''} (blob ${sha.slice(0, 7)})` : `blob ${sha.slice(0, 7)}`;
    diag.skip(paths[0] ?? `blob ${sha.slice(0, 7)}`, 'missing-object', `${where}: not in the repository (a partial clone, or damaged), skipped; it was not fetched`);
  }
}

/** rev-list fails on a corrupt commit or tree (one bad blob is a counted skip instead). */
async function* explainRevListErrors(lines: AsyncGenerator<string>): AsyncGenerator<string> {
  try {
    yield* lines;
  } catch (err) {
    if (!(err instanceof GitCommandError)) throw err;
    if (/filter/i.test(err.stderr)) throw new UsageError('--history needs git 2.32 or newer (git rev-list --filter=object:type=blob)');
    if (/corrupt|unable to|could not|missing|bad object|inflate/i.test(err.stderr)) {
      throw new UsageError(`cannot walk the history: ${firstErrorLine(err.stderr)} (the repository is damaged: run git fsck)`);
    }
    throw err;
  }
}

/** A queue of items in an array (what drained() holds unless given another). */
class ArrayFifo<T> implements Fifo<T> {
  private items: Array<T | undefined> = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head === this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head >= 65_536) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
    return item;
  }
}

/**
 * The items of `items` read as fast as git writes them and queued in order. `rev-list --objects`
 * holds every object it has walked until it exits, and it cannot exit while its output waits
 * for the scan: on moby it stayed at ~110 MB for the whole scan. Its list is ~100 bytes a blob,
 * a tenth of that (and less in a BlobQueue), so it is better held here and git let go, up to a
 * bound (`limit` items).
 */
export async function* drained<T>(items: AsyncGenerator<T>, opts: { limit?: number; onEnd?: () => void; fifo?: Fifo<T> } = {}): AsyncGenerator<T> {
  const { limit = DRAIN_LIMIT, onEnd, fifo = new ArrayFifo<T>() } = opts;
  let done = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  let resume: (() => void) | undefined;
  const pump = (async () => {
    try {
      for await (const item of items) {
        fifo.push(item);
        wake?.();
        // Bounded: past `limit` items not yet taken, wait for the scan (git then waits too).
        if (fifo.length >= limit) await new Promise<void>((resolve) => (resume = resolve));
      }
      onEnd?.();
    } catch (error) {
      failure = { error };
    } finally {
      done = true;
      wake?.();
    }
  })();
  try {
    for (;;) {
      if (fifo.length) {
        const item = fifo.shift()!;
        resume?.();
        resume = undefined;
        yield item;
      } else if (done) break;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
    if (failure) throw failure.error;
  } finally {
    resume?.();
    if (!done) await items.return(undefined);
    await pump;
  }
}

/** Items drained ahead of the scan at most (rev-list lines: ~100 MB as strings, ~30 MB in a BlobQueue). */
const DRAIN_LIMIT = 1_000_000;

/** rev-list's blob lines as entries; a missing blob ("?<sha>") is added to `missing`, commits are dropped. */
async function* blobEntries(lines: AsyncGenerator<string>, missing: string[]): AsyncGenerator<BlobEntry> {
  for await (const line of lines) {
    if (MISSING_LINE.test(line)) {
      missing.push(line.slice(1));
      continue;
    }
    const m = OBJECT_LINE.exec(line);
    if (m) yield { sha: m[1], path: m[2] }; // else a commit (no path), or the tail of a path holding a newline
  }
}

/** A Blob source over the repository's history (ScanOptions.blobs). */
export function historySource(repo: GitRepo, opts: HistoryOptions): (diag: Diagnostics) => AsyncGenerator<Blob> {
  return async function* history(diag) {
    if (repo.shallow) {
      diag.warn(`${repo.dir}: shallow clone, history before the shallow boundary is not scanned (run git fetch --unshallow for a full --history scan)`);
    }
    const releaseHeap = holdLeanHeap();
    const reader = new CatFileBatch(repo.dir, opts.maxFileSize, undefined, new BlobPool());
    const window: InFlight[] = [];
    async function take(): Promise<Blob | undefined> {
      const item = window.shift()!;
      const r = await item.result;
      const blob = toBlob(item, r, diag);
      if (r.status === 'ok') {
        reader.release(r.size);
        if (blob?.release !== r.release) r.release(); // skipped, or copied: the pooled bytes are free now
      }
      return blob;
    }
    try {
      // --missing=print: a blob absent from the object store (a partial clone, a damaged repo)
      // is listed as "?<sha>" instead of stopping the walk or being fetched.
      const args = ['rev-list', '--objects', '--missing=print', '--filter=object:type=blob', ...revisionArgs(opts)];
      const missing: string[] = [];
      // Once rev-list is done (and its memory freed), the commit walk runs beside the scan.
      // rev-list reads commits and trees once each, like the commit walk: the walk's smaller pack
      // windows cost it about a second of CPU on moby, on the core the scan leaves to git, and keep
      // it about 12 MB smaller while it runs beside cat-file at the start of the scan.
      const entries = blobEntries(explainRevListErrors(gitRecords(repo.dir, args, '\n', { packs: WALK_PACK_LIMITS })), missing);
      for await (const { sha, path } of drained(entries, { onEnd: () => opts.walk?.start(), fifo: new BlobQueue() })) {
        window.push({ sha, path, result: reader.read(sha) });
        if (window.length >= WINDOW) {
          const blob = await take();
          if (blob) yield blob;
        }
      }
      while (window.length) {
        const blob = await take();
        if (blob) yield blob;
      }
      // git's memory is not needed while the walk is read back for the missing blobs' paths.
      reader.close();
      if (missing.length) {
        await skipMissing(repo.dir, missing, opts, diag, opts.walk);
        diag.warn(`${repo.dir}: ${missing.length} blob(s) are missing from the repository (a partial clone, or damaged) and were skipped, not fetched`);
      }
    } finally {
      reader.close();
      releaseHeap();
    }
  };
}
