// JSON report, schema "keysprawl/v1" (DESIGN.md §5): the full model, stable and versioned. It
// is also the input of `merge` and `report`, so readJsonReport() (json-read.ts) reads back
// what renderJson() writes (field by field in docs/output.md).
import type { HistorySummary } from '../contracts/history.js';
import type { MachineInventory, ScanResult, ScanStats } from '../contracts/result.js';
import type { RuleMeta } from '../contracts/rule.js';
import type { Secret, Severity } from '../contracts/scored.js';
import type { SweepInfo } from '../contracts/sweep.js';
import { cmp, sortedSecrets } from './order.js';
import { countBySeverity } from './severity.js';
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
