// The sweep part of a merged report: every repository once, its counts taken from the merged
// (re-scored) secrets, the shards covered, and the keys shared across repositories, which is the
// question an org-wide sweep answers first.
import { UsageError } from '../errors.js';
import { ProblemList, type Parsed } from '../problems/problem.js';
import { check, closedObject, says } from '../problems/schema-kit.js';
import * as v from 'valibot';
import { SEVERITIES, type Secret } from '../contracts/scored.js';
import type { SharedKey, SweepInfo, SweepRepo } from '../contracts/sweep.js';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Secrets (not posture findings, not suppressed) found in two or more repositories. */
export function sharedKeys(secrets: readonly Secret[]): SharedKey[] {
  const out: Array<SharedKey & { score: number }> = [];
  for (const s of secrets) {
    if (s.kind !== 'secret' || s.suppressed) continue;
    const repos = [...new Set(s.occurrences.filter((o) => !o.suppressed).map((o) => o.origin.repo).filter((r): r is string => !!r))].sort(cmp);
    if (repos.length > 1) out.push({ id: s.id, repos, score: s.score });
  }
  out.sort((a, b) => b.repos.length - a.repos.length || b.score - a.score || cmp(a.id, b.id));
  return out.map(({ id, repos }) => ({ id, repos }));
}

/** Per-repository counts from the merged secrets: a key shared with another repository counts in both. */
function recount(repo: SweepRepo, secrets: readonly Secret[]): SweepRepo {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SweepRepo['bySeverity'];
  let findings = 0;
  for (const s of secrets) {
    if (s.suppressed || !s.occurrences.some((o) => o.origin.repo === repo.id)) continue;
    findings++;
    bySeverity[s.severity]++;
  }
  return { ...repo, findings, bySeverity };
}

/** Two entries for one repository (a report merged twice, overlapping lists): keep a scanned one. */
function better(a: SweepRepo, b: SweepRepo): SweepRepo {
  if (a.status !== b.status) return a.status === 'ok' ? a : b;
  return cmp(JSON.stringify(a), JSON.stringify(b)) <= 0 ? a : b;
}

function mergeShards(infos: SweepInfo[], warn: (line: string) => void): SweepInfo['shards'] {
  const sharded = infos.filter((i) => i.shards);
  if (!sharded.length) return undefined;
  const counts = [...new Set(sharded.map((i) => i.shards!.count))];
  if (counts.length > 1) throw new UsageError(`the reports come from different shard splits (${counts.sort((a, b) => a - b).map((c) => `/${c}`).join(', ')}): merge shards of one sweep`);
  if (sharded.length < infos.length) warn('some reports are sharded and some are not: merged anyway');
  const all = sharded.flatMap((i) => i.shards!.indexes);
  const indexes = [...new Set(all)].sort((a, b) => a - b);
  for (const i of indexes) if (all.filter((x) => x === i).length > 1) warn(`shard ${i}/${counts[0]} is given more than once: its repositories are counted once`);
  return { count: counts[0], indexes };
}

/** Combine the sweep sections of the reports (undefined when none has one). */
export function mergeSweepInfo(infos: SweepInfo[], secrets: readonly Secret[], warn: (line: string) => void): SweepInfo | undefined {
  if (!infos.length) return undefined;
  const depths = [...new Set(infos.map((i) => i.depth))];
  if (depths.length > 1) warn('the reports mix --depth head and --depth history: the merged report is labelled head');
  const byId = new Map<string, SweepRepo>();
  for (const r of infos.flatMap((i) => i.repos)) {
    const prev = byId.get(r.id);
    byId.set(r.id, prev ? better(prev, r) : r);
  }
  const repos = [...byId.values()].sort((a, b) => cmp(a.id, b.id)).map((r) => (r.status === 'ok' ? recount(r, secrets) : r));
  const shards = mergeShards(infos, warn);
  const runs = [...new Set(infos.map((i) => i.run).filter((r): r is string => !!r))].sort(cmp);
  if (runs.length > 1) warn(`the reports name different sweeps (--run ${runs.join(', ')}): the merged report names none`);
  return {
    depth: depths.length === 1 ? depths[0] : 'head',
    ...(runs.length === 1 ? { run: runs[0] } : {}),
    ...(shards ? { shards } : {}),
    repos,
    shared: sharedKeys(secrets),
  };
}

/** "shards 1, 3 of 4 are missing" when a merge does not cover every shard. */
export function missingShards(info: SweepInfo | undefined): string | undefined {
  const s = info?.shards;
  if (!s || s.indexes.length === s.count) return undefined;
  const missing = Array.from({ length: s.count }, (_, i) => i).filter((i) => !s.indexes.includes(i));
  return `shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${s.count} ${missing.length > 1 ? 'are' : 'is'} missing: the report covers only part of the sweep`;
}

const bad = (what: string) => says('report-invalid', { what, sweep: true });
const SHARDS_MSG = bad('must be {count, indexes} with indexes from 0 to count - 1');
const wellFormedShards = (s: { count: number; indexes: number[] }) => s.indexes.every((x) => x < s.count);

/** The sweep section of a report: what merging and resuming need (other fields pass through). */
const SWEEP_SCHEMA = closedObject({
  depth: v.picklist(['head', 'history'], bad('must be "head" or "history"')),
  repos: v.array(closedObject({
    id: v.string(bad('must be a string')),
    status: v.picklist(['ok', 'failed'], bad('must be "ok" or "failed"')),
  }, { message: bad('must be an object'), unknown: 'allow' }), bad('must be an array')),
  run: v.optional(v.string(bad('must be a string'))),
  shards: v.optional(v.pipe(
    closedObject({
      count: v.pipe(v.number(SHARDS_MSG), v.integer(SHARDS_MSG), v.minValue(1, SHARDS_MSG)),
      indexes: v.array(v.pipe(v.number(SHARDS_MSG), v.integer(SHARDS_MSG), v.minValue(0, SHARDS_MSG)), SHARDS_MSG),
    }, { message: SHARDS_MSG, unknown: 'allow' }),
    v.check(wellFormedShards, SHARDS_MSG),
  )),
}, { message: bad('must be an object'), unknown: 'allow' });

/** A report's sweep section checked (readJsonReport passes it through unchecked). */
export function readSweepInfo(info: unknown, source: string): Parsed<SweepInfo> {
  const problems = new ProblemList(source);
  problems.addAll(check(SWEEP_SCHEMA, info).problems, 'sweep');
  if (problems.count) return { value: { depth: 'head', repos: [], shared: [] }, problems: problems.list, warnings: [] };
  const i = info as SweepInfo;
  return { value: { ...i, shared: Array.isArray(i.shared) ? i.shared : [] }, problems: [], warnings: [] };
}
