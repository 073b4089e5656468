// Per-provider pacing, on a fake clock: each provider's requests are spaced by its own interval,
// providers do not wait for each other, and a 429's Retry-After holds that provider back.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Limiter } from '../../src/verify/limiter.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function runner(limiter: Limiter, started: string[]) {
  return (provider: string, label: string, intervalMs: number) =>
    limiter.run(provider, intervalMs, async () => {
      started.push(label);
    }, () => undefined);
}

describe('Limiter', () => {
  it('spaces one provider\'s requests by its interval and lets another provider go at once', async () => {
    const limiter = new Limiter({ concurrency: 8, deadlineMs: 600_000 });
    const started: string[] = [];
    const run = runner(limiter, started);
    const all = [run('a', 'a1', 1000), run('a', 'a2', 1000), run('a', 'a3', 1000), run('b', 'b1', 1000)];
    await vi.advanceTimersByTimeAsync(0);
    expect(started.sort()).toEqual(['a1', 'b1']);
    await vi.advanceTimersByTimeAsync(999);
    expect(started).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toContain('a2');
    expect(started).not.toContain('a3');
    await vi.advanceTimersByTimeAsync(1000);
    expect(started).toContain('a3');
    await Promise.all(all);
    limiter.close();
  });

  it('pause() after a 429 holds that provider back for the Retry-After time', async () => {
    const limiter = new Limiter({ concurrency: 8, deadlineMs: 600_000 });
    const started: string[] = [];
    const run = runner(limiter, started);
    limiter.pause('a', 5000);
    const all = [run('a', 'a1', 100), run('b', 'b1', 100)];
    await vi.advanceTimersByTimeAsync(4999);
    expect(started).toEqual(['b1']);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toEqual(['b1', 'a1']);
    await Promise.all(all);
    limiter.close();
  });
});
