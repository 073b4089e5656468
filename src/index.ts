// Library entry: `import { scan, render } from 'keysprawl'`. scan() takes options (or a plan
// from buildPlan) and honours inline allow comments and a given baseline as the CLI does;
// render() turns its result into any output format the CLI writes.
import { render as renderReport, type RenderOptions, type ReportFormat } from './report/index.js';
import type { ReportResult } from './report/json.js';
import type { ScanResult } from './contracts/result.js';

export { scan, runPlan, buildPlan, defaultThreads, DEFAULT_MAX_FILE_SIZE, type ScanOptions, type ScanPlan, type PlanRun } from './scan.js';
export type { Source } from './sources/source.js';
export { parseBaseline, readBaseline } from './config/baseline-file.js';
export { builtinRules, loadRulePacks, parseRuleList } from './rules/load.js';
export { compileRules } from './detect/ruleset.js';
export { detect } from './detect/detect.js';
export { secretId, hashSalt } from './redaction/secret-id.js';
export { redact } from './redaction/redact.js';
export { DEFAULT_WEIGHTS, mergeWeights, validateWeights, type Weights } from './score/weights.js';
export { scoreSecret, severityOf } from './score/score.js';
export { UsageError, InternalError } from './errors.js';
export { ProblemError, must, type Problem, type Parsed } from './problems/problem.js';
export { renderProblem, type ProblemCode } from './problems/messages.js';
export { parseConfig, loadConfig } from './config/load.js';
export { readJsonReport, parseJsonReport } from './report/json-read.js';
export { VERSION } from './version.js';
export type { ReportFormat, RenderOptions } from './report/index.js';
export type * from './types.js';

/** A scan's report in one format (text, json, sarif, html): the bytes the CLI would write. Text has no colour unless asked. */
export function render(result: ScanResult | ReportResult, format: ReportFormat, opts: Partial<RenderOptions> = {}): string {
  return renderReport(format, result, { color: false, verbose: false, ...opts });
}
