// Reporters: pure functions from a scan result to the bytes of one output format.
import { UsageError } from '../errors.js';
import type { ScanResult } from '../types.js';
import { renderJson, type ReportResult } from './json.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';
import { renderHtml } from './html.js';

export const FORMATS = ['text', 'json', 'sarif', 'html'] as const;
export type ReportFormat = (typeof FORMATS)[number];

export interface RenderOptions {
  /** ANSI colour in the text report (the CLI passes true only for a TTY). */
  color: boolean;
  /** Text report: list skipped files, warnings, suppressed findings and every occurrence. */
  verbose: boolean;
  /** Text report: the arguments after the id in the `keysprawl explain <id>` hint. */
  explainArgs?: string;
}

export function isFormat(value: unknown): value is ReportFormat {
  return typeof value === 'string' && (FORMATS as readonly string[]).includes(value);
}

/**
 * Render `result` as `format`. Deterministic: the same result gives the same string. Accepts a
 * ScanResult or a report read back with parseJsonReport().
 */
export function render(format: ReportFormat, result: ScanResult | ReportResult, opts: RenderOptions): string {
  switch (format) {
    case 'text':
      return renderText(result, opts);
    case 'json':
      return renderJson(result);
    case 'sarif':
      return renderSarif(result);
    case 'html':
      return renderHtml(result);
    default:
      throw new UsageError(`unknown report format "${String(format)}" (expected ${FORMATS.join(', ')})`);
  }
}

export { renderJson, toJsonReport, parseJsonReport, summarize, JSON_SCHEMA_TAG } from './json.js';
export type { JsonReport, JsonSummary, ReportResult, ReportRule } from './json.js';
export { renderSarif, toSarif, primaryOccurrence, sarifFingerprint, sortedSecrets, compareSecrets } from './sarif.js';
export type { SarifLog, SarifOptions } from './sarif.js';
export { renderText, summaryLine } from './text.js';
export { renderHtml } from './html.js';
export type { TextOptions } from './text.js';
export { severityForScore, securitySeverity, sarifLevel, atOrAbove, compareSeverity, severityRank, isSeverity } from './severity.js';
