// Reads the reports `merge` combines: JSON files, or folders of them (a CI job's downloaded
// artifacts). Each is parsed with the JSON reporter's own loader, so a file that is not a
// keysprawl report is a one-line usage error naming it.
import { readdirSync, statSync } from 'node:fs';
import { OWN_FILE_LIMITS, readOwnFile } from '../own-file.js';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { parseJsonReport, type ReportResult } from '../report/json.js';
import { checkSweepInfo } from './sweep-info.js';

export interface LoadedReports {
  parts: ReportResult[];
  /** The file each part came from. */
  labels: string[];
}

/** Files named, and the *.json files directly inside folders named, in a stable order. */
export function reportFiles(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) throw new UsageError(`${p}: no such file or directory`);
    if (!st.isDirectory()) {
      files.push(p);
      continue;
    }
    const inside = readdirSync(p).filter((n) => n.endsWith('.json')).sort().map((n) => join(p, n));
    if (!inside.length) throw new UsageError(`${p}: holds no .json reports`);
    files.push(...inside);
  }
  return [...new Set(files)];
}

export function loadReport(file: string): ReportResult {
  let text: string;
  try {
    text = readOwnFile(file, OWN_FILE_LIMITS.report);
  } catch (err) {
    throw new UsageError(`${file}: cannot read report (${(err as Error).message})`);
  }
  const report = parseJsonReport(text, file);
  return report.sweep ? { ...report, sweep: checkSweepInfo(report.sweep, file) } : report;
}

export function loadReports(paths: string[]): LoadedReports {
  if (!paths.length) throw new UsageError('merge: name the JSON reports to merge (e.g. keysprawl merge shard-*.json)');
  const labels = reportFiles(paths);
  return { parts: labels.map(loadReport), labels };
}
