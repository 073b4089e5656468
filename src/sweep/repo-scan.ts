// Scans one repository of a sweep and returns its part of the report: the scan result with every
// occurrence tagged with the repository id (so spread across repositories is counted), or, when
// the repository cannot be scanned (clone error, not a repository, corrupt, unreadable), an empty
// part that records the error. Nothing here throws: one bad repository never stops a sweep.
import { existsSync, realpathSync } from 'node:fs';
import { errorMessage } from '../errors.js';
import { reportRule, type ReportResult } from '../report/json.js';
import { scan, type ScanOptions } from '../scan.js';
import type { RevisionFilter } from '../sources/git/history-source.js';
import { resolveRev, type GitRepo } from '../sources/git/repo.js';
import { firstErrorLine, GitCommandError, gitOutput } from '../sources/git/run-git.js';
import { historyScanSource } from '../sources/git/scan-source.js';
import type { ScanResult, ScanStats } from '../contracts/result.js';
import { SEVERITIES, type Severity } from '../contracts/scored.js';
import type { SweepRepo } from '../contracts/sweep.js';
import { VERSION } from '../version.js';
import { ensureClone, type Depth } from './clone-cache.js';
import { scrubCredentials, type RepoSpec } from './repo-list.js';

/** The engine options every repository is scanned with (rules, filters, baseline, weights, salt). */
export type EngineOptions = Pick<ScanOptions, 'rules' | 'structured' | 'filters' | 'extract' | 'weights' | 'salt' | 'baseline'>;

export interface RepoScanOptions {
  depth: Depth;
  /** Where URL repositories are cloned. */
  cache: string;
  maxFileSize: number;
  engine: EngineOptions;
  /** The salt fingerprint written into every part. */
  saltCheck: string;
  warn: (line: string) => void;
  /** Extra environment for clones and fetches (git configuration carrying the forges' tokens). */
  cloneEnv?: NodeJS.ProcessEnv;
}

export function zeroSeverities(): Record<Severity, number> {
  return Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
}

function emptyStats(elapsedMs = 0): ScanStats {
  return { filesScanned: 0, bytesScanned: 0, blobsScanned: 0, skipped: {}, skippedItems: [], warnings: [], suppressed: 0, elapsedMs };
}

/** The part of a repository that could not be scanned: no findings, its error. */
export function failedPart(spec: RepoSpec, depth: Depth, error: string, elapsedMs: number, saltCheck: string): ReportResult {
  const entry: SweepRepo = {
    id: spec.id, status: 'failed', error, depth, findings: 0, bySeverity: zeroSeverities(), filesScanned: 0, bytesScanned: 0, elapsedMs,
  };
  return {
    schema: 'keysprawl/v1',
    tool: { name: 'keysprawl', version: VERSION },
    root: spec.kind === 'path' ? spec.location : spec.id,
    startedAt: new Date(Date.now() - elapsedMs).toISOString(),
    secrets: [],
    rules: [],
    stats: emptyStats(elapsedMs),
    redacted: true,
    saltCheck,
    sweep: { depth, repos: [entry], shared: [] },
  };
}

/** Occurrences carry the repository; warnings and skips name it. */
function tagRepo(result: ScanResult, spec: RepoSpec, depth: Depth, head: string | undefined, saltCheck: string): ReportResult {
  const secrets = result.secrets.map((s) => ({
    ...s,
    occurrences: s.occurrences.map((o) => ({ ...o, origin: { ...o.origin, repo: spec.id } })),
  }));
  const stats: ScanStats = {
    ...result.stats,
    warnings: result.stats.warnings.map((w) => `${spec.id}: ${w}`),
    skippedItems: result.stats.skippedItems.map((i) => ({ ...i, message: `${spec.id}: ${i.message}` })),
  };
  const entry: SweepRepo = {
    id: spec.id,
    status: 'ok',
    depth,
    ...(head ? { head } : {}),
    findings: secrets.filter((s) => !s.suppressed).length,
    bySeverity: zeroSeverities(),
    filesScanned: stats.filesScanned,
    bytesScanned: stats.bytesScanned,
    elapsedMs: stats.elapsedMs,
  };
  for (const s of secrets) if (!s.suppressed) entry.bySeverity[s.severity]++;
  // Trimmed rules, as a saved (--state) part holds them: fresh and resumed parts merge alike.
  return { ...result, rules: result.rules.map(reportRule), secrets, stats, saltCheck, sweep: { depth, repos: [entry], shared: [] } };
}

/**
 * Open a listed repository: a checkout (its top level must be the folder itself, not a parent
 * repository that happens to contain it) or a bare repository (mirrors in the clone cache).
 */
export async function openListedRepo(dir: string): Promise<GitRepo> {
  let facts: string[];
  try {
    facts = (await gitOutput(dir, ['rev-parse', '--is-bare-repository', '--is-shallow-repository', '--absolute-git-dir'])).split('\n').map((l) => l.trim());
  } catch (err) {
    throw new Error(`${dir}: not a readable git repository (${err instanceof GitCommandError ? firstErrorLine(err.stderr) : (err as Error).message})`);
  }
  const [bare, shallow, gitDir] = facts;
  const top = bare === 'true' ? gitDir : (await gitOutput(dir, ['rev-parse', '--show-toplevel'])).trim();
  if (bare !== 'true' && realpathSync(top) !== realpathSync(dir)) throw new Error(`${dir}: not a git repository (it is inside ${top})`);
  return { dir: top, gitDir, bare: bare === 'true', shallow: shallow === 'true', head: await resolveRev(top, 'HEAD', { optional: true }) };
}

async function scanRepo(spec: RepoSpec, o: RepoScanOptions): Promise<ReportResult> {
  if (spec.kind === 'path' && !existsSync(spec.location)) throw new Error(`${spec.location}: no such folder`);
  const dir = spec.kind === 'url' ? await ensureClone(spec, o.depth, o.cache, o.warn, o.cloneEnv) : spec.location;
  const repo = await openListedRepo(dir);
  // HEAD only: the objects of the one commit HEAD names (committed files, nothing uncommitted).
  const filter: RevisionFilter = o.depth === 'head' ? { branches: ['HEAD'], maxCount: 1 } : {};
  const empty = o.depth === 'head' && !repo.head;
  // HEAD's files were mostly introduced earlier: the source walks HEAD's history for their first commit.
  const source = empty ? { root: repo.dir, blobs: async function* none() {} } : historyScanSource(repo, { filter, maxFileSize: o.maxFileSize });
  const result = await scan({ ...o.engine, redact: true, source, onWarning: (line) => o.warn(`${spec.id}: ${line}`) });
  return tagRepo(result, spec, o.depth, repo.head, o.saltCheck);
}

/** Scan one repository; a failure becomes a failed part with a one-line, credential-free error. */
export async function scanOneRepo(spec: RepoSpec, o: RepoScanOptions): Promise<ReportResult> {
  const started = Date.now();
  try {
    return await scanRepo(spec, o);
  } catch (err) {
    const line = scrubCredentials(errorMessage(err).split('\n')[0]);
    o.warn(`${spec.id}: not scanned: ${line}`);
    return failedPart(spec, o.depth, line, Date.now() - started, o.saltCheck);
  }
}
