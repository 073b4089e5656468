// Reporters: pure functions from a scan result to the bytes of one output format. The formats
// and their file name endings are the table in ./registry.ts.
import { UsageError } from '../errors.js';
import type { ScanResult } from '../contracts/result.js';
import type { ReportResult } from './json.js';
import { FORMATS, isFormat, reporterFor, type RenderOptions, type ReportFormat } from './registry.js';

/**
 * Render `result` as `format`. Deterministic: the same result gives the same string. Accepts a
 * ScanResult or a report read back with parseJsonReport().
 */
export function render(format: ReportFormat, result: ScanResult | ReportResult, opts: RenderOptions): string {
  if (!isFormat(format)) throw new UsageError(`unknown report format "${String(format)}" (expected ${FORMATS.join(', ')})`);
  return reporterFor(format).render(result, opts);
}

export { FORMATS, REPORTERS, isFormat, formatOfFile, type RenderOptions, type ReportFormat, type Reporter } from './registry.js';
export { renderJson, toJsonReport, summarize, JSON_SCHEMA_TAG } from './json.js';
export { parseJsonReport, readJsonReport } from './json-read.js';
export type { JsonReport, JsonSummary, ReportResult, ReportRule } from './json.js';
export { renderSarif, toSarif } from './sarif.js';
export { sarifFingerprint } from './sarif-results.js';
export type { SarifLog, SarifOptions } from './sarif.js';
export { primaryOccurrence, sortedSecrets, compareSecrets } from './order.js';
export { renderText, summaryLine } from './text.js';
export { renderHtml } from './html.js';
export type { TextOptions } from './text.js';
export { severityForScore, securitySeverity, sarifLevel, atOrAbove, compareSeverity, severityRank, isSeverity } from './severity.js';
