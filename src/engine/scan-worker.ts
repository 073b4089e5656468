// Worker thread entry: builds the rule set once, then processes blobs sent by the pool.
import { parentPort, workerData } from 'node:worker_threads';
import { compileRules } from '../detect/ruleset.js';
import { STRUCTURED_DETECTORS } from '../detect/structured-detectors.js';
import { EXTRACTORS } from '../extract/extractors.js';
import type { Blob } from '../contracts/blob.js';
import type { ContentKind } from '../contracts/fragment.js';
import type { Rule, RuleMeta, StructuredRule } from '../contracts/rule.js';
import { processBlob, type BlobContext } from './process-blob.js';

export interface WorkerInit {
  rules: Rule[];
  /** Names of the structured detectors to run (of STRUCTURED_DETECTORS only). */
  structured: string[];
  /** The metadata of the rules those detectors report. */
  structuredRules: StructuredRule[];
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
  try {
    parentPort!.postMessage({ seq: task.seq, result: processBlob(blob, ctx, task.kind) });
  } catch (err) {
    parentPort!.postMessage({ seq: task.seq, error: (err as Error).message });
  }
});
