// The sweep history: recorded sweeps replayed into new, reintroduced, still open, resolved and
// not-checked keys with their first-seen dates; shards of one run recorded once; stores from
// another salt, a newer keysprawl or another program refused with one line; an older schema
// migrated; the text and HTML reports open with the lists.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordSweep } from '../../src/history/record.js';
import { MIGRATIONS } from '../../src/history/schema.js';
import { integrity, openStore, type Db } from '../../src/history/store.js';
import { summarizePeriod, summarizeSweep } from '../../src/history/summary.js';
import { historySection } from '../../src/report/history-html.js';
import { historyText } from '../../src/report/history-text.js';
import { keyId, sweepReport } from './history-fixture.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'keysprawl-history-'));
  file = join(dir, 'history.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const W1 = '2026-11-02T03:17:00.000Z';
const W2 = '2026-11-09T03:17:00.000Z';
const W3 = '2026-11-16T03:17:00.000Z';
const W4 = '2026-11-23T03:17:00.000Z';

function record(db: Db, at: string, repos: Record<string, 'ok' | 'failed'>, sights: Parameters<typeof sweepReport>[2]) {
  return recordSweep(db, sweepReport(at, repos, sights), { run: at, at });
}

const ids = (list: Array<{ id: string }>) => list.map((k) => k.id).sort();

describe('what changed since the previous sweep', () => {
  it('new, resolved, still open, not checked and reintroduced, with first-seen dates', () => {
    const db = openStore(file);
    const all = { 'org/r1': 'ok', 'org/r2': 'ok', 'org/r3': 'ok' } as const;
    record(db, W1, all, [{ key: 'aa', repo: 'org/r1' }, { key: 'bb', repo: 'org/r1' }, { key: 'bb', repo: 'org/r2' }, { key: 'cc', repo: 'org/r2' }]);
    const first = summarizeSweep(db, W1);
    expect(first.previous).toBeUndefined();
    expect(ids(first.new)).toEqual([keyId('aa'), keyId('bb'), keyId('cc')]);

    // A week later: aa removed, bb gone from r1 only, cc still there, dd added in r3.
    record(db, W2, all, [{ key: 'bb', repo: 'org/r2' }, { key: 'cc', repo: 'org/r2' }, { key: 'dd', repo: 'org/r3' }]);
    const second = summarizeSweep(db, W2);
    expect(second.previous).toEqual({ run: W1, at: W1 });
    expect(ids(second.new)).toEqual([keyId('dd')]);
    expect(second.new[0].firstSeen).toBe(W2);
    expect(ids(second.resolved)).toEqual([keyId('aa')]);
    expect(second.resolved[0]).toMatchObject({ firstSeen: W1, lastSeen: W1, resolvedAt: W2, repos: ['org/r1'] });
    expect(ids(second.open)).toEqual([keyId('bb'), keyId('cc')]);
    expect(second.open.every((k) => k.firstSeen === W1 && k.openSince === W1)).toBe(true);
    expect(second.open.find((k) => k.id === keyId('bb'))!.repos).toEqual(['org/r2']);
    expect(second.reintroduced).toEqual([]);
    expect(second.timeToResolve).toEqual({ count: 1, medianDays: 7, meanDays: 7, maxDays: 7 });

    // r2 could not be scanned: cc (only in r2) is not resolved but "not checked"; dd is resolved.
    record(db, W3, { 'org/r1': 'ok', 'org/r2': 'failed', 'org/r3': 'ok' }, []);
    const third = summarizeSweep(db, W3);
    expect(ids(third.unchecked)).toEqual([keyId('bb'), keyId('cc')]);
    expect(ids(third.resolved)).toEqual([keyId('dd')]);
    expect(third.open).toEqual([]);

    // aa comes back: reintroduced, first seen still W1, open since W4.
    record(db, W4, all, [{ key: 'aa', repo: 'org/r3', path: 'agent/.mcp.json' }, { key: 'cc', repo: 'org/r2' }]);
    const fourth = summarizeSweep(db, W4);
    expect(ids(fourth.reintroduced)).toEqual([keyId('aa')]);
    expect(fourth.reintroduced[0]).toMatchObject({ firstSeen: W1, openSince: W4, repos: ['org/r3'] });
    expect(ids(fourth.open)).toEqual([keyId('cc')]);
    expect(fourth.open[0].openSince).toBe(W1);
    expect(ids(fourth.resolved)).toEqual([keyId('bb')]);
    expect(fourth.trend.map((p) => [p.open, p.new, p.resolved, p.reintroduced, p.repos])).toEqual([
      [3, 3, 0, 0, 3],
      [3, 1, 1, 0, 3],
      [2, 0, 1, 0, 2],
      [2, 0, 1, 1, 3],
    ]);
    // aa 7 days, dd 7 days, bb 21 days.
    expect(fourth.timeToResolve).toEqual({ count: 3, medianDays: 7, meanDays: 11.7, maxDays: 21 });
    expect(integrity(db)).toBe('ok');
    db.close();
  });

  it('a period: the keys that changed in it, the trend of its sweeps only', () => {
    const db = openStore(file);
    const all = { 'org/r1': 'ok' } as const;
    record(db, W1, all, [{ key: 'aa', repo: 'org/r1' }]);
    record(db, W2, all, [{ key: 'aa', repo: 'org/r1' }, { key: 'bb', repo: 'org/r1' }]);
    record(db, W3, all, [{ key: 'bb', repo: 'org/r1' }]);
    const p = summarizePeriod(db, '2026-11-05T00:00:00Z', '2026-11-20T00:00:00Z');
    expect(p.period).toEqual({ from: W2, to: W3, sweeps: 2 });
    expect(ids(p.new)).toEqual([keyId('bb')]);
    expect(ids(p.resolved)).toEqual([keyId('aa')]);
    expect(p.trend.map((t) => t.at)).toEqual([W2, W3]);
    expect(p.timeToResolve.count).toBe(1);
    expect(() => summarizePeriod(db, '2027-01-01T00:00:00Z')).toThrow(/holds no sweep between 2027-01-01T00:00:00Z and the last/);
    db.close();
  });
});

describe('recording', () => {
  it('shards of one run and then their merge make one sweep, with no row twice', () => {
    const db = openStore(file);
    const a = sweepReport('2026-11-02T03:20:00.000Z', { 'org/r1': 'ok' }, [{ key: 'aa', repo: 'org/r1' }]);
    const b = sweepReport('2026-11-02T03:18:00.000Z', { 'org/r2': 'ok' }, [{ key: 'aa', repo: 'org/r2' }, { key: 'bb', repo: 'org/r2' }]);
    recordSweep(db, a, { run: 'nightly-41', at: a.startedAt });
    recordSweep(db, b, { run: 'nightly-41', at: b.startedAt });
    const merged = sweepReport('2026-11-02T03:18:00.000Z', { 'org/r1': 'ok', 'org/r2': 'ok' }, [{ key: 'aa', repo: 'org/r1' }, { key: 'aa', repo: 'org/r2' }, { key: 'bb', repo: 'org/r2' }]);
    const again = recordSweep(db, merged, { run: 'nightly-41', at: merged.startedAt });
    expect(again.sightings).toBe(3);
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM sweeps')).toBe(1);
    expect(count('SELECT count(*) AS n FROM sightings')).toBe(3);
    expect(count('SELECT count(*) AS n FROM sweep_repos')).toBe(2);
    expect((db.prepare('SELECT at FROM sweeps').get() as { at: string }).at).toBe('2026-11-02T03:18:00.000Z');
    db.close();
  });

  it('stores the redacted form even from a --no-redact report', () => {
    const db = openStore(file);
    const raw = sweepReport(W1, { r: 'ok' }, [{ key: 'aa', repo: 'r' }]);
    const value = `sk-proj-${'Q'.repeat(40)}`;
    raw.redacted = false;
    raw.secrets[0].redacted = value;
    recordSweep(db, raw, { run: W1, at: W1 });
    const stored = (db.prepare('SELECT redacted FROM secrets').get() as { redacted: string }).redacted;
    expect(stored).not.toContain('Q'.repeat(10));
    expect(stored.startsWith('sk-p')).toBe(true);
    db.close();
  });

  it('refuses a report made with another salt', () => {
    const db = openStore(file);
    recordSweep(db, sweepReport(W1, { r: 'ok' }, [], 'salt-A'), { run: W1, at: W1 });
    expect(() => recordSweep(db, sweepReport(W2, { r: 'ok' }, [], 'salt-B'), { run: W2, at: W2 })).toThrow(/holds sweeps made with a different KEYSPRAWL_HASH_SALT/);
    expect((db.prepare('SELECT count(*) AS n FROM sweeps').get() as { n: number }).n).toBe(1);
    db.close();
  });
});

describe('schema versions', () => {
  it('refuses a store from a newer keysprawl, and a SQLite file of another program, with one line', () => {
    openStore(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => openStore(file)).toThrow(`${file}: written by a newer keysprawl (history schema ${MIGRATIONS.length + 1}; this version reads up to ${MIGRATIONS.length}): upgrade keysprawl`);
    const other = join(dir, 'other.db');
    const o = new Database(other);
    o.exec('CREATE TABLE notes (x TEXT)');
    o.close();
    expect(() => openStore(other)).toThrow(`${other}: not a keysprawl history store (a SQLite file written by something else)`);
    expect(() => openStore(join(dir, 'absent.db'), { readonly: true })).toThrow(/no such history store/);
  });

  it('migrates a store of an older schema in place, keeping its sweeps', () => {
    const db = openStore(file);
    record(db, W1, { r: 'ok' }, [{ key: 'aa', repo: 'r' }]);
    db.close();
    const next = [...MIGRATIONS, { what: 'a test column', up: (d: Db) => d.exec('ALTER TABLE sweeps ADD COLUMN note TEXT') }];
    // Read-only opening (keysprawl history) of an older store asks for a migration first.
    expect(() => openStore(file, { readonly: true, migrations: next })).toThrow(/history schema 1 is older than this keysprawl's \(2\)/);
    const upgraded = openStore(file, { migrations: next });
    expect(Number(upgraded.pragma('user_version', { simple: true }))).toBe(2);
    expect(upgraded.prepare('SELECT run, note FROM sweeps').all()).toEqual([{ run: W1, note: null }]);
    expect(summarizeSweep(upgraded, W1).new).toHaveLength(1);
    upgraded.close();
  });
});

describe('reports', () => {
  it('text and HTML open with the lists and dates; HTML draws the trend', () => {
    const db = openStore(file);
    record(db, W1, { 'org/r1': 'ok' }, [{ key: 'aa', repo: 'org/r1' }, { key: 'bb', repo: 'org/r1' }]);
    record(db, W2, { 'org/r1': 'ok' }, [{ key: 'bb', repo: 'org/r1' }, { key: 'cc', repo: 'org/r1' }]);
    const h = summarizeSweep(db, W2);
    db.close();
    const text = historyText(h).split('\n');
    expect(text[0]).toBe(`Since the previous sweep (${W1}): 1 new, 0 reintroduced, 1 still open, 1 resolved`);
    expect(text[1]).toBe('New keys: 1');
    expect(text[2]).toContain('first seen 2026-11-09');
    expect(text.find((l) => l.includes(`id ${keyId('bb').slice(0, 12)}`))).toContain('first seen 2026-11-02, open for 7 days');
    expect(text.find((l) => l.includes(`id ${keyId('aa').slice(0, 12)}`))).toContain('first seen 2026-11-02, resolved 2026-11-09 after 7 days');
    const html = historySection(h);
    expect(html).toContain('<section id="history">');
    expect(html.match(/<circle class="point"/g)).toHaveLength(2);
    expect(html).toContain('data-open="2"');
    expect(html).toMatch(/data-list="resolved"[\s\S]*data-secret-id="a/);
  });
});
