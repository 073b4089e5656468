// Reading a `keysprawl/v1` JSON report back (merge, explain --from, sweep state): one valibot
// schema of the fields the reporters need, every problem a value naming its key path, e.g.
// "shard-1.json: not a valid keysprawl JSON report: secrets[2].score must be a number". Fields
// the schema does not name pass through; the derived `summary` is not read (it is recomputed).
import { jsonErrorReason } from '../errors.js';
import { inFile, isObj, must, type Parsed, type Problem } from '../problems/problem.js';
import { check, closedObject, says } from '../problems/schema-kit.js';
import * as v from 'valibot';
import { CONTENT_KINDS } from '../contracts/fragment.js';
import type { MachineInventory, ScanStats } from '../contracts/result.js';
import { SEVERITIES, type Secret } from '../contracts/scored.js';
import type { SweepInfo } from '../contracts/sweep.js';
import { CONFIDENCES } from '../detect/confidence.js';
import { JSON_SCHEMA_TAG, type ReportResult, type ReportRule } from './json.js';

const bad = (what: string) => says('report-invalid', { what });
const str = () => v.string(bad('must be a string'));
const num = () => v.pipe(v.number(bad('must be a number')), v.finite(bad('must be a number')));
const list = <T extends v.GenericSchema>(item: T) => v.array(item, bad('must be an array'));
const oneOf = (allowed: readonly string[], said = `one of ${allowed.join(', ')}`) => v.picklist(allowed, bad(`must be ${said}`));
/** A JSON object with these fields; others pass through. */
const obj = <E extends v.ObjectEntries>(entries: E) => closedObject(entries, { message: bad('must be an object'), unknown: 'allow' });

const OCCURRENCE = obj({
  origin: obj({ path: str(), kind: oneOf(['file', 'git', 'staged', 'stdin']) }),
  contentKind: oneOf(CONTENT_KINDS),
  line: num(), column: num(), endLine: num(), endColumn: num(),
  snippet: str(),
});

/** --verify's verdict and access map (merge re-scores with them). */
const VERIFICATION = obj({
  verdict: oneOf(['live', 'revoked', 'unknown'], 'live, revoked or unknown'),
  provider: str(), checkedAt: str(), reason: str(),
  access: v.optional(obj({
    source: str(),
    scopes: v.optional(list(v.unknown())),
    privilege: v.optional(oneOf(['admin', 'write', 'read', 'unknown'], 'admin, write, read or unknown')),
  })),
});

const SECRET = obj({
  id: str(), ruleId: str(), provider: str(), redacted: str(), remediation: str(),
  score: num(),
  severity: oneOf(SEVERITIES),
  confidence: oneOf(CONFIDENCES, 'high, medium or low'),
  kind: oneOf(['secret', 'posture'], '"secret" or "posture"'),
  nhi: list(v.unknown()),
  factors: list(obj({ points: num(), factor: str() })),
  occurrences: list(OCCURRENCE),
  verification: v.optional(VERIFICATION),
});

const RULE = obj({
  id: str(), name: str(), provider: str(), category: str(), privilege: str(), scope: str(), lifetime: str(), remediation: str(),
  references: list(v.unknown()),
});

/** The report once its schema tag is known to be ours. */
const REPORT = obj({
  tool: obj({ name: v.literal('keysprawl', bad('must be "keysprawl"')), version: str() }),
  root: str(),
  startedAt: str(),
  redacted: v.boolean(bad('must be a boolean')),
  secrets: list(SECRET),
  rules: list(RULE),
  stats: obj({ filesScanned: num(), bytesScanned: num(), elapsedMs: num(), skipped: obj({}) }),
});

const EMPTY_STATS: ScanStats = { filesScanned: 0, bytesScanned: 0, blobsScanned: 0, skipped: {}, skippedItems: [], warnings: [], suppressed: 0, elapsedMs: 0 };

/** The result a report holds, from data the schema accepted (optional stats default). */
function toResult(data: Record<string, unknown>): ReportResult {
  const stats = data.stats as Record<string, unknown>;
  const full: ScanStats = {
    filesScanned: stats.filesScanned as number,
    bytesScanned: stats.bytesScanned as number,
    blobsScanned: typeof stats.blobsScanned === 'number' ? stats.blobsScanned : 0,
    skipped: stats.skipped as ScanStats['skipped'],
    skippedItems: Array.isArray(stats.skippedItems) ? (stats.skippedItems as ScanStats['skippedItems']) : [],
    warnings: Array.isArray(stats.warnings) ? (stats.warnings as string[]) : [],
    suppressed: typeof stats.suppressed === 'number' ? stats.suppressed : 0,
    elapsedMs: stats.elapsedMs as number,
  };
  const tool = data.tool as { version: string };
  return {
    schema: JSON_SCHEMA_TAG,
    tool: { name: 'keysprawl', version: tool.version },
    root: data.root as string,
    startedAt: data.startedAt as string,
    secrets: data.secrets as Secret[],
    rules: data.rules as ReportRule[],
    stats: { ...(stats as unknown as ScanStats), ...full },
    redacted: data.redacted as boolean,
    // Checked where they are used (src/merge/): a plain scan report has neither.
    ...(typeof data.saltCheck === 'string' ? { saltCheck: data.saltCheck } : {}),
    ...(isObj(data.sweep) ? { sweep: data.sweep as unknown as SweepInfo } : {}),
    ...(isObj(data.machine) && Array.isArray(data.machine.clients) ? { machine: data.machine as unknown as MachineInventory } : {}),
  };
}

/**
 * Read a JSON report: the model the reporters take, or problems naming each bad field (not JSON,
 * a missing or different schema tag, a required field of the wrong type). `source` (a file
 * name) names the file in the problems.
 */
export function readJsonReport(text: string, source?: string): Parsed<ReportResult> {
  const empty: ReportResult = { schema: JSON_SCHEMA_TAG, tool: { name: 'keysprawl', version: '' }, root: '', startedAt: '', secrets: [], rules: [], stats: EMPTY_STATS, redacted: true };
  const failed = (problems: Problem[]): Parsed<ReportResult> => ({ value: empty, problems: source ? inFile(problems, source) : problems, warnings: [] });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return failed([{ code: 'invalid-json', path: '', data: { what: 'keysprawl JSON report', reason: jsonErrorReason(err) } }]);
  }
  if (!isObj(data)) return failed([{ code: 'report-invalid', path: '', data: { what: 'must be an object' } }]);
  if (data.schema !== JSON_SCHEMA_TAG) {
    return failed([{ code: 'report-schema-tag', path: 'schema', data: { expected: JSON_SCHEMA_TAG, found: data.schema === undefined ? 'missing' : JSON.stringify(data.schema) } }]);
  }
  const { problems } = check(REPORT, data);
  return problems.length ? failed(problems) : { value: toResult(data), problems: [], warnings: [] };
}

/** readJsonReport's result, or a ProblemError naming every bad field (for callers that stop there). */
export function parseJsonReport(text: string, source?: string): ReportResult {
  return must(readJsonReport(text, source));
}
