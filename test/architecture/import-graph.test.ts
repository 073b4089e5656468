// The pipeline shows in the flow, not only in the folder names: every import between folders of
// src/ runs from a later stage to an earlier one (DESIGN §1: sources → extract → detect → filter →
// correlate → verify → score → report, then the engine that wires them, then the commands), no
// two files import each other round a circle, and every arrow between folders is listed below —
// a new one is a design decision, made here on purpose.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

const SRC = join(REPO_ROOT, 'src');

/** Stage of each top-level unit of src/, earliest first; leaves (0) may be imported by anyone. */
const STAGE: Record<string, number> = {
  contracts: 0, 'errors.ts': 0, 'diagnostics.ts': 0, 'version.ts': 0, 'own-file.ts': 0, 'node-lazy.ts': 0, redaction: 0, problems: 0, 'types.ts': 0,
  sources: 1,
  extract: 2,
  detect: 3,
  rules: 4,
  filter: 5,
  correlate: 6,
  verify: 7,
  score: 8,
  report: 9,
  engine: 10, 'scan.ts': 10,
  config: 11,
  history: 12,
  merge: 13, guard: 13,
  sweep: 14,
  cli: 15,
  'index.ts': 16,
};

/** Every arrow between two units of src/ (leaves excepted: anyone may import them). */
const ALLOWED = new Set<string>([
  'cli -> config', 'cli -> detect', 'cli -> extract', 'cli -> filter', 'cli -> guard', 'cli -> history', 'cli -> merge', 'cli -> report', 'cli -> rules', 'cli -> scan.ts', 'cli -> sources', 'cli -> sweep', 'cli -> verify',
  'config -> detect', 'config -> extract', 'config -> filter', 'config -> report', 'config -> rules', 'config -> scan.ts', 'config -> score', 'config -> sources',
  'correlate -> detect',
  'detect -> extract',
  'engine -> correlate', 'engine -> detect', 'engine -> extract', 'engine -> filter', 'engine -> rules', 'engine -> score', 'engine -> sources', 'engine -> verify',
  'extract -> sources',
  'guard -> detect', 'guard -> extract', 'guard -> rules', 'guard -> score',
  'history -> report',
  'index.ts -> config', 'index.ts -> detect', 'index.ts -> report', 'index.ts -> rules', 'index.ts -> scan.ts', 'index.ts -> score', 'index.ts -> sources',
  'merge -> detect', 'merge -> report', 'merge -> score',
  'report -> detect', 'report -> score', 'report -> verify',
  'rules -> detect', 'rules -> extract',
  'scan.ts -> correlate', 'scan.ts -> detect', 'scan.ts -> engine', 'scan.ts -> extract', 'scan.ts -> filter', 'scan.ts -> score', 'scan.ts -> sources', 'scan.ts -> verify',
  'sweep -> filter', 'sweep -> merge', 'sweep -> report', 'sweep -> scan.ts', 'sweep -> sources',
]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Relative module specifiers a file imports or re-exports, static or by a literal import(). */
function imports(text: string): string[] {
  const out: string[] = [];
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const m of code.matchAll(/(?:^|[;\s])(?:import|export)\s[^;'"]*?from\s*['"](\.[^'"]+)['"]/g)) out.push(m[1]);
  for (const m of code.matchAll(/(?:^|[;\s])import\s*['"](\.[^'"]+)['"]/g)) out.push(m[1]);
  for (const m of code.matchAll(/\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g)) out.push(m[1]);
  return out;
}

function unitOf(file: string): string {
  return relative(SRC, file).split(/[\\/]/)[0];
}

const graph = new Map<string, Set<string>>();
for (const file of files(SRC)) {
  const deps = new Set<string>();
  for (const spec of imports(readFileSync(file, 'utf8'))) {
    const target = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
    deps.add(target);
  }
  graph.set(file, deps);
}

const arrows = new Set<string>();
for (const [file, deps] of graph) {
  for (const dep of deps) {
    const from = unitOf(file);
    const to = unitOf(dep);
    if (from !== to && STAGE[to] !== 0) arrows.add(`${from} -> ${to}`);
  }
}

describe('the import graph of src/', () => {
  it('places every unit of src/ in a stage', () => {
    for (const file of graph.keys()) expect(STAGE[unitOf(file)], `${unitOf(file)} has no stage in this test`).toBeTypeOf('number');
  });

  it('has no arrow from an earlier stage to a later one', () => {
    const back = [...arrows].filter((a) => {
      const [from, to] = a.split(' -> ');
      return STAGE[from] < STAGE[to];
    });
    expect(back).toEqual([]);
  });

  it('has every arrow between units listed, and each listed one runs down the stages', () => {
    expect([...arrows].filter((a) => !ALLOWED.has(a)).sort()).toEqual([]);
    for (const a of ALLOWED) {
      const [from, to] = a.split(' -> ');
      expect(STAGE[from] >= STAGE[to], `${a} runs back up`).toBe(true);
    }
  });

  it('has no circle of files', () => {
    const state = new Map<string, 'open' | 'done'>();
    const circles: string[] = [];
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(SRC, f)).join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const dep of graph.get(file) ?? []) visit(dep, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(circles).toEqual([]);
  });
});
