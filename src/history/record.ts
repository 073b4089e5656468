// Recording a sweep (a whole sweep, one shard of it, or a merge of shards) into the history
// store, in one IMMEDIATE transaction: a reader sees all of it or none of it, a second writer
// waits for the first, and a process killed midway leaves nothing behind. Recording the same
// sweep twice (shards, then their merge) adds nothing new: every row is keyed.
import { redact } from '../redaction/redact.js';
import { UsageError } from '../errors.js';
import type { ReportResult } from '../report/json.js';
import type { Db } from './store.js';

export interface RecordOptions {
  /** The sweep's name: shards of one sweep (and their merge) give the same one. */
  run: string;
  /** The sweep's time (ISO 8601); shards of one run keep the earliest. */
  at: string;
}

export interface Recorded {
  sweepId: number;
  run: string;
  keys: number;
  sightings: number;
  repos: number;
}

interface Sighting {
  secret: string;
  repo: string;
  place: string;
}

/** Where each (not suppressed) key was seen: repository and file path, without duplicates. */
export function sightingsOf(result: ReportResult): Sighting[] {
  const seen = new Map<string, Sighting>();
  const fallbackRepo = result.sweep?.repos.length === 1 ? result.sweep.repos[0].id : result.root;
  for (const s of result.secrets) {
    if (s.kind !== 'secret' || s.suppressed) continue;
    for (const o of s.occurrences) {
      if (o.suppressed) continue;
      const row = { secret: s.id, repo: o.origin.repo ?? fallbackRepo, place: o.origin.path };
      seen.set(`${row.secret}\0${row.repo}\0${row.place}`, row);
    }
  }
  return [...seen.values()];
}

/** The salt is fixed per store: ids made with another salt cannot be compared with the stored ones. */
function checkSalt(db: Db, saltCheck: string | undefined, file: string): void {
  if (!saltCheck) return;
  const row = db.prepare("SELECT value FROM meta WHERE key = 'saltCheck'").get() as { value: string } | undefined;
  if (!row) db.prepare("INSERT INTO meta (key, value) VALUES ('saltCheck', ?)").run(saltCheck);
  else if (row.value !== saltCheck) {
    throw new UsageError(`${file}: holds sweeps made with a different KEYSPRAWL_HASH_SALT: their secret ids cannot be compared (use the same salt, or another store)`);
  }
}

function sweepRow(db: Db, o: RecordOptions, depth: string): number {
  db.prepare('INSERT INTO sweeps (run, at, depth) VALUES (?, ?, ?) ON CONFLICT (run) DO UPDATE SET at = min(at, excluded.at)').run(o.run, o.at, depth);
  return (db.prepare('SELECT id FROM sweeps WHERE run = ?').get(o.run) as { id: number }).id;
}

/** Record a sweep report. Throws a UsageError when the store was made with another salt. */
export function recordSweep(db: Db, result: ReportResult, o: RecordOptions): Recorded {
  const tx = db.transaction(() => {
    checkSalt(db, result.saltCheck, db.name);
    const sweepId = sweepRow(db, o, result.sweep?.depth ?? 'head');
    const repos = result.sweep?.repos ?? [{ id: result.root, status: 'ok' as const, head: undefined }];
    // A repository scanned in one shard and failed in another attempt stays scanned.
    const repo = db.prepare(
      "INSERT INTO sweep_repos (sweep_id, repo, status, head) VALUES (?, ?, ?, ?) ON CONFLICT (sweep_id, repo) DO UPDATE SET status = CASE WHEN status = 'ok' THEN 'ok' ELSE excluded.status END, head = coalesce(excluded.head, head)",
    );
    for (const r of repos) repo.run(sweepId, r.id, r.status, r.head ?? null);
    const secret = db.prepare(
      'INSERT INTO secrets (id, rule_id, provider, redacted, severity, score) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET rule_id = excluded.rule_id, provider = excluded.provider, redacted = excluded.redacted, severity = excluded.severity, score = excluded.score',
    );
    let keys = 0;
    for (const s of result.secrets) {
      if (s.kind !== 'secret' || s.suppressed) continue;
      // A --no-redact report (merge accepts them) carries the value here: store its redacted form.
      secret.run(s.id, s.ruleId, s.provider, result.redacted ? s.redacted : redact(s.redacted), s.severity, s.score);
      keys++;
    }
    const sighting = db.prepare('INSERT OR IGNORE INTO sightings (sweep_id, secret_id, repo, place) VALUES (?, ?, ?, ?)');
    const rows = sightingsOf(result);
    for (const r of rows) sighting.run(sweepId, r.secret, r.repo, r.place);
    return { sweepId, run: o.run, keys, sightings: rows.length, repos: repos.length };
  });
  return tx.immediate();
}
