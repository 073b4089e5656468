// Every rule's regex must be linear on adversarial input (DESIGN.md §2). For each rule we build
// about 1 MB of near-miss text derived from the rule itself (its keywords repeated and followed by
// endless runs of its own character classes, truncated and over-long copies of its positive
// example, long runs of single characters) and time the compiled regex over it against a trivial
// linear regex over the same text; and its growth: the same text built at 16 KB and at 64 KB
// (small enough to stay in cache, where time tracks steps). No fixed number of milliseconds: fail
// only when the regex is both more than RATIO_LIMIT times slower than the baseline and its time
// grows more than 8 times for four times the input (linear: 4, quadratic: 16), all
// measured in the same worker at the same moment (fastest of alternating runs), so a loaded
// machine cannot fail a linear rule. HARD_TIMEOUT_MS is a hang guard for a regex that
// never returns (exponential), thousands of times what a linear rule takes.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { expandFakes } from '../../src/rules/fake.js';
import { builtinRules } from '../../src/rules/load.js';
import { compileRules } from '../../src/detect/ruleset.js';
import { checkRegexSafety, groupDepth, MAX_GROUP_DEPTH } from '../../src/rules/regex-safety.js';
import type { Rule } from '../../src/contracts/rule.js';

const SIZE = 1 << 20;
const RATIO_LIMIT = 2000;
const RUNS = 3;
const HARD_TIMEOUT_MS = 15_000;

/** Repeat `unit` until it fills `length` characters (cut to length). */
function fill(unit: string, length: number): string {
  if (!unit) return '';
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/**
 * Near-miss text for one rule, about SIZE characters in long contiguous segments (a quadratic
 * regex needs long runs to show itself): [share of SIZE, repeated unit].
 */
function adversarialText(rule: Rule, re: RegExp, size = SIZE): string {
  const keywords = rule.keywords.length ? rule.keywords : ['key', 'secret'];
  const forms = [...new Set(keywords.flatMap((k) => [k, k.toUpperCase()]))];
  const example = expandFakes(rule.examples.positive[0], 99);
  re.lastIndex = 0;
  const m = re.exec(example);
  const span = m?.indices?.[rule.secretGroup];
  const secret = span ? example.slice(span[0], span[1]) : example;
  const before = span ? example.slice(0, span[0]) : '';
  const body = secret.replace(/^[A-Za-z]{1,12}[-_.]/, '') || secret; // the random part, roughly
  const k = forms[0];

  const segments: [number, string][] = [
    [0.16, k], // the keyword over and over: many starts
    [0.16, `${before}${secret}`], // the whole secret repeated with no separator: every bound overrun
    [0.1, `${before}${secret.slice(0, -1)}!`], // truncated secrets
    [0.08, `${k}${fill(body, 65536)}`], // keyword, then the secret's own alphabet without end
    [0.06, 'a'],
    [0.06, 'aB3'],
    [0.04, '0'],
    [0.04, '-'],
    [0.04, ' '],
    [0.03, `${k}="`],
    [0.03, `${k}: `],
    [0.03, `${k}_${k}-`],
    [0.03, `${k} = '${body.slice(0, 7)}`],
    [0.03, example.replace(/[A-Za-z0-9]/g, 'a')], // the example's shape, flattened
  ];
  const small = ['=', '_', '/', '+', '.', '\n', '\\n', '~Q', 'eyJ', '://', ...forms.slice(1)];
  for (const u of small) segments.push([0.07 / small.length, u]);
  return segments.map(([share, unit]) => fill(unit, Math.floor(size * share))).join('\n');
}

// Timing runs in a worker thread so that a catastrophic (exponential) regex, which would never
// return, is stopped by terminating the worker after HARD_TIMEOUT_MS and reported as a failure.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { text, small, mid, source, flags, runs } = workerData;
function time(re, text) {
  let best = Infinity;
  let matches = 0;
  for (let i = 0; i < runs; i++) {
    re.lastIndex = 0;
    let n = 0;
    const t0 = process.hrtime.bigint();
    let m;
    while ((m = re.exec(text)) !== null) {
      n++;
      if (m[0].length === 0) re.lastIndex++;
    }
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
    matches = n;
  }
  return { ms: best, matches };
}
const re = new RegExp(source, flags);
const base = time(/zzzz/g, text);
const got = time(re, text);
let part = { ms: Infinity }, whole = { ms: Infinity };
for (let i = 0; i < 5; i++) {
  const a = time(re, small), b = time(re, mid);
  if (a.ms < part.ms) part = a;
  if (b.ms < whole.ms) whole = b;
}
parentPort.postMessage({ base, got, part, whole });
`;

interface Timing {
  ms: number;
  matches: number;
}

type Measured = { base: Timing; got: Timing; part: Timing; whole: Timing };

function measure(source: string, flags: string, text: string, small: string, mid: string): Promise<Measured | 'timeout'> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { text, small, mid, source, flags, runs: RUNS } });
    const timer = setTimeout(() => {
      void worker.terminate().then(() => resolve('timeout'));
    }, HARD_TIMEOUT_MS);
    worker.once('message', (msg: Measured) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(msg);
    });
    worker.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/**
 * The two relative measures, and whether together they say "super-linear". `factor`: how many
 * times larger the whole input is than the part. The growth limit is factor^1.5, halfway (in
 * log terms) between linear (factor) and quadratic (factor²).
 */
function verdict({ base, got, part, whole }: Measured, factor = 4): { ratio: number; growth: number; slow: boolean } {
  const ratio = got.ms / Math.max(base.ms, 0.01);
  const growth = Math.max(whole.ms, 0.02) / Math.max(part.ms, 0.02);
  return { ratio, growth, slow: ratio > RATIO_LIMIT && growth > factor ** 1.5 };
}

const compiled = compileRules(builtinRules()).rules;

describe('group depth', () => {
  it('counts nested groups, not escaped parentheses or ones inside a class', () => {
    expect(groupDepth('abc')).toBe(0);
    expect(groupDepth('(a(b)(c(d)))')).toBe(3);
    expect(groupDepth('\\((a)\\)[(((]([)]x)')).toBe(1);
    expect(groupDepth('(?:(?<n>a)|(?=b))')).toBe(2);
    expect(checkRegexSafety(`${'('.repeat(MAX_GROUP_DEPTH + 1)}a${')'.repeat(MAX_GROUP_DEPTH + 1)}`)).toMatch(/groups nested 51 deep/);
    expect(checkRegexSafety(`${'('.repeat(MAX_GROUP_DEPTH)}a${')'.repeat(MAX_GROUP_DEPTH)}`)).toBeUndefined();
    expect(Math.max(...builtinRules().map((r) => groupDepth(r.regex)))).toBeLessThanOrEqual(MAX_GROUP_DEPTH);
  });
});

describe('the linearity measure', () => {
  // A quadratic pattern (every start scans the whole run of word characters) against its bounded,
  // linear twin, on runs of word characters with no "=": the measure must tell them apart.
  const run = (n: number) => `${'a'.repeat(n)}!`;
  it('flags a quadratic regex and passes its bounded twin', async () => {
    const quadratic = await measure('\\w+=', 'g', run(16 * 1024), run(512), run(4 * 1024));
    const linear = await measure('\\w{1,40}=', 'g', run(SIZE), run(8 * 1024), run(64 * 1024));
    expect(quadratic).not.toBe('timeout');
    expect(verdict(quadratic as Measured, 8)).toMatchObject({ slow: true });
    expect(verdict(linear as Measured, 8)).toMatchObject({ slow: false });
  }, 120_000);
});

describe('regexes stay linear on 1 MB of adversarial near-miss text', () => {
  it.each(compiled.map((c) => [c.rule.id, c] as const))('%s', async (id, { rule, re }) => {
    const text = adversarialText(rule, new RegExp(rule.regex, `gd${rule.flags ?? ''}`));
    const sized = (n: number) => adversarialText(rule, new RegExp(rule.regex, `gd${rule.flags ?? ''}`), n);
    expect(text.length).toBeGreaterThan(SIZE * 0.9);
    const result = await measure(re.source, re.flags, text, sized(16 * 1024), sized(64 * 1024));
    if (result === 'timeout') {
      console.log(`${id}: did not finish within ${HARD_TIMEOUT_MS / 1000} s over ${(text.length / 1e6).toFixed(2)} MB`);
      expect.fail(`${id}: regex did not finish within ${HARD_TIMEOUT_MS / 1000} s (super-linear backtracking)`);
    }
    const { base, got } = result;
    const { ratio, growth, slow } = verdict(result);
    if (process.env.REDOS_VERBOSE) console.log(`${id}: ${got.ms.toFixed(1)} ms, baseline ${base.ms.toFixed(2)} ms, ${got.matches} matches`);
    if (slow) {
      console.log(`${id}: ${got.ms.toFixed(1)} ms over ${(text.length / 1e6).toFixed(2)} MB, ${ratio.toFixed(0)}x the baseline, ${growth.toFixed(0)}x the time from 16 KB to 64 KB`);
    }
    expect(slow, `${id}: ${ratio.toFixed(0)}x baseline, ${growth.toFixed(0)}x the time from 16 KB to 64 KB`).toBe(false);
  });
});
