// Large files are read in overlapping windows: every key is found once, on its real line.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expandFakes } from '../../src/rules/fake.js';
import { parseRuleList } from '../../src/rules/load.js';
import { must } from '../../src/problems/problem.js';
import { WINDOW_BYTES, WINDOW_OVERLAP } from '../../src/sources/chunks.js';
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
});
