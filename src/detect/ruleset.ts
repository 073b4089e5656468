// A compiled rule set: every rule's regex compiled once, plus the keyword prefilter that
// picks which rules can possibly match a text (built once per process).
import type { Rule } from '../types.js';

export interface CompiledRule {
  rule: Rule;
  re: RegExp;
}

export interface RuleSet {
  rules: CompiledRule[];
  /** Rules with no keywords: run on every text their content kinds allow. */
  always: CompiledRule[];
  /** Which rules to run for each lower-case keyword. */
  byKeyword: Map<string, CompiledRule[]>;
  /** One alternation of every keyword, longest first. Undefined when no rule has keywords. */
  keywordRe?: RegExp;
  /** For each keyword, the other keywords it contains (a hit on it is a hit on them). */
  contained: Map<string, string[]>;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compileRules(rules: Rule[]): RuleSet {
  const compiled = rules.map((rule) => ({ rule, re: new RegExp(rule.regex, `gd${rule.flags ?? ''}`) }));
  const byKeyword = new Map<string, CompiledRule[]>();
  const always: CompiledRule[] = [];
  for (const c of compiled) {
    if (c.rule.keywords.length === 0) always.push(c);
    for (const k of new Set(c.rule.keywords)) {
      const list = byKeyword.get(k) ?? [];
      list.push(c);
      byKeyword.set(k, list);
    }
  }
  const keywords = [...byKeyword.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b));
  const contained = new Map<string, string[]>();
  for (const k of keywords) contained.set(k, keywords.filter((o) => o !== k && k.includes(o)));
  const keywordRe = keywords.length ? new RegExp(keywords.map(escapeRe).join('|'), 'g') : undefined;
  return { rules: compiled, always, byKeyword, keywordRe, contained };
}

/** The rules whose keywords occur in `lowerText` (which must already be lower-cased). */
export function candidateRules(set: RuleSet, lowerText: string): CompiledRule[] {
  const out = new Set<CompiledRule>(set.always);
  const re = set.keywordRe;
  if (!re) return [...out];
  const found = new Set<string>();
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(lowerText)) !== null) {
    const k = m[0];
    if (!found.has(k)) {
      found.add(k);
      for (const inner of set.contained.get(k) ?? []) found.add(inner);
    }
    // Step one character so keywords that start inside this one are seen too.
    re.lastIndex = m.index + 1;
  }
  for (const k of found) for (const c of set.byKeyword.get(k) ?? []) out.add(c);
  return [...out];
}

/** The distinct prefilter keywords, sorted (for `rules list --keywords`). */
export function allKeywords(set: RuleSet): string[] {
  return [...set.byKeyword.keys()].sort();
}
