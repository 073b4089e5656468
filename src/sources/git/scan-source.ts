// The git modes as sources (src/sources/source.ts): history, the staged index and a diff range
// read their blobs here, and join commits, authors, dates and presentAtHead (enrich.ts) to the
// secrets before they are scored. Typed requests only: the CLI turns its flags into these.
import type { Blob } from '../../contracts/blob.js';
import type { Diagnostics } from '../../diagnostics.js';
import type { Source } from '../source.js';
import { diffSource, type EarlyDiff } from './diff-source.js';
import { enrichGitSecrets } from './enrich.js';
import { holdLeanHeap } from './lean-heap.js';
import { historySource, revisionArgs, type RevisionFilter } from './history-source.js';
import { spooledBlobLog } from './introductions.js';
import type { SpooledGit } from './spool.js';
import type { GitRepo } from './repo.js';

export interface HistoryScan {
  filter: RevisionFilter;
  maxFileSize: number;
  /** Scan only the lines each blob adds to the versions before it (default false). */
  reuseLines?: boolean;
  /**
   * Walked for the first commit of blobs the filter's own walk does not place (default: when the
   * filter has --since or --max-count, every commit of its branches).
   */
  fallback?: RevisionFilter;
}

/**
 * The source's blobs; when they end early (the scan failed or stopped), no provenance will read
 * the walk: it is stopped and its file deleted now, not at the process's exit (a long sweep).
 */
function ownWalk(blobs: (diag: Diagnostics) => AsyncGenerator<Blob>, walk: SpooledGit): (diag: Diagnostics) => AsyncGenerator<Blob> {
  return async function* owned(diag) {
    let finished = false;
    try {
      yield* blobs(diag);
      finished = true;
    } finally {
      if (!finished) walk.dispose();
    }
  };
}

/** Every blob reachable from the filter's commits (scan --history, a sweep's repositories). */
export function historyScanSource(repo: GitRepo, o: HistoryScan): Source {
  const limited = o.filter.since !== undefined || o.filter.maxCount !== undefined;
  const fallback = o.fallback ?? (limited ? { branches: o.filter.branches ?? [] } : undefined);
  // The commit walk that maps blobs to commits, run beside the scan (spool.ts), read after it.
  const walk = spooledBlobLog(repo.dir, revisionArgs(o.filter));
  return {
    root: repo.dir,
    blobs: ownWalk(historySource(repo, { ...o.filter, maxFileSize: o.maxFileSize, walk }), walk),
    reuseLines: !!o.reuseLines,
    provenance: async (secrets) => {
      // Reading the walk back and git's last walks run beside Node's largest heap: still lean.
      const releaseHeap = holdLeanHeap();
      try {
        return await enrichGitSecrets(secrets, {
          dir: repo.dir,
          logArgs: revisionArgs(o.filter),
          walk,
          // A blob in range may have been introduced before it: find its real first commit.
          fallbackLogArgs: fallback ? revisionArgs(fallback) : undefined,
          head: repo.head,
        });
      } finally {
        walk.dispose();
        releaseHeap();
      }
    },
  };
}

/** The lines staged for the next commit (scan --staged): nothing is committed yet to trace. */
export function stagedScanSource(repo: GitRepo, maxFileSize: number, early?: EarlyDiff): Source {
  return { root: repo.dir, blobs: diffSource(repo.dir, { kind: 'staged' }, maxFileSize, early) };
}

/** The lines `head` adds over `base`, both resolved commits (scan --diff). */
export function diffScanSource(repo: GitRepo, range: { base: string; head: string }, maxFileSize: number): Source {
  const { base, head } = range;
  return {
    root: repo.dir,
    blobs: diffSource(repo.dir, { kind: 'range', base, head }, maxFileSize),
    provenance: (secrets) => enrichGitSecrets(secrets, { dir: repo.dir, logArgs: [head, `^${base}`], head }),
  };
}
