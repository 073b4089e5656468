// Runs processBlob on worker threads and hands results back in submission order, so a
// threaded scan reports exactly what a single-threaded one does. Small scans never start the
// pool: the first INLINE_BYTES of input are processed on the main thread (a pre-commit scan of
// one file should not pay for starting workers).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { nodeWorkerThreads } from '../node-lazy.js';
import type { Blob } from '../contracts/blob.js';
import type { ContentKind } from '../contracts/fragment.js';
import type { Rule, StructuredRule } from '../contracts/rule.js';
import { processBlob, type BlobContext, type BlobResult } from './process-blob.js';
import type { WorkerInit, WorkerTask } from './scan-worker.js';

export const INLINE_BYTES = 4 * 1024 * 1024;
const PER_WORKER_IN_FLIGHT = 4;
/** With `offload`: blobs are mostly a few masked lines, and the planner runs ahead of the worker. */
const OFFLOAD_IN_FLIGHT = 16;
/** Bytes sent to workers and not yet merged back: keeps peak memory flat on large files. */
const IN_FLIGHT_BYTES = 64 * 1024 * 1024;

export interface ProcessedBlob {
  blob: Blob;
  result: BlobResult;
}

export interface PoolOptions {
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
  /**
   * The main thread has busy work of its own before each blob (history's line planning): even
   * one worker pays, as it scans while the main thread plans the next blobs. `threads` is then
   * the number of workers (at least 1 to start any), and more blobs are kept in flight per
   * worker, since the blobs sent are small (the new lines of each version).
   */
  offload?: boolean;
}

const WORKER_FILE = fileURLToPath(new URL('./scan-worker.js', import.meta.url));

interface Pending {
  blob: Blob;
  resolve: (r: BlobResult) => void;
  reject: (e: Error) => void;
}

class Pool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: WorkerTask[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly busy = new Map<Worker, number>();

  constructor(n: number, init: WorkerInit) {
    for (let i = 0; i < n; i++) {
      const w = new (nodeWorkerThreads().Worker)(WORKER_FILE, { workerData: init });
      w.on('message', (msg: { seq: number; result?: BlobResult; error?: string }) => this.done(w, msg));
      w.on('error', (err) => this.failAll(err));
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  run(task: WorkerTask, blob: Blob): Promise<BlobResult> {
    return new Promise((resolve, reject) => {
      this.pending.set(task.seq, { blob, resolve, reject });
      this.queue.push(task);
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length && this.queue.length) {
      const w = this.idle.pop()!;
      const task = this.queue.shift()!;
      this.busy.set(w, task.seq);
      w.postMessage(task, [task.bytes.buffer as ArrayBuffer]);
    }
  }

  private done(w: Worker, msg: { seq: number; result?: BlobResult; error?: string }): void {
    const p = this.pending.get(msg.seq);
    this.pending.delete(msg.seq);
    this.busy.delete(w);
    this.idle.push(w);
    if (p) {
      if (msg.result) p.resolve(msg.result);
      else p.reject(new Error(msg.error ?? 'worker failed'));
    }
    this.pump();
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

function taskFor(seq: number, blob: Blob, kind: ContentKind | undefined): WorkerTask {
  // Copy into a buffer of our own: the blob may be a view into a larger shared chunk.
  const bytes = new Uint8Array(blob.bytes.byteLength);
  bytes.set(blob.bytes);
  return {
    seq, origin: blob.origin, bytes,
    ...(blob.lines ? { lines: [...blob.lines] } : {}),
    ...(kind ? { kind } : {}),
    ...(blob.partial ? { partial: true, lineOffset: blob.lineOffset ?? 0, columnOffset: blob.columnOffset ?? 0 } : {}),
  };
}

/** Process every blob, on workers once the input is large enough; yields in input order. */
export async function* processAll(blobs: AsyncIterable<Blob>, ctx: BlobContext, opts: PoolOptions): AsyncGenerator<ProcessedBlob> {
  const canThread = opts.threads > (opts.offload ? 0 : 1) && opts.portable && existsSync(WORKER_FILE);
  const inFlight = opts.threads * (opts.offload ? OFFLOAD_IN_FLIGHT : PER_WORKER_IN_FLIGHT);
  let pool: Pool | undefined;
  let inlineBytes = 0;
  let seq = 0;
  const window: Array<{ blob: Blob; result: Promise<BlobResult> }> = [];
  let windowBytes = 0;
  try {
    for await (const blob of blobs) {
      const kind = opts.kindFor?.(blob.origin.path);
      if (!pool && (!canThread || inlineBytes < INLINE_BYTES)) {
        inlineBytes += blob.bytes.length;
        while (window.length) yield { blob: window[0].blob, result: await window.shift()!.result };
        yield { blob, result: processBlob(blob, ctx, kind) };
        continue;
      }
      if (!pool) {
        pool = new Pool(opts.threads, { rules: opts.rules, structured: opts.structuredNames, structuredRules: opts.structuredRules });
        if (opts.usage) opts.usage.threads = opts.threads;
      }
      window.push({ blob, result: pool.run(taskFor(seq++, blob, kind), blob) });
      windowBytes += blob.bytes.length;
      while (window.length >= inFlight || (window.length > 1 && windowBytes > IN_FLIGHT_BYTES)) {
        const head = window.shift()!;
        windowBytes -= head.blob.bytes.length;
        yield { blob: head.blob, result: await head.result };
      }
    }
    while (window.length) {
      const head = window.shift()!;
      yield { blob: head.blob, result: await head.result };
    }
  } finally {
    await pool?.close();
  }
}
