// Untrusted-input mode: under --diff the head being scanned is the pull request, written by
// whoever opened it, so its own .keysprawl.yaml and the baseline that config names are read
// from the base revision instead (what the target branch already accepted). A pull request
// that adds or edits them changes nothing until it is merged.
import { spawnSync } from 'node:child_process';
import { gitEnv } from '../sources/git/run-git.js';
import { UsageError } from '../errors.js';

/**
 * The text of `rel` (a repository path) at `rev`, undefined when it is not there; a UsageError
 * when it is not a regular file or is over `max` bytes.
 */
export function readAtRevision(dir: string, rev: string, rel: string, max: number): string | undefined {
  const spec = `${rev}:${rel}`;
  const git = (args: string[]) => spawnSync('git', args, { cwd: dir, env: gitEnv(), maxBuffer: max + 1024, encoding: 'buffer' });
  const type = git(['cat-file', '-t', spec]);
  if (type.status !== 0) return undefined;
  const what = type.stdout.toString('utf8').trim();
  const label = `${rel} (at ${rev.slice(0, 7)})`;
  if (what !== 'blob') throw new UsageError(`${label}: not a regular file (${what})`);
  const size = Number(git(['cat-file', '-s', spec]).stdout.toString('utf8').trim());
  if (!(size <= max)) throw new UsageError(`${label}: ${size} bytes is over the ${max}-byte limit`);
  const blob = git(['cat-file', 'blob', spec]);
  if (blob.status !== 0) throw new UsageError(`${label}: cannot be read from git`);
  return blob.stdout.toString('utf8');
}
