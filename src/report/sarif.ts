// SARIF 2.1.0 reporter (DESIGN.md §5), shaped for GitHub code scanning: one result per occurrence
// of a secret at its own line (so GitHub tracks and annotates every place), each with the secret
// id, its blast radius and the secret's other places as relatedLocations; one result per posture
// finding (its other jobs as relatedLocations); one rule descriptor per rule that has a result,
// severity per rule in `security-severity` and per secret in rank/level/properties.blastRadius.
// This module assembles the run (tool, invocation, provenance, results under GitHub's cap); the
// parts are sarif-types, sarif-locations, sarif-rules and sarif-results. The mapping is
// documented field by field in docs/output.md.
import type { Secret } from '../contracts/scored.js';
import { plural } from './describe.js';
import type { ReportResult, ReportRule } from './json.js';
import { cmp, sortedSecrets } from './order.js';
import { repositoryUri, rootUri } from './sarif-locations.js';
import { sarifResults } from './sarif-results.js';
import { fallbackRule, ruleDescriptor } from './sarif-rules.js';
import {
  KEYSPRAWL_INFORMATION_URI, SARIF_MAX_RESULTS, SARIF_SCHEMA_URI, SARIF_VERSION, SRCROOT,
  type SarifLog, type SarifOptions, type SarifRun, type SarifVersionControlDetails,
} from './sarif-types.js';
import { countBySeverity } from './severity.js';
import { verificationSummary } from './verification-text.js';

export type { SarifLog, SarifOptions, SarifResult } from './sarif-types.js';

function versionControlProvenance(secrets: Secret[], root: string): SarifVersionControlDetails[] {
  const rootRepo = rootUri(root);
  const repos = new Map<string, { commits: Set<string>; mapped: boolean }>();
  for (const s of secrets) {
    for (const o of s.occurrences) {
      const { repo, commit } = o.origin;
      if (!repo && !commit) continue;
      const uri = repo ? repositoryUri(repo) : rootRepo;
      if (!uri) continue;
      const entry = repos.get(uri) ?? { commits: new Set<string>(), mapped: uri === rootRepo };
      if (commit) entry.commits.add(commit);
      repos.set(uri, entry);
    }
  }
  return [...repos]
    .sort(([a], [b]) => cmp(a, b))
    .map(([repositoryUri, e]) => ({
      repositoryUri,
      ...(e.mapped ? { mappedTo: { uriBaseId: SRCROOT } } : {}),
      ...(e.commits.size ? { properties: { commitsWithFindings: e.commits.size } } : {}),
    }));
}

function isoOrUndefined(date: string, plusMs = 0): string | undefined {
  const t = Date.parse(date);
  return Number.isFinite(t) ? new Date(t + (Number.isFinite(plusMs) ? plusMs : 0)).toISOString() : undefined;
}

const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** The SARIF log as an object. */
export function toSarif(result: ReportResult, opts: SarifOptions = {}): SarifLog {
  const max = Math.max(0, opts.maxResults ?? SARIF_MAX_RESULTS);
  const all = sortedSecrets(result.secrets);
  // Results (one per occurrence) of the highest-ranked secrets first, up to the cap.
  const resultCount = (s: Secret) => (s.kind === 'posture' ? 1 : Math.max(1, s.occurrences.length));
  const totalResults = all.reduce((n, s) => n + resultCount(s), 0);
  const kept: Secret[] = [];
  for (let n = 0, i = 0; i < all.length && n < max; n += resultCount(all[i]), i++) kept.push(all[i]);

  const ruleMeta = new Map<string, ReportRule>();
  for (const r of result.rules) if (!ruleMeta.has(r.id)) ruleMeta.set(r.id, r);
  const byRule = new Map<string, Secret[]>();
  for (const s of kept) {
    const list = byRule.get(s.ruleId);
    if (list) list.push(s);
    else byRule.set(s.ruleId, [s]);
  }
  const ruleIds = [...byRule.keys()].sort(cmp);
  const rules = ruleIds.map((id) => ruleMeta.get(id) ?? fallbackRule(id, byRule.get(id)![0]));
  const index = new Map(ruleIds.map((id, i) => [id, i]));

  const results = kept.flatMap((s) => sarifResults(s, rules[index.get(s.ruleId)!], index.get(s.ruleId)!, result.root)).slice(0, max);
  const base = rootUri(result.root);
  const vcs = versionControlProvenance(kept, result.root);
  const stats = result.stats;
  const skipped = Object.entries(stats.skipped ?? {}).filter(([, n]) => (n ?? 0) > 0).sort(([a], [b]) => cmp(a, b));
  const skippedTotal = skipped.reduce((a, [, n]) => a + (n ?? 0), 0);
  const notifications = [
    ...(stats.warnings ?? []).map((w) => ({ level: 'warning' as const, message: { text: w } })),
    ...(skippedTotal
      ? [{
          level: 'note' as const,
          message: { text: `${plural(skippedTotal, 'file')} not scanned (${skipped.map(([r, n]) => `${r} ${n}`).join(', ')}).` },
          properties: { skipped: Object.fromEntries(skipped) },
        }]
      : []),
  ];
  const start = isoOrUndefined(result.startedAt);
  const end = isoOrUndefined(result.startedAt, stats.elapsedMs);
  const active = all.filter((s) => !s.suppressed);

  const run: SarifRun = {
    tool: {
      driver: {
        name: 'keysprawl',
        version: result.tool.version,
        ...(SEMVER.test(result.tool.version) ? { semanticVersion: result.tool.version } : {}),
        informationUri: KEYSPRAWL_INFORMATION_URI,
        rules: rules.map((r) => ruleDescriptor(r, byRule.get(r.id)!)),
      },
    },
    invocations: [
      {
        executionSuccessful: true,
        ...(start ? { startTimeUtc: start } : {}),
        ...(end ? { endTimeUtc: end } : {}),
        ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
      },
    ],
    ...(base ? { originalUriBaseIds: { [SRCROOT]: { uri: base } } } : {}),
    ...(vcs.length ? { versionControlProvenance: vcs } : {}),
    columnKind: 'utf16CodeUnits',
    results,
    properties: {
      redacted: result.redacted,
      filesScanned: stats.filesScanned,
      bytesScanned: stats.bytesScanned,
      skipped: skippedTotal,
      elapsedMs: stats.elapsedMs,
      findings: active.length,
      bySeverity: countBySeverity(active),
      suppressedFindings: all.length - active.length,
      suppressedOccurrences: stats.suppressed ?? 0,
      verification: verificationSummary(active) ?? 'not run: blast-radius facts are inferred',
      ...(results.length < totalResults
        ? { truncated: true, totalResults, reportedResults: results.length, omittedResults: totalResults - results.length }
        : {}),
    },
  };
  return { $schema: SARIF_SCHEMA_URI, version: SARIF_VERSION, runs: [run] };
}

/** The SARIF log as text: 2-space indent, trailing newline. */
export function renderSarif(result: ReportResult, opts: SarifOptions = {}): string {
  return `${JSON.stringify(toSarif(result, opts), null, 2)}\n`;
}
