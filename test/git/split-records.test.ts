// git's output is split into records as it arrives (src/sources/git/run-git.ts splitRecords):
// however the bytes are cut into chunks (inside a record, inside a multi-byte character, at a
// separator), the records are those of the whole output.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitRecords } from '../../src/sources/git/run-git.js';
import { fileChunks } from '../../src/sources/git/spool.js';

async function* chunked(bytes: Buffer, cuts: number[]): AsyncGenerator<Buffer> {
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    yield bytes.subarray(at, cut);
    at = cut;
  }
}

/** The same chunks, each copied into one buffer that the next chunk overwrites (as fileChunks reads). */
async function* reused(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const buf = Buffer.alloc(64);
  for await (const chunk of chunks) {
    buf.fill(0x2a);
    chunk.copy(buf);
    yield buf.subarray(0, chunk.length);
  }
}

async function all(records: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const r of records) out.push(r);
  return out;
}

describe('records split from chunks', () => {
  it("are the whole output's records under every chunking", async () => {
    const records = ['', 'alpha', 'n\u00e9e \u20ac', 'x'.repeat(300), '', 'end'];
    const bytes = Buffer.from(records.join('\0'));
    const want = await all(splitRecords(chunked(bytes, []), '\0'));
    expect(want).toEqual(records.slice(0, -1).concat('end'));
    let seed = 7;
    for (let round = 0; round < 300; round++) {
      const cuts = new Set<number>();
      const n = 1 + (round % 12);
      for (let i = 0; i < n; i++) {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        cuts.add(seed % bytes.length);
      }
      const got = await all(splitRecords(chunked(bytes, [...cuts].sort((a, b) => a - b)), '\0'));
      expect(got).toEqual(want);
    }
  });

  it('switch to lines after the first empty record (thenLines) under every chunking', async () => {
    const bytes = Buffer.from('a\0b\0\0line one\nline \u00e9 two\n\nlast');
    const want = ['a', 'b', '', 'line one', 'line \u00e9 two', '', 'last'];
    for (let cut = 0; cut <= bytes.length; cut++) {
      for (const second of [cut, Math.min(bytes.length, cut + 3)]) {
        expect(await all(splitRecords(chunked(bytes, [cut, second]), '\0', { thenLines: true }))).toEqual(want);
      }
    }
  });

  it('are the same when each chunk reuses the buffer of the one before', async () => {
    const records = ['first', 'n\u00e9e \u20ac', 'y'.repeat(150), 'cut across three chunks', 'end'];
    const bytes = Buffer.from(records.join('\n'));
    for (const size of [1, 2, 5, 7, 16, 63]) {
      const cuts: number[] = [];
      for (let at = size; at < bytes.length; at += size) cuts.push(at);
      expect(await all(splitRecords(reused(chunked(bytes, cuts)), '\n'))).toEqual(records);
    }
  });

  it('read back from a file in reused chunks are the records of the whole file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keysprawl-test-chunks-'));
    try {
      const records = Array.from({ length: 500 }, (_, i) => `commit ${i} \u00e9 ${'z'.repeat(i % 37)}`);
      const file = join(dir, 'out');
      writeFileSync(file, records.join('\0'));
      for (const size of [3, 64, 1000, 1 << 20]) expect(await all(splitRecords(fileChunks(file, size), '\0'))).toEqual(records);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
