// JSON report, schema "keysprawl/v1" (DESIGN.md §5): the full model, stable and versioned. It
// is also the input of `merge` and `report`, so parseJsonReport() reads back what renderJson()
// writes (field by field in docs/output.md).
import { UsageError } from '../errors.js';
import type { HistorySummary } from '../contracts/history.js';
import { CONTENT_KINDS } from '../contracts/fragment.js';
import type { Confidence } from '../contracts/match.js';
import type { MachineInventory, ScanResult, ScanStats } from '../contracts/result.js';
import type { RuleMeta } from '../contracts/rule.js';
import { SEVERITIES, type Secret, type Severity } from '../contracts/scored.js';
import type { Occurrence } from '../contracts/secret.js';
import type { SweepInfo } from '../contracts/sweep.js';
import { CONFIDENCES } from '../detect/confidence.js';
import { cmp, sortedSecrets } from './order.js';
import { countBySeverity, isSeverity } from './severity.js';
import { verificationSummary, type VerificationSummary } from './verification-text.js';

export const JSON_SCHEMA_TAG = 'keysprawl/v1';

/** The rule metadata reporters need: what the JSON report keeps of a rule's metadata. */
export type ReportRule = Pick<
  RuleMeta,
  'id' | 'name' | 'provider' | 'category' | 'privilege' | 'scope' | 'lifetime' | 'remediation' | 'references'
> &
  Partial<Pick<RuleMeta, 'description' | 'tags' | 'confidence'>>;

/**
 * What every reporter takes: a ScanResult whose rules may be the trimmed ReportRule (as read
 * back from a JSON report). A ScanResult is a ReportResult.
 */
export interface ReportResult extends Omit<ScanResult, 'rules'> {
  rules: ReportRule[];
}

export interface JsonSummary {
  /** Findings not suppressed. */
  secrets: number;
  bySeverity: Record<Severity, number>;
  byProvider: Record<string, number>;
  filesScanned: number;
  bytesScanned: number;
  /** Files not scanned, all reasons (stats.skipped has the breakdown). */
  skipped: number;
  /** Findings kept in the report but suppressed (every occurrence suppressed). */
  suppressed: number;
  elapsedMs: number;
  /** --verify's verdicts, counted; absent when nothing was verified (every fact is inferred). */
  verification?: VerificationSummary;
}

export interface JsonReport {
  schema: typeof JSON_SCHEMA_TAG;
  tool: ScanResult['tool'];
  root: string;
  startedAt: string;
  redacted: boolean;
  summary: JsonSummary;
  secrets: Secret[];
  rules: ReportRule[];
  stats: ScanStats;
  /** Fingerprint of the salt of the secret ids (`merge` refuses mixed salts). */
  saltCheck?: string;
  /** Sweeps and merges: repositories covered and keys shared across them (docs/sweep.md). */
  sweep?: SweepInfo;
  /** `scan --agents`: the clients, MCP servers and key counts found on the machine (docs/agents.md). */
  machine?: MachineInventory;
  /** `sweep --store` and `merge --store`: new, reintroduced, open and resolved keys (docs/sweep.md). */
  history?: HistorySummary;
}

export function skippedTotal(stats: ScanStats): number {
  return Object.values(stats.skipped ?? {}).reduce<number>((a, b) => a + (b ?? 0), 0);
}

/** Counts shared by the JSON summary and the text summary line. */
export function summarize(result: ReportResult): JsonSummary {
  const active = result.secrets.filter((s) => !s.suppressed);
  const bySeverity = countBySeverity(active);
  const providers = new Map<string, number>();
  for (const s of active) providers.set(s.provider, (providers.get(s.provider) ?? 0) + 1);
  const byProvider = Object.fromEntries([...providers].sort(([a], [b]) => cmp(a, b)));
  const stats = result.stats;
  const verified = verificationSummary(active);
  return {
    secrets: active.length,
    bySeverity,
    byProvider,
    filesScanned: stats.filesScanned,
    bytesScanned: stats.bytesScanned,
    skipped: skippedTotal(stats),
    suppressed: result.secrets.length - active.length,
    elapsedMs: stats.elapsedMs,
    ...(verified ? { verification: verified } : {}),
  };
}

/** The trimmed rule metadata the report keeps (no regex, keywords or examples). */
export function reportRule(rule: ReportRule): ReportRule {
  return {
    id: rule.id,
    name: rule.name,
    provider: rule.provider,
    category: rule.category,
    privilege: rule.privilege,
    scope: rule.scope,
    lifetime: rule.lifetime,
    remediation: rule.remediation,
    references: [...(rule.references ?? [])],
    ...(rule.description ? { description: rule.description } : {}),
    ...(rule.tags?.length ? { tags: [...rule.tags] } : {}),
    ...(rule.confidence ? { confidence: rule.confidence } : {}),
  };
}

export function toJsonReport(result: ReportResult): JsonReport {
  const rules = new Map<string, ReportRule>();
  for (const r of result.rules) if (!rules.has(r.id)) rules.set(r.id, reportRule(r));
  return {
    schema: JSON_SCHEMA_TAG,
    tool: { name: 'keysprawl', version: result.tool.version },
    root: result.root,
    startedAt: result.startedAt,
    redacted: result.redacted,
    summary: summarize(result),
    secrets: sortedSecrets(result.secrets),
    rules: [...rules.values()].sort((a, b) => cmp(a.id, b.id)),
    stats: result.stats,
    ...(result.saltCheck ? { saltCheck: result.saltCheck } : {}),
    ...(result.sweep ? { sweep: result.sweep } : {}),
    ...(result.machine ? { machine: result.machine } : {}),
    ...(result.history ? { history: result.history } : {}),
  };
}

/** The JSON report: 2-space indent, trailing newline. `opts` is accepted for a uniform API. */
export function renderJson(result: ReportResult, _opts?: unknown): string {
  return `${JSON.stringify(toJsonReport(result), null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Reading a report back

function fail(where: string, what: string, source?: string): never {
  throw new UsageError(`${source ? `${source}: ` : ''}not a valid keysprawl JSON report: ${where} ${what}`);
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function expect(v: unknown, type: 'string' | 'number' | 'boolean' | 'object' | 'array', where: string, source?: string): void {
  const ok = type === 'array' ? Array.isArray(v) : type === 'object' ? isObj(v) : typeof v === type && !(type === 'number' && !Number.isFinite(v));
  if (!ok) fail(where, `must be ${type === 'array' || type === 'object' ? `an ${type}` : `a ${type}`}`, source);
}

const ORIGIN_KINDS: readonly Occurrence['origin']['kind'][] = ['file', 'git', 'staged', 'stdin'];

function checkOccurrence(o: unknown, where: string, source?: string): void {
  expect(o, 'object', where, source);
  const occ = o as Record<string, unknown>;
  expect(occ.origin, 'object', `${where}.origin`, source);
  const origin = occ.origin as Record<string, unknown>;
  expect(origin.path, 'string', `${where}.origin.path`, source);
  if (!ORIGIN_KINDS.includes(origin.kind as Occurrence['origin']['kind'])) fail(`${where}.origin.kind`, `must be one of ${ORIGIN_KINDS.join(', ')}`, source);
  if (!(CONTENT_KINDS as readonly unknown[]).includes(occ.contentKind)) fail(`${where}.contentKind`, `must be one of ${CONTENT_KINDS.join(', ')}`, source);
  for (const k of ['line', 'column', 'endLine', 'endColumn'] as const) expect(occ[k], 'number', `${where}.${k}`, source);
  expect(occ.snippet, 'string', `${where}.snippet`, source);
}

function checkSecret(s: unknown, where: string, source?: string): void {
  expect(s, 'object', where, source);
  const sec = s as Record<string, unknown>;
  for (const k of ['id', 'ruleId', 'provider', 'redacted', 'remediation']) expect(sec[k], 'string', `${where}.${k}`, source);
  expect(sec.score, 'number', `${where}.score`, source);
  if (!isSeverity(sec.severity)) fail(`${where}.severity`, `must be one of ${SEVERITIES.join(', ')}`, source);
  if (!CONFIDENCES.includes(sec.confidence as Confidence)) fail(`${where}.confidence`, 'must be high, medium or low', source);
  if (sec.kind !== 'secret' && sec.kind !== 'posture') fail(`${where}.kind`, 'must be "secret" or "posture"', source);
  expect(sec.nhi, 'array', `${where}.nhi`, source);
  expect(sec.factors, 'array', `${where}.factors`, source);
  (sec.factors as unknown[]).forEach((f, i) => {
    expect(f, 'object', `${where}.factors[${i}]`, source);
    expect((f as Record<string, unknown>).points, 'number', `${where}.factors[${i}].points`, source);
    expect((f as Record<string, unknown>).factor, 'string', `${where}.factors[${i}].factor`, source);
  });
  expect(sec.occurrences, 'array', `${where}.occurrences`, source);
  (sec.occurrences as unknown[]).forEach((o, i) => checkOccurrence(o, `${where}.occurrences[${i}]`, source));  if (sec.verification !== undefined) checkVerification(sec.verification, `${where}.verification`, source);
}

/** --verify's verdict and access map as read back (merge re-scores with them). */
function checkVerification(v: unknown, where: string, source?: string): void {
  expect(v, 'object', where, source);
  const ver = v as Record<string, unknown>;
  if (!['live', 'revoked', 'unknown'].includes(ver.verdict as string)) fail(`${where}.verdict`, 'must be live, revoked or unknown', source);
  for (const k of ['provider', 'checkedAt', 'reason']) expect(ver[k], 'string', `${where}.${k}`, source);
  if (ver.access === undefined) return;
  expect(ver.access, 'object', `${where}.access`, source);
  const a = ver.access as Record<string, unknown>;
  expect(a.source, 'string', `${where}.access.source`, source);
  if (a.scopes !== undefined) expect(a.scopes, 'array', `${where}.access.scopes`, source);
  if (a.privilege !== undefined && !['admin', 'write', 'read', 'unknown'].includes(a.privilege as string)) {
    fail(`${where}.access.privilege`, 'must be admin, write, read or unknown', source);
  }
}

/**
 * Parse a `keysprawl/v1` JSON report back into the model the reporters take. Throws a
 * UsageError (an Error; exit code 2) naming the first bad field when the text is not JSON, the
 * schema tag is missing or different, or a required field has the wrong type. `source` (a file
 * name) prefixes the message. The derived `summary` is not read: it is recomputed on render.
 */
export function parseJsonReport(text: string, source?: string): ReportResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${source ? `${source}: ` : ''}not a keysprawl JSON report: invalid JSON (${(err as Error).message})`);
  }
  if (!isObj(data)) fail('the top level', 'must be an object', source);
  if (data.schema !== JSON_SCHEMA_TAG) {
    throw new UsageError(
      `${source ? `${source}: ` : ''}not a keysprawl JSON report: schema is ${data.schema === undefined ? 'missing' : JSON.stringify(data.schema)}, expected "${JSON_SCHEMA_TAG}"`,
    );
  }
  expect(data.tool, 'object', 'tool', source);
  const tool = data.tool as Record<string, unknown>;
  if (tool.name !== 'keysprawl') fail('tool.name', 'must be "keysprawl"', source);
  expect(tool.version, 'string', 'tool.version', source);
  expect(data.root, 'string', 'root', source);
  expect(data.startedAt, 'string', 'startedAt', source);
  expect(data.redacted, 'boolean', 'redacted', source);
  expect(data.secrets, 'array', 'secrets', source);
  (data.secrets as unknown[]).forEach((s, i) => checkSecret(s, `secrets[${i}]`, source));
  expect(data.rules, 'array', 'rules', source);
  (data.rules as unknown[]).forEach((r, i) => {
    expect(r, 'object', `rules[${i}]`, source);
    for (const k of ['id', 'name', 'provider', 'category', 'privilege', 'scope', 'lifetime', 'remediation']) {
      expect((r as Record<string, unknown>)[k], 'string', `rules[${i}].${k}`, source);
    }
    expect((r as Record<string, unknown>).references, 'array', `rules[${i}].references`, source);
  });
  expect(data.stats, 'object', 'stats', source);
  const stats = data.stats as Record<string, unknown>;
  for (const k of ['filesScanned', 'bytesScanned', 'elapsedMs']) expect(stats[k], 'number', `stats.${k}`, source);
  expect(stats.skipped, 'object', 'stats.skipped', source);
  const fullStats: ScanStats = {
    filesScanned: stats.filesScanned as number,
    bytesScanned: stats.bytesScanned as number,
    blobsScanned: typeof stats.blobsScanned === 'number' ? stats.blobsScanned : 0,
    skipped: stats.skipped as ScanStats['skipped'],
    skippedItems: Array.isArray(stats.skippedItems) ? (stats.skippedItems as ScanStats['skippedItems']) : [],
    warnings: Array.isArray(stats.warnings) ? (stats.warnings as string[]) : [],
    suppressed: typeof stats.suppressed === 'number' ? stats.suppressed : 0,
    elapsedMs: stats.elapsedMs as number,
  };
  return {
    schema: JSON_SCHEMA_TAG,
    tool: { name: 'keysprawl', version: tool.version as string },
    root: data.root as string,
    startedAt: data.startedAt as string,
    secrets: data.secrets as Secret[],
    rules: data.rules as ReportRule[],
    stats: { ...(stats as unknown as ScanStats), ...fullStats },
    redacted: data.redacted as boolean,
    // Checked where they are used (src/merge/): a plain scan report has neither.
    ...(typeof data.saltCheck === 'string' ? { saltCheck: data.saltCheck } : {}),
    ...(isObj(data.sweep) ? { sweep: data.sweep as unknown as SweepInfo } : {}),
    ...(isObj(data.machine) && Array.isArray(data.machine.clients) ? { machine: data.machine as unknown as MachineInventory } : {}),
  };
}
