// Contract of a sweep across repositories (src/sweep/, src/merge/): carried by a report as `sweep`.
import type { Severity } from './scored.js';

/** One repository of a sweep (src/sweep/). */
export interface SweepRepo {
  /** The repository as listed (a URL without credentials, or a path); occurrences carry it as origin.repo. */
  id: string;
  status: 'ok' | 'failed';
  /** Why a failed repository could not be scanned (one line). */
  error?: string;
  depth: 'head' | 'history';
  /** The commit HEAD pointed at when scanned. */
  head?: string;
  /** Findings (not suppressed) with an occurrence in this repository, at their merged severity. */
  findings: number;
  bySeverity: Record<Severity, number>;
  filesScanned: number;
  bytesScanned: number;
  elapsedMs: number;
  /** Taken from a --state folder written by an earlier, interrupted run (not scanned again). */
  resumed?: boolean;
}

/** A secret found in more than one repository of a sweep. */
export interface SharedKey {
  id: string;
  /** The repositories holding it, sorted. */
  repos: string[];
}

export interface SweepInfo {
  depth: 'head' | 'history';
  /** `--run NAME`: the sweep's name in the history store; every shard of one sweep gives the same one. */
  run?: string;
  /** A shard report: which shards of how many it covers (a merge lists every shard merged). */
  shards?: { count: number; indexes: number[] };
  /** Every repository in scope, sorted by id. */
  repos: SweepRepo[];
  /** Keys found in more than one repository: most repositories first, then score. */
  shared: SharedKey[];
}
