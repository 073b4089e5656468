// --history reads each new line once (src/engine/line-reuse.ts). Proof that it loses nothing:
// a generated history (random edits, keys of every built-in rule's positive examples added,
// copied, moved, changed and removed, a branch merged back) scanned with line reuse and with
// every blob scanned whole must give the same secrets, occurrences, commits, presentAtHead and
// removed-in.
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { expandFakes, prng } from '../../src/rules/fake.js';
import { INLINE_BYTES } from '../../src/engine/worker-pool.js';
import { runCli } from '../helpers/cli.js';
import type { ScanResult } from '../../src/contracts/result.js';
import { Repo } from './git-fixture.js';
import { canonical, history, HistoryWriter, keyLines } from './history-helpers.js';

const repos: Repo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

const FILES = ['src/app.py', 'src/client.js', 'deploy/.env', 'docs/notes.md', 'prompts/system.txt', 'test/fixture.go', 'api/openapi.yaml', 'k8s/values.yaml'];

/**
 * Random edits over FILES: filler lines, keys added, copied to other files, changed and removed.
 * `bulk`: bytes of distinct filler added by the newest commit (the first blob git lists), so that
 * more than INLINE_BYTES come before the rest and the worker pool starts.
 */
function generate(r: Repo, commits: number, seed: number, bulk = 0): void {
  const rnd = prng(seed);
  const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)];
  const templates = keyLines();
  const used: string[] = [];
  const filler = (f: string, i: number, j: number) => (f.endsWith('.yaml') ? `  field_${i}_${j}: value ${j}` : `line ${i}.${j} = value_${j}`);
  const files = new Map<string, string[]>(FILES.map((f, i) => [f, Array.from({ length: 20 }, (_, j) => filler(f, i, j))]));
  for (const f of FILES.filter((x) => x.endsWith('.yaml'))) files.get(f)!.unshift('settings:');
  const w = new HistoryWriter();
  let main = w.commit('main', files, [...files.keys()]);
  let side = 0;
  let sideFiles: Map<string, string[]> | undefined;
  for (let c = 1; c < commits; c++) {
    const onSide = sideFiles !== undefined;
    const tree = sideFiles ?? files;
    const path = pick([...tree.keys()]);
    const lines = [...(tree.get(path) ?? [])];
    const at = Math.floor(rnd() * (lines.length + 1));
    const op = rnd();
    if (op < 0.25) lines.splice(at, 0, `filler ${c} ${Math.floor(rnd() * 1e6)}`);
    else if (op < 0.4 && lines.length > 2) lines.splice(at, 1);
    else if (op < 0.6) {
      const line = expandFakes(pick(templates), seed * 1000 + c);
      used.push(line);
      lines.splice(at, 0, line);
    } else if (op < 0.7 && used.length) lines.splice(at, 0, pick(used));
    else if (op < 0.74 && path.endsWith('.yaml')) {
      // A base64-wrapped key: found only by the structured (decoding) reading of the file.
      const encoded = `  secret_b64_${c}: ${Buffer.from(expandFakes(pick(templates), seed * 7000 + c)).toString('base64')}`;
      used.push(encoded);
      lines.splice(Math.max(1, at), 0, encoded);
    }
    else if (op < 0.78) {
      // Change the line before a key: an inline allow comment appears or goes.
      const i = lines.findIndex((l) => used.includes(l));
      if (i > 0) lines[i - 1] = lines[i - 1].includes('keysprawl:allow') ? `plain ${c}` : `# keysprawl:allow ${c}`;
    } else if (op < 0.86) {
      const i = lines.findIndex((l) => used.includes(l));
      if (i !== -1) lines.splice(i, 1);
    } else if (op < 0.92) {
      const copy = `copies/${c}-${path.split('/').pop()}`;
      tree.set(copy, [...lines]);
      if (onSide) side = w.commit('side', tree, [copy], side);
      else main = w.commit('main', tree, [copy], main);
      continue;
    } else if (!onSide && c < commits - 20) {
      sideFiles = new Map([...files].map(([k, v]) => [k, [...v]]));
      side = main;
      continue;
    } else if (onSide) {
      sideFiles = undefined;
      for (const [k, v] of tree) files.set(k, v);
      main = w.commit('main', files, [...tree.keys()], main, side);
      continue;
    }
    tree.set(path, lines);
    if (onSide) side = w.commit('side', tree, [path], side);
    else main = w.commit('main', tree, [path], main);
  }
  if (bulk) {
    const lines: string[] = [];
    for (let i = 0, size = 0; size < bulk; i++) {
      const line = `bulk ${i} ${Math.floor(rnd() * 1e9)} = compute(alpha, beta) // ordinary code`;
      lines.push(line);
      size += line.length + 1;
    }
    files.set('assets/bulk.txt', lines);
    main = w.commit('main', files, ['assets/bulk.txt'], main);
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: r.dir, input: w.stream(), maxBuffer: 64 * 1024 * 1024 });
  r.git('reset', '-q', '--hard', 'main');
}

describe('scan --history with line reuse', () => {
  it.each([1, 2, 3])('finds every key a whole-blob scan finds, with the same commits (generated history, seed %i)', async (seed) => {
    const r = new Repo();
    repos.push(r);
    generate(r, 220, seed);
    const full = await history(r.dir, false);
    const reused = await history(r.dir, true);
    expect(full.secrets.length).toBeGreaterThan(20);
    expect(full.secrets.some((s) => s.occurrences.some((o) => o.origin.presentAtHead === false && o.properties?.removedIn))).toBe(true);
    expect(full.secrets.some((s) => s.occurrences.some((o) => o.suppressed))).toBe(true);
    expect(full.secrets.some((s) => s.occurrences.some((o) => o.origin.path.endsWith('.yaml')))).toBe(true);
    expect(canonical(reused)).toEqual(canonical(full));
    expect(reused.stats.blobsScanned).toBe(full.stats.blobsScanned);
    // The point of it: a large share of the bytes were lines an earlier version already had.
    expect(reused.stats.bytesReused).toBeGreaterThan(full.stats.bytesScanned / 3);
    expect(full.stats.bytesReused).toBeUndefined();
  });

  it('reports the same with the scan on a worker thread as on one thread (generated history, more than INLINE_BYTES)', () => {
    const r = new Repo();
    repos.push(r);
    generate(r, 220, 4, INLINE_BYTES + 256 * 1024);
    // The built CLI: the worker runs the built scan-worker.js.
    const run = (threads: number, env: NodeJS.ProcessEnv = {}): ScanResult => {
      const out = runCli(['scan', '--history', r.dir, '--threads', String(threads), '-f', 'json', '--fail-on', 'none', '--no-config'], { env });
      expect(out.code, out.stderr).toBe(0);
      return JSON.parse(out.stdout) as ScanResult;
    };
    const one = run(1);
    const two = run(2);
    expect(one.stats.threads).toBe(0);
    expect(two.stats.threads).toBe(1);
    expect(one.secrets.length).toBeGreaterThan(20);
    expect(canonical(two)).toEqual(canonical(one));
    expect(two.stats.blobsScanned).toBe(one.stats.blobsScanned);
    expect(two.stats.bytesReused).toBe(one.stats.bytesReused);
    expect(two.stats.bytesReused).toBeGreaterThan(0);
    expect(canonical(run(2, { KEYSPRAWL_HISTORY_FULL: '1' }))).toEqual(canonical(one));
  });
});
