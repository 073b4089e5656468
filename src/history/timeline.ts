// Replays the recorded sweeps, oldest first, to give every key its story: when it was first and
// last seen, whether it is open, when it was resolved and whether it came back. A key is resolved
// only by a sweep that scanned every repository that last held it and found it in none of them;
// a repository that failed (or was not swept) leaves the key open ("not checked").
import type { Db } from './store.js';

export interface SweepRow {
  id: number;
  run: string;
  at: string;
}

export type EventKind = 'new' | 'reintroduced' | 'resolved';

export interface KeyEvent {
  kind: EventKind;
  sweep: number;
}

/** A key's state after the sweeps replayed so far. */
export interface KeyState {
  id: string;
  open: boolean;
  firstSeen: string;
  lastSeen: string;
  lastSweep: number;
  openSince: string;
  resolvedAt?: string;
  repos: Set<string>;
  events: KeyEvent[];
  /** Days each closed open period lasted. */
  resolveDays: number[];
}

export interface Timeline {
  sweeps: SweepRow[];
  keys: Map<string, KeyState>;
  /** Per sweep id: keys open after it and the number of repositories it scanned. */
  openAfter: Map<number, number>;
  scanned: Map<number, number>;
}

const DAY_MS = 86_400_000;

/** Sweeps in time order, up to and including `until` (an ISO time) when given. */
export function sweepsUpTo(db: Db, until?: string): SweepRow[] {
  const rows = db.prepare('SELECT id, run, at FROM sweeps ORDER BY at, id').all() as SweepRow[];
  return until ? rows.filter((r) => r.at <= until) : rows;
}

function presenceBySweep(db: Db, last: number | undefined): Map<number, Map<string, Set<string>>> {
  const out = new Map<number, Map<string, Set<string>>>();
  if (last === undefined) return out;
  const rows = db.prepare('SELECT DISTINCT sweep_id AS sweep, secret_id AS secret, repo FROM sightings').iterate() as IterableIterator<{ sweep: number; secret: string; repo: string }>;
  for (const r of rows) {
    let bySecret = out.get(r.sweep);
    if (!bySecret) out.set(r.sweep, (bySecret = new Map()));
    let repos = bySecret.get(r.secret);
    if (!repos) bySecret.set(r.secret, (repos = new Set()));
    repos.add(r.repo);
  }
  return out;
}

function okRepos(db: Db): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const r of db.prepare("SELECT sweep_id AS sweep, repo FROM sweep_repos WHERE status = 'ok'").iterate() as IterableIterator<{ sweep: number; repo: string }>) {
    let set = out.get(r.sweep);
    if (!set) out.set(r.sweep, (set = new Set()));
    set.add(r.repo);
  }
  return out;
}

function seen(key: KeyState | undefined, id: string, s: SweepRow, repos: Set<string>): KeyState {
  if (!key) {
    return { id, open: true, firstSeen: s.at, lastSeen: s.at, lastSweep: s.id, openSince: s.at, repos, events: [{ kind: 'new', sweep: s.id }], resolveDays: [] };
  }
  if (!key.open) {
    key.events.push({ kind: 'reintroduced', sweep: s.id });
    key.open = true;
    key.openSince = s.at;
    delete key.resolvedAt;
  }
  key.lastSeen = s.at;
  key.lastSweep = s.id;
  key.repos = repos;
  return key;
}

function maybeResolved(key: KeyState, s: SweepRow, scanned: Set<string> | undefined): void {
  if (!key.open || ![...key.repos].every((r) => scanned?.has(r))) return;
  key.open = false;
  key.resolvedAt = s.at;
  key.events.push({ kind: 'resolved', sweep: s.id });
  key.resolveDays.push((Date.parse(s.at) - Date.parse(key.openSince)) / DAY_MS);
}

/** Replay every sweep up to `until` (default: all of them). */
export function replay(db: Db, until?: string): Timeline {
  const sweeps = sweepsUpTo(db, until);
  const presence = presenceBySweep(db, sweeps.at(-1)?.id);
  const ok = okRepos(db);
  const keys = new Map<string, KeyState>();
  const openAfter = new Map<number, number>();
  const scanned = new Map<number, number>();
  for (const s of sweeps) {
    const here = presence.get(s.id) ?? new Map<string, Set<string>>();
    for (const [id, repos] of here) keys.set(id, seen(keys.get(id), id, s, repos));
    for (const key of keys.values()) if (!here.has(key.id)) maybeResolved(key, s, ok.get(s.id));
    openAfter.set(s.id, [...keys.values()].filter((k) => k.open).length);
    scanned.set(s.id, ok.get(s.id)?.size ?? 0);
  }
  return { sweeps, keys, openAfter, scanned };
}
