// The output formats, one entry each: its name (`--format`, `format:` in .keysprawl.yaml), the
// file name endings that ask for it (`--output`), and its renderers. The CLI's help and checks,
// the config schema and `--output` inference all read this table, so adding a format is its
// renderer plus one entry here.
import { extname } from 'node:path';
import type { HistorySummary } from '../contracts/history.js';
import { historyPage } from './history-html.js';
import { renderHistoryJson } from './history-json.js';
import { historyText } from './history-text.js';
import { renderHtml } from './html.js';
import type { ReportResult } from './json.js';
import { renderJson } from './json.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export interface RenderOptions {
  /** ANSI colour in the text report (the CLI passes true only for a TTY). */
  color: boolean;
  /** Text report: list skipped files, warnings, suppressed findings and every occurrence. */
  verbose: boolean;
  /** Text report: the arguments after the id in the `keysprawl explain <id>` hint. */
  explainArgs?: string;
}

export interface Reporter {
  readonly name: string;
  /** Lower-case file name endings that ask for this format; the first is the one suggested. */
  readonly extensions: readonly string[];
  /** The report. Deterministic: the same result gives the same string. */
  readonly render: (result: ReportResult, opts: RenderOptions) => string;
  /** `keysprawl history` in this format; absent for a format that holds findings only. */
  readonly renderHistory?: (history: HistorySummary, opts: RenderOptions) => string;
}

export const REPORTERS = [
  { name: 'text', extensions: ['.txt', '.log'], render: renderText, renderHistory: (h, o) => historyText(h, o.verbose) },
  { name: 'json', extensions: ['.json'], render: renderJson, renderHistory: renderHistoryJson },
  { name: 'sarif', extensions: ['.sarif', '.sarif.json'], render: (r) => renderSarif(r) },
  { name: 'html', extensions: ['.html', '.htm'], render: renderHtml, renderHistory: historyPage },
] as const satisfies readonly Reporter[];

export type ReportFormat = (typeof REPORTERS)[number]['name'];

/** Every format name, in table order. */
export const FORMATS: readonly ReportFormat[] = REPORTERS.map((r) => r.name);

/** The formats `keysprawl history` writes. */
export const HISTORY_FORMATS: readonly ReportFormat[] = REPORTERS.filter((r: Reporter) => r.renderHistory).map((r) => r.name);

export function isFormat(value: unknown): value is ReportFormat {
  return typeof value === 'string' && (FORMATS as readonly string[]).includes(value);
}

export function reporterFor(format: ReportFormat): Reporter {
  return REPORTERS.find((r) => r.name === format)!;
}

/** "text, json, sarif or html": names for help and messages. */
export function formatList(names: readonly string[] = FORMATS, last = 'or'): string {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} ${last} ${names[names.length - 1]}` : names.join('');
}

/**
 * The format a file name asks for: the longest matching ending (`x.sarif.json` is sarif, not
 * json); a plain extension is compared with the name's own (a bare `.json` names no format).
 */
export function formatOfFile(file: string): ReportFormat | undefined {
  const name = file.toLowerCase();
  const ext = extname(name);
  let best: { format: ReportFormat; length: number } | undefined;
  for (const r of REPORTERS) {
    for (const e of r.extensions) {
      const compound = e.lastIndexOf('.') > 0;
      if ((compound ? name.endsWith(e) : ext === e) && e.length > (best?.length ?? 0)) best = { format: r.name, length: e.length };
    }
  }
  return best?.format;
}
