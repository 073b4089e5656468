// Repository checks before any git mode runs: is this a repository, where is its top level,
// is it shallow, does HEAD exist. Each problem is one UsageError line (exit 2).
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import { REPO_FACTS_ARGS } from './commands.js';
import { firstErrorLine, gitOutput, GitCommandError, outputOf, startGit, type StartedGit } from './run-git.js';

export interface GitRepo {
  /** The working-tree top level (the git dir for a bare repository): paths are relative to it. */
  dir: string;
  gitDir: string;
  bare: boolean;
  /** A shallow clone: history stops at the shallow boundary. */
  shallow: boolean;
  /** HEAD's commit id; undefined in a repository with no commit yet (or when not asked for). */
  head?: string;
}

/**
 * Open the repository holding `path` (a folder, or a file inside a working tree). `head: false`
 * leaves HEAD unresolved (one git process fewer: `--staged` compares the index with HEAD in git).
 * `facts`: the same rev-parse, already started in the same folder (prestart.ts).
 */
export async function openRepo(path: string, opts: { head?: boolean; facts?: StartedGit } = {}): Promise<GitRepo> {
  const abs = resolve(path);
  const cwd = repoCwd(path);
  // One rev-parse (git's own environment is inherited: inside a hook git sets GIT_DIR and
  // GIT_INDEX_FILE). It fails outside a repository; --show-cdup prints nothing in a bare one.
  let facts: string[];
  try {
    facts = (await outputOf(opts.facts ?? startGit(cwd, REPO_FACTS_ARGS, { input: '' }))).split('\n');
  } catch (err) {
    if (!(err instanceof GitCommandError)) throw err;
    throw cannotOpen(path, abs, firstErrorLine(err.stderr) || err.message);
  }
  const [bare, shallow, gitDir, cdup = ''] = facts.map((s) => s.trim());
  const dir = bare === 'true' ? gitDir : resolve(cwd, cdup);
  const head = opts.head === false ? undefined : await resolveRev(dir, 'HEAD', { optional: true });
  return { dir, gitDir, bare: bare === 'true', shallow: shallow === 'true', head };
}

/** The folder git is first run in for `path` (a folder, or the folder of a file); a UsageError when it is missing. */
export function repoCwd(path: string): string {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new UsageError(`${path}: no such file or directory`);
  return statSync(abs).isDirectory() ? abs : resolve(abs, '..');
}

function cannotOpen(path: string, abs: string, msg: string): UsageError {
  if (/not a git repository/i.test(msg)) {
    return new UsageError(`${path}: not a git repository (--history, --staged and --diff need one; run git init or scan without them)`);
  }
  if (/dubious ownership/i.test(msg)) {
    return new UsageError(`${path}: git refuses this repository (dubious ownership); run: git config --global --add safe.directory ${abs}`);
  }
  return new UsageError(`${path}: cannot open the git repository: ${msg}`);
}

/** A revision's commit id; a bad name is a UsageError that says what to do. */
export async function resolveRev(dir: string, rev: string, opts: { optional?: boolean; shallow?: boolean } = {}): Promise<string | undefined> {
  try {
    return (await gitOutput(dir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`])).trim();
  } catch (err) {
    if (opts.optional) return undefined;
    if (err instanceof GitCommandError) throw unknownRevision(rev, !!opts.shallow);
    throw err;
  }
}

function unknownRevision(rev: string, shallow: boolean): UsageError {
  const hint = shallow
    ? ' (this is a shallow clone: fetch the base first, e.g. git fetch --depth=1 origin <base>, or use fetch-depth: 0 in actions/checkout)'
    : ' (is it fetched? try git fetch origin)';
  return new UsageError(`${rev}: unknown revision${hint}`);
}

/** The merge base of two commits (what a pull request's diff is taken against). */
export async function mergeBase(dir: string, a: string, b: string, shallow: boolean): Promise<string> {
  try {
    return (await gitOutput(dir, ['merge-base', a, b])).trim();
  } catch (err) {
    if (!(err instanceof GitCommandError)) throw err;
    const hint = shallow ? '; this is a shallow clone: fetch more history (fetch-depth: 0) or use --diff <base>..<head>' : '';
    throw new UsageError(`${a}...${b}: no common ancestor${hint}`);
  }
}
