// Backtracking checks for every rule regex, beyond the fixed near-miss text: each rule gets
// random near-miss inputs built from its own positive examples (truncated, with the last
// character swapped, glued together without separators, its keywords flooded, its character
// classes pumped) and must get through each one in time proportional to its length. The same
// inputs then go through the whole engine (detect with every rule). Seeds are fixed so a failure
// reproduces; KEYSPRAWL_FUZZ_SEED picks another set, KEYSPRAWL_HEAVY (or CI) uses 1 MB inputs.
//
// No fixed number of milliseconds: "proportional to its length" is measured as growth, on the
// same machine in the same moment. Sixteen times the input takes about sixteen times as long for
// a linear regex however loaded the machine is, 256 times for a quadratic one. Runs of the small
// and the large input alternate, and the fastest of each counts (load and GC only ever add time).
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/detect.js';
import { builtinRules } from '../../src/detect/load-rules.js';
import { checkRegexSafety, staticRegexProblem } from '../../src/detect/regex-safety.js';
import { compileRules } from '../../src/detect/ruleset.js';
import { plainFragment } from '../../src/extract/plain.js';
import { nearMisses } from './near-miss.js';

const HEAVY = !!(process.env.CI || process.env.KEYSPRAWL_HEAVY);
const SIZE = HEAVY ? 1024 * 1024 : 64 * 1024;
const SEED = Number(process.env.KEYSPRAWL_FUZZ_SEED ?? 20250601);
/** Sixteen times the input may take at most this many times as long (linear: 16, quadratic: 256). */
const GROWTH_LIMIT = 64;
const RUNS = 5;
/** Below this a run is timer noise: both sides are raised to it. */
const RESOLUTION_MS = 0.05;

const rules = builtinRules();

/** How many times longer `large` takes than `small`: fastest of RUNS alternating runs of each. */
function growth(run: (input: string) => void, small: string, large: string, runs = RUNS): number {
  let s = Infinity;
  let l = Infinity;
  for (let i = 0; i < runs; i++) {
    for (const [input, set] of [[small, (t: number) => (s = Math.min(s, t))], [large, (t: number) => (l = Math.min(l, t))]] as const) {
      const start = performance.now();
      run(input);
      set(performance.now() - start);
    }
  }
  return Math.max(l, RESOLUTION_MS) / Math.max(s, RESOLUTION_MS);
}

function matchAll(re: RegExp): (text: string) => void {
  return (text) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) if (m[0].length === 0) re.lastIndex++;
  };
}

describe('every rule regex on random near-miss input', () => {
  it.each(rules.map((r, i) => [r.id, r, i] as const))('%s', (_id, rule, i) => {
    const run = matchAll(new RegExp(rule.regex, `gd${rule.flags ?? ''}`));
    const small = nearMisses(rule, SEED + i * 7919, SIZE / 16);
    for (const [name, text] of Object.entries(nearMisses(rule, SEED + i * 7919, SIZE))) {
      const g = growth(run, small[name], text);
      expect(g, `${rule.id} on ${name}: 16x the input (${text.length} chars) took ${g.toFixed(1)}x the time`).toBeLessThan(GROWTH_LIMIT);
    }
  });

  it('the whole engine gets through all of them together, in time that grows linearly', { timeout: 300_000 }, () => {
    const set = compileRules(rules);
    const text = (size: number) => rules.map((r, i) => Object.values(nearMisses(r, SEED + i, size)).join('\n')).join('\n');
    const run = (t: string) => {
      for (const kind of ['code', 'env-file', 'agent-config'] as const) {
        expect(Array.isArray(detect(plainFragment({ kind: 'file', path: 'near-miss.txt' }, kind, t), set))).toBe(true);
      }
    };
    // 1 KB of near misses per rule against 64 bytes per rule: sixteen times the text.
    const g = growth(run, text(64), text(1024), 2);
    expect(g, `16x the text took ${g.toFixed(1)}x the time`).toBeLessThan(GROWTH_LIMIT);
  });
});

describe('checkRegexSafety', () => {
  it.each(rules.map((r) => [r.id, r] as const))('accepts the built-in rule %s', (_id, rule) => {
    expect(staticRegexProblem(rule.regex, rule.flags ?? '')).toBeUndefined();
    expect(checkRegexSafety(rule.regex, rule.flags ?? '', { keywords: rule.keywords })).toBeUndefined();
  });

  it.each([
    ['(a+)+$', /nested quantifier: "\(a\+\)\+" repeats "a\+"/],
    ['token=(\\w+\\s?)+;', /nested quantifier/],
    ['^(\\d+)*$', /nested quantifier/],
    ['key: (.*)*x', /nested quantifier/],
    ['(a|a)+$', /overlapping alternatives/],
    ['(\\w|\\d)+!', /overlapping alternatives/],
    ['(?:x|)+y', /can match the empty string/],
  ])('rejects %s (static)', (regex, message) => {
    expect(staticRegexProblem(regex)).toMatch(message);
    expect(checkRegexSafety(regex)).toMatch(message);
  });

  it.each([
    '(a|aa)+b',
    '(x+x+)+y',
    'a.*b.*c.*d.*e!',
    '^(([a-z])+.)+[A-Z]([a-z])+$',
  ])('rejects %s (the probe finds the blow-up the static check misses)', (regex) => {
    expect(checkRegexSafety(regex)).toMatch(/catastrophic backtracking: one run took \d+ ms on /);
  });

  it('rejects an invalid regex with the engine message', () => {
    expect(checkRegexSafety('sk-(unclosed')).toMatch(/^invalid regular expression: /);
  });

  it.each([
    '\\b(sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})\\b',
    '(?:api|secret)_?key\\s{0,3}[:=]\\s{0,3}"([A-Za-z0-9]{32,64})"',
    'mycorp_[a-f0-9]{40}',
    '(?:[A-Za-z0-9+/]{4}){10,40}',
  ])('accepts the linear pattern %s', (regex) => {
    expect(checkRegexSafety(regex, 'i')).toBeUndefined();
  });
});
