// Backtracking checks for every rule regex, beyond the fixed near-miss text: each rule gets
// random near-miss inputs built from its own positive examples (truncated, with the last
// character swapped, glued together without separators, its keywords flooded, its character
// classes pumped) and must get through each one in time proportional to its length. The same
// inputs then go through the whole engine (detect with every rule). Seeds are fixed so a failure
// reproduces; KEYSPRAWL_FUZZ_SEED picks another set, KEYSPRAWL_HEAVY (or CI) uses 1 MB inputs.
//
// No fixed number of milliseconds: "proportional to its length" is measured as growth, on the
// same machine in the same moment: the same near-miss input at three sizes, each four times the
// last. Four times the input takes about four times as long for a linear regex however loaded the
// machine is, sixteen times for a quadratic one; a regex fails only when both steps grow more
// than 8 times (4^1.5), so one step disturbed by a busy machine or a cache boundary cannot fail a
// linear rule. Runs of the sizes alternate, and the fastest of each counts.
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/detect.js';
import { builtinRules } from '../../src/rules/load.js';
import { checkRegexSafety, staticRegexProblem } from '../../src/rules/regex-safety.js';
import { compileRules } from '../../src/detect/ruleset.js';
import { plainFragment } from '../../src/extract/plain.js';
import { nearMisses } from './near-miss.js';

const HEAVY = !!(process.env.CI || process.env.KEYSPRAWL_HEAVY);
const SIZE = HEAVY ? 1024 * 1024 : 64 * 1024;
const SEED = Number(process.env.KEYSPRAWL_FUZZ_SEED ?? 20250601);
/** Each size is 4 times the last: linear 4, quadratic 16; the limit is halfway in log terms. */
const GROWTH_LIMIT = 8;
const RUNS = 5;
/** Below this a run is timer noise: every time is raised to it. */
const RESOLUTION_MS = 0.05;

const rules = builtinRules();

/** Time growth from each input to the next (each 4 times larger): fastest of RUNS alternating runs. */
function growths(run: (input: string) => void, inputs: string[], runs = RUNS): number[] {
  const best = inputs.map(() => Infinity);
  for (let i = 0; i < runs; i++) {
    inputs.forEach((input, k) => {
      const start = performance.now();
      run(input);
      best[k] = Math.min(best[k], performance.now() - start);
    });
  }
  const t = best.map((ms) => Math.max(ms, RESOLUTION_MS));
  return t.slice(1).map((ms, k) => ms / t[k]);
}

const superLinear = (g: number[]) => g.every((x) => x > GROWTH_LIMIT);
const show = (g: number[]) => g.map((x) => `${x.toFixed(1)}x`).join(', ');

function matchAll(re: RegExp): (text: string) => void {
  return (text) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) if (m[0].length === 0) re.lastIndex++;
  };
}

describe('every rule regex on random near-miss input', () => {
  it.each(rules.map((r, i) => [r.id, r, i] as const))('%s', (_id, rule, i) => {
    const run = matchAll(new RegExp(rule.regex, `gd${rule.flags ?? ''}`));
    const seed = SEED + i * 7919;
    const [small, mid, large] = [SIZE / 16, SIZE / 4, SIZE].map((n) => nearMisses(rule, seed, n));
    for (const name of Object.keys(large)) {
      const g = growths(run, [small[name], mid[name], large[name]]);
      expect(superLinear(g), `${rule.id} on ${name}: each 4x of the input (up to ${large[name].length} chars) took ${show(g)} the time`).toBe(false);
    }
  });

  it('the measure flags a quadratic regex and passes its bounded twin', () => {
    const runs = (n: number) => [n, n * 4, n * 16].map((k) => `${'a'.repeat(k)}!`);
    expect(superLinear(growths(matchAll(/\w+=/g), runs(1024), 3))).toBe(true);
    expect(superLinear(growths(matchAll(/\w{1,40}=/g), runs(4096), 2))).toBe(false);
  });

  it('the whole engine gets through all of them together, in time that grows linearly', { timeout: 300_000 }, () => {
    const set = compileRules(rules);
    const text = (size: number) => rules.map((r, i) => Object.values(nearMisses(r, SEED + i, size)).join('\n')).join('\n');
    const run = (t: string) => {
      for (const kind of ['code', 'env-file', 'agent-config'] as const) {
        expect(Array.isArray(detect(plainFragment({ kind: 'file', path: 'near-miss.txt' }, kind, t), set))).toBe(true);
      }
    };
    // 64 bytes, 256 bytes and 1 KB of near misses per rule.
    const g = growths(run, [text(64), text(256), text(1024)], 2);
    expect(superLinear(g), `each 4x of the text took ${show(g)} the time`).toBe(false);
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
