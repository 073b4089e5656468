// `--store FILE [--run NAME]` on sweep and merge: record the report in the sweep history and open
// the reports with what changed since the previous sweep (src/history/).
import { UsageError } from '../errors.js';
import { recordHistory } from '../history/sweep-history.js';
import type { ReportResult } from '../report/json.js';
import type { Io } from './io.js';

export interface StoreFlags {
  store?: string;
  run?: string;
  quiet?: boolean;
}

/** A run name is printed and stored: one line of visible characters. */
export function checkRun(run: string | undefined): void {
  if (run !== undefined && !/^[\x21-\x7e][\x20-\x7e]{0,199}$/.test(run)) throw new UsageError(`--run ${JSON.stringify(run)}: expected 1 to 200 printable ASCII characters`);
}

export function withHistory(result: ReportResult, flags: StoreFlags, io: Io): ReportResult {
  if (!flags.store) return result;
  const { result: out, recorded } = recordHistory(result, { store: flags.store, run: flags.run });
  if (!flags.quiet) {
    io.stderr.write(`keysprawl: recorded sweep ${recorded.run} in ${flags.store}: ${recorded.keys} key${recorded.keys === 1 ? '' : 's'} in ${recorded.sightings} place${recorded.sightings === 1 ? '' : 's'}, ${recorded.repos} repositor${recorded.repos === 1 ? 'y' : 'ies'}\n`);
  }
  return out;
}
