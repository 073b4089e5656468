// `--store FILE` on sweep and merge: record the report into the history store and attach what
// changed since the previous sweep, which the text and HTML reports open with.
import type { ReportResult } from '../report/json.js';
import { recordSweep, type Recorded } from './record.js';
import { openStore } from './store.js';
import { summarizeSweep } from './summary.js';

export interface HistoryOptions {
  /** The store file. */
  store: string;
  /** The sweep's name; shards of one sweep share it (default: the report's sweep.run, else its start time). */
  run?: string;
}

/** The run a report is recorded under. */
export function runName(result: ReportResult, run?: string): string {
  return run ?? result.sweep?.run ?? result.startedAt;
}

/** Record `result` and return it with its history summary. */
export function recordHistory(result: ReportResult, o: HistoryOptions): { result: ReportResult; recorded: Recorded } {
  const db = openStore(o.store);
  try {
    const run = runName(result, o.run);
    const recorded = recordSweep(db, result, { run, at: result.startedAt });
    return { result: { ...result, history: summarizeSweep(db, run) }, recorded };
  } finally {
    db.close();
  }
}
