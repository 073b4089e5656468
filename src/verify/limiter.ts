// Pacing for live checks: at most `concurrency` requests in flight, each provider's requests
// spaced by its own interval (and paused after a 429), and one deadline for the whole
// verification phase, after which nothing new starts and requests in flight are aborted.

import { setMaxListeners } from 'node:events';

export interface LimiterOptions {
  /** Requests in flight at once, across providers. */
  concurrency: number;
  /** Time budget for all checks together, from the first request. */
  deadlineMs: number;
}

/** Resolves after `ms`, or early (false) when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (ms <= 0) return Promise.resolve(!signal.aborted);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(ok);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export class Limiter {
  private readonly ctl = new AbortController();
  private deadline?: ReturnType<typeof setTimeout>;
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  /** Per provider: the earliest time its next request may start. */
  private readonly nextStart = new Map<string, number>();

  constructor(private readonly opts: LimiterOptions) {
    // Every request in flight listens on the deadline signal: more than Node's default of 10.
    setMaxListeners(0, this.ctl.signal);
  }

  /** Aborted once the deadline passes (or close() is called). */
  get signal(): AbortSignal {
    return this.ctl.signal;
  }

  private startClock(): void {
    if (this.deadline || this.ctl.signal.aborted) return;
    this.deadline = setTimeout(() => this.ctl.abort(), this.opts.deadlineMs);
    // The deadline must not keep a finished scan alive.
    this.deadline.unref?.();
  }

  /** Reserve the provider's next slot and return how long to wait for it. */
  private reserve(provider: string, intervalMs: number): number {
    const now = Date.now();
    const start = Math.max(now, this.nextStart.get(provider) ?? 0);
    this.nextStart.set(provider, start + intervalMs);
    return start - now;
  }

  /** Hold back a provider's requests for `ms` (after a 429 with Retry-After). */
  pause(provider: string, ms: number): void {
    const until = Date.now() + ms;
    if ((this.nextStart.get(provider) ?? 0) < until) this.nextStart.set(provider, until);
  }

  private async acquire(): Promise<void> {
    if (this.active < this.opts.concurrency) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  /**
   * Run `task` when the provider's rate and the concurrency cap allow; `skipped` when the
   * deadline passes first.
   */
  async run<T>(provider: string, intervalMs: number, task: (signal: AbortSignal) => Promise<T>, skipped: () => T): Promise<T> {
    this.startClock();
    if (!(await sleep(this.reserve(provider, intervalMs), this.signal))) return skipped();
    await this.acquire();
    try {
      if (this.signal.aborted) return skipped();
      return await task(this.signal);
    } finally {
      this.release();
    }
  }

  /** Stop the clock (the scan is over). */
  close(): void {
    if (this.deadline) clearTimeout(this.deadline);
  }
}
