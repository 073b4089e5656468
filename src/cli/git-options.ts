// Turns `scan --history | --staged | --diff <range>` (and --branch/--since/--max-count) into a
// git source (src/sources/git/scan-source.ts): flags are checked and parsed here, revisions
// resolved, and the source gets typed values only. Its root is the repository's top level.
import { UsageError } from '../errors.js';
import type { RevisionFilter } from '../sources/git/history-source.js';
import { startChangedFiles } from '../sources/git/diff-source.js';
import { takePrestarted } from '../sources/git/prestart.js';
import { mergeBase, openRepo, repoCwd, resolveRev, type GitRepo } from '../sources/git/repo.js';
import { diffScanSource, historyScanSource, stagedScanSource } from '../sources/git/scan-source.js';
import type { Source } from '../sources/source.js';

export interface GitFlags {
  history?: boolean;
  staged?: boolean;
  diff?: string;
  branch?: string[];
  since?: string;
  maxCount?: string;
  root?: string;
}

export interface GitScanOptions {
  source: Source;
  /** --diff: the base revision, where the repository's own config and baseline are read from. */
  trustedRev?: string;
}

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
  return { source: historyScanSource(repo, { filter, maxFileSize, reuseLines: reuseLines() }) };
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
  return { trustedRev: base, source: diffScanSource(repo, { base, head }, maxFileSize) };
}

/** The source for a git mode, or undefined when no git flag was given. */
export async function gitScanOptions(paths: string[], flags: GitFlags, maxFileSize: number): Promise<GitScanOptions | undefined> {
  checkFlags(paths, flags);
  if (!wantsGit(flags)) return undefined;
  const path = paths[0] ?? '.';
  const cwd = flags.staged ? repoCwd(path) : undefined;
  // --staged: the launcher may have started rev-parse, the diff and cat-file in this folder
  // already (prestart.ts); else the index's diff is started beside rev-parse (after it), in the
  // folder rev-parse runs in. It is used when that folder is the top level (a pre-commit hook's),
  // else run again there.
  const pre = cwd === undefined ? undefined : takePrestarted(cwd);
  const opening = openRepo(path, { head: !flags.staged, facts: pre?.facts });
  const early = cwd === undefined ? undefined : startChangedFiles(cwd, { kind: 'staged' }, pre);
  const repo = await opening;
  if (flags.history) return historyOptions(repo, flags, maxFileSize);
  if (flags.staged && repo.bare) throw new UsageError(`${repo.dir}: --staged needs a working tree (this is a bare repository)`);
  if (flags.staged) return { source: stagedScanSource(repo, maxFileSize, early) };
  return diffOptions(repo, flags.diff!, maxFileSize);
}
