// Fragment → Matches: run the prefiltered rules, check entropy and validators, derive
// per-match facts, and drop placeholders and overlapping weaker matches.
import type { Fragment } from '../contracts/fragment.js';
import type { Confidence, Match } from '../contracts/match.js';
import type { Rule } from '../contracts/rule.js';
import { isKnownNonSecretShape, placeholderAdjacent, placeholderVerdict, restOfLineSaysFake } from './placeholders.js';
import { CONFIDENCE_RANK } from './confidence.js';
import { wordLike } from './generic-words.js';
import { decodedView, viewFragment } from './decoded-view.js';
import { publicByDesign } from './public-by-design.js';
import { matchFacts } from './derive.js';
import { shannonEntropy } from './entropy.js';
import { candidates, type Candidate, type CompiledRule, type RuleSet } from './ruleset.js';
import type { StructuredDetector } from './structured.js';
import { VALIDATORS } from './validators.js';

export function baseConfidence(rule: Rule): Confidence {
  if (rule.confidence) return rule.confidence;
  if (rule.validate !== 'none') return 'high';
  return rule.category === 'generic' ? 'low' : 'medium';
}

/**
 * Whether the value starts with its rule's own prefix (`sk_live_`, `sk-ant-api03-`, `hf_`): it
 * says what it is by itself, whatever it is named. (A prefix keyword has a separator or digit; a
 * keyword of a rule bound to a provider's name, like mistral, is letters.)
 */
function carriesPrefix(value: string, rule: Rule): boolean {
  const lower = value.toLowerCase();
  return rule.keywords.some((k) => /[^a-z]/.test(k) && lower.startsWith(k));
}

/**
 * Values a rule's regex may capture that are not secrets. Digest and UUID shapes are only
 * rejected for generic rules: a keyword-bound provider rule (Azure OpenAI's 32 hex, Twilio's
 * auth token) captures exactly that shape on purpose.
 */
function rejectValue(value: string, rule: Rule): boolean {
  if (value.length < 8 || placeholderVerdict(value).placeholder) return true;
  // A rule bound to a provider's name rather than a prefix (mistral_api_key = <32 chars>) must
  // not take a name made of words (MistralAIPromptExecutionSettings, an API-name constant).
  if (!/[0-9]/.test(value) && !carriesPrefix(value, rule) && wordLike(value)) return true;
  // The generic-secret validator weighs these shapes against the assignment name itself
  // (api_key = "<32 hex>" is a key, checksum = "<32 hex>" is not): src/detect/generic-context.ts.
  return rule.category === 'generic' && rule.validate !== 'generic-secret' && isKnownNonSecretShape(value);
}

/**
 * Whether wording around a value (a comment after it on its line: `# fake`, `// example`,
 * `/* not a real key *\/`) may drop the match. Only a low-confidence one: a generic, formatless
 * match, or a provider-format match whose checksum or structure check failed. A match of a
 * provider format or with a valid checksum fails the default gate (medium or high confidence),
 * and a pull request writes every comment, so a comment never takes it out of the report
 * (docs/security.md, "Wording never excuses a key"). What the value itself is (a published
 * sample, EXAMPLE or xxxx inside it, a template reference) still drops any match: rejectValue.
 */
export function wordingExcuses(confidence: Confidence): boolean {
  return confidence === 'low';
}

/**
 * Regex hits (kept or rejected) one rule may have in one fragment before it stops there and the
 * file is a counted skip: above any real file (100,000 keys of one provider in one file), far
 * below what a near-miss flood can make a loose rule do. Per rule, so a flood that exhausts the
 * generic rule does not stop a provider rule from finding the key beside it.
 */
export const MAX_HITS_PER_RULE = 250_000;

/** The work left for the rule running now; `left` below zero means it ran out. */
export interface Budget {
  left: number;
  /** Ids of the rules that ran out. */
  exhausted: string[];
  /** Hits each rule may have (default MAX_HITS_PER_RULE). */
  perRule?: number;
}

/** Run a rule at its keywords' starts, or over each window around its keyword hits, or over the whole text. */
function runRule(c: Candidate, fragment: Fragment, out: Match[], budget: Budget): void {
  if (c.starts) {
    runRuleAt(c.compiled, fragment, c.starts, out, budget);
    return;
  }
  if (!c.windows) {
    runRuleIn(c.compiled, fragment, 0, fragment.text, out, budget);
    return;
  }
  for (const [from, to] of c.windows) {
    if (budget.left < 0) return;
    runRuleIn(c.compiled, fragment, from, fragment.text.slice(from, to), out, budget);
  }
}

function runRuleIn(c: CompiledRule, fragment: Fragment, offset: number, text: string, out: Match[], budget: Budget): void {
  const { re } = c;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (--budget.left < 0) return;
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    take(c.rule, fragment, offset, m, out);
  }
}

/**
 * The rule's sticky regex tried at each start in order, skipping starts inside the last match:
 * the matches a global search of the whole text finds, when every one of them starts at one
 * of `starts` (CompiledRule.anchor), for the work of the keyword hits alone.
 */
function runRuleAt(c: CompiledRule, fragment: Fragment, starts: Int32Array, out: Match[], budget: Budget): void {
  const re = c.anchor!.sticky;
  const text = fragment.text;
  let from = 0;
  for (let i = 0; i < starts.length; i++) {
    const at = starts[i];
    if (at < from) continue;
    re.lastIndex = at;
    const m = re.exec(text);
    if (m === null) continue;
    if (--budget.left < 0) return;
    from = at + Math.max(1, m[0].length);
    if (m[0].length > 0) take(c.rule, fragment, 0, m, out);
  }
}

/** One regex match of a rule: checked (value, entropy, validator, wording, public by design, line) and kept in `out`. */
function take(rule: Rule, fragment: Fragment, offset: number, m: RegExpExecArray, out: Match[]): void {
  const local = m.indices?.[rule.secretGroup];
  const secret = m[rule.secretGroup];
  if (!local || secret === undefined) return;
  const span: [number, number] = [local[0] + offset, local[1] + offset];
  if (rejectValue(secret, rule)) return;
  if (rule.entropy !== undefined && shannonEntropy(secret) < rule.entropy) return;
  let confidence = baseConfidence(rule);
  if (rule.validate !== 'none') {
    const ok = VALIDATORS[rule.validate]?.(secret, { fragment, start: span[0], end: span[1], rule }) ?? false;
    if (!ok) {
      if (rule.onInvalid === 'drop') return;
      confidence = 'low';
    }
  }
  if (wordingExcuses(confidence) && restOfLineSaysFake(fragment.text.slice(span[1], span[1] + 200))) return;
  if (publicByDesign(secret, confidence, fragment, span[0], span[1], carriesPrefix(secret, rule))) return;
  const [start, end] = span;
  const pos = fragment.toFileLine(start);
  const endPos = fragment.toFileLine(end);
  if (fragment.lines && !fragment.lines.has(pos.line)) return;
  const adjacent = placeholderAdjacent(fragment.text, start, end, namesOf(fragment));
  out.push({
    ruleId: rule.id,
    secret,
    start,
    end,
    line: pos.line,
    column: pos.column,
    endLine: endPos.line,
    endColumn: endPos.column,
    confidence,
    groups: m.slice(1).map((g) => g ?? ''),
    derived: matchFacts(rule, secret, confidence),
    ...(adjacent ? { facts: { placeholderAdjacent: adjacent } } : {}),
  });
}

/** The names a fragment's values are assigned to, when a structured reader knows them (the config key). */
function namesOf(fragment: Fragment): string[] {
  const names: string[] = [];
  if (fragment.credentialContext) names.push(fragment.credentialContext.name);
  const last = fragment.place?.keyPath?.split('.').pop();
  if (last && !names.includes(last)) names.push(last);
  return names;
}

function better(a: Match, b: Match, generic: ReadonlySet<string>): boolean {
  const ga = generic.has(a.ruleId);
  const gb = generic.has(b.ruleId);
  if (ga !== gb) return !ga;
  const ca = CONFIDENCE_RANK[a.confidence];
  const cb = CONFIDENCE_RANK[b.confidence];
  if (ca !== cb) return ca > cb;
  return a.end - a.start > b.end - b.start;
}

/**
 * Where matches overlap, keep the specific, more confident, longer one. A new match replaces
 * the kept ones it overlaps only when it beats every one of them; ties keep the earlier.
 */
function dropOverlaps(matches: Match[], generic: ReadonlySet<string>): Match[] {
  matches.sort((a, b) => a.start - b.start || b.end - a.end || a.ruleId.localeCompare(b.ruleId));
  const kept: Match[] = [];
  for (const m of matches) {
    // Kept matches are disjoint and in start order, and m starts at or after all of them, so
    // only the last one can overlap m: checking it alone keeps a file with 100,000 matches linear.
    const last = kept[kept.length - 1];
    if (!last || last.end <= m.start) kept.push(m);
    else if (better(m, last, generic)) kept[kept.length - 1] = m;
  }
  return kept;
}

export function detect(fragment: Fragment, set: RuleSet, structured: readonly StructuredDetector[] = [], budget: Budget = { left: 0, exhausted: [] }): Match[] {
  const found: Match[] = [];
  // Ids of the rules that matched here whose matches are generic evidence (they yield in overlaps).
  const generic = new Set<string>();
  // Rules see the text with ANSI codes, HTML entities and \" \/ escapes undone; offsets go back to the original.
  const view = decodedView(fragment.text);
  const target = view ? viewFragment(fragment, view) : fragment;
  for (const c of candidates(set, target.text)) {
    const { rule } = c.compiled;
    if (rule.contentKinds && !rule.contentKinds.includes(fragment.contentKind)) continue;
    budget.left = budget.perRule ?? MAX_HITS_PER_RULE;
    const before = found.length;
    runRule(c, target, found, budget);
    if (budget.left < 0) budget.exhausted.push(rule.id);
    if (found.length > before && rule.category === 'generic') generic.add(rule.id);
  }
  if (view) {
    for (const m of found) {
      m.start = view.toOriginal(m.start);
      m.end = view.toOriginalEnd(m.end);
      const endPos = fragment.toFileLine(m.end);
      m.endLine = endPos.line;
      m.endColumn = endPos.column;
    }
  }
  for (const d of structured) {
    if (!d.applies(fragment)) continue;
    for (const m of d.detect(fragment)) {
      if (fragment.lines && !fragment.lines.has(m.line)) continue;
      if (d.generic) {
        generic.add(m.ruleId);
        // A credential-named value (agent configs): is it next to example wording? (Posture
        // findings have no value, nothing to excuse.)
        const adjacent = placeholderAdjacent(fragment.text, m.start, m.end, [...(m.facts?.credentialName ? [m.facts.credentialName] : []), ...namesOf(fragment)]);
        if (adjacent) m.facts = { ...m.facts, placeholderAdjacent: adjacent };
      }
      found.push(m);
    }
  }
  return found.length > 1 ? dropOverlaps(found, generic) : found;
}
