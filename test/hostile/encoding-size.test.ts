// Hostile input, part 1: broken encodings and sizes. Invalid UTF-8, UTF-16 with a byte-order
// mark (valid and truncated), a 2 GB sparse file, a 50 MB single line. Each case: the scan
// finishes, the problem is one line naming the file, the other files are still scanned, and the
// CLI exits 1 (findings), never 3.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import type { ScanResult } from '../../src/contracts/result.js';
import { found, knownKey, linesNaming, noCrash, parseReport, runCapped, tempDir, type Dir } from './hostile-helpers.js';

const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string) => {
  const le = Buffer.from(s, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
};

describe('broken encodings', () => {
  let d: Dir;
  let result: ScanResult;
  const keys = [1, 2, 3, 4, 5, 6].map(knownKey);

  beforeAll(async () => {
    d = tempDir();
    d.write('bad-utf8.txt', Buffer.concat([Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xff, 0xfe, 0xfd, 0x0a]), Buffer.from(`GITHUB_TOKEN=${keys[0]}\n`)]));
    d.write('utf16le.txt', utf16le(`first line\nGITHUB_TOKEN=${keys[1]}\n`));
    d.write('utf16be.txt', utf16be(`first line\nGITHUB_TOKEN=${keys[2]}\n`));
    // An odd number of bytes after the BOM: the last code unit is cut in half.
    d.write('utf16-truncated.txt', Buffer.concat([utf16le(`GITHUB_TOKEN=${keys[3]}\n`), Buffer.from([0x41])]));
    d.write('utf8-bom.env', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`GITHUB_TOKEN=${keys[4]}\n`)]));
    d.write('ok/.env', `GITHUB_TOKEN=${keys[5]}\n`);
    result = await scan({ paths: [d.dir] });
  });
  afterAll(() => d.cleanup());

  it('finds the key in every file, whatever its encoding', () => {
    for (const k of keys) expect(found(result, k)).toBe(true);
  });

  it('maps UTF-16 matches to the right line', () => {
    const s = result.secrets.find((x) => x.occurrences.some((o) => o.origin.path === 'utf16be.txt'))!;
    expect(s.occurrences[0]).toMatchObject({ line: 2, column: 14 });
  });

  it('says once, naming the file, when the bytes were not valid', () => {
    expect(linesNaming(result.stats, 'bad-utf8.txt')).toEqual(['bad-utf8.txt: invalid UTF-8, scanned with replacement characters']);
    expect(linesNaming(result.stats, 'utf16-truncated.txt')).toHaveLength(1);
    expect(linesNaming(result.stats, 'utf16-truncated.txt')[0]).toMatch(/invalid UTF-16LE/);
    for (const clean of ['utf16le.txt', 'utf16be.txt', 'utf8-bom.env']) expect(linesNaming(result.stats, clean)).toEqual([]);
  });

  it('exits 1 from the CLI, without a stack trace', async () => {
    const run = await runCapped(['scan', d.dir, '--format', 'json']);
    noCrash(run);
    expect(run.code).toBe(1);
    expect(parseReport(run).secrets).toHaveLength(keys.length);
    expect(run.stderr.split('\n').filter((l) => l.includes('bad-utf8.txt'))).toHaveLength(1);
  });
});

describe('a 2 GB sparse file', () => {
  let d: Dir;
  const key = knownKey(20);

  beforeAll(() => {
    d = tempDir();
    d.write('big/disk.img', '');
    // Sparse: 2 GB of apparent size, no blocks on disk; reading it would cost 2 GB of memory.
    execFileSync('truncate', ['-s', '2G', `${d.dir}/big/disk.img`]);
    d.write('ok/.env', `GITHUB_TOKEN=${key}\n`);
  });
  afterAll(() => d.cleanup());

  it('is skipped by --max-file-size (one line, from its size alone) and the rest is scanned', async () => {
    const run = await runCapped(['scan', d.dir, '--format', 'json'], { heapMb: 256 });
    noCrash(run);
    expect(run.code).toBe(1);
    const report = parseReport(run);
    expect(linesNaming(report.stats, 'big/disk.img')).toEqual([
      `big/disk.img: ${2 * 1024 ** 3} bytes is over --max-file-size ${25 * 1024 * 1024}, skipped`,
    ]);
    expect(report.stats.skipped['too-large']).toBe(1);
    expect(report.secrets).toHaveLength(1);
  });

  it('is still skipped in one line when the limit is raised past what can be read', async () => {
    const result = await scan({ paths: [d.dir], maxFileSize: 3 * 1024 ** 3 });
    expect(found(result, key)).toBe(true);
    const lines = linesNaming(result.stats, 'big/disk.img');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^big\/disk\.img: /);
  });
});

describe('a 50 MB single line', () => {
  it('is scanned within a 512 MB heap: the key at its end is found, the snippet stays short', async () => {
    const d = tempDir();
    try {
      const key = knownKey(30);
      const filler = 'x9/'.repeat(Math.ceil((50 * 1024 * 1024) / 3)).slice(0, 50 * 1024 * 1024);
      d.write('one-line.min.js', `${filler} token="${key}"`);
      d.write('ok/.env', `GITHUB_TOKEN=${knownKey(31)}\n`);
      const run = await runCapped(['scan', d.dir, '--format', 'json', '--max-file-size', '64m'], { heapMb: 512 });
      noCrash(run);
      expect(run.code).toBe(1);
      const report = parseReport(run);
      const hit = report.secrets.flatMap((s) => s.occurrences).find((o) => o.origin.path === 'one-line.min.js');
      expect(hit).toMatchObject({ line: 1 });
      expect(report.secrets).toHaveLength(2);
      expect(run.stdout.length).toBeLessThan(64 * 1024);
    } finally {
      d.cleanup();
    }
  }, 180_000);
});
