// Small sweep reports for history tests: repositories with a status, and keys (by id) seen in
// repository files. Only ids and redacted forms: the store never gets more than a report holds.
import type { ReportResult } from '../../src/report/json.js';
import type { Secret } from '../../src/contracts/scored.js';
import type { SweepRepo } from '../../src/contracts/sweep.js';

export interface Sight {
  key: string;
  repo: string;
  path?: string;
}

const SEV = { critical: 0, high: 0, medium: 0, low: 0 };

export function keyId(key: string): string {
  return `${key}${'0'.repeat(64 - key.length)}`;
}

/** A sweep report made at `at`, covering `repos` (id → status), with keys seen where `sights` say. */
export function sweepReport(at: string, repos: Record<string, 'ok' | 'failed'>, sights: Sight[], saltCheck = 'salt-check-1', run?: string): ReportResult {
  const byKey = new Map<string, Sight[]>();
  for (const s of sights) byKey.set(s.key, [...(byKey.get(s.key) ?? []), s]);
  const secrets = [...byKey].map(([key, list]) => ({
    id: keyId(key),
    ruleId: 'openai-project-key',
    provider: 'openai',
    redacted: `sk-p…${key.slice(0, 2)}`,
    score: 80,
    severity: 'high',
    kind: 'secret',
    confidence: 'high',
    factors: [],
    nhi: [],
    remediation: '',
    occurrences: list.map((s) => ({ origin: { kind: 'git', path: s.path ?? '.env', repo: s.repo }, contentKind: 'env-file', line: 1, column: 1, endLine: 1, endColumn: 20, snippet: '' })),
  })) as unknown as Secret[];
  const sweepRepos: SweepRepo[] = Object.entries(repos).map(([id, status]) => ({ id, status, depth: 'head', findings: 0, bySeverity: { ...SEV }, filesScanned: 1, bytesScanned: 1, elapsedMs: 1 }));
  return {
    schema: 'keysprawl/v1',
    tool: { name: 'keysprawl', version: '0.1.0' },
    root: '/org',
    startedAt: at,
    secrets,
    rules: [],
    stats: { filesScanned: 0, bytesScanned: 0, blobsScanned: 0, skipped: {}, skippedItems: [], warnings: [], suppressed: 0, elapsedMs: 0 },
    redacted: true,
    saltCheck,
    sweep: { depth: 'head', repos: sweepRepos, shared: [], ...(run ? { run } : {}) },
  };
}
