// The history store's schema, as a list of steps: step i brings a store from version i to i + 1
// (PRAGMA user_version). A store from an older keysprawl is migrated by the steps it lacks, in
// one transaction; a newer one is refused (store.ts). Append steps, never edit a shipped one.
import type BetterSqlite3 from 'better-sqlite3';

export interface Migration {
  /** What the step adds, for people reading this file. */
  what: string;
  up(db: BetterSqlite3.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    what: 'sweeps, the repositories each covered, the keys seen (redacted) and where each was seen',
    up(db) {
      db.exec(`
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        -- One row per sweep; the shards of one sweep share its run name.
        CREATE TABLE sweeps (
          id INTEGER PRIMARY KEY,
          run TEXT NOT NULL UNIQUE,
          at TEXT NOT NULL,
          depth TEXT NOT NULL
        );
        CREATE INDEX sweeps_at ON sweeps (at, id);
        -- The repositories a sweep covered: a key is resolved only when every repository that
        -- held it was scanned (status ok) and no longer holds it.
        CREATE TABLE sweep_repos (
          sweep_id INTEGER NOT NULL REFERENCES sweeps (id),
          repo TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
          head TEXT,
          PRIMARY KEY (sweep_id, repo)
        ) WITHOUT ROWID;
        -- What a key looked like when last seen: ids and redacted forms only.
        CREATE TABLE secrets (
          id TEXT PRIMARY KEY,
          rule_id TEXT NOT NULL,
          provider TEXT NOT NULL,
          redacted TEXT NOT NULL,
          severity TEXT NOT NULL,
          score INTEGER NOT NULL
        ) WITHOUT ROWID;
        -- Keyed by secret id, repository, place (file path) and sweep (and so its time).
        CREATE TABLE sightings (
          sweep_id INTEGER NOT NULL REFERENCES sweeps (id),
          secret_id TEXT NOT NULL REFERENCES secrets (id),
          repo TEXT NOT NULL,
          place TEXT NOT NULL,
          PRIMARY KEY (sweep_id, secret_id, repo, place)
        ) WITHOUT ROWID;
        CREATE INDEX sightings_secret ON sightings (secret_id, sweep_id);
      `);
    },
  },
];
