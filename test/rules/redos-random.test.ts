// Backtracking checks for every rule regex, beyond the fixed near-miss text: each rule gets
// random near-miss inputs built from its own positive examples (truncated, with the last
// character swapped, glued together without separators, its keywords flooded, its character
// classes pumped) and must get through each one in time proportional to its length. The same
// inputs then go through the whole engine (detect with every rule). Seeds are fixed so a failure
// reproduces; KEYSPRAWL_FUZZ_SEED picks another set, KEYSPRAWL_HEAVY (or CI) uses 1 MB inputs.
//
// The time limit is a hang detector, not a performance test: a linear regex takes a few
// milliseconds on these inputs, a quadratic one seconds, an exponential one forever.
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/detect.js';
import { builtinRules } from '../../src/detect/load-rules.js';
import { checkRegexSafety, staticRegexProblem } from '../../src/detect/regex-safety.js';
import { compileRules } from '../../src/detect/ruleset.js';
import { plainFragment } from '../../src/extract/plain.js';
import { nearMisses } from './near-miss.js';

const HEAVY = !!(process.env.CI || process.env.KEYSPRAWL_HEAVY);
const SIZE = HEAVY ? 1024 * 1024 : 64 * 1024;
const BUDGET_MS = HEAVY ? 8000 : 1500;
const SEED = Number(process.env.KEYSPRAWL_FUZZ_SEED ?? 20250601);

const rules = builtinRules();

function timeAll(re: RegExp, text: string): number {
  const start = performance.now();
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) if (m[0].length === 0) re.lastIndex++;
  return performance.now() - start;
}

describe('every rule regex on random near-miss input', () => {
  it.each(rules.map((r, i) => [r.id, r, i] as const))('%s', (_id, rule, i) => {
    const re = new RegExp(rule.regex, `gd${rule.flags ?? ''}`);
    for (const [name, text] of Object.entries(nearMisses(rule, SEED + i * 7919, SIZE))) {
      const ms = timeAll(re, text);
      expect(ms, `${rule.id} on ${name} (${text.length} chars)`).toBeLessThan(BUDGET_MS);
    }
  });

  it('the whole engine gets through all of them together', () => {
    const set = compileRules(rules);
    const text = rules.map((r, i) => Object.values(nearMisses(r, SEED + i, 2048)).join('\n')).join('\n');
    const start = performance.now();
    for (const kind of ['code', 'env-file', 'agent-config'] as const) {
      expect(Array.isArray(detect(plainFragment({ kind: 'file', path: 'near-miss.txt' }, kind, text), set))).toBe(true);
    }
    // The input is 2 KB of near misses per rule, so it (and the linear work) grows with the rule count.
    expect(performance.now() - start).toBeLessThan(BUDGET_MS * 4 * Math.max(1, rules.length / 100));
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
