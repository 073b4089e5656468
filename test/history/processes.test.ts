// The history store under real processes (the built dist/ modules, as shards run them): shard
// processes that record at the same moment all get their rows in (WAL + busy timeout, one
// transaction each), and a process killed (SIGKILL) in the middle of writing leaves a store that
// passes SQLite's integrity check, holds only whole sweeps, and takes the next sweep.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordSweep } from '../../src/history/record.js';
import { integrity, openStore } from '../../src/history/store.js';
import { summarizeSweep } from '../../src/history/summary.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { sweepReport } from './history-fixture.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'keysprawl-history-proc-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dist = (rel: string) => pathToFileURL(join(REPO_ROOT, 'dist', rel)).href;

// A child that records sweeps built like history-fixture.ts does (inlined: the child runs plain JS).
const CHILD = `
import { openStore } from '${dist('history/store.js')}';
import { recordSweep } from '${dist('history/record.js')}';
const [file, mode, shard, count] = process.argv.slice(2);
const SEV = { critical: 0, high: 0, medium: 0, low: 0 };
function report(at, repos, keysPerRepo) {
  const secrets = [];
  for (const repo of repos) for (let k = 0; k < keysPerRepo; k++) {
    secrets.push({ id: (repo + ':' + k).padEnd(64, '0'), ruleId: 'r', provider: 'p', redacted: 'sk-p…' + k, score: 80, severity: 'high', kind: 'secret',
      occurrences: [{ origin: { kind: 'git', path: 'f' + k + '.env', repo }, line: 1 }] });
  }
  return { schema: 'keysprawl/v1', tool: { name: 'keysprawl', version: '0' }, root: '/', startedAt: at, secrets, rules: [], stats: {}, redacted: true, saltCheck: 's',
    sweep: { depth: 'head', shared: [], repos: repos.map((id) => ({ id, status: 'ok', depth: 'head', findings: 0, bySeverity: SEV })) } };
}
const db = openStore(file);
if (mode === 'shard') {
  // Shard i of 4 of a 1,000-repository sweep, recorded under one run by every shard at once.
  const repos = Array.from({ length: 250 }, (_, i) => 'org/repo-' + String(Number(shard) * 250 + i).padStart(4, '0'));
  for (let run = 0; run < Number(count); run++) recordSweep(db, report('2026-12-0' + (run + 1) + 'T03:17:00.000Z', repos, 4), { run: 'run-' + run, at: '2026-12-0' + (run + 1) + 'T03:17:00.000Z' });
  process.stdout.write('ok\\n');
} else {
  // Record big sweeps forever, saying after each commit which one is done.
  const repos = Array.from({ length: 400 }, (_, i) => 'org/repo-' + i);
  for (let run = 0; ; run++) {
    recordSweep(db, report(new Date(Date.UTC(2026, 0, 1) + run * 1000).toISOString(), repos, 50), { run: 'r' + run, at: new Date(Date.UTC(2026, 0, 1) + run * 1000).toISOString() });
    process.stdout.write('done ' + run + '\\n');
  }
}
`;

function child(args: string[]) {
  const script = join(dir, 'child.mjs');
  writeFileSync(script, CHILD);
  return spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

function finished(p: ReturnType<typeof child>): Promise<{ code: number | null; out: string; err: string }> {
  let out = '';
  let err = '';
  p.stdout!.on('data', (b: Buffer) => (out += b));
  p.stderr!.on('data', (b: Buffer) => (err += b));
  return new Promise((resolve) => p.on('close', (code) => resolve({ code, out, err })));
}

describe('history store across processes', () => {
  it('four shard processes recording the same runs at once: every row lands, each run is one sweep', async () => {
    const file = join(dir, 'shards.db');
    openStore(file).close(); // created (and in WAL mode) before the race, as a restored store is
    const runs = await Promise.all([0, 1, 2, 3].map((i) => finished(child([file, 'shard', String(i), '3']))));
    for (const r of runs) expect(r, r.err).toMatchObject({ code: 0, out: 'ok\n' });
    const db = openStore(file);
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(n('SELECT count(*) AS n FROM sweeps')).toBe(3);
    expect(n('SELECT count(*) AS n FROM sweep_repos')).toBe(3 * 1000);
    expect(n('SELECT count(*) AS n FROM sightings')).toBe(3 * 1000 * 4);
    expect(n('SELECT count(DISTINCT secret_id) AS n FROM sightings')).toBe(4000);
    expect(String(db.pragma('journal_mode', { simple: true }))).toBe('wal');
    const last = summarizeSweep(db, 'run-2');
    expect([last.new.length, last.open.length, last.resolved.length]).toEqual([0, 4000, 0]);
    expect(integrity(db)).toBe('ok');
    db.close();
  });

  it('a process killed mid-write leaves only whole sweeps, a sound file, and a store that records the next sweep', async () => {
    const file = join(dir, 'killed.db');
    const p = child([file, 'forever']);
    const done = finished(p);
    let commits = 0;
    await new Promise<void>((resolve) => {
      p.stdout!.on('data', (b: Buffer) => {
        commits += (b.toString().match(/done/g) ?? []).length;
        // Kill it while it writes the next sweep (each one is a 20,000-row transaction).
        if (commits >= 3) {
          p.kill('SIGKILL');
          resolve();
        }
      });
    });
    const { code } = await done;
    expect(code).toBeNull(); // killed, not exited
    const db = openStore(file);
    expect(integrity(db)).toBe('ok');
    const perSweep = db.prepare('SELECT s.run, count(g.secret_id) AS n FROM sweeps s LEFT JOIN sightings g ON g.sweep_id = s.id GROUP BY s.id').all() as Array<{ run: string; n: number }>;
    expect(perSweep.length).toBeGreaterThanOrEqual(3);
    expect(perSweep.every((s) => s.n === 400 * 50)).toBe(true);
    const rec = recordSweep(db, sweepReport('2027-01-01T00:00:00.000Z', { 'org/repo-0': 'ok' }, [], 's'), { run: 'after-kill', at: '2027-01-01T00:00:00.000Z' });
    expect(rec.repos).toBe(1);
    expect(integrity(db)).toBe('ok');
    db.close();
  });
});
