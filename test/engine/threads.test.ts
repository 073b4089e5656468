// Threaded and single-threaded scans must report exactly the same thing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandFakes } from '../../src/rules/fake.js';
import { INLINE_BYTES } from '../../src/engine/worker-pool.js';
import { runCli } from '../helpers/cli.js';
import { makeTree, type Tree } from '../helpers/tree.js';

let tree: Tree;
beforeAll(() => {
  tree = makeTree({});
  const filler = 'const value = compute(alpha, beta) + 42; // ordinary code line\n'.repeat(1600);
  // Enough input that the pool starts (more than INLINE_BYTES), with keys spread across files.
  const files = Math.ceil((INLINE_BYTES * 2) / filler.length);
  for (let i = 0; i < files; i++) {
    const dir = join(tree.dir, `pkg${i % 7}`);
    mkdirSync(dir, { recursive: true });
    const key = i % 5 === 0 ? expandFakes(`GITHUB_TOKEN = "<<github:ghp_>>"\n`, 100 + (i % 15)) : '';
    writeFileSync(join(dir, `file${i}.py`), `${filler.slice(0, (i * 997) % filler.length)}${key}${filler}`);
  }
});
afterAll(() => tree.cleanup());

describe('worker threads', () => {
  it('give the same secrets, occurrences and stats as one thread', () => {
    const one = runCli(['scan', tree.dir, '--threads', '1', '-f', 'json', '--fail-on', 'none']);
    const two = runCli(['scan', tree.dir, '--threads', '2', '-f', 'json', '--fail-on', 'none']);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    const a = JSON.parse(one.stdout);
    const b = JSON.parse(two.stdout);
    expect(a.secrets.length).toBeGreaterThan(1);
    expect(b.secrets).toEqual(a.secrets);
    expect(b.stats.filesScanned).toBe(a.stats.filesScanned);
    expect(b.stats.skipped).toEqual(a.stats.skipped);
    expect(b.stats.bytesScanned).toBeGreaterThan(INLINE_BYTES);
    expect(a.stats.threads).toBe(0);
    expect(b.stats.threads).toBe(2);
  });

  it('rejects a bad --threads value with exit 2', () => {
    const r = runCli(['scan', tree.dir, '--threads', 'many']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--threads many: expected a whole number/);
  });
});
