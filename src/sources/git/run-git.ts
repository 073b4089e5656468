// Runs git as a child process. Streaming readers (NUL- or line-separated records) keep memory
// flat on large histories; every failure becomes a one-line UsageError (exit 2), never a stack.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Readable } from 'node:stream';
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
 * 32/8/8 MB saves only 10 MB more for 13 s; a delta base cache of 4 MB instead of 16 MB saved
 * 16 MB of cat-file (49 MB) but cost it 3–5 s of CPU over moby's blobs, quiet (docs/performance.md,
 * sixth round), so it stays 16 MB. Appended to the caller's own GIT_CONFIG_COUNT entries (git 2.31+;
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
 * resident instead of 120 MB at 32/8/8 MB, ~4 s more CPU on the core the scan leaves idle; 75 MB
 * at 16/4/4 MB for the same CPU, two runs each; most of the rest is the ~35k tip commits of
 * `--all` parsed at its start, ~35 MB, and the pack index, ~15 MB).
 */
export const WALK_PACK_LIMITS: PackLimits = [
  ['core.packedGitLimit', '16m'],
  ['core.packedGitWindowSize', '4m'],
  ['core.deltaBaseCacheLimit', '4m'],
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

/** `packs`: pack memory limits other than the default (offline git only). */
export function spawnGit(cwd: string, args: string[], opts: { network?: boolean; env?: NodeJS.ProcessEnv; packs?: PackLimits } = {}): ChildProcessWithoutNullStreams {
  const child = spawn('git', args, { cwd, env: { ...gitEnv(opts.network, opts.packs), ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
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

/**
 * A git process started now and read later (prestart.ts): its output, stderr (bounded), a spawn
 * failure and its exit are recorded from the start, so nothing is lost while no one reads it
 * (Node discards the output of an exited child nobody has read). Output is held up to HOLD_BYTES,
 * then git is paused (it blocks on the full pipe): nothing piles up here.
 */
export interface StartedGit {
  readonly args: readonly string[];
  /** git's exit code once it has exited and its output has ended (null: killed, or never started). */
  readonly closed: Promise<number | null>;
  /** Its stdout, held and live, for one reader. */
  stdout(): AsyncGenerator<Buffer>;
  stderr(): string;
  spawnError(): NodeJS.ErrnoException | undefined;
  /** Whether it has exited and its output has ended. */
  done(): boolean;
  /** Stop it when its output has not ended (it is no longer wanted). */
  stop(): void;
}

const HOLD_BYTES = 1 << 20;

/** Spawn git now, its stdin given `input` and closed. */
export function startGit(cwd: string, args: readonly string[], opts: { input?: string; network?: boolean; env?: NodeJS.ProcessEnv; packs?: PackLimits } = {}): StartedGit {
  const child = spawnGit(cwd, [...args], { network: opts.network, env: opts.env, packs: opts.packs });
  let spawnError: NodeJS.ErrnoException | undefined;
  const exit = new Promise<number | null>((resolve) => {
    child.on('close', resolve);
    // A git that could not be started (not installed) has nothing to close.
    child.on('error', (e) => {
      spawnError = e;
      if (child.pid === undefined) resolve(null);
    });
  });
  child.stdin.end(opts.input ?? '');
  return startedFrom({ args, stdout: child.stdout, stderr: child.stderr, exit, spawnError: () => spawnError, stop: () => child.kill() });
}

/**
 * A StartedGit over the pipes of a git process started some other way (prestart.ts starts
 * several from one shell): `exit` settles with its exit code once it has exited.
 */
export function startedFrom(p: {
  args: readonly string[];
  stdout: Readable;
  stderr: Readable;
  exit: Promise<number | null>;
  spawnError?: () => NodeJS.ErrnoException | undefined;
  stop: () => void;
}): StartedGit {
  let stderr = '';
  p.stderr.on('data', (b: Buffer) => {
    if (stderr.length < 65_536) stderr += b.toString('utf8');
  });
  p.stderr.on('error', () => undefined);
  const held = holdOutput(p.stdout);
  let done = false;
  const closed = Promise.all([held.ended, p.exit]).then(([, code]) => {
    done = true;
    return code;
  });
  return {
    args: p.args,
    closed,
    stdout: held.read,
    stderr: () => stderr,
    spawnError: () => p.spawnError?.(),
    done: () => done,
    // Once its output has ended, git is exiting by itself: a signal now could only cost its exit code.
    stop: () => {
      if (!held.isEnded()) p.stop();
    },
  };
}

/** Reads a stream from now on into a bounded queue, drained by `read`; `ended` once it has ended. */
function holdOutput(stream: Readable): { read: () => AsyncGenerator<Buffer>; ended: Promise<void>; isEnded: () => boolean } {
  const held: Buffer[] = [];
  let bytes = 0;
  let ended = false;
  let wake: (() => void) | undefined;
  let end: () => void = () => undefined;
  const endedPromise = new Promise<void>((resolve) => (end = resolve));
  const signal = (): void => {
    wake?.();
    wake = undefined;
  };
  const finish = (): void => {
    ended = true;
    end();
    signal();
  };
  stream.on('data', (b: Buffer) => {
    held.push(b);
    bytes += b.length;
    if (bytes > HOLD_BYTES) stream.pause();
    signal();
  });
  stream.on('end', finish);
  stream.on('close', finish);
  stream.on('error', finish);
  async function* read(): AsyncGenerator<Buffer> {
    for (;;) {
      const b = held.shift();
      if (b) {
        bytes -= b.length;
        if (bytes <= HOLD_BYTES && stream.isPaused()) stream.resume();
        yield b;
      } else if (ended) return;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  }
  return { read, ended: endedPromise, isEnded: () => ended };
}

/** Run git to completion and return stdout (for small outputs: rev-parse, merge-base, ...). */
export function gitOutput(cwd: string, args: string[], opts: { input?: string; network?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  return outputOf(startGit(cwd, args, { ...opts, input: opts.input ?? '' }));
}

/** The whole stdout of a started git; GitCommandError when it fails. */
export async function outputOf(git: StartedGit): Promise<string> {
  const out: Buffer[] = [];
  for await (const b of git.stdout()) out.push(b);
  await succeeded(git);
  return Buffer.concat(out).toString('utf8');
}

/** Once git has exited: its spawn failure or a non-zero exit as the error to throw. */
async function succeeded(git: StartedGit): Promise<void> {
  const code = await git.closed;
  const failed = git.spawnError();
  if (failed) throw spawnFailure(failed);
  if (code !== 0) throw new GitCommandError([...git.args], code, git.stderr());
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
export async function* gitRecords(cwd: string, args: string[], separator: '\0' | '\n', opts: { thenLines?: boolean; packs?: PackLimits } = {}): AsyncGenerator<string> {
  // Spawned when the first record is asked for, as before.
  yield* recordsOf(startGit(cwd, args, { input: '', packs: opts.packs }), separator, opts);
}

/** gitRecords over a started git. */
export async function* recordsOf(git: StartedGit, separator: '\0' | '\n', opts: { thenLines?: boolean } = {}): AsyncGenerator<string> {
  try {
    yield* splitRecords(git.stdout(), separator, opts);
  } finally {
    // The consumer stopped early (or threw): do not leave git running.
    git.stop();
  }
  await succeeded(git);
}

/**
 * Byte chunks (git's stdout, or a file it was spooled to) as UTF-8 records split on `separator`
 * (see gitRecords). A chunk is not read after the next one is asked for: its buffer may be reused.
 */
export async function* splitRecords(chunks: AsyncIterable<Buffer | string>, separator: '\0' | '\n', opts: { thenLines?: boolean } = {}): AsyncGenerator<string> {
  let sep = separator.charCodeAt(0);
  let switchAtEmpty = !!opts.thenLines;
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    let buf = chunk as Buffer;
    let at: number;
    // The record cut by the previous chunk: only its two pieces are joined, not the whole chunk
    // copied behind them (the spooled walk is read back in 1 MB chunks).
    if (rest.length) {
      at = buf.indexOf(sep);
      if (at === -1) {
        rest = Buffer.concat([rest, buf]);
        continue;
      }
      yield Buffer.concat([rest, buf.subarray(0, at)]).toString('utf8');
      buf = buf.subarray(at + 1);
    }
    while ((at = buf.indexOf(sep)) !== -1) {
      if (switchAtEmpty && at === 0) {
        sep = 0x0a;
        switchAtEmpty = false;
      }
      yield buf.subarray(0, at).toString('utf8');
      buf = buf.subarray(at + 1);
    }
    // A copy: the record cut here is all that is kept of this chunk.
    rest = Buffer.from(buf);
  }
  if (rest.length) yield rest.toString('utf8');
}
