// The sweep history: one SQLite file (better-sqlite3) that every sweep, shard and merge records
// into, so a report can say what is new since last week, what got fixed and what has leaked for
// how long. It holds secret ids (salted hashes), redacted forms, repository ids and file paths:
// never a secret value.
//
// Several shard processes may finish at once and write to one file: WAL mode lets readers go on
// while one writer commits, a busy timeout makes the other writers wait their turn instead of
// failing, and each recording is one IMMEDIATE transaction, so a killed process leaves either its
// whole sweep or nothing. WAL needs a local file system (not NFS or SMB shares).
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { existsSync, mkdirSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { UsageError } from '../errors.js';
import { MIGRATIONS, type Migration } from './schema.js';

export type Db = BetterSqlite3.Database;

/** "KSPR": marks a SQLite file as a keysprawl history store (PRAGMA application_id). */
export const APPLICATION_ID = 0x4b535052;

/** How long a writer waits for another one to commit before giving up (ms). */
const BUSY_TIMEOUT_MS = 60_000;

// Loaded on first use: `scan` never pays for the native module.
function sqlite(): typeof BetterSqlite3 {
  const require = createRequire(import.meta.url);
  try {
    return require('better-sqlite3') as typeof BetterSqlite3;
  } catch (err) {
    throw new UsageError(`the sweep history needs the better-sqlite3 package, which could not be loaded (${(err as Error).message.split('\n')[0]})`);
  }
}

function openFile(file: string, readonly: boolean): Db {
  if (!readonly) mkdirSync(dirname(file), { recursive: true });
  else if (!existsSync(file)) throw new UsageError(`${file}: no such history store`);
  const Database = sqlite();
  try {
    return new Database(file, { readonly, fileMustExist: readonly, timeout: BUSY_TIMEOUT_MS });
  } catch (err) {
    throw new UsageError(`${file}: cannot open the history store (${(err as Error).message})`);
  }
}

/** Bring the store to the newest schema, or refuse it with one line. Runs in one transaction. */
function migrate(db: Db, file: string, migrations: readonly Migration[]): void {
  const latest = migrations.length;
  const step = db.transaction(() => {
    const appId = Number(db.pragma('application_id', { simple: true }));
    const version = Number(db.pragma('user_version', { simple: true }));
    const tables = Number((db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n);
    if (appId !== APPLICATION_ID && (appId !== 0 || tables > 0)) {
      throw new UsageError(`${file}: not a keysprawl history store (a SQLite file written by something else)`);
    }
    if (version > latest) {
      throw new UsageError(`${file}: written by a newer keysprawl (history schema ${version}; this version reads up to ${latest}): upgrade keysprawl`);
    }
    for (let v = version; v < latest; v++) migrations[v].up(db);
    if (version < latest) {
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${latest}`);
    }
  });
  step.immediate();
}

export interface OpenOptions {
  readonly?: boolean;
  /** The schema steps (tests add one to check that an older store is migrated). */
  migrations?: readonly Migration[];
}

/** Open (creating it unless readonly) a history store at its newest schema. */
export function openStore(file: string, opts: OpenOptions = {}): Db {
  const db = openFile(file, !!opts.readonly);
  try {
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      migrate(db, file, opts.migrations ?? MIGRATIONS);
    } else {
      checkReadable(db, file, (opts.migrations ?? MIGRATIONS).length);
    }
    db.pragma('foreign_keys = ON');
    return db;
  } catch (err) {
    db.close();
    if (err instanceof UsageError) throw err;
    throw new UsageError(`${file}: cannot read the history store (${(err as Error).message})`);
  }
}

function checkReadable(db: Db, file: string, latest: number): void {
  const appId = Number(db.pragma('application_id', { simple: true }));
  const version = Number(db.pragma('user_version', { simple: true }));
  if (appId !== APPLICATION_ID) throw new UsageError(`${file}: not a keysprawl history store (a SQLite file written by something else)`);
  if (version > latest) throw new UsageError(`${file}: written by a newer keysprawl (history schema ${version}; this version reads up to ${latest}): upgrade keysprawl`);
  if (version < latest) throw new UsageError(`${file}: history schema ${version} is older than this keysprawl's (${latest}): record a sweep into it once to migrate it`);
}

/** SQLite's own consistency check: "ok", or what is wrong. */
export function integrity(db: Db): string {
  return String(db.pragma('integrity_check', { simple: true }));
}
