// drained(): rev-list's output is read as fast as git writes it (so git can exit and free its
// memory), and still handed on in order, with errors and an early stop passed through.
import { describe, expect, it } from 'vitest';
import { BlobQueue, type BlobEntry } from '../../src/sources/git/blob-queue.js';
import { drained } from '../../src/sources/git/history-source.js';

async function* source(n: number, failAt?: number, log?: string[]): AsyncGenerator<string> {
  try {
    for (let i = 0; i < n; i++) {
      if (i === failAt) throw new Error(`failed at ${i}`);
      log?.push(`made ${i}`);
      if (i % 1000 === 0) await new Promise((r) => setTimeout(r, 1));
      yield `line ${i}`;
    }
  } finally {
    log?.push('closed');
  }
}

describe('drained', () => {
  it('yields every line in order', async () => {
    const out: string[] = [];
    for await (const line of drained(source(70_000))) out.push(line);
    expect(out).toEqual(Array.from({ length: 70_000 }, (_, i) => `line ${i}`));
  });

  it('reads ahead of a slow consumer', async () => {
    const log: string[] = [];
    const it = drained(source(50, undefined, log));
    await it.next();
    await new Promise((r) => setTimeout(r, 200));
    expect(log).toContain('made 49');
    expect(log).toContain('closed');
    await it.return(undefined);
  });

  it('holds at most its limit of lines ahead of the consumer, and still yields them all', async () => {
    const log: string[] = [];
    const it = drained(source(500, undefined, log), { limit: 100 });
    const first = await it.next();
    await new Promise((r) => setTimeout(r, 200));
    expect(first.value).toBe('line 0');
    expect(log.filter((l) => l.startsWith('made')).length).toBeLessThanOrEqual(102);
    expect(log).not.toContain('closed');
    const rest: string[] = [];
    for (let r = await it.next(); !r.done; r = await it.next()) rest.push(r.value);
    expect(rest).toEqual(Array.from({ length: 499 }, (_, i) => `line ${i + 1}`));
  });

  it('passes an error on after the lines before it', async () => {
    const out: string[] = [];
    await expect(async () => {
      for await (const line of drained(source(10, 5))) out.push(line);
    }).rejects.toThrow('failed at 5');
    expect(out).toEqual(['line 0', 'line 1', 'line 2', 'line 3', 'line 4']);
  });

  it('closes the source when the consumer stops early', async () => {
    const log: string[] = [];
    for await (const line of drained(source(1_000_000, undefined, log))) if (line === 'line 3') break;
    expect(log).toContain('closed');
    expect(log.length).toBeLessThan(1_000_000);
  });

  it('yields the same entries through a BlobQueue, in order, with errors passed on', async () => {
    async function* entries(n: number, failAt?: number): AsyncGenerator<BlobEntry> {
      for (let i = 0; i < n; i++) {
        if (i === failAt) throw new Error(`failed at ${i}`);
        if (i % 1000 === 0) await new Promise((r) => setTimeout(r, 1));
        yield { sha: (i * 2654435761 >>> 0).toString(16).padStart(40, 'a'), path: `dir/file-${i % 97}.txt` };
      }
    }
    const out: BlobEntry[] = [];
    for await (const e of drained(entries(5_000), { fifo: new BlobQueue() })) out.push(e);
    const want: BlobEntry[] = [];
    for await (const e of entries(5_000)) want.push(e);
    expect(out).toEqual(want);
    const before: BlobEntry[] = [];
    await expect(async () => {
      for await (const e of drained(entries(10, 5), { fifo: new BlobQueue() })) before.push(e);
    }).rejects.toThrow('failed at 5');
    expect(before).toEqual(want.slice(0, 5));
  });
});
