// `keysprawl merge shard-*.json`: combine JSON reports (sweep shards, scans) into one report,
// computing cross-repository sharing, and write it as text, JSON, SARIF or HTML like a single run.
import { resolve } from 'node:path';
import { loadReports } from '../merge/load.js';
import { must } from '../problems/problem.js';
import { mergeResults } from '../merge/merge.js';
import { missingShards } from '../merge/sweep-info.js';
import type { Severity } from '../contracts/scored.js';
import type { Io } from './io.js';
import { planOutputs } from './outputs.js';
import { gateExitCode } from './gate.js';
import { checkRun, withHistory } from './store-option.js';
import { writeReports } from './write-reports.js';

export interface MergeFlags {
  format: string[];
  output: string[];
  forceFormat?: boolean;
  failOn: Severity | 'none';
  failOnPosture?: boolean;
  root?: string;
  store?: string;
  run?: string;
  verbose?: boolean;
  quiet?: boolean;
}

export async function runMerge(paths: string[], flags: MergeFlags, io: Io): Promise<number> {
  const warn = (line: string) => {
    if (!flags.quiet) io.stderr.write(`keysprawl: warning: ${line}\n`);
  };
  const plans = planOutputs(flags.format, flags.output, { force: flags.forceFormat });
  checkRun(flags.run);
  const { parts, labels } = must(loadReports(paths));
  const merged = mergeResults(parts, { labels, warn, ...(flags.root ? { root: resolve(flags.root) } : {}) });
  const missing = missingShards(merged.sweep);
  if (missing) warn(missing);
  const result = withHistory(merged, flags, io);
  if (!result.redacted) warn('some of the merged reports hold unredacted values (--no-redact): the merged report does too');
  await writeReports(result, plans, io, { color: false, verbose: !!flags.verbose });
  return gateExitCode(result, { failOn: flags.failOn, posture: !!flags.failOnPosture });
}
