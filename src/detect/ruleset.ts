// A compiled rule set: every rule's regex compiled once, plus the keyword prefilter that
// picks which rules can possibly match a text (built once per process or worker).
//
// The prefilter is an Aho–Corasick automaton over the keywords, flattened into a DFA table with
// ASCII case folded in, so one pass over the text (no lower-cased copy) finds every keyword
// present. On this project's benchmark it is 3–7× faster than one alternation regex of the same
// keywords, which V8 tries alternative by alternative at every position.
import type { Rule } from '../types.js';
import { keywordAutomaton, keywordsIn, type KeywordAutomaton } from './keyword-automaton.js';

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
  /** The keywords, indexed as the automaton reports them. */
  keywords: string[];
  automaton: KeywordAutomaton;
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
  const keywords = [...byKeyword.keys()].sort();
  return { rules: compiled, always, byKeyword, keywords, automaton: keywordAutomaton(keywords) };
}

/** The rules whose keywords occur in `text` (case-insensitively for ASCII and Latin-1), in rule-set order. */
export function candidateRules(set: RuleSet, text: string): CompiledRule[] {
  const out = new Set<CompiledRule>(set.always);
  for (const k of keywordsIn(set.automaton, text)) for (const c of set.byKeyword.get(set.keywords[k]) ?? []) out.add(c);
  return set.rules.filter((c) => out.has(c));
}

/** The distinct prefilter keywords, sorted (for `rules list --keywords`). */
export function allKeywords(set: RuleSet): string[] {
  return [...set.keywords];
}
