// Is a regex safe to run over untrusted text? JavaScript's engine backtracks, so a pattern like
// (\w+\s?)+ can take exponential time on a near-miss line, and one file in a pull request would
// hang the scan. Two checks, for user-supplied rules at config load:
//  1. static: a repeat whose body can match by its inner repetition alone (nested quantifiers),
//     or whose alternatives can match the same character: the classic catastrophic shapes;
//  2. dynamic: run the regex on pumped near-miss inputs built from its own character classes and
//     literal prefix, growing the input step by step, and stop at the first run over budget whose
//     time also grows faster than its input (see superLinear).
//     Each step grows the input by a small factor, so the probe itself stays bounded.
import {
  firstSet, intersects, members, nullable, parseRegex, union, walk, emptySet, type CharSet, type RNode,
} from './regex-safety-parse.js';

/** A repeat allowing at least this many iterations can multiply backtracking. */
const MANY = 10;
/** Largest probe input: a quadratic pattern is a billion steps here, seconds on any machine. */
const MAX_SIZE = 32_768;
const MAX_PUMPS = 12;
const MAX_COMBOS = 60;

export interface RegexSafetyOptions {
  /** A single run of the regex over a probe input slower than this is catastrophic (default 100 ms). */
  budgetMs?: number;
  /** Literals the text is known to contain (a rule's keywords): extra probe prefixes. */
  keywords?: readonly string[];
}

type Rep = Extract<RNode, { t: 'rep' }>;

const quote = (src: string, r: Rep) => JSON.stringify(src.slice(r.at[0], r.at[1]));

function nestedProblem(src: string, outer: Rep): string | undefined {
  for (const inner of walk(outer.child)) {
    if (inner.t !== 'rep' || inner.max < MANY) continue;
    // The body can match using the inner repeat alone: each character can go to either loop.
    if (nullable(outer.child, inner)) {
      return `nested quantifier: ${quote(src, outer)} repeats ${quote(src, inner)} with nothing required between the repeats, so a near-miss input backtracks exponentially (bound the inner repeat or require a separator)`;
    }
  }
  return undefined;
}

function simple(n: RNode): boolean {
  return n.t === 'set' || (n.t === 'rep' && n.child.t === 'set');
}

function alternationProblem(src: string, outer: Rep): string | undefined {
  const body = outer.child;
  if (body.t !== 'alt') return undefined;
  if (body.alts.some((a) => nullable(a))) {
    return `an alternative inside ${quote(src, outer)} can match the empty string, so the repeat can backtrack without end`;
  }
  for (let i = 0; i < body.alts.length; i++) {
    for (let j = i + 1; j < body.alts.length; j++) {
      const [a, b] = [body.alts[i], body.alts[j]];
      const same = JSON.stringify(a) === JSON.stringify(b);
      if (same || (simple(a) && simple(b) && intersects(firstSet(a), firstSet(b)))) {
        return `overlapping alternatives inside ${quote(src, outer)}: two branches match the same character, so a near-miss input backtracks exponentially (make the branches disjoint)`;
      }
    }
  }
  return undefined;
}

/** The static check alone: undefined, or what is wrong and how to fix it. */
export function staticRegexProblem(source: string, flags = ''): string | undefined {
  const tree = parseRegex(source, flags);
  for (const n of walk(tree)) {
    if (n.t !== 'rep' || n.max < MANY) continue;
    const problem = nestedProblem(source, n) ?? alternationProblem(source, n);
    if (problem) return problem;
  }
  return undefined;
}

/** Literal text every match starts with (e.g. "sk-proj-"), following nested sequences. */
function literalPrefix(n: RNode): { text: string; complete: boolean } {
  if (n.t === 'zero') return { text: '', complete: true };
  if (n.t === 'set') {
    const m = members(n.set);
    return m.length === 1 || (m.length === 2 && m[0].toLowerCase() === m[1].toLowerCase()) ? { text: m[m.length - 1], complete: true } : { text: '', complete: false };
  }
  if (n.t !== 'seq') return { text: '', complete: false };
  let text = '';
  for (const item of n.items) {
    const p = literalPrefix(item);
    text += p.text;
    if (!p.complete) return { text, complete: false };
  }
  return { text, complete: true };
}

/** Characters to repeat: representatives of every repeated class, alone and in pairs. */
function pumps(tree: RNode, prefix: string): string[] {
  const sets: CharSet[] = [];
  for (const n of walk(tree)) if (n.t === 'rep' && n.max >= 8) sets.push(firstSet(n.child));
  const reps = sets.map((s) => members(s)).filter((m) => m.length).map((m) => [m[0], m[Math.floor(m.length / 2)]]);
  const out = new Set<string>(['a', '0', ' ', 'aA0', '-_']);
  if (prefix) out.add(prefix);
  for (const [a, b] of reps) {
    out.add(a);
    out.add(b);
  }
  for (let i = 0; i + 1 < reps.length; i++) out.add(reps[i][0] + reps[i + 1][0]);
  return [...out].slice(0, MAX_PUMPS);
}

/** A character none of the regex's classes contains (so the pumped run cannot complete a match). */
function stopper(tree: RNode): string {
  let all = emptySet();
  for (const n of walk(tree)) if (n.t === 'set') all = union(all, n.set);
  for (const c of ['\u0000', '!', '#', '~', '\u0001']) if (!all[c.charCodeAt(0)]) return c;
  return '\u0000';
}

/**
 * The next probe size. Exponential blow-up shows by a few dozen characters, so sizes go up by 2
 * to 64 (one step multiplies an exponential run by at most base²); then they double while runs
 * stay fast, and grow by a quarter once a run is measurable, so no single step can jump from
 * under budget to hours.
 */
function nextSize(n: number, lastMs: number): number {
  if (n < 64) return n + 2;
  return lastMs < 1 ? n * 2 : Math.ceil(n * 1.25);
}

/** Milliseconds to find every match in `text` (at most 1,000 matches, as detect() would). */
function timeRun(re: RegExp, text: string): number {
  const start = performance.now();
  re.lastIndex = 0;
  for (let k = 0; k < 1000; k++) {
    const m = re.exec(text);
    if (!m) break;
    if (m[0].length === 0) re.lastIndex++;
  }
  return performance.now() - start;
}

/**
 * A run over budget is confirmed by its growth, measured now on the same machine: twice the
 * input takes about twice the time for a linear pattern (however loaded the machine), four times
 * or far more for a quadratic or exponential one. So a slow machine cannot reject a safe pattern.
 */
function superLinear(re: RegExp, full: string, half: string): boolean {
  const fullMs = Math.min(timeRun(re, full), timeRun(re, full));
  const halfMs = Math.min(timeRun(re, half), timeRun(re, half));
  return fullMs > 3 * Math.max(halfMs, 0.01);
}

function describeInput(prefix: string, pump: string, n: number, end: string): string {
  const show = (s: string) => JSON.stringify(s).slice(1, -1);
  return `"${show(prefix)}" + "${show(pump)}" repeated to ${n} characters + "${show(end)}"`;
}

/** The dynamic probe alone: undefined, or the input that was too slow. */
export function probeRegex(source: string, flags = '', opts: RegexSafetyOptions = {}): string | undefined {
  const budget = opts.budgetMs ?? 100;
  const re = new RegExp(source, `g${flags.replace(/[gyd]/g, '')}`);
  const tree = parseRegex(source, flags);
  const lit = literalPrefix(tree).text;
  const prefixes = [...new Set(['', lit, ...(opts.keywords ?? [])])];
  const ends = [stopper(tree), ''];
  let combos = 0;
  for (const prefix of prefixes) {
    for (const pump of pumps(tree, lit)) {
      for (const end of ends) {
        if (++combos > MAX_COMBOS) return undefined;
        const input = (n: number) => prefix + pump.repeat(Math.ceil(n / pump.length)).slice(0, n) + end;
        for (let n = 8, ms = 0; n <= MAX_SIZE; n = nextSize(n, ms)) {
          ms = timeRun(re, input(n));
          if (ms > budget && superLinear(re, input(n), input(n >> 1))) {
            return `catastrophic backtracking: one run took ${Math.round(ms)} ms on ${describeInput(prefix, pump, n, end)} (linear patterns take well under 1 ms)`;
          }
        }
      }
    }
  }
  return undefined;
}

/**
 * Groups nested deeper than this are refused before any check reads the regex: every reader of a
 * regex here (the checks, the match-start reader, V8's own compiler) recurses per level, and a
 * custom rule nested a few thousand deep overflowed the stack while its file loaded (an internal
 * error instead of a line naming the file). The built-in rules nest at most 3 deep.
 */
export const MAX_GROUP_DEPTH = 50;

/** How deep the regex's groups nest (escapes and character classes read as the regex reads them). */
export function groupDepth(source: string): number {
  let depth = 0;
  let deepest = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') deepest = Math.max(deepest, ++depth);
    else if (c === ')') depth = Math.max(0, depth - 1);
  }
  return deepest;
}

/**
 * Undefined when `regex` is safe to run on untrusted text, else a one-line problem saying why
 * (for the config loader to report with the file and rule). `flags`: extra RegExp flags (i, s, m).
 */
export function checkRegexSafety(regex: string, flags = '', opts: RegexSafetyOptions = {}): string | undefined {
  const depth = groupDepth(regex);
  if (depth > MAX_GROUP_DEPTH) return `groups nested ${depth} deep (at most ${MAX_GROUP_DEPTH}): flatten the pattern`;
  try {
    new RegExp(regex, flags.replace(/[gyd]/g, ''));
  } catch (err) {
    return `invalid regular expression: ${(err as Error).message}`;
  }
  return staticRegexProblem(regex, flags) ?? probeRegex(regex, flags, opts);
}
