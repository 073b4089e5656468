// Runs processBlob on the main thread and on worker threads together, and hands results back in
// input order, so a threaded scan reports exactly what a single-threaded one does. `threads`
// counts the main thread: it scans too, so on two cores one worker and the main thread share
// the work (a pool of workers beside a main thread that only walked and read left a core idle or
// made two busy threads compete for it). Small scans never start a worker: the first
// INLINE_BYTES of input are processed on the main thread (a pre-commit scan of one file should
// not pay for starting one).
//
// The main thread never waits for the event loop to hand out work: each worker keeps a short
// queue of tasks in its port (up to WORKER_QUEUE_BYTES or WORKER_QUEUE_TASKS), results come back
// on a port the main thread reads synchronously (receiveMessageOnPort) before each blob, and
// every blob the workers' queues have no room for is processed on the main thread at once. So
// the work splits by itself: a worker takes what it can, the main thread the rest between its
// walk, reads, filters and correlation. Waiting (the head of the line is a worker's task still
// running, or too many bytes are held) blocks on a shared counter the workers bump per result.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MessagePort, Worker } from 'node:worker_threads';
import { nodeWorkerThreads } from '../node-lazy.js';
import type { Blob } from '../contracts/blob.js';
import type { ContentKind } from '../contracts/fragment.js';
import type { Rule, StructuredRule } from '../contracts/rule.js';
import { classify } from '../extract/classify.js';
import { extractorApplies } from '../extract/index.js';
import { processBlob, type BlobContext, type BlobResult } from './process-blob.js';
import type { WorkerInit, WorkerReply, WorkerTask } from './scan-worker.js';

export const INLINE_BYTES = 4 * 1024 * 1024;
/** A worker is sent another blob while it holds fewer than this many bytes, or WORKER_QUEUE_MIN tasks. */
const WORKER_QUEUE_BYTES = 4 * 1024 * 1024;
const WORKER_QUEUE_MIN = 2;
const WORKER_QUEUE_TASKS = 512;
/** Bytes read and not yet handed on (held for an earlier result still on a worker): keeps peak memory flat. */
const IN_FLIGHT_BYTES = 32 * 1024 * 1024;
/** Blobs held in the same way. */
const IN_FLIGHT_BLOBS = 1024;
/**
 * A worker's heap: a young generation of 6 MB semi-spaces instead of V8's default of up to
 * 16 MB (nearly everything a blob makes is garbage once it is done), and an old generation
 * capped so that V8 collects instead of growing. With both, a node_modules scan on two threads
 * peaked at 247–258 MB against 305–348 MB. A worker that still runs out stops, and what it held
 * is scanned on the main thread (Pool.lose).
 */
const YOUNG_GENERATION_MB = 6;
const OLD_GENERATION_MB = 128;
/**
 * The largest blob a worker is sent: a window of a large file (8 MB and its overlap) and any
 * smaller text. Most of a tree's bytes are in a few large files (in a node_modules, 20 files
 * over 1 MB held 59 of the 111 MB scanned); kept on the main thread, they left the worker idle
 * while the main thread scanned them (docs/performance.md, fifth round).
 */
const WORKER_BLOB_MAX = 9 * 1024 * 1024;
/** A file a structured extractor parses whole (JSON, YAML, a notebook) builds a tree as large as itself: up to this size only. */
const WORKER_PARSED_MAX = 1024 * 1024;
/** How long one blocking wait for a worker lasts before the event loop gets a turn (a worker's crash arrives there). */
const WAIT_MS = 200;

export interface ProcessedBlob {
  blob: Blob;
  result: BlobResult;
}

export interface PoolOptions {
  /** Threads that scan, the main thread included (1: the main thread alone). */
  threads: number;
  rules: Rule[];
  structuredNames: string[];
  /** The metadata of the rules those detectors report (rules/*.yaml `detector:` entries). */
  structuredRules: StructuredRule[];
  /** False when some structured detector is not one of STRUCTURED_DETECTORS (it cannot cross threads). */
  portable: boolean;
  kindFor?: (path: string) => ContentKind | undefined;
  /** Set to the number of worker threads actually started (0: all on the main thread). */
  usage?: { threads: number };
}

const WORKER_FILE = fileURLToPath(new URL('./scan-worker.js', import.meta.url));

interface Slot {
  blob: Blob;
  kind?: ContentKind;
  /** The worker it was sent to (none: scanned on the main thread). */
  lane?: Lane;
  result?: BlobResult;
  error?: string;
}

interface Lane {
  worker: Worker;
  results: MessagePort;
  tasks: number;
  bytes: number;
  /** The worker stopped (out of memory, crashed): its blobs were scanned on the main thread. */
  lost: boolean;
}

class Pool {
  private readonly lanes: Lane[] = [];
  /** Results posted by all workers (Atomics.wait on index 0 blocks until one more). */
  private readonly posted = new Int32Array(new SharedArrayBuffer(4));
  private readonly slots = new Map<number, Slot>();
  private closing = false;

  constructor(n: number, init: Omit<WorkerInit, 'results' | 'posted'>, private readonly ctx: BlobContext) {
    const wt = nodeWorkerThreads();
    for (let i = 0; i < n; i++) {
      const { port1, port2 } = new wt.MessageChannel();
      const data: WorkerInit = { ...init, results: port2, posted: this.posted };
      const limits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: OLD_GENERATION_MB };
      const worker = new wt.Worker(WORKER_FILE, { workerData: data, transferList: [port2], resourceLimits: limits });
      const lane: Lane = { worker, results: port1, tasks: 0, bytes: 0, lost: false };
      worker.on('error', () => this.lose(lane));
      worker.on('exit', () => this.lose(lane));
      // The main thread reads this port itself; it must not keep the process alive once done.
      port1.unref();
      this.lanes.push(lane);
    }
  }

  /** A lane with room for a blob of this size, or undefined: the main thread takes it. */
  room(size: number): Lane | undefined {
    let best: Lane | undefined;
    for (const lane of this.lanes) {
      if (lane.lost) continue;
      const fits = lane.tasks < WORKER_QUEUE_MIN || (lane.tasks < WORKER_QUEUE_TASKS && lane.bytes + size <= WORKER_QUEUE_BYTES);
      if (fits && (!best || lane.bytes < best.bytes)) best = lane;
    }
    return best;
  }

  send(lane: Lane, task: WorkerTask, slot: Slot): void {
    slot.lane = lane;
    this.slots.set(task.seq, slot);
    lane.tasks++;
    lane.bytes += task.bytes.byteLength;
    lane.worker.postMessage(task, [task.bytes.buffer as ArrayBuffer]);
  }

  /** Take every result the workers have posted; true when there was one. */
  collect(): boolean {
    const wt = nodeWorkerThreads();
    let any = false;
    for (const lane of this.lanes) {
      for (let m = wt.receiveMessageOnPort(lane.results); m; m = wt.receiveMessageOnPort(lane.results)) {
        const reply = m.message as WorkerReply;
        const slot = this.slots.get(reply.seq);
        if (!slot) continue;
        this.slots.delete(reply.seq);
        lane.tasks--;
        lane.bytes -= reply.size;
        if (reply.result) slot.result = reply.result;
        else slot.error = reply.error ?? 'scan worker failed';
        any = true;
      }
    }
    return any;
  }

  /**
   * A worker that stopped (over its memory limit, or crashed): what it was given and had not
   * answered is scanned on the main thread, and it gets nothing more. The scan loses nothing.
   */
  private lose(lane: Lane): void {
    if (this.closing || lane.lost) return;
    this.collect();
    lane.lost = true;
    for (const [seq, slot] of this.slots) {
      if (slot.lane !== lane) continue;
      this.slots.delete(seq);
      slot.result = processBlob(slot.blob, this.ctx, slot.kind);
    }
  }

  /** Block until this slot has its result. */
  async wait(slot: Slot): Promise<void> {
    for (;;) {
      const seen = Atomics.load(this.posted, 0);
      this.collect();
      if (slot.result || slot.error) return;
      // A stopped worker is reported on the event loop: give it a turn now and then.
      if (Atomics.wait(this.posted, 0, seen, WAIT_MS) === 'timed-out') await new Promise((r) => setImmediate(r));
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.lanes.map((l) => l.worker.terminate()));
  }
}

function taskFor(seq: number, blob: Blob, kind: ContentKind | undefined): WorkerTask {
  // Copy into a buffer of our own: the blob may be a view into a larger shared chunk, and the
  // caller still reads the blob after the result (its length, line reuse).
  const bytes = new Uint8Array(blob.bytes.byteLength);
  bytes.set(blob.bytes);
  return {
    seq, origin: blob.origin, bytes,
    ...(blob.lines ? { lines: [...blob.lines] } : {}),
    ...(kind ? { kind } : {}),
    ...(blob.partial ? { partial: true, lineOffset: blob.lineOffset ?? 0, columnOffset: blob.columnOffset ?? 0 } : {}),
  };
}

/** The largest size of this blob a worker may take (a structured file is parsed whole: less). */
function workerMax(blob: Blob, kind: ContentKind | undefined, ctx: BlobContext): number {
  if (blob.bytes.length <= WORKER_PARSED_MAX) return WORKER_PARSED_MAX;
  return !blob.partial && extractorApplies(blob.origin.path, kind ?? classify(blob.origin.path), ctx.extractors) ? WORKER_PARSED_MAX : WORKER_BLOB_MAX;
}

/** Process every blob, on the main thread and on workers once the input is large enough; yields in input order. */
export async function* processAll(blobs: AsyncIterable<Blob>, ctx: BlobContext, opts: PoolOptions): AsyncGenerator<ProcessedBlob> {
  const workers = opts.threads - 1;
  const canThread = workers > 0 && opts.portable && existsSync(WORKER_FILE);
  let pool: Pool | undefined;
  let inlineBytes = 0;
  let seq = 0;
  const window: Slot[] = [];
  let windowBytes = 0;
  const take = (): ProcessedBlob => {
    const head = window.shift()!;
    windowBytes -= head.blob.bytes.length;
    if (head.error !== undefined) throw new Error(head.error);
    return { blob: head.blob, result: head.result! };
  };
  try {
    for await (const blob of blobs) {
      const kind = opts.kindFor?.(blob.origin.path);
      const inline = !pool && (!canThread || inlineBytes < INLINE_BYTES);
      if (inlineBytes < INLINE_BYTES) inlineBytes += blob.bytes.length;
      if (inline) {
        yield { blob, result: processBlob(blob, ctx, kind) };
        continue;
      }
      if (!pool) {
        pool = new Pool(workers, { rules: opts.rules, structured: opts.structuredNames, structuredRules: opts.structuredRules }, ctx);
        if (opts.usage) opts.usage.threads = workers;
      }
      pool.collect();
      const slot: Slot = { blob, ...(kind ? { kind } : {}) };
      window.push(slot);
      windowBytes += blob.bytes.length;
      const lane = blob.bytes.length <= workerMax(blob, kind, ctx) ? pool.room(blob.bytes.length) : undefined;
      if (lane) pool.send(lane, taskFor(seq++, blob, kind), slot);
      else slot.result = processBlob(blob, ctx, kind);
      while (window.length && (window[0].result || window[0].error !== undefined)) yield take();
      while (window.length && (window.length > IN_FLIGHT_BLOBS || windowBytes > IN_FLIGHT_BYTES)) {
        await pool.wait(window[0]);
        yield take();
      }
    }
    while (window.length) {
      await pool!.wait(window[0]);
      yield take();
    }
  } finally {
    await pool?.close();
  }
}
