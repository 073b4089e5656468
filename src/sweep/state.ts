// `--state DIR`: a sweep writes each repository's result there as soon as it is scanned, so a
// sweep killed midway (a CI timeout, a pre-empted pod) resumes where it stopped: repositories
// already scanned are read back, not scanned again; failed ones are retried. A finished sweep
// marks the state complete, and the next run (tomorrow's schedule) starts afresh.
//
//   DIR/manifest.json          what the results were made with (salt fingerprint, depth, shard)
//   DIR/repos/<hash16>.json    one keysprawl/v1 JSON report per repository (redacted)
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { renderJson, type ReportResult } from '../report/json.js';
import { parseJsonReport } from '../report/json-read.js';
import { readSweepInfo } from '../merge/sweep-info.js';
import { must } from '../problems/problem.js';
import type { Depth } from './clone-cache.js';
import type { RepoSpec } from './repo-list.js';

const SCHEMA = 'keysprawl-sweep-state/v1';
const PART_FILE = /^[0-9a-f]{16}\.json$/;

export interface StateKey {
  saltCheck: string;
  depth: Depth;
  /** "i/n", or "" for an unsharded sweep. */
  shard: string;
}

interface Manifest extends StateKey {
  schema: typeof SCHEMA;
  complete: boolean;
}

export function partFileName(id: string): string {
  return `${createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 16)}.json`;
}

async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}

function readManifest(file: string): Manifest | undefined {
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    return m?.schema === SCHEMA ? m : undefined;
  } catch {
    return undefined;
  }
}

export class SweepState {
  private constructor(private readonly dir: string, private readonly key: StateKey, readonly resuming: boolean) {}

  /** Open (or create) a state folder; results made differently (salt, depth, shard) are discarded with a warning. */
  static async open(dir: string, key: StateKey, warn: (line: string) => void): Promise<SweepState> {
    const repos = join(dir, 'repos');
    try {
      mkdirSync(repos, { recursive: true });
    } catch (err) {
      throw new UsageError(`--state ${dir}: cannot create the folder (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    const old = readManifest(join(dir, 'manifest.json'));
    const same = !!old && old.saltCheck === key.saltCheck && old.depth === key.depth && old.shard === key.shard;
    if (old && !old.complete && !same) warn(`--state ${dir}: holds results of a different sweep (salt, --depth or --shard changed): starting afresh`);
    const resuming = !!old && !old.complete && same;
    if (!resuming) {
      for (const f of readdirSync(repos)) if (PART_FILE.test(f)) rmSync(join(repos, f), { force: true });
    }
    const state = new SweepState(dir, key, resuming);
    await writeAtomic(join(dir, 'manifest.json'), `${JSON.stringify({ schema: SCHEMA, ...key, complete: false }, null, 2)}\n`);
    return state;
  }

  /** An earlier run's successful result for this repository, marked resumed; else undefined. */
  load(spec: RepoSpec, warn: (line: string) => void): ReportResult | undefined {
    if (!this.resuming) return undefined;
    const file = join(this.dir, 'repos', partFileName(spec.id));
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return undefined; // not reached before the interruption
    }
    try {
      const part = parseJsonReport(text, file);
      const sweep = must(readSweepInfo(part.sweep, file));
      const entry = sweep.repos[0];
      if (entry?.id !== spec.id || entry.status !== 'ok' || part.saltCheck !== this.key.saltCheck) return undefined;
      return { ...part, sweep: { ...sweep, repos: [{ ...entry, resumed: true }] } };
    } catch (err) {
      warn(`${file}: unreadable saved result, scanning ${spec.id} again (${(err as Error).message})`);
      return undefined;
    }
  }

  async save(spec: RepoSpec, part: ReportResult): Promise<void> {
    await writeAtomic(join(this.dir, 'repos', partFileName(spec.id)), renderJson(part));
  }

  async complete(): Promise<void> {
    await writeAtomic(join(this.dir, 'manifest.json'), `${JSON.stringify({ schema: SCHEMA, ...this.key, complete: true }, null, 2)}\n`);
  }
}
