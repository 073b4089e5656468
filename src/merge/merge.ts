// `merge`: many keysprawl JSON reports (sweep shards, per-repository parts, scans) → one report,
// as if one run had scanned everything. Secrets are unioned by id (ids are salted hashes, so
// reports made with different salts cannot be merged), occurrences concatenated, and every
// secret scored again from its merged occurrences, so a key found in two shards' repositories
// gets the cross-repository spread no shard could see.
import { basename } from 'node:path';
import { UsageError } from '../errors.js';
import type { ReportResult, ReportRule } from '../report/json.js';
import { sortedSecrets } from '../report/order.js';
import type { Weights } from '../score/weights.js';
import type { ScanStats } from '../contracts/result.js';
import type { Secret } from '../contracts/scored.js';
import type { SweepInfo } from '../contracts/sweep.js';
import { VERSION } from '../version.js';
import { mergeSecrets } from './secrets.js';
import { mergeSweepInfo } from './sweep-info.js';

export interface MergeOptions {
  /** The merged report's root (default: the first report's). */
  root?: string;
  weights?: Weights;
  /** "Now" for the age factor (persistence): one instant for every secret. */
  now?: Date;
  /** Names of the reports, for messages (file names). */
  labels?: string[];
  warn?: (line: string) => void;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every report must carry the same salt fingerprint; one without any is merged with a warning. */
export function checkSalts(parts: ReportResult[], labels: string[], warn: (line: string) => void): string | undefined {
  const checks = new Map<string, string>();
  parts.forEach((p, i) => {
    if (!p.saltCheck) warn(`${labels[i]}: has no salt fingerprint (saltCheck): cannot confirm it used the same KEYSPRAWL_HASH_SALT`);
    else if (!checks.has(p.saltCheck)) checks.set(p.saltCheck, labels[i]);
  });
  if (checks.size > 1) {
    const [a, b] = [...checks.values()];
    throw new UsageError(
      `${a} and ${b} were written with different KEYSPRAWL_HASH_SALT values: their secret ids cannot be correlated. Run every shard with the same salt`,
    );
  }
  return [...checks.keys()][0];
}

/** A report that is not a sweep names its occurrences' repository after its root folder. */
function repoTagged(part: ReportResult): Secret[] {
  if (part.sweep) return part.secrets;
  const repo = basename(part.root) || part.root;
  return part.secrets.map((s) => ({
    ...s,
    occurrences: s.occurrences.map((o) => (o.origin.repo ? o : { ...o, origin: { ...o.origin, repo } })),
  }));
}

/** One copy of each rule: when reports disagree (different versions), the same one whatever the order. */
function mergeRules(parts: ReportResult[]): Map<string, ReportRule> {
  const byId = new Map<string, ReportRule>();
  for (const r of parts.flatMap((p) => p.rules)) {
    const prev = byId.get(r.id);
    if (!prev || cmp(JSON.stringify(r), JSON.stringify(prev)) < 0) byId.set(r.id, r);
  }
  return byId;
}

export function mergeStats(stats: ScanStats[]): ScanStats {
  const out: ScanStats = { filesScanned: 0, bytesScanned: 0, blobsScanned: 0, skipped: {}, skippedItems: [], warnings: [], suppressed: 0, elapsedMs: 0 };
  for (const s of stats) {
    out.filesScanned += s.filesScanned || 0;
    out.bytesScanned += s.bytesScanned || 0;
    out.blobsScanned += s.blobsScanned || 0;
    out.suppressed += s.suppressed || 0;
    out.elapsedMs += s.elapsedMs || 0;
    for (const [reason, n] of Object.entries(s.skipped ?? {})) out.skipped[reason as keyof ScanStats['skipped']] = (out.skipped[reason as keyof ScanStats['skipped']] ?? 0) + (n ?? 0);
    out.skippedItems.push(...(s.skippedItems ?? []));
    out.warnings.push(...(s.warnings ?? []));
  }
  // Order-independent, so shards merged in any order give the same report.
  out.skippedItems.sort((a, b) => cmp(a.message, b.message) || cmp(a.path, b.path));
  out.warnings.sort(cmp);
  return out;
}

/** Merge reports into one. Throws a UsageError when their salts differ. */
export function mergeResults(parts: ReportResult[], opts: MergeOptions = {}): ReportResult {
  const warn = opts.warn ?? (() => undefined);
  const labels = opts.labels ?? parts.map((_, i) => `report ${i + 1}`);
  const saltCheck = checkSalts(parts, labels, warn);
  const rules = mergeRules(parts);
  const now = opts.now ?? new Date();
  const secrets = sortedSecrets(mergeSecrets(parts.map(repoTagged), rules, opts.weights, now));
  const usedRules = [...new Set(secrets.map((s) => s.ruleId))].sort(cmp).map((id) => rules.get(id)).filter((r): r is ReportRule => !!r);
  const infos = parts.map((p) => p.sweep).filter((i): i is SweepInfo => !!i);
  const sweep = mergeSweepInfo(infos, secrets, warn);
  const started = parts.map((p) => p.startedAt).filter(Boolean).sort(cmp)[0] ?? now.toISOString();
  return {
    schema: 'keysprawl/v1',
    tool: { name: 'keysprawl', version: VERSION },
    root: opts.root ?? parts[0]?.root ?? '',
    startedAt: started,
    secrets,
    rules: usedRules,
    stats: mergeStats(parts.map((p) => p.stats)),
    redacted: parts.every((p) => p.redacted),
    ...(saltCheck ? { saltCheck } : {}),
    ...(sweep ? { sweep } : {}),
  };
}
