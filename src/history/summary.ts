// From the replayed timeline to what a report says: for one sweep, or for a period of sweeps
// (`keysprawl history --since --until`), the keys new, reintroduced, still open, resolved and not
// checked, the trend (keys open after each sweep) and how long keys took to be resolved.
import { UsageError } from '../errors.js';
import type { Db } from './store.js';
import { replay, type KeyState, type SweepRow, type Timeline } from './timeline.js';
import type { HistorySummary, KeyHistory, ResolveTimes, TrendPoint } from '../contracts/history.js';

interface SecretRow {
  id: string;
  rule_id: string;
  provider: string;
  redacted: string;
  severity: string;
  score: number;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const round1 = (n: number) => Math.round(n * 10) / 10;

function describe(key: KeyState, meta: SecretRow | undefined): KeyHistory {
  return {
    id: key.id,
    ruleId: meta?.rule_id ?? '',
    provider: meta?.provider ?? '',
    redacted: meta?.redacted ?? '',
    severity: meta?.severity ?? 'low',
    score: meta?.score ?? 0,
    firstSeen: key.firstSeen,
    lastSeen: key.lastSeen,
    openSince: key.openSince,
    ...(key.resolvedAt ? { resolvedAt: key.resolvedAt } : {}),
    repos: [...key.repos].sort(cmp),
  };
}

function resolveTimes(keys: Iterable<KeyState>): ResolveTimes {
  const days = [...keys].flatMap((k) => k.resolveDays).sort((a, b) => a - b);
  if (!days.length) return { count: 0 };
  const mid = Math.floor(days.length / 2);
  const median = days.length % 2 ? days[mid] : (days[mid - 1] + days[mid]) / 2;
  return { count: days.length, medianDays: round1(median), meanDays: round1(days.reduce((a, b) => a + b, 0) / days.length), maxDays: round1(days.at(-1)!) };
}

function trendOf(t: Timeline, from: number): TrendPoint[] {
  return t.sweeps.slice(from).map((s) => {
    const count = (kind: string) => [...t.keys.values()].filter((k) => k.events.some((e) => e.sweep === s.id && e.kind === kind)).length;
    return { run: s.run, at: s.at, open: t.openAfter.get(s.id) ?? 0, new: count('new'), resolved: count('resolved'), reintroduced: count('reintroduced'), repos: t.scanned.get(s.id) ?? 0 };
  });
}

/** Worst first, then oldest first: the keys leaking longest come before the recent ones. */
function order(list: KeyHistory[]): KeyHistory[] {
  return list.sort((a, b) => b.score - a.score || cmp(a.openSince, b.openSince) || cmp(a.id, b.id));
}

/** Classify the keys by what happened to them in the sweeps `inPeriod` (ids), ending with `last`. */
function classify(t: Timeline, meta: Map<string, SecretRow>, inPeriod: Set<number>, last: SweepRow): Pick<HistorySummary, 'new' | 'reintroduced' | 'open' | 'resolved' | 'unchecked'> {
  const out = { new: [] as KeyHistory[], reintroduced: [] as KeyHistory[], open: [] as KeyHistory[], resolved: [] as KeyHistory[], unchecked: [] as KeyHistory[] };
  for (const key of t.keys.values()) {
    const events = key.events.filter((e) => inPeriod.has(e.sweep));
    const d = describe(key, meta.get(key.id));
    const lastEvent = events.at(-1)?.kind;
    if (!key.open) {
      if (lastEvent === 'resolved') out.resolved.push(d);
      continue;
    }
    if (key.lastSweep !== last.id) out.unchecked.push(d);
    else if (events.some((e) => e.kind === 'new')) out.new.push(d);
    else if (events.some((e) => e.kind === 'reintroduced')) out.reintroduced.push(d);
    else out.open.push(d);
  }
  return { new: order(out.new), reintroduced: order(out.reintroduced), open: order(out.open), resolved: order(out.resolved), unchecked: order(out.unchecked) };
}

function secretMeta(db: Db): Map<string, SecretRow> {
  return new Map((db.prepare('SELECT id, rule_id, provider, redacted, severity, score FROM secrets').all() as SecretRow[]).map((r) => [r.id, r]));
}

/** The summary of one recorded sweep (by run name) against the sweeps before it. */
export function summarizeSweep(db: Db, run: string): HistorySummary {
  const row = db.prepare('SELECT id, run, at FROM sweeps WHERE run = ?').get(run) as SweepRow | undefined;
  if (!row) throw new UsageError(`${db.name}: holds no sweep named ${run}`);
  const t = replay(db, row.at);
  const index = t.sweeps.findIndex((s) => s.id === row.id);
  const sweeps = t.sweeps.slice(0, index + 1);
  const previous = index > 0 ? t.sweeps[index - 1] : undefined;
  return {
    sweep: { run: row.run, at: row.at },
    ...(previous ? { previous: { run: previous.run, at: previous.at } } : {}),
    ...classify({ ...t, sweeps }, secretMeta(db), new Set([row.id]), row),
    trend: trendOf({ ...t, sweeps }, 0),
    timeToResolve: resolveTimes(t.keys.values()),
  };
}

/** The summary of every sweep in [from, to] (ISO times; either may be open). */
export function summarizePeriod(db: Db, from?: string, to?: string): HistorySummary {
  const t = replay(db, to);
  const start = t.sweeps.findIndex((s) => !from || s.at >= from);
  if (start < 0 || !t.sweeps.length) throw new UsageError(`${db.name}: holds no sweep${from || to ? ` between ${from ?? 'the first'} and ${to ?? 'the last'}` : ''}`);
  const inPeriod = t.sweeps.slice(start);
  const last = inPeriod.at(-1)!;
  const previous = start > 0 ? t.sweeps[start - 1] : undefined;
  const ids = new Set(inPeriod.map((s) => s.id));
  const resolvedHere = [...t.keys.values()].map((k) => ({ ...k, resolveDays: k.resolveDays.slice(k.events.filter((e) => e.kind === 'resolved' && !ids.has(e.sweep)).length) }));
  return {
    sweep: { run: last.run, at: last.at },
    ...(previous ? { previous: { run: previous.run, at: previous.at } } : {}),
    period: { from: inPeriod[0].at, to: last.at, sweeps: inPeriod.length },
    ...classify(t, secretMeta(db), ids, last),
    trend: trendOf(t, start),
    timeToResolve: resolveTimes(resolvedHere),
  };
}
