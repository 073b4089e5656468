// Reads the reports `merge` combines: JSON files, or folders of them (a CI job's downloaded
// artifacts). Each is read with the JSON report reader and its sweep section checked, so a file
// that is not a keysprawl report is a problem naming it and the field; every file is read
// before any problem is reported.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { OWN_FILE_LIMITS, readOwnFile } from '../own-file.js';
import type { Parsed, Problem } from '../problems/problem.js';
import { readJsonReport } from '../report/json-read.js';
import type { ReportResult } from '../report/json.js';
import { readSweepInfo } from './sweep-info.js';

export interface LoadedReports {
  parts: ReportResult[];
  /** The file each part came from. */
  labels: string[];
}

/** Files named, and the *.json files directly inside folders named, in a stable order. */
export function reportFiles(paths: string[]): Parsed<string[]> {
  const files: string[] = [];
  const problems: Problem[] = [];
  for (const p of paths) {
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) {
      problems.push({ code: 'usage', path: '', file: p, data: { message: 'no such file or directory' } });
      continue;
    }
    if (!st.isDirectory()) {
      files.push(p);
      continue;
    }
    const inside = readdirSync(p).filter((n) => n.endsWith('.json')).sort().map((n) => join(p, n));
    if (!inside.length) problems.push({ code: 'usage', path: '', file: p, data: { message: 'holds no .json reports' } });
    files.push(...inside);
  }
  return { value: [...new Set(files)], problems, warnings: [] };
}

/** One report file: its result, or the problems with it. */
export function loadReport(file: string): Parsed<ReportResult | undefined> {
  let text: string;
  try {
    text = readOwnFile(file, OWN_FILE_LIMITS.report);
  } catch (err) {
    return { value: undefined, problems: [{ code: 'cannot-read', path: '', file, data: { what: 'report', reason: (err as Error).message } }], warnings: [] };
  }
  const report = readJsonReport(text, file);
  if (report.problems.length || !report.value.sweep) return report;
  const sweep = readSweepInfo(report.value.sweep, file);
  return { ...sweep, value: { ...report.value, sweep: sweep.value } };
}

/** Every report of `paths`, or every problem with them. */
export function loadReports(paths: string[]): Parsed<LoadedReports> {
  if (!paths.length) {
    return { value: { parts: [], labels: [] }, problems: [{ code: 'usage', path: '', data: { message: 'merge: name the JSON reports to merge (e.g. keysprawl merge shard-*.json)' } }], warnings: [] };
  }
  const files = reportFiles(paths);
  const loaded = files.value.map(loadReport);
  return {
    value: { parts: loaded.flatMap((l) => (l.value ? [l.value] : [])), labels: files.value },
    problems: [...files.problems, ...loaded.flatMap((l) => l.problems)],
    warnings: [],
  };
}
