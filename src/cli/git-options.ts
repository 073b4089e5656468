// Turns `scan --history | --staged | --diff <range>` (and --branch/--since/--max-count) into
// engine options: a git blob source, a finalize step that maps findings to commits and
// presentAtHead, and the repository top level as the root paths are relative to.
import { UsageError } from '../errors.js';
import type { ScanOptions } from '../scan.js';
import { diffSource } from '../sources/git/diff-source.js';
import { enrichGitSecrets } from '../sources/git/enrich.js';
import { historySource, revisionArgs, type RevisionFilter } from '../sources/git/history-source.js';
import { mergeBase, openRepo, resolveRev, type GitRepo } from '../sources/git/repo.js';

export interface GitFlags {
  history?: boolean;
  staged?: boolean;
  diff?: string;
  branch?: string[];
  since?: string;
  maxCount?: string;
  root?: string;
}

export type GitScanOptions = Required<Pick<ScanOptions, 'blobs' | 'root'>> & Pick<ScanOptions, 'finalize' | 'reuseLines'> & {
  /** --diff: the base revision, where the repository's own config and baseline are read from. */
  trustedRev?: string;
};

/** KEYSPRAWL_HISTORY_FULL=1 scans every unique blob whole (the reference line reuse is tested against). */
const reuseLines = () => !process.env.KEYSPRAWL_HISTORY_FULL;

export function wantsGit(flags: GitFlags): boolean {
  return !!(flags.history || flags.staged || flags.diff !== undefined);
}

function checkFlags(paths: string[], flags: GitFlags): void {
  const modes = [flags.history && '--history', flags.staged && '--staged', flags.diff !== undefined && '--diff'].filter(Boolean);
  const narrowing = [flags.branch?.length && '--branch', flags.since !== undefined && '--since', flags.maxCount !== undefined && '--max-count'].filter(Boolean);
  if (narrowing.length && !flags.history) throw new UsageError(`${narrowing.join(', ')}: only with --history`);
  if (modes.length > 1) throw new UsageError(`${modes.join(' and ')} cannot be combined: pick one`);
  if (!modes.length) return;
  if (paths.length > 1 || paths.includes('-')) throw new UsageError(`${modes[0]} scans one git repository: give at most one path`);
  if (flags.root !== undefined) throw new UsageError(`--root cannot be used with ${modes[0]}: paths are relative to the repository's top level`);
  if (flags.diff !== undefined && !flags.diff.trim()) throw new UsageError('--diff needs a revision, e.g. --diff origin/main');
}

function maxCount(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1) throw new UsageError(`--max-count ${text}: expected a positive whole number`);
  return Number(text);
}

async function historyOptions(repo: GitRepo, flags: GitFlags, maxFileSize: number): Promise<GitScanOptions> {
  const branches = flags.branch ?? [];
  for (const b of branches) await resolveRev(repo.dir, b, { shallow: repo.shallow });
  const filter: RevisionFilter = { branches, since: flags.since, maxCount: maxCount(flags.maxCount) };
  const limited = filter.since !== undefined || filter.maxCount !== undefined;
  return {
    root: repo.dir,
    blobs: historySource(repo, { ...filter, maxFileSize }),
    reuseLines: reuseLines(),
    finalize: (secrets) =>
      enrichGitSecrets(secrets, {
        dir: repo.dir,
        logArgs: revisionArgs(filter),
        // A blob in range may have been introduced before it: find its real first commit.
        fallbackLogArgs: limited ? revisionArgs({ branches }) : undefined,
        head: repo.head,
      }),
  };
}

/** `a...b` and a bare `a` compare against the merge base (a pull request's view); `a..b` directly. */
export function parseRange(spec: string): { base: string; head: string; viaMergeBase: boolean } {
  const three = spec.indexOf('...');
  if (three !== -1) return { base: spec.slice(0, three) || 'HEAD', head: spec.slice(three + 3) || 'HEAD', viaMergeBase: true };
  const two = spec.indexOf('..');
  if (two !== -1) return { base: spec.slice(0, two) || 'HEAD', head: spec.slice(two + 2) || 'HEAD', viaMergeBase: false };
  return { base: spec, head: 'HEAD', viaMergeBase: true };
}

async function diffOptions(repo: GitRepo, spec: string, maxFileSize: number): Promise<GitScanOptions> {
  const range = parseRange(spec.trim());
  const head = (await resolveRev(repo.dir, range.head, { shallow: repo.shallow }))!;
  let base = (await resolveRev(repo.dir, range.base, { shallow: repo.shallow }))!;
  if (range.viaMergeBase) base = await mergeBase(repo.dir, base, head, repo.shallow);
  return {
    root: repo.dir,
    trustedRev: base,
    blobs: diffSource(repo.dir, { kind: 'range', base, head }, maxFileSize),
    finalize: (secrets) => enrichGitSecrets(secrets, { dir: repo.dir, logArgs: [head, `^${base}`], head }),
  };
}

/** Engine options for a git mode, or undefined when no git flag was given. */
export async function gitScanOptions(paths: string[], flags: GitFlags, maxFileSize: number): Promise<GitScanOptions | undefined> {
  checkFlags(paths, flags);
  if (!wantsGit(flags)) return undefined;
  const repo = await openRepo(paths[0] ?? '.');
  if (flags.history) return historyOptions(repo, flags, maxFileSize);
  if (flags.staged && repo.bare) throw new UsageError(`${repo.dir}: --staged needs a working tree (this is a bare repository)`);
  if (flags.staged) return { root: repo.dir, blobs: diffSource(repo.dir, { kind: 'staged' }, maxFileSize) };
  return diffOptions(repo, flags.diff!, maxFileSize);
}
