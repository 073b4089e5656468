// Large files are read in overlapping windows: every key is found once, on its real line.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expandFakes } from '../../src/rules/fake.js';
import { parseRuleList } from '../../src/rules/load.js';
import { must } from '../../src/problems/problem.js';
import { readInWindows, WINDOW_BYTES, WINDOW_OVERLAP } from '../../src/sources/chunks.js';
import { Diagnostics } from '../../src/diagnostics.js';
import { scan } from '../../src/scan.js';
import { makeTree, TEST_RULE_YAML, type Tree } from '../helpers/tree.js';

const rules = must(parseRuleList(TEST_RULE_YAML, 'test.yaml'));
let tree: Tree | undefined;
afterEach(() => tree?.cleanup());

describe('large files in windows', () => {
  it('finds keys across window boundaries with their real line numbers, each once', async () => {
    tree = makeTree({});
    const line = 'x'.repeat(99) + '\n';
    const lines: string[] = [];
    const want: Array<[string, number]> = [];
    const total = Math.ceil((WINDOW_BYTES * 2.5) / line.length);
    // Keys near each window end (where a naive split would cut them) and elsewhere.
    const boundaryLines = new Set([1, 2].map((w) => Math.floor((w * WINDOW_BYTES) / line.length)));
    for (let i = 1; i <= total; i++) {
      if (boundaryLines.has(i) || i === 5 || i === total - 3) {
        const key = expandFakes('tst_<<b62:32>>', i);
        lines.push(`k = "${key}" ${'y'.repeat(50)}\n`);
        want.push([key, i]);
      } else lines.push(line);
    }
    writeFileSync(join(tree.dir, 'big.log'), lines.join(''));
    const result = await scan({ paths: [tree.dir], rules, maxFileSize: WINDOW_BYTES * 4, threads: 1 });
    const got = result.secrets.map((s) => [s.occurrences.length, s.occurrences[0].line, s.occurrences[0].column]);
    expect(got.sort((a, b) => a[1] - b[1])).toEqual(want.map(([, l]) => [1, l, 6]));
    expect(result.stats.filesScanned).toBe(1);
    expect(WINDOW_OVERLAP).toBeGreaterThan(4096);
  });

  it('a single line longer than a window is still read to the end', async () => {
    tree = makeTree({});
    const key = expandFakes('tst_<<b62:32>>', 77);
    writeFileSync(join(tree.dir, 'one-line.txt'), `${'z '.repeat(WINDOW_BYTES)} ${key} end\n`);
    const result = await scan({ paths: [tree.dir], rules, maxFileSize: WINDOW_BYTES * 4, threads: 1 });
    expect(result.secrets).toHaveLength(1);
    expect(result.secrets[0].occurrences[0].line).toBe(1);
  });

  it('each window is its file bytes at its line offset, whether windows are released at once (buffers reused) or held', async () => {
    tree = makeTree({});
    const lines = Array.from({ length: Math.ceil((WINDOW_BYTES * 2.6) / 40) }, (_, i) => `line ${String(i).padStart(9, '0')} ${'\u00e9'.repeat(i % 7)}${'v'.repeat(20)}\n`);
    const file = Buffer.from(lines.join(''));
    const path = join(tree.dir, 'big.txt');
    writeFileSync(path, file);
    const read = async (releaseAtOnce: boolean) => {
      const out: Array<{ bytes: Buffer; lineOffset: number; columnOffset: number }> = [];
      for await (const w of readInWindows(path, 'big.txt', file.length, new Diagnostics())) {
        out.push({ bytes: releaseAtOnce ? Buffer.from(w.bytes) : w.bytes, lineOffset: w.lineOffset ?? 0, columnOffset: w.columnOffset ?? 0 });
        if (releaseAtOnce) w.release?.();
      }
      return out;
    };
    const held = await read(false);
    const released = await read(true);
    expect(held.length).toBe(3);
    expect(released.map((w) => [w.lineOffset, w.columnOffset, w.bytes.length])).toEqual(held.map((w) => [w.lineOffset, w.columnOffset, w.bytes.length]));
    released.forEach((w, i) => expect(w.bytes.equals(held[i].bytes), `window ${i}`).toBe(true));
    const newlinesBefore = (at: number) => {
      let n = 0;
      for (let i = file.indexOf(10); i !== -1 && i < at; i = file.indexOf(10, i + 1)) n++;
      return n;
    };
    let end = 0;
    for (const w of held) {
      const at = file.indexOf(w.bytes.subarray(0, 64));
      expect(file.subarray(at, at + w.bytes.length).equals(w.bytes)).toBe(true);
      expect(w.lineOffset).toBe(newlinesBefore(at));
      expect(at).toBeLessThanOrEqual(end);
      end = at + w.bytes.length;
    }
    expect(end).toBe(file.length);
  });
});
