// `keysprawl baseline create|update|import`: record the findings a repository already has, so
// only new ones fail the gate. The file holds fingerprints (rule + secret id + path), rule ids
// and paths: never a secret value, never a line number.
import { existsSync } from 'node:fs';
import { readBaseline, renderBaseline, sortFindings } from '../config/baseline-file.js';
import { IMPORT_FORMATS, parseDetectSecretsBaseline, parseGitleaksIgnore, type ImportFormat } from '../config/baseline-import.js';
import { displayPath } from '../config/load.js';
import { hashSalt } from '../redaction/secret-id.js';
import { UsageError } from '../errors.js';
import { DEFAULT_BASELINE_FILE, saltCheck, type Baseline, type BaselineFinding, type BaselineMatcher, type ImportedEntry } from '../filter/baseline.js';
import { buildPlan, runPlan } from '../scan.js';
import type { ScanResult } from '../contracts/result.js';
import { stdinFor, type Io } from './io.js';
import { setUpScan, type CommonScanFlags } from './scan-setup.js';
import { writeFileAtomic } from './write-file.js';
import { OWN_FILE_LIMITS, readOwnFile } from '../own-file.js';
import { renderProblem } from '../problems/messages.js';
import { must, type Parsed } from '../problems/problem.js';

export interface BaselineFlags extends CommonScanFlags {
  output?: string;
  force?: boolean;
  quiet?: boolean;
}

const EMPTY: Baseline = { findings: [], imported: [] };

/** Scan `paths` with `data` as the baseline; the matcher reports what it saw and matched. */
export async function scanWithBaseline(
  paths: string[], flags: BaselineFlags, io: Io, data: Baseline, file: string,
): Promise<{ matcher: BaselineMatcher; result: ScanResult }> {
  const warn = (line: string) => {
    if (!flags.quiet) io.stderr.write(`keysprawl: warning: ${line}\n`);
  };
  // --history: the same git blob source as scan --history, so fingerprints line up with CI's scan.
  const { options } = await setUpScan(paths, flags, { ...stdinFor(paths, io), onWarning: warn }, { data, label: `baseline ${displayPath(file)}` });
  const { result, baseline } = await runPlan(buildPlan(options));
  return { matcher: baseline!, result };
}

export async function writeBaseline(file: string, b: Baseline): Promise<void> {
  await writeFileAtomic(file, renderBaseline({ ...b, saltCheck: saltCheck(hashSalt()) }), { private: false });
}

const line = (f: BaselineFinding) => `${f.ruleId}  ${f.path}`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export async function runBaselineCreate(paths: string[], flags: BaselineFlags, io: Io): Promise<number> {
  const file = flags.output ?? DEFAULT_BASELINE_FILE;
  if (existsSync(file) && !flags.force) {
    throw new UsageError(`${file}: already exists (run keysprawl baseline update to refresh it, or add --force to start over)`);
  }
  const { matcher } = await scanWithBaseline(paths, flags, io, EMPTY, file);
  const findings = sortFindings(matcher.seen.values());
  await writeBaseline(file, { findings, imported: [] });
  io.stdout.write(`baseline: recorded ${plural(findings.length, 'finding')} in ${file}\n`);
  if (findings.length) io.stdout.write(`next: keysprawl scan${flags.history ? ' --history' : ''} --baseline ${file} (only findings not in it fail)\n`);
  return 0;
}

export async function runBaselineUpdate(paths: string[], flags: BaselineFlags, io: Io): Promise<number> {
  const file = flags.output ?? DEFAULT_BASELINE_FILE;
  const old = must(readBaseline(file));
  const { matcher } = await scanWithBaseline(paths, flags, io, old, file);
  const current = sortFindings(matcher.seen.values());
  const before = new Set(old.findings.map((f) => f.fingerprint));
  const added = current.filter((f) => !before.has(f.fingerprint) && !matcher.fromImports.has(f.fingerprint));
  const converted = current.filter((f) => matcher.fromImports.has(f.fingerprint));
  const removed = old.findings.filter((f) => !matcher.seen.has(f.fingerprint));
  await writeBaseline(file, { findings: current, imported: [] });
  for (const f of added) io.stdout.write(`+ ${line(f)}\n`);
  for (const f of removed) io.stdout.write(`- ${line(f)}\n`);
  const parts = [`${added.length} added`, `${removed.length} removed`, `${current.length - added.length - converted.length} unchanged`];
  if (old.imported.length) {
    const gone = old.imported.length - matcher.matchedImports.size;
    parts.push(`${plural(converted.length, 'finding')} converted from imported entries, ${plural(gone, 'imported entry', 'imported entries')} matching nothing dropped`);
  }
  io.stdout.write(`baseline: ${parts.join(', ')} (${file})\n`);
  return 0;
}

function readImport(from: string, source: string): Parsed<ImportedEntry[]> {
  if (!IMPORT_FORMATS.includes(from as ImportFormat)) {
    throw new UsageError(`--from ${from}: unknown format (expected ${IMPORT_FORMATS.join(' or ')})`);
  }
  let text: string;
  try {
    text = readOwnFile(source, OWN_FILE_LIMITS.baseline);
  } catch (err) {
    throw new UsageError(`${source}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return from === 'gitleaks' ? parseGitleaksIgnore(text, source) : parseDetectSecretsBaseline(text, source);
}

/**
 * Add a gitleaks or detect-secrets baseline's entries. Entries that match a finding now become
 * native fingerprints (robust to lines moving); the others are kept as imported entries, since
 * they may match in a scan of other paths or history, until `baseline update` drops them.
 */
export async function runBaselineImport(from: string, source: string, paths: string[], flags: BaselineFlags, io: Io): Promise<number> {
  const file = flags.output ?? DEFAULT_BASELINE_FILE;
  const parsed = readImport(from, source);
  const entries = must(parsed);
  for (const w of parsed.warnings) io.stderr.write(`keysprawl: warning: ${renderProblem(w)}\n`);
  const old = existsSync(file) ? must(readBaseline(file)) : EMPTY;
  const start = old.imported.length;
  const data: Baseline = { findings: old.findings, imported: [...old.imported, ...entries] };
  const { matcher } = await scanWithBaseline(paths, flags, io, data, file);
  const matched = entries.filter((_e, i) => matcher.matchedImports.has(start + i));
  const left = data.imported.filter((_e, i) => !matcher.matchedImports.has(i));
  const findings = sortFindings([...old.findings, ...matcher.fromImports.values()]);
  await writeBaseline(file, { findings, imported: left });
  io.stdout.write(
    `baseline: imported ${plural(entries.length, `${from} entry`, `${from} entries`)} from ${source}: ` +
      `${matched.length} matched current findings (${plural(matcher.fromImports.size, 'fingerprint')} added), ` +
      `${entries.length - matched.length} kept as imported entries (${file})\n`,
  );
  return 0;
}
