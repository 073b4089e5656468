// Runs git as a child process. Streaming readers (NUL- or line-separated records) keep memory
// flat on large histories; every failure becomes a one-line UsageError (exit 2), never a stack.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { UsageError } from '../../errors.js';

/**
 * A stable environment: English messages we can recognise, no credential prompts, no pager.
 * Offline unless `network` (only sweep's clone and fetch): in a partial clone git would fetch
 * every missing blob from the promisor remote while we read it. GIT_NO_LAZY_FETCH stops that in
 * git 2.45+; GIT_ALLOW_PROTOCOL naming no real transport makes the fetch fail in older ones, so a
 * missing blob is a counted skip (or, for --staged/--diff, a failure) and no byte leaves.
 */
export function gitEnv(network = false, packs: PackLimits = PACK_LIMITS): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', LANGUAGE: 'C', GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', GIT_OPTIONAL_LOCKS: '0' };
  if (!network) Object.assign(env, { GIT_NO_LAZY_FETCH: '1', GIT_ALLOW_PROTOCOL: 'keysprawl-offline' }, boundedPacks(env, packs));
  return env;
}

/**
 * git maps its pack files into memory in windows (default up to 8 GiB mapped) and caches delta
 * bases (96 MiB): on a full history every page of a 335 MB pack is touched, and each git
 * process's resident memory grows to the size of the pack (moby: rev-list 467 MB, log 438 MB).
 * Smaller windows keep each under ~150 MB at a few seconds of CPU; at 64/16/16 MB `cat-file
 * --batch` over every moby blob stays at 65 MB (106 MB at 128/32/32) for ~3 s more CPU, and
 * 32/8/8 MB saves only 10 MB more for 13 s (measured in docs/performance.md). Appended to the caller's own GIT_CONFIG_COUNT entries (git 2.31+;
 * older git ignores them). Not for clone and fetch, whose index-pack reads the delta cache size.
 */
export type PackLimits = ReadonlyArray<readonly [string, string]>;

const PACK_LIMITS: PackLimits = [
  ['core.packedGitLimit', '64m'],
  ['core.packedGitWindowSize', '16m'],
  ['core.deltaBaseCacheLimit', '16m'],
];

/**
 * For a walk of commits and trees that runs beside the scan (the spooled `git log --raw`): its
 * objects are small and read once, so smaller windows and cache cost it little (moby: 79 MB
 * resident instead of 120 MB, ~4 s more CPU on the core the scan leaves idle).
 */
export const WALK_PACK_LIMITS: PackLimits = [
  ['core.packedGitLimit', '32m'],
  ['core.packedGitWindowSize', '8m'],
  ['core.deltaBaseCacheLimit', '8m'],
];

function boundedPacks(env: NodeJS.ProcessEnv, packs: PackLimits): NodeJS.ProcessEnv {
  const given = Number(env.GIT_CONFIG_COUNT ?? 0);
  const base = Number.isInteger(given) && given > 0 ? given : 0;
  const out: NodeJS.ProcessEnv = { GIT_CONFIG_COUNT: String(base + packs.length) };
  packs.forEach(([key, value], i) => {
    out[`GIT_CONFIG_KEY_${base + i}`] = key;
    out[`GIT_CONFIG_VALUE_${base + i}`] = value;
  });
  return out;
}

export function spawnGit(cwd: string, args: string[], opts: { network?: boolean; env?: NodeJS.ProcessEnv } = {}): ChildProcessWithoutNullStreams {
  const child = spawn('git', args, { cwd, env: { ...gitEnv(opts.network), ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  // git may exit before reading its input (EPIPE): its exit code tells what happened.
  child.stdin.on('error', () => undefined);
  return child;
}

/** The first meaningful line of git's stderr, without the "fatal: " / "error: " prefix. */
export function firstErrorLine(stderr: string): string {
  const line = stderr.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
  return line.replace(/^(fatal|error):\s*/i, '');
}

export class GitCommandError extends UsageError {
  constructor(readonly args: string[], readonly code: number | null, readonly stderr: string) {
    super(`git ${args[0]} failed: ${firstErrorLine(stderr) || `exit code ${code}`}`);
    this.name = 'GitCommandError';
  }
}

export function spawnFailure(err: NodeJS.ErrnoException): UsageError {
  if (err.code === 'ENOENT') return new UsageError('git is not installed or not on PATH (needed for --history, --staged and --diff)');
  return new UsageError(`cannot run git: ${err.message}`);
}

/** Run git to completion and return stdout (for small outputs: rev-parse, merge-base, ...). */
export function gitOutput(cwd: string, args: string[], opts: { input?: string; network?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawnGit(cwd, args, { network: opts.network, env: opts.env });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => (err += b.toString('utf8')));
    child.on('error', (e) => reject(spawnFailure(e)));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new GitCommandError(args, code, err));
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** True when git exits 0 (for yes/no questions such as `merge-base --is-ancestor`). */
export function gitSucceeds(cwd: string, args: string[]): Promise<boolean> {
  return gitOutput(cwd, args).then(
    () => true,
    (e: unknown) => {
      if (e instanceof GitCommandError) return false;
      throw e;
    },
  );
}

/**
 * Stream git's stdout split on a separator byte (NUL for -z output, LF for lines), so a
 * 50,000-commit log never sits in memory. Throws GitCommandError after the stream if git failed.
 * `thenLines`: NUL-separated records up to the first empty one (yielded too), then lines: the
 * shape of `git diff -z --patch-with-raw`, whose patch lines may hold a NUL of their own.
 */
export async function* gitRecords(cwd: string, args: string[], separator: '\0' | '\n', opts: { thenLines?: boolean } = {}): AsyncGenerator<string> {
  const child = spawnGit(cwd, args);
  child.stdin.end();
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => {
    if (stderr.length < 4096) stderr += b.toString('utf8');
  });
  let spawnError: NodeJS.ErrnoException | undefined;
  child.on('error', (e) => (spawnError = e));
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  try {
    yield* splitRecords(child.stdout, separator, opts);
  } finally {
    // The consumer stopped early (or threw): do not leave git running.
    if (child.exitCode === null) child.kill();
  }
  const code = await closed;
  if (spawnError) throw spawnFailure(spawnError);
  if (code !== 0) throw new GitCommandError(args, code, stderr);
}

/** Byte chunks (git's stdout, or a file it was spooled to) as UTF-8 records split on `separator` (see gitRecords). */
export async function* splitRecords(chunks: AsyncIterable<Buffer | string>, separator: '\0' | '\n', opts: { thenLines?: boolean } = {}): AsyncGenerator<string> {
  let sep = separator.charCodeAt(0);
  let switchAtEmpty = !!opts.thenLines;
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    let buf = rest.length ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    let at: number;
    while ((at = buf.indexOf(sep)) !== -1) {
      if (switchAtEmpty && at === 0) {
        sep = 0x0a;
        switchAtEmpty = false;
      }
      yield buf.subarray(0, at).toString('utf8');
      buf = buf.subarray(at + 1);
    }
    rest = buf;
  }
  if (rest.length) yield rest.toString('utf8');
}
