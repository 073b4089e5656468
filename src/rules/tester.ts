// The rule tester, one for the test suite (test/rules/), `keysprawl rules test` and config load
// of user rules. A rule proves itself with its own examples: every positive fires it (and, in its
// mapping form, captures the value it names, where it says: eslint RuleTester style), every
// negative stays quiet. With `wrappings`, the value each positive yields is also wrapped in the
// common syntaxes (src/rules/syntaxes.ts) and must still be reported, the same value at its
// place; where a wrapping cannot work for a rule, it is skipped for a stated reason, and counted.
// (Duplicate cases are rejected by the schema, src/rules/schema.ts, when the rule is loaded.)
import { renderProblem } from '../problems/messages.js';
import type { Problem } from '../problems/problem.js';
import type { ContentKind, Fragment } from '../contracts/fragment.js';
import type { Match } from '../contracts/match.js';
import type { Rule, RuleCapture } from '../contracts/rule.js';
import { Diagnostics } from '../diagnostics.js';
import { extract } from '../extract/index.js';
import { plainFragment } from '../extract/plain.js';
import { detect } from '../detect/detect.js';
import { expandFakes } from './fake.js';
import { compileRules, type RuleSet } from '../detect/ruleset.js';
import { SYNTAXES, type Syntax } from './syntaxes.js';

export interface RuleTestOptions {
  /** Seeds each example's fake templates are expanded with. */
  seeds?: number[];
  /** Also wrap each positive's value in the common syntaxes. */
  wrappings?: boolean;
  /**
   * The rule set wrapped texts are read with (default: the rule alone). The whole built-in set
   * also proves the rule wins its overlaps with the other rules.
   */
  context?: RuleSet;
}

export interface ExampleResult {
  rule: Rule;
  /** Examples that passed (a positive with a capture counts once). */
  passed: number;
  /** Each failure, at its path inside the rule (`examples.positive[0]`): config load reports these. */
  problems: Problem[];
  /** The same, one line each, as `keysprawl rules test` prints them. */
  failures: string[];
  /** Wrapped forms checked. */
  wrapped: number;
  /** Wrapped forms not checked, by reason. */
  skipped: Record<string, number>;
}

/** The seed wrapped forms are expanded with (one: the syntaxes multiply the cases). */
const WRAP_SEED = 7;

/** A value shown in a failure: enough to recognise it, never the whole of it. */
const shown = (v: string) => JSON.stringify(v.length > 8 ? `${v.slice(0, 4)}…` : v);

function fragmentFor(text: string, kind: ContentKind, path = 'example'): Fragment {
  return plainFragment({ kind: 'file', path }, kind, text);
}

const hitsOf = (rule: Rule, set: RuleSet, text: string, kind: ContentKind) =>
  detect(fragmentFor(text, kind), set).filter((m) => m.ruleId === rule.id);

/**
 * A positive expanded with its capture: the secret template is a piece of the text template,
 * marked before expansion so its expanded value and offset are known.
 */
function expandCase(template: string, capture: RuleCapture | undefined, seed: number): { text: string; value?: string; start?: number } {
  if (!capture?.secret) return { text: expandFakes(template, seed) };
  const at = template.indexOf(capture.secret);
  if (at < 0) throw new Error(`secret ${shown(capture.secret)} is not a piece of the example text`);
  const [open, close] = ['\u0000', '\u0001'];
  const marked = expandFakes(`${template.slice(0, at)}${open}${capture.secret}${close}${template.slice(at + capture.secret.length)}`, seed);
  const start = marked.indexOf(open);
  const end = marked.indexOf(close);
  return { text: marked.slice(0, start) + marked.slice(start + 1, end) + marked.slice(end + 1), value: marked.slice(start + 1, end), start };
}

/** What a capture says is wrong with the rule's matches, if anything. */
function captureProblem(hits: Match[], capture: RuleCapture, expected: { value?: string; start?: number }): string | undefined {
  // The capture names one piece of the text: the match must be that value at that offset.
  const m = expected.value === undefined ? hits[0] : hits.find((h) => h.secret === expected.value && h.start === expected.start);
  if (!m) return `captured ${hits.map((h) => shown(h.secret)).join(', ')}, expected ${shown(expected.value!)}`;
  const want = `${capture.line ?? m.line}:${capture.column ?? m.column}`;
  if (want !== `${m.line}:${m.column}`) return `captured ${shown(m.secret)} at ${m.line}:${m.column}, expected at ${want}`;
  return undefined;
}

function checkExamples(rule: Rule, set: RuleSet, kind: ContentKind, seeds: number[], failures: Problem[]): number {
  const fail = (path: string, reason: string) => failures.push({ code: 'example-failed', path, data: { reason } });
  let passed = 0;
  const captures = new Map((rule.examples.captures ?? []).map((c) => [c.example, c]));
  for (const [label, list, want] of [['positive', rule.examples.positive, true], ['negative', rule.examples.negative, false]] as const) {
    list.forEach((template, i) => {
      const capture = want ? captures.get(i) : undefined;
      for (const seed of seeds) {
        let example: ReturnType<typeof expandCase>;
        try {
          example = expandCase(template, capture, seed);
        } catch (err) {
          fail(`examples.${label}[${i}]`, (err as Error).message);
          return;
        }
        const hits = hitsOf(rule, set, example.text, kind);
        if ((hits.length > 0) !== want) {
          fail(`examples.${label}[${i}]`, `${want ? 'did not match' : 'matched'} (${JSON.stringify(template).slice(0, 80)})`);
          return;
        }
        const problem = capture && captureProblem(hits, capture, example);
        if (problem) {
          fail(`examples.${label}[${i}]`, problem);
          return;
        }
      }
      passed++;
    });
  }
  return passed;
}

/** Why no positive of this rule can be wrapped, if none can. */
function ruleSkipReason(rule: Rule): string | undefined {
  if (rule.category === 'generic') return 'generic rule: the place it is written is its evidence';
  if (rule.contentKinds) return 'runs only on its content kinds';
  if (rule.secretGroup < 1) return 'whole-match rule: the value includes its context';
  return undefined;
}

interface Sample {
  value: string;
  /** The whole assigned value (a connection string around the secret; the secret itself for a token). */
  payload: string;
  /** The name the example assigns it to (one-line examples). */
  name?: string;
}

/** What a positive yields: the value, and the name it is assigned to there; or why it cannot be wrapped. */
function sampleOf(rule: Rule, text: string, set: RuleSet): Sample | string {
  const hit = hitsOf(rule, set, text, rule.contentKinds?.[0] ?? 'code')[0];
  if (!hit) return 'another rule reports the example';
  if (hit.secret.includes('\n')) return 'multi-line value';
  // A rule that needs more than the assignment (a service-account file's other fields) is proven by its own examples.
  if (text.trim().includes('\n')) return { value: hit.secret, payload: hit.secret };
  const assignment = /^\s*(?:export\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*[:=]+\s*["']?(.*?)["']?[;,]?\s*$/.exec(text);
  const payload = assignment?.[2].includes(hit.secret) ? assignment[2] : hit.secret;
  return { value: hit.secret, payload, name: assignment?.[1] };
}

/** The rule's matches in one wrapped text, read as that syntax's file. */
function wrappedHits(rule: Rule, set: RuleSet, syntax: Syntax, text: string): Match[] {
  const bytes = Buffer.from(text);
  const fragments = syntax.extracted
    ? extract({ origin: { kind: 'file', path: syntax.path }, bytes }, new Diagnostics())
    : [fragmentFor(text, syntax.kind, syntax.path)];
  return fragments.flatMap((f) => detect(f, set)).filter((m) => m.ruleId === rule.id);
}

function checkWrappings(rule: Rule, set: RuleSet, result: ExampleResult): void {
  const skip = (reason: string, n = 1) => (result.skipped[reason] = (result.skipped[reason] ?? 0) + n);
  const forRule = ruleSkipReason(rule);
  if (forRule) return void skip(forRule, rule.examples.positive.length * SYNTAXES.length);
  rule.examples.positive.forEach((template, i) => {
    const sample = sampleOf(rule, expandFakes(template, WRAP_SEED), set);
    if (typeof sample === 'string') return void skip(sample, SYNTAXES.length);
    const prefixed = rule.keywords.some((k) => sample.value.toLowerCase().startsWith(k));
    const name = prefixed ? 'SERVICE_TOKEN' : sample.name;
    if (!name) return void skip('a name-bound value with no one-line assignment to take its name from', SYNTAXES.length);
    for (const syntax of SYNTAXES) {
      if (syntax.prefixedOnly && !prefixed) {
        skip(`${syntax.name}: writes no name, and the value needs one`);
        continue;
      }
      result.wrapped++;
      const wrapped = prefixed ? sample.value : sample.payload;
      const text = syntax.wrap(name, wrapped);
      // A payload with quotes is escaped inside a JSON string: then the value itself is the anchor.
      const at = text.includes(wrapped) ? text.indexOf(wrapped) + wrapped.indexOf(sample.value) : text.indexOf(sample.value);
      const line = text.slice(0, at).split('\n').length;
      const column = at - text.lastIndexOf('\n', at - 1);
      const hits = wrappedHits(rule, set, syntax, text);
      const fail = (reason: string) => result.problems.push({ code: 'example-wrapped', path: `examples.positive[${i}]`, data: { syntax: syntax.name, reason } });
      if (hits.length !== 1) fail(`${hits.length} matches`);
      else if (hits[0].secret !== sample.value || hits[0].line !== line || hits[0].column !== column) {
        fail(`reported ${shown(hits[0].secret)} at ${hits[0].line}:${hits[0].column}, expected ${shown(sample.value)} at ${line}:${column}`);
      }
    }
  });
}

/** Check one rule's examples, alone (so another rule's overlap cannot hide a miss). */
export function checkRuleExamples(rule: Rule, opts: RuleTestOptions = {}): ExampleResult {
  const result: ExampleResult = { rule, passed: 0, problems: [], failures: [], wrapped: 0, skipped: {} };
  let set: RuleSet;
  try {
    set = compileRules([rule]);
  } catch (err) {
    result.problems.push({ code: 'example-failed', path: '', data: { reason: `regex does not compile: ${(err as Error).message}` } });
    return { ...result, failures: result.problems.map(renderProblem) };
  }
  result.passed = checkExamples(rule, set, rule.contentKinds?.[0] ?? 'code', opts.seeds ?? [1, 2, 3], result.problems);
  if (opts.wrappings && !result.problems.length) checkWrappings(rule, opts.context ?? set, result);
  return { ...result, failures: result.problems.map(renderProblem) };
}
