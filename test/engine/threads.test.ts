// Threaded and single-threaded scans must report exactly the same thing, however the blobs are
// split between the main thread and the workers (src/engine/worker-pool.ts: the main thread
// scans whatever the workers' queues have no room for).
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandFakes } from '../../src/rules/fake.js';
import { INLINE_BYTES } from '../../src/engine/worker-pool.js';
import { buildPlan, defaultThreads } from '../../src/engine/plan.js';
import { runCli } from '../helpers/cli.js';
import { makeTree, type Tree } from '../helpers/tree.js';

let tree: Tree;
beforeAll(() => {
  tree = makeTree({});
  const filler = 'const value = compute(alpha, beta) + 42; // ordinary code line\n'.repeat(1600);
  // Enough input that the pool starts (more than INLINE_BYTES), with keys spread across files.
  const files = Math.ceil((INLINE_BYTES * 1.5) / filler.length);
  for (let i = 0; i < files; i++) {
    const dir = join(tree.dir, `pkg${i % 7}`);
    mkdirSync(dir, { recursive: true });
    const key = i % 5 === 0 ? expandFakes(`GITHUB_TOKEN = "<<github:ghp_>>"\n`, 100 + (i % 15)) : '';
    writeFileSync(join(dir, `file${i}.py`), `${filler.slice(0, (i * 997) % filler.length)}${key}${filler}`);
  }
  // Escaped and entity-wrapped keys (the decoded views), and a file over 8 MB read in windows
  // (blobs with a line offset), with keys in its first and last window.
  for (let i = 0; i < 12; i++) {
    const key = expandFakes('<<github:ghp_>>', 300 + i);
    writeFileSync(join(tree.dir, `page${i}.html`), `${filler}<div data-config="{&quot;token&quot;:&quot;${key}&quot;}"></div>\n`);
    writeFileSync(join(tree.dir, `log${i}.json`), `{"line": "{\\"github_token\\":\\"${key}\\"}"}\n`);
  }
  // Files between 1 MB and a window's size go to a worker too: one of 3 MB with a key behind a
  // string escape (the unescaped fragment) and one split over joined literals, and a JSON file
  // of 2 MB (parsed whole: it stays on the main thread).
  const escaped = expandFakes('<<github:ghp_>>', 500);
  const joined = expandFakes('<<github:ghp_>>', 501);
  const code = 'const value = compute(alpha, beta) + 42;\n'.repeat(Math.ceil((3 * 1024 * 1024) / 41));
  writeFileSync(join(tree.dir, 'bundle.js'), `${code}const token = "\\u0067${escaped.slice(1)}";\n${code}const other = "${joined.slice(0, 20)}" + "${joined.slice(20)}";\n`);
  const entries = Array.from({ length: 40_000 }, (_, i) => `"entry${i}": "value number ${i}"`).join(',\n');
  writeFileSync(join(tree.dir, 'data.json'), `{\n${entries},\n"github_token": "${expandFakes('<<github:ghp_>>', 502)}"\n}\n`);
  const big = filler.repeat(Math.ceil((8.5 * 1024 * 1024) / filler.length));
  writeFileSync(join(tree.dir, 'big.py'), `${expandFakes('TOKEN = "<<github:ghp_>>"\n', 400)}${big}${expandFakes('TOKEN = "<<github:ghp_>>"\n', 401)}`);
});
afterAll(() => tree.cleanup());

describe('worker threads', () => {
  it('give the same secrets, occurrences and stats as one thread', () => {
    const scan = (threads: string) => {
      const r = runCli(['scan', tree.dir, '--threads', threads, '-f', 'json', '--fail-on', 'none']);
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout);
    };
    const one = scan('1');
    expect(one.secrets.length).toBe(20);
    expect(one.stats.threads).toBe(0);
    expect(one.stats.bytesScanned).toBeGreaterThan(INLINE_BYTES);
    // --threads counts the main thread: 2 is the main thread and one worker, 3 two workers.
    for (const [threads, workers] of [['2', 1], ['3', 2]] as const) {
      const many = scan(threads);
      expect(many.secrets).toEqual(one.secrets);
      expect(many.stats.filesScanned).toBe(one.stats.filesScanned);
      expect(many.stats.bytesScanned).toBe(one.stats.bytesScanned);
      expect(many.stats.skipped).toEqual(one.stats.skipped);
      expect(many.stats.threads).toBe(workers);
    }
  }, 180_000);

  it('default to one thread per core on a working tree, and to one per core beyond the first for a planned history', () => {
    const cores = availableParallelism();
    expect(defaultThreads()).toBe(cores);
    expect(defaultThreads({ reuseLines: false })).toBe(cores);
    expect(defaultThreads({ reuseLines: true })).toBe(Math.max(1, cores - 1));
    expect(buildPlan({ paths: [tree.dir], root: tree.dir }).threads).toBe(cores);
    // A scan with no --threads starts a worker per core beyond the main thread (none on one core).
    const r = runCli(['scan', tree.dir, '-f', 'json', '--fail-on', 'none']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).stats.threads).toBe(cores - 1);
  }, 180_000);

  it('rejects a bad --threads value with exit 2', () => {
    const r = runCli(['scan', tree.dir, '--threads', 'many']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--threads many: expected a whole number/);
  });
});
