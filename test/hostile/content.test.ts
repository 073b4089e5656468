// Hostile input, part 3: file contents that attack the parsers. YAML bombs (billion laughs,
// chains of anchors) in CI and agent configs, YAML and JSON nested 100,000 deep, a notebook with
// 100,000 cells, a file holding tens of thousands of keys. Each: the scan finishes, a parse
// problem is one line naming the file, the file is still scanned as text (its key is found),
// the rest of the tree is scanned, and the CLI exits 1 (findings), never 3.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import type { ScanResult } from '../../src/contracts/result.js';
import { found, HEAVY, knownKey, linesNaming, noCrash, parseReport, runCapped, tempDir, type Dir } from './hostile-helpers.js';

/** Nine levels of nine aliases: 387 million "lol"s if anything expanded it. */
function billionLaughs(): string {
  const lines = ['lol0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) lines.push(`lol${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(',')}]`);
  return lines.join('\n');
}

/** 2,000 anchors, each a map of two aliases of the previous one: 2^2000 nodes expanded. */
function anchorChain(): string {
  const lines = ['x0: &x0 {v: 1}'];
  for (let i = 1; i < 2000; i++) lines.push(`x${i}: &x${i} {a: *x${i - 1}, b: *x${i - 1}}`);
  return lines.join('\n');
}

const DEEP = 100_000;

describe('parser bombs in CI and agent configs', () => {
  let d: Dir;
  let result: ScanResult;
  const keys: Record<string, string> = {};
  const put = (path: string, body: (key: string) => string) => {
    keys[path] = knownKey(100 + Object.keys(keys).length);
    d.write(path, body(keys[path]));
  };

  beforeAll(async () => {
    d = tempDir();
    put('.github/workflows/laughs.yml', (k) => `on: push\n${billionLaughs()}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    env:\n      GH_TOKEN: ${k}\n`);
    put('.gitlab-ci.yml', (k) => `${anchorChain()}\nvariables:\n  GH_TOKEN: ${k}\n`);
    put('.continue/config.yaml', (k) => `${billionLaughs()}\nmodels:\n  - provider: openai\n    apiKey: ${k}\n`);
    put('config.yaml', (k) => `model_list:\n  - model_name: gpt\n    litellm_params:\n      api_key: ${k}\n${anchorChain()}\n`);
    put('.aider.conf.yml', (k) => `${anchorChain()}\nopenai-api-key: ${k}\n`);
    put('.github/workflows/deep.yml', (k) => `on: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\nenv:\n  GH_TOKEN: ${k}\n`);
    put('mcp.json', (k) => `${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}\n// GITHUB_TOKEN=${k}\n`);
    put('.vscode/mcp.json', (k) => `{"servers": ${'['.repeat(DEEP)}${']'.repeat(DEEP)}, "env": {"GITHUB_TOKEN": "${k}"}}`);
    put('analysis.ipynb', (k) => `{"cells": ${'['.repeat(DEEP)}${']'.repeat(DEEP)}, "note": "GITHUB_TOKEN=${k}"}`);
    put('ok/.env', (k) => `GITHUB_TOKEN=${k}\n`);
    result = await scan({ paths: [d.dir] });
  });
  afterAll(() => d.cleanup());

  it('finds the key in every file: a bomb never stops the text scan', () => {
    for (const [path, key] of Object.entries(keys)) expect(found(result, key), path).toBe(true);
  });

  it('never expands an alias (no file is reported as too large to parse or skipped)', () => {
    expect(result.stats.skippedItems).toEqual([]);
    for (const path of ['.github/workflows/laughs.yml', '.gitlab-ci.yml', '.continue/config.yaml', 'config.yaml', '.aider.conf.yml']) {
      expect(linesNaming(result.stats, path), path).toEqual([]);
    }
  });

  it('reports nesting past the limit in one line naming the file, then scans it as text', () => {
    for (const path of ['.github/workflows/deep.yml', 'mcp.json', '.vscode/mcp.json', 'analysis.ipynb']) {
      const lines = linesNaming(result.stats, path).filter((l) => l.startsWith(`${path}:`));
      expect(lines, path).toHaveLength(1);
      expect(lines[0]).toMatch(/nesting deeper than \d+ levels.*scanned as plain text/);
    }
  });

  it('exits 1 from the CLI within a 512 MB heap, without a stack trace', async () => {
    const run = await runCapped(['scan', d.dir, '--format', 'json'], { heapMb: 512 });
    noCrash(run);
    expect(run.code).toBe(1);
    expect(parseReport(run).secrets.filter((s) => !s.ruleId.startsWith('ci/'))).toHaveLength(Object.keys(keys).length);
  });
});

describe('a notebook with 100,000 cells', () => {
  it('is scanned cell by cell within a 512 MB heap, the key mapped to its cell and line', async () => {
    const d = tempDir();
    try {
      const key = knownKey(200);
      const cells = Array.from({ length: 100_000 }, (_, i) => ({
        cell_type: 'code', execution_count: i, metadata: {},
        source: [`x${i} = ${i}\n`, 'print(x)\n'],
        outputs: [{ output_type: 'stream', name: 'stdout', text: [`${i}\n`] }],
      }));
      cells[99_999].outputs[0].text = [`GITHUB_TOKEN=${key}\n`];
      const json = JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1);
      d.write('big.ipynb', json);
      const line = json.slice(0, json.indexOf(key)).split('\n').length;
      const run = await runCapped(['scan', d.dir, '--format', 'json', '--max-file-size', '64m'], { heapMb: 512 });
      noCrash(run);
      expect(run.code).toBe(1);
      const [secret] = parseReport(run).secrets as Array<{ occurrences: Array<{ line: number; properties?: { cell?: number } }> }>;
      expect(secret.occurrences[0]).toMatchObject({ line, properties: { cell: 99_999 } });
    } finally {
      d.cleanup();
    }
  }, 120_000);
});

describe('one file holding tens of thousands of keys', () => {
  // Overlap resolution used to compare every match with every kept one: 50,000 keys in a file
  // took minutes. It is linear now.
  const count = HEAVY ? 100_000 : 20_000;
  it(`reports all ${count} without slowing down quadratically`, async () => {
    const d = tempDir();
    try {
      const lines = Array.from({ length: count }, (_, i) => `token_${i} = "${knownKey(10_000 + i)}"`);
      d.write('dump.txt', lines.join('\n'));
      const result = await scan({ paths: [d.dir] });
      // A random token now and then looks like a placeholder (a run of letters) and is dropped.
      expect(result.secrets.length).toBeGreaterThan(count * 0.999);
    } finally {
      d.cleanup();
    }
  }, 300_000);
});
