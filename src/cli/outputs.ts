// Pairs --format and --output flags into a list of reports to write (one scan, many reports).
// The format names and the file name endings that ask for each are src/report/registry.ts's.
import { extname } from 'node:path';
import { UsageError } from '../errors.js';
import { FORMATS, REPORTERS, formatList, formatOfFile, isFormat, type ReportFormat } from '../report/registry.js';

/** The --format help: "output format: text, json, sarif or html (repeatable, pairs with --output)". */
export function formatHelp(names: readonly string[] = FORMATS): string {
  return `output format: ${formatList(names)} (repeatable, pairs with --output)`;
}

export interface OutputPlan {
  format: ReportFormat;
  /** undefined: standard output */
  file?: string;
}

/** The format a file name asks for, checked against the --format paired with it. */
function formatFor(given: ReportFormat | undefined, file: string | undefined, force: boolean): ReportFormat {
  if (!file) return given ?? 'text';
  const ext = formatOfFile(file);
  if (given && ext && given !== ext && !force) {
    throw new UsageError(`--format ${given} with --output ${file}: the file name says ${ext}; pair -f ${ext} with it, rename the file, or add --force-format`);
  }
  if (!given && !ext && extname(file) && !force) {
    throw new UsageError(`--output ${file}: cannot tell the format from "${extname(file)}"; add -f ${FORMATS.join('|')} (or use ${REPORTERS.map((r) => r.extensions[0]).join(', ')})`);
  }
  return given ?? ext ?? 'text';
}

/**
 * The i-th --format goes with the i-th --output. A format without an output goes to stdout
 * (at most one may); an output without a format takes it from its extension (a name without an
 * extension is text). A format that contradicts its file's extension, or an extension that names
 * no format, is a usage error unless `force` (--force-format).
 */
export function planOutputs(formats: string[], outputs: string[], opts: { force?: boolean } = {}): OutputPlan[] {
  for (const f of formats) {
    if (!isFormat(f)) throw new UsageError(`--format ${f}: unknown format (expected ${FORMATS.join(', ')})`);
  }
  const n = Math.max(formats.length, outputs.length, 1);
  const plans: OutputPlan[] = [];
  for (let i = 0; i < n; i++) {
    const file = outputs[i];
    plans.push({ format: formatFor(formats[i] as ReportFormat | undefined, file, !!opts.force), file });
  }
  if (plans.filter((p) => !p.file).length > 1) {
    throw new UsageError('more than one --format writes to standard output: give each extra format an --output FILE');
  }
  const files = plans.map((p) => p.file).filter(Boolean);
  if (new Set(files).size !== files.length) throw new UsageError('the same --output file is named twice');
  return plans;
}

export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?$/i.exec(text.trim());
  if (!m) throw new UsageError(`--max-file-size ${text}: expected a size such as 25m, 512k or 1000000`);
  const unit = (m[2] ?? '').toLowerCase()[0];
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.floor(Number(m[1]) * mult);
}
