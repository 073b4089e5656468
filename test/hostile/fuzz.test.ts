// A bounded fuzz target: random mutations of the real fixture files (notebooks, agent configs,
// CI workflows, env files, prompts) fed to extract + detect under their real paths, so every
// extractor and structured detector sees broken versions of the input it was written for.
// Bounded by iteration count, not time; a hang fails the test by its timeout. Each iteration
// checks that nothing throws and that every match points inside the text with a real line.
//
// Seeds are fixed (KEYSPRAWL_FUZZ_SEED picks another run); KEYSPRAWL_HEAVY or CI runs 10x more.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotatePairs } from '../../src/correlate/pairing.js';
import { Correlator } from '../../src/correlate/correlate.js';
import { detect } from '../../src/detect/detect.js';
import { expandFakes, prng } from '../../src/rules/fake.js';
import { builtinRules, builtinStructuredRules } from '../../src/rules/load.js';
import { compileRules } from '../../src/detect/ruleset.js';
import { STRUCTURED_DETECTORS } from '../../src/detect/structured-detectors.js';
import { Diagnostics } from '../../src/diagnostics.js';
import { extract } from '../../src/extract/index.js';
import type { Blob } from '../../src/contracts/blob.js';
import type { RuleMeta } from '../../src/contracts/rule.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { HEAVY } from './hostile-helpers.js';

const ITERATIONS = HEAVY ? 20_000 : 2_000;
const SEED = Number(process.env.KEYSPRAWL_FUZZ_SEED ?? 424242);
const FIXTURES = join(REPO_ROOT, 'fixtures', 'content');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const abs = join(dir, name);
    return statSync(abs).isDirectory() ? files(abs) : [abs];
  });
}

/** Each fixture under the path it has in its own tree (so classification picks its extractor). */
const corpus = files(FIXTURES).map((abs) => {
  const rel = relative(FIXTURES, abs).split('/').slice(1).join('/');
  return { path: rel, text: expandFakes(readFileSync(abs, 'utf8'), 5) };
});

const STRUCTURAL = ['{', '}', '[', ']', '"', "'", ':', ',', '\n', '  ', '- ', '&a ', '*a', '!!binary ', '\\', '\\u00', '#', '---\n', '\t', '\u0000', '\ufeff', '\ud800', '${{ ', '}}'];

type Mutation = (t: string, rnd: () => number) => string;
const at = (t: string, rnd: () => number) => Math.floor(rnd() * (t.length + 1));
const MUTATIONS: Mutation[] = [
  (t, r) => t.slice(0, at(t, r)), // truncate
  (t, r) => { const i = at(t, r); return t.slice(0, i) + t.slice(i + 1 + Math.floor(r() * 64)); }, // delete a run
  (t, r) => { const i = at(t, r); return t.slice(0, i) + STRUCTURAL[Math.floor(r() * STRUCTURAL.length)] + t.slice(i); }, // insert syntax
  (t, r) => { const i = at(t, r); const n = 1 + Math.floor(r() * 200); return t.slice(0, i) + t.slice(i, i + n).repeat(1 + Math.floor(r() * 50)) + t.slice(i + n); }, // duplicate a run
  (t, r) => { const i = at(t, r); return t.slice(0, i) + String.fromCharCode(Math.floor(r() * 0x3000)) + t.slice(i + 1); }, // replace a char
  (t, r) => { const a = at(t, r); const b = at(t, r); return t.slice(Math.min(a, b)) + t.slice(0, Math.min(a, b)); }, // rotate
  (t, r) => { const i = at(t, r); return t.slice(0, i) + '['.repeat(Math.floor(r() * 2000)) + t.slice(i); }, // deep nesting
];

function mutate(text: string, rnd: () => number): string {
  let t = text;
  const rounds = 1 + Math.floor(rnd() * 4);
  for (let k = 0; k < rounds; k++) t = MUTATIONS[Math.floor(rnd() * MUTATIONS.length)](t, rnd);
  return t;
}

describe('fuzz: mutated fixtures through extract, detect and correlate', () => {
  const rules = builtinRules();
  const set = compileRules(rules);
  const structured = STRUCTURED_DETECTORS;
  const rulesById = new Map<string, RuleMeta>([...builtinStructuredRules(structured), ...rules].map((r) => [r.id, r]));

  it(`survives ${ITERATIONS} mutated inputs from ${corpus.length} fixtures`, () => {
    expect(corpus.length).toBeGreaterThan(10);
    const rnd = prng(SEED);
    const correlator = new Correlator(rulesById, { salt: 'fuzz', redact: true });
    let matches = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const { path, text } = corpus[Math.floor(rnd() * corpus.length)];
      const input = mutate(text, rnd);
      // Half as UTF-8 bytes of the mutated text, half with raw byte damage on top.
      const bytes = Buffer.from(input, 'utf8');
      if (rnd() < 0.5 && bytes.length) bytes[Math.floor(rnd() * bytes.length)] = Math.floor(rnd() * 256);
      const blob: Blob = { origin: { kind: 'file', path }, bytes };
      const diag = new Diagnostics();
      const where = `iteration ${i} (seed ${SEED}), ${path}`;
      for (const fragment of extract(blob, diag)) {
        const found = detect(fragment, set, structured);
        annotatePairs(fragment, found, (id) => rulesById.get(id));
        for (const match of found) {
          matches++;
          expect(match.start, where).toBeGreaterThanOrEqual(0);
          expect(match.end, where).toBeLessThanOrEqual(fragment.text.length);
          expect(match.line, where).toBeGreaterThanOrEqual(1);
          expect(match.column, where).toBeGreaterThanOrEqual(1);
          correlator.add({ match, fragment });
        }
      }
      for (const w of diag.stats.warnings) expect(w.startsWith(`${path}: `), `${where}: ${w}`).toBe(true);
    }
    // The mutations keep most keys intact: the run exercised detection, not only parse errors.
    expect(matches).toBeGreaterThan(ITERATIONS / 4);
    for (const s of correlator.secrets()) expect(s.redacted.length).toBeLessThan(12);
  }, 600_000);
});
