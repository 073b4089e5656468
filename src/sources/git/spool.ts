// A git command whose output is only needed later, run now and written to a temporary file.
// `--history` needs its commit walk (`git log --raw`, introductions.ts) only once the scan has
// found its keys, but the scan leaves the second core mostly idle while it reads blobs: the walk
// runs there instead of after the scan, and its output (moby: 145 MB) waits on disk, not in
// memory. Past SPOOL_LIMIT bytes (or on a full disk) the spool gives up (git is stopped, the file
// deleted) and the caller runs the command again when it needs it, as it would without a spool.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitCommandError, gitEnv, spawnFailure, splitRecords, type PackLimits } from './run-git.js';

/** Bytes of output a spool holds at most (about 7× moby's commit walk). */
export const SPOOL_LIMIT = 1024 * 1024 * 1024;

/** `over`: no spool to read (past the limit, a full disk, no temporary folder): the caller runs git itself. */
type Outcome = { ok: true } | { ok: false; over: true } | { ok: false; over: false; error: Error };

export class SpooledGit {
  private outcome?: Promise<Outcome>;
  private dir?: string;
  private stop?: () => void;
  private readonly cleanup = () => this.dispose();

  /** `packs`: git's pack memory limits for this command (run-git.ts). */
  constructor(
    private readonly cwd: string,
    readonly args: readonly string[],
    private readonly opts: { limit?: number; packs?: PackLimits } = {},
  ) {}

  /** Start git now (once); its output goes to a private temporary file, written by git itself. */
  start(): void {
    if (this.outcome) return;
    let dir: string;
    let fd: number;
    try {
      dir = mkdtempSync(join(tmpdir(), 'keysprawl-spool-'));
      this.dir = dir;
      fd = openSync(join(dir, 'out'), 'w', 0o600);
    } catch {
      // No usable temporary folder (unwritable, full): no spool, the caller walks when it needs to.
      this.dispose();
      this.outcome = Promise.resolve({ ok: false, over: true });
      return;
    }
    process.once('exit', this.cleanup);
    // git writes the file directly: the scan's thread never handles a byte of it until read.
    const child = spawn('git', [...this.args], { cwd: this.cwd, env: gitEnv(false, this.opts.packs), stdio: ['ignore', fd, 'pipe'] });
    closeSync(fd);
    let over = false;
    let stderr = '';
    let spawnError: NodeJS.ErrnoException | undefined;
    // The size is looked at once a second: past the limit git is stopped (a full disk stops it too).
    const tooBig = () => {
      try {
        return statSync(join(dir, 'out')).size > (this.opts.limit ?? SPOOL_LIMIT);
      } catch {
        return true; // the file is gone (disposed): nothing to read
      }
    };
    const watch = setInterval(() => {
      if (!tooBig()) return;
      over = true;
      child.kill();
    }, 1000).unref();
    this.stop = () => {
      clearInterval(watch);
      if (child.exitCode === null && child.signalCode === null) child.kill();
    };
    child.on('error', (e) => (spawnError = e));
    child.stderr?.on('data', (b: Buffer) => {
      if (stderr.length < 4096) stderr += b.toString('utf8');
    });
    this.outcome = new Promise((resolve) => {
      child.on('close', (code) => {
        clearInterval(watch);
        if (over || tooBig() || (code !== 0 && /No space left|write error|Broken pipe/i.test(stderr))) resolve({ ok: false, over: true });
        else if (spawnError) resolve({ ok: false, over: false, error: spawnFailure(spawnError) });
        else if (code !== 0) resolve({ ok: false, over: false, error: new GitCommandError([...this.args], code, stderr) });
        else resolve({ ok: true });
      });
    });
  }

  /**
   * The output split into records (as gitRecords splits it), once git has finished; undefined
   * when it went over the limit. git's failure is thrown here, as gitRecords would throw it.
   */
  async records(separator: '\0' | '\n'): Promise<AsyncGenerator<string> | undefined> {
    this.start();
    const outcome = await this.outcome!;
    if (!outcome.ok) {
      if (outcome.over) {
        this.dispose();
        return undefined;
      }
      throw outcome.error;
    }
    // Disposed already (the scan is over): nothing to read back, the caller walks live.
    if (!this.dir) return undefined;
    return splitRecords(fileChunks(join(this.dir, 'out')), separator);
  }

  /** Stop git if it still runs and delete the file (also done when the process exits). */
  dispose(): void {
    this.stop?.();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
    process.removeListener('exit', this.cleanup);
  }
}

/** Bytes read from the spool at a time. */
const CHUNK = 1 << 20;

/**
 * A file's bytes, one chunk at a time, each read into the same buffer: the next read overwrites
 * the last chunk, so a reader must be done with it (splitRecords is) before it asks for more.
 * A stream allocated a fresh megabyte per chunk, freed only when V8 next collected: reading
 * moby's walk back (139 MB) took Node's array buffers from ~50 to ~105 MB at the end of the scan,
 * beside git's last walks.
 */
export async function* fileChunks(path: string, size: number = CHUNK): AsyncGenerator<Buffer> {
  const file = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(size);
    for (;;) {
      const { bytesRead } = await file.read(buf, 0, size, null);
      if (bytesRead === 0) return;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}
