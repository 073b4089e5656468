// Worker thread entry: builds the rule set once, then processes blobs sent by the pool and
// posts each result on the pool's result port, bumping the shared counter the main thread
// blocks on when it waits (src/engine/worker-pool.ts).
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { compileRules } from '../detect/ruleset.js';
import { STRUCTURED_DETECTORS } from '../detect/structured-detectors.js';
import { EXTRACTORS } from '../extract/extractors.js';
import type { Blob } from '../contracts/blob.js';
import type { ContentKind } from '../contracts/fragment.js';
import type { Rule, RuleMeta, StructuredRule } from '../contracts/rule.js';
import { processBlob, type BlobContext, type BlobResult } from './process-blob.js';

export interface WorkerInit {
  rules: Rule[];
  /** Names of the structured detectors to run (of STRUCTURED_DETECTORS only). */
  structured: string[];
  /** The metadata of the rules those detectors report. */
  structuredRules: StructuredRule[];
  /** Where results go (the main thread reads it synchronously). */
  results: MessagePort;
  /** Results posted so far, by every worker: index 0, bumped and notified per result. */
  posted: Int32Array;
}

export interface WorkerReply {
  seq: number;
  /** The task's byte count, so the pool knows how much its queue holds. */
  size: number;
  result?: BlobResult;
  error?: string;
}

export interface WorkerTask {
  seq: number;
  origin: Blob['origin'];
  bytes: Uint8Array;
  lines?: number[];
  kind?: ContentKind;
  lineOffset?: number;
  columnOffset?: number;
  partial?: boolean;
}

const init = workerData as WorkerInit;
const structured = STRUCTURED_DETECTORS.filter((d) => init.structured.includes(d.name));
const ctx: BlobContext = {
  ruleSet: compileRules(init.rules),
  extractors: EXTRACTORS,
  structured,
  rulesById: new Map<string, RuleMeta>([...init.structuredRules, ...init.rules].map((r) => [r.id, r])),
};

parentPort!.on('message', (task: WorkerTask) => {
  const blob: Blob = {
    origin: task.origin,
    bytes: Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength),
    ...(task.lines ? { lines: new Set(task.lines) } : {}),
    ...(task.partial ? { partial: true, lineOffset: task.lineOffset ?? 0, columnOffset: task.columnOffset ?? 0 } : {}),
  };
  let reply: WorkerReply;
  try {
    reply = { seq: task.seq, size: task.bytes.byteLength, result: processBlob(blob, ctx, task.kind) };
  } catch (err) {
    reply = { seq: task.seq, size: task.bytes.byteLength, error: (err as Error).message };
  }
  init.results.postMessage(reply);
  Atomics.add(init.posted, 0, 1);
  Atomics.notify(init.posted, 0);
});
