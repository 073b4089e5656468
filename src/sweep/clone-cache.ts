// Local copies of the repositories a sweep lists by URL, kept in a cache folder so a scheduled
// sweep fetches only what changed. `--depth head` needs only HEAD's files: a partial clone
// (`--filter=blob:none --no-checkout`) then a checkout of HEAD, which fetches just those blobs
// in one batch. `--depth history` needs every blob: a mirror clone.
import { randomBytes, createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { firstErrorLine, GitCommandError, gitOutput } from '../sources/git/run-git.js';
import { scrubCredentials, type RepoSpec } from './repo-list.js';

export type Depth = 'head' | 'history';

/** `--cache DIR`, else $XDG_CACHE_HOME/keysprawl/repos, else ~/.cache/keysprawl/repos. */
export function cacheRoot(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return flag;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'keysprawl', 'repos');
}

/** A folder name readable by a person and unique per repository and clone kind. */
export function cacheName(id: string, depth: Depth): string {
  const slug = (id.replace(/\.git$/, '').split(/[/:]/).filter(Boolean).pop() ?? 'repo').replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 40);
  const hash = createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 12);
  return `${slug}-${hash}.${depth === 'head' ? 'partial' : 'mirror'}`;
}

// A stalled transfer fails after two minutes instead of hanging the whole sweep.
const NETWORK = ['-c', 'http.lowSpeedLimit=1', '-c', 'http.lowSpeedTime=120'];

/**
 * git configuration given through the environment (GIT_CONFIG_COUNT/KEY_n/VALUE_n) after any the
 * user set: tokens for enumerated forges never appear on a command line or in a URL.
 */
export function gitConfigEnv(entries: ReadonlyArray<readonly [string, string]>, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (!entries.length) return {};
  const start = Number(env.GIT_CONFIG_COUNT) || 0;
  const out: NodeJS.ProcessEnv = { GIT_CONFIG_COUNT: String(start + entries.length) };
  entries.forEach(([key, value], i) => {
    out[`GIT_CONFIG_KEY_${start + i}`] = key;
    out[`GIT_CONFIG_VALUE_${start + i}`] = value;
  });
  return out;
}

async function git(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await gitOutput(cwd, [...NETWORK, ...args], { network: true, env });
  } catch (err) {
    const why = err instanceof GitCommandError ? firstErrorLine(err.stderr) || `exit code ${err.code}` : (err as Error).message;
    throw new UsageError(scrubCredentials(`git ${args[0]} failed: ${why}`));
  }
}

async function cloneInto(url: string, dir: string, depth: Depth, cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  if (depth === 'history') {
    await git(cwd, ['clone', '--mirror', '--quiet', '--', url, dir], env);
    return;
  }
  await git(cwd, ['clone', '--filter=blob:none', '--no-checkout', '--quiet', '--', url, dir], env);
  await git(dir, ['checkout', '--quiet', '--force', 'HEAD'], env);
}

async function update(dir: string, depth: Depth, env: NodeJS.ProcessEnv): Promise<void> {
  if (depth === 'history') {
    await git(dir, ['fetch', '--quiet', '--prune', 'origin'], env);
    return;
  }
  // FETCH_HEAD is whatever the remote's default branch points at now.
  await git(dir, ['fetch', '--quiet', 'origin', 'HEAD'], env);
  await git(dir, ['checkout', '--quiet', '--force', '--detach', 'FETCH_HEAD'], env);
}

/**
 * A local, up-to-date copy of a URL repository; returns its folder. A cached copy that cannot
 * be updated (damaged, or the remote was rewritten) is cloned again; `warn` says so. A clone goes
 * to a temporary folder first, so an interrupted sweep never leaves a half clone in the cache.
 */
export async function ensureClone(spec: RepoSpec, depth: Depth, cache: string, warn: (line: string) => void, env: NodeJS.ProcessEnv = {}): Promise<string> {
  mkdirSync(cache, { recursive: true });
  const dir = join(cache, cacheName(spec.id, depth));
  if (existsSync(dir)) {
    try {
      await update(dir, depth, env);
      return dir;
    } catch (err) {
      warn(`${spec.id}: cached clone ${dir} could not be updated (${(err as Error).message}): cloning again`);
      await rm(dir, { recursive: true, force: true });
    }
  }
  const tmp = `${dir}.tmp-${randomBytes(4).toString('hex')}`;
  try {
    await cloneInto(spec.location, tmp, depth, cache, env);
    await rename(tmp, dir);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  }
  return dir;
}
