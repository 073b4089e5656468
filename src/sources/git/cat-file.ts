// A streaming reader over one long-lived `git cat-file --batch` process. Requests are
// pipelined (sha in, "<sha> <type> <size>\n<bytes>\n" out) and parsed incrementally, so only
// the objects being handed to the scanner are in memory; an object over the size limit is
// discarded as it streams past. Each object's bytes are copied once out of git's output chunks
// into a buffer taken from `buffers` (a pool in a history scan: blob-pool.ts), so no chunk is
// kept alive by a view of it. A corrupt object either answers "missing" or kills git halfway
// through its bytes: that request is reported as corrupt and git is restarted for the rest.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Socket } from 'node:net';
import { InternalError, UsageError } from '../../errors.js';
import { UNPOOLED, type BlobBuffers, type Lease } from '../blob-pool.js';
import { CAT_FILE_ARGS } from './commands.js';
import { firstErrorLine, spawnGit } from './run-git.js';

/** A `git cat-file --batch` already started in the same folder (prestart.ts), and whether it has exited. */
export interface StartedCatFile {
  child: ChildProcessWithoutNullStreams;
  exited(): boolean;
}

export type CatResult =
  /** `release`: the caller is done with `bytes` (their buffer may be reused): blob-pool.ts. */
  | { sha: string; status: 'ok'; type: string; size: number; bytes: Buffer; release: () => void }
  | { sha: string; status: 'too-large'; type: string; size: number }
  | { sha: string; status: 'corrupt'; message: string };

interface Pending {
  sha: string;
  resolve: (r: CatResult) => void;
  reject: (e: Error) => void;
}

interface Body {
  pending: Pending;
  type: string;
  size: number;
  /** Bytes still to read, including git's trailing LF. */
  remaining: number;
  /** Where the bytes go; undefined: discarding an oversized object. */
  lease: Lease | undefined;
  /** Bytes of the object copied so far. */
  filled: number;
}

/** Ready-but-unconsumed bytes above which git's output is paused (memory bound). */
const PAUSE_BYTES = 32 * 1024 * 1024;

export class CatFileBatch {
  private child?: ChildProcessWithoutNullStreams;
  private readonly queue: Pending[] = [];
  private header: Buffer = Buffer.alloc(0);
  private body?: Body;
  private stderr = '';
  private producedOutput = false;
  private silentDeaths = 0;
  private readyBytes = 0;
  private closing = false;
  /** Requests not yet written: flushed together once the caller yields (one pipe write, not one per blob). */
  private outbox: string[] = [];

  /**
   * @param given the same `git cat-file --batch`, already started in `dir` (prestart.ts): used for the first start.
   * @param buffers where each object's bytes are put (default: a buffer of its own each).
   */
  constructor(
    private readonly dir: string,
    private readonly maxSize: number,
    private given?: StartedCatFile,
    private readonly buffers: BlobBuffers = UNPOOLED,
  ) {}

  /** Ask for one object; answers arrive in request order. */
  read(sha: string): Promise<CatResult> {
    return new Promise((resolve, reject) => {
      const pending = { sha, resolve, reject };
      this.queue.push(pending);
      this.ensureStarted();
      if (this.outbox.push(sha) === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const shas = this.outbox;
    this.outbox = [];
    if (shas.length && this.child && !this.closing) this.child.stdin.write(`${shas.join('\n')}\n`);
  }

  /** The caller is done with `n` bytes of a result: lets git's output flow again. */
  release(n: number): void {
    this.readyBytes = Math.max(0, this.readyBytes - n);
    if (this.readyBytes <= PAUSE_BYTES) this.child?.stdout.resume();
  }

  /** Stop git. Unanswered requests are dropped (their promises never settle: nobody awaits them). */
  close(): void {
    this.closing = true;
    this.given?.child.kill();
    this.given = undefined;
    const unanswered = this.queue.splice(0).length;
    if (this.child) {
      this.child.stdin.end();
      if (unanswered) this.child.kill();
      // git exits at the end of its input by itself: the process need not wait for that to exit
      // (a pre-commit hook's scan would spend ~5 ms of its end on it).
      this.child.unref();
      for (const s of [this.child.stdout, this.child.stderr]) (s as Partial<Socket>).unref?.();
    }
  }

  private ensureStarted(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    // A given git that has already exited (it failed at once) is not used: it would never answer.
    const given = this.given && !this.given.exited() ? this.given.child : undefined;
    if (!given) this.given?.child.kill();
    this.given = undefined;
    const child = given ?? spawnGit(this.dir, [...CAT_FILE_ARGS]);
    this.child = child;
    this.header = Buffer.alloc(0);
    this.body = undefined;
    this.stderr = '';
    this.producedOutput = false;
    child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    child.stderr.on('data', (b: Buffer) => {
      if (this.stderr.length < 4096) this.stderr += b.toString('utf8');
    });
    child.stdin.on('error', () => undefined); // EPIPE when git dies: handled on 'close'
    child.on('error', (e: NodeJS.ErrnoException) => this.failAll(e.code === 'ENOENT' ? new UsageError('git is not installed or not on PATH') : e));
    child.on('close', () => this.onClose(child));
    return child;
  }

  private onData(chunk: Buffer): void {
    if (this.closing) return;
    this.producedOutput = true;
    let off = 0;
    while (off < chunk.length) {
      if (this.body) off = this.readBody(chunk, off);
      else {
        const nl = chunk.indexOf(10, off);
        if (nl === -1) {
          this.header = Buffer.concat([this.header, chunk.subarray(off)]);
          return;
        }
        const line = Buffer.concat([this.header, chunk.subarray(off, nl)]).toString('utf8');
        this.header = Buffer.alloc(0);
        off = nl + 1;
        this.startObject(line);
      }
    }
  }

  private startObject(line: string): void {
    const pending = this.queue[0];
    if (!pending) {
      this.failAll(new InternalError(`git cat-file answered an object nobody asked for: ${line}`));
      return;
    }
    const [, type, sizeText] = line.split(' ');
    if (sizeText === undefined) {
      // "<sha> missing": a loose object git cannot even parse the header of is reported so.
      this.queue.shift();
      const why = firstErrorLine(this.stderr);
      pending.resolve({ sha: pending.sha, status: 'corrupt', message: why || `object ${type ?? 'missing'}` });
      this.stderr = '';
      return;
    }
    const size = Number(sizeText);
    this.body = { pending, type, size, remaining: size + 1, lease: size > this.maxSize ? undefined : this.buffers.take(size), filled: 0 };
  }

  private readBody(chunk: Buffer, off: number): number {
    const body = this.body!;
    const take = Math.min(body.remaining, chunk.length - off);
    // The object's bytes, without git's trailing LF.
    const copy = Math.min(take, body.size - body.filled);
    if (body.lease && copy > 0) chunk.copy(body.lease.bytes, body.filled, off, off + copy);
    body.filled += copy;
    body.remaining -= take;
    if (body.remaining === 0) {
      this.body = undefined;
      this.queue.shift();
      const { pending, type, size, lease } = body;
      if (!lease) pending.resolve({ sha: pending.sha, status: 'too-large', type, size });
      else {
        this.readyBytes += size;
        if (this.readyBytes > PAUSE_BYTES) this.child?.stdout.pause();
        pending.resolve({ sha: pending.sha, status: 'ok', type, size, bytes: lease.bytes, release: lease.release });
      }
    }
    return off + take;
  }

  /** git exited: the object it was answering is corrupt; restart for the ones still queued. */
  private onClose(child: ChildProcessWithoutNullStreams): void {
    if (this.child !== child) return;
    this.child = undefined;
    if (!this.queue.length || this.closing) {
      this.failAll(new UsageError('git cat-file stopped before answering'));
      return;
    }
    // git that dies twice without a byte of output is broken, not one bad object.
    this.silentDeaths = this.producedOutput ? 0 : this.silentDeaths + 1;
    if (this.silentDeaths >= 2) {
      this.failAll(new UsageError(`git cat-file failed: ${firstErrorLine(this.stderr) || 'exited without output'}`));
      return;
    }
    const bad = this.queue.shift()!;
    bad.resolve({ sha: bad.sha, status: 'corrupt', message: firstErrorLine(this.stderr) || 'git stopped while reading it' });
    this.readyBytes = 0;
    const rest = this.queue.splice(0);
    this.outbox = []; // asked again below, with the rest of the queue
    if (!rest.length) return;
    const next = this.ensureStarted();
    this.queue.push(...rest);
    next.stdin.write(rest.map((p) => `${p.sha}\n`).join(''));
  }

  private failAll(err: Error): void {
    for (const p of this.queue.splice(0)) p.reject(err);
  }
}
