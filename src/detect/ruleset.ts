// A compiled rule set: every rule's regex compiled once, plus the keyword prefilter that
// picks which rules can possibly match a text (built once per process or worker).
//
// The prefilter is an Aho–Corasick automaton over the keywords, flattened into a DFA table with
// ASCII case folded in, so one pass over the text (no lower-cased copy) finds every keyword
// present. On this project's benchmark it is 3–7× faster than one alternation regex of the same
// keywords, which V8 tries alternative by alternative at every position.
import { Buffer, isAscii } from 'node:buffer';
import type { Rule } from '../contracts/rule.js';
import { automatonFor } from './automaton-snapshot.js';
import { anyKeywordInBytes, asciiKeywords, keywordHits, keywordScanner, type KeywordAutomaton, type KeywordHits } from './keyword-automaton.js';
import { anchorKeywords } from './match-start.js';
import type { ContentKind } from '../contracts/fragment.js';
import { InternalError } from '../errors.js';

/**
 * How far from a keyword hit a rule's match may reach (characters either side). Rule regexes
 * are bounded well below this (the longest, a PEM block of a 4096-bit key, is ~3.3 KB), so a
 * rule only needs to read the windows around its keywords, not the whole text.
 */
export const KEYWORD_WINDOW = 4096;

/**
 * A text up to this length never gets windows (every candidate reads it whole), so only which
 * keywords occur matters: while the automaton is not loaded, such texts are searched keyword by
 * keyword (keywordScanner, the same answer), up to SCAN_BUDGET characters per rule set. A
 * pre-commit scan of a small change then never reads the 2.4 MB table; a larger scan loads it
 * once the budget is spent.
 */
const SMALL_TEXT = 2 * KEYWORD_WINDOW;
const SCAN_BUDGET = 64 * 1024;

/**
 * A rule to run, and where: only at `starts` (sorted offsets where one of its anchor keywords
 * starts: every match starts at one), else in `windows` (sorted, disjoint [from, to) ranges),
 * else on the whole text.
 */
export interface Candidate {
  compiled: CompiledRule;
  windows?: Array<[number, number]>;
  starts?: Int32Array;
}

export interface CompiledRule {
  rule: Rule;
  re: RegExp;
  /**
   * When every match of the rule starts where one of its keywords starts, or a bounded lead of
   * characters before (match-start.ts): the regex made sticky, each keyword's length by keyword
   * index (0 for the other keywords), and the lead (fewest and most characters). `null`: it has
   * none; undefined: not worked out yet (anchorFor, on the first text read with the automaton,
   * so a pre-commit scan of a few lines never reads 311 regexes for it).
   */
  anchor?: RuleAnchor | null;
}

export interface RuleAnchor {
  sticky: RegExp;
  lengths: Int32Array;
  lead: [number, number];
}

/** How compileRules builds a set. `anchors: false` runs every rule as a global regex (the reference the tests compare against). */
export interface CompileOptions {
  anchors?: boolean;
}

export interface RuleSet {
  rules: CompiledRule[];
  /** Rules with no keywords: run on every text their content kinds allow. */
  always: CompiledRule[];
  /** Whether some rule without keywords runs on fragments of this kind (mayMatchBytes). */
  alwaysRuns(kind: ContentKind): boolean;
  /** Which rules to run for each lower-case keyword. */
  byKeyword: Map<string, CompiledRule[]>;
  /** The keywords, indexed as the automaton reports them. */
  keywords: string[];
  /** Built (or read from the build's snapshot) on first use: a scan with no text never needs it. */
  readonly automaton: KeywordAutomaton;
  /**
   * Which UTF-8 files the automaton may read as bytes (mayMatchBytes): `any` when every keyword
   * is ASCII, `ascii` when some are not (a file of ASCII bytes cannot hold those), `off` when a
   * keyword is empty (it is in every text).
   */
  readonly byteSearch: 'any' | 'ascii' | 'off';
  /** Keyword hits of a text: by the automaton, or for a small text while it is not loaded, by scanning. */
  hits(text: string): KeywordHits;
  /**
   * Whether a keyword occurs in these bytes read as Latin-1 (what the automaton reads in
   * mayMatchBytes): by the automaton, or for a few bytes while it is not loaded, by scanning,
   * from the same budget as `hits`.
   */
  anyInBytes(bytes: Uint8Array): boolean;
}

/** The sorted keyword list of a rule set (what the automaton and its snapshot are built from). */
export function ruleKeywords(rules: Rule[]): string[] {
  return [...new Set(rules.flatMap((r) => r.keywords))].sort();
}

/** The keyword prefilter of a rule set: the keywords, and their search in texts and bytes. */
interface KeywordSearch {
  keywords: string[];
  byteSearch: RuleSet['byteSearch'];
  readonly automaton: KeywordAutomaton;
  hits(text: string): KeywordHits;
  anyInBytes(bytes: Uint8Array): boolean;
}

function keywordSearch(keywords: string[]): KeywordSearch {
  let automaton: KeywordAutomaton | undefined;
  let budget = SCAN_BUDGET;
  let scan: ((text: string) => number[]) | undefined;
  const table = (): KeywordAutomaton => (automaton ??= automatonFor(keywords));
  return {
    keywords,
    byteSearch: keywords.includes('') ? 'off' : asciiKeywords(keywords) ? 'any' : 'ascii',
    get automaton() {
      return table();
    },
    hits(text) {
      if (automaton || text.length > SMALL_TEXT || text.length > budget) return keywordHits(table(), text);
      budget -= text.length;
      return new Map((scan ??= keywordScanner(keywords))(text).map((k) => [k, undefined]));
    },
    anyInBytes(bytes) {
      if (automaton || bytes.length > SMALL_TEXT || bytes.length > budget) return anyKeywordInBytes(table(), bytes);
      budget -= bytes.length;
      // The table reads a byte as the Latin-1 character of that code, and so does this string.
      return (scan ??= keywordScanner(keywords))(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')).length > 0;
    },
  };
}

/** `search`: the prefilter to use, when it was built for exactly these rules' keywords (summarizedRuleSet). */
export function compileRules(rules: Rule[], search?: KeywordSearch, options: CompileOptions = {}): RuleSet {
  const compiled: CompiledRule[] = rules.map((rule) => ({ rule, re: new RegExp(rule.regex, `gd${rule.flags ?? ''}`) }));
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
  if (search && search.keywords.join('\0') !== keywords.join('\0')) {
    throw new InternalError('the rule set summary does not list the keywords of the rules it was built from (rebuild: npm run build)');
  }
  const s = search ?? keywordSearch(keywords);
  const kinds = alwaysKinds(rules);
  if (options.anchors === false) for (const c of compiled) c.anchor = null;
  return {
    rules: compiled, always, byKeyword, keywords,
    alwaysRuns: (kind) => alwaysRunsOn(kinds, kind),
    byteSearch: s.byteSearch,
    get automaton() {
      return s.automaton;
    },
    hits: (text) => s.hits(text),
    anyInBytes: (bytes) => s.anyInBytes(bytes),
  };
}

/** The rule's anchor (CompiledRule.anchor), worked out on first use; null when its matches may start elsewhere. */
export function anchorFor(c: CompiledRule, keywords: readonly string[]): RuleAnchor | null {
  if (c.anchor === undefined) c.anchor = anchorOf(c.rule, keywords);
  return c.anchor;
}

function anchorOf(rule: Rule, keywords: readonly string[]): RuleAnchor | null {
  let at: ReturnType<typeof anchorKeywords>;
  try {
    at = anchorKeywords(rule.regex, rule.keywords);
  } catch {
    // A regex the reader cannot follow (groups nested thousands deep in a custom rule) runs as before.
    return null;
  }
  if (!at) return null;
  const lengths = new Int32Array(keywords.length);
  for (const k of at.keywords) lengths[keywords.indexOf(k)] = k.length;
  return { sticky: new RegExp(rule.regex, `yd${rule.flags ?? ''}`), lengths, lead: at.lead };
}

/** The content kinds some rule without keywords runs on: `all` when one runs on every kind. */
export function alwaysKinds(rules: readonly Rule[]): 'all' | ContentKind[] {
  const kinds = new Set<ContentKind>();
  for (const r of rules) {
    if (r.keywords.length) continue;
    if (!r.contentKinds) return 'all';
    for (const k of r.contentKinds) kinds.add(k);
  }
  return [...kinds].sort();
}

const alwaysRunsOn = (kinds: 'all' | readonly ContentKind[], kind: ContentKind): boolean => kinds === 'all' || kinds.includes(kind);

/**
 * What the keyword prefilter needs of a rule set, without its rules: written at build time for
 * the built-in set (dist/rules-keywords.json), so a scan whose texts hold no keyword (a small
 * pre-commit change, mostly) never reads, parses or compiles the rules.
 */
export interface RuleSetSummary {
  /** ruleKeywords(rules). */
  keywords: string[];
  /** alwaysKinds(rules). */
  always: 'all' | ContentKind[];
}

export function summarize(rules: readonly Rule[]): RuleSetSummary {
  return { keywords: ruleKeywords([...rules]), always: alwaysKinds(rules) };
}

/**
 * A rule set that answers the prefilter (keywords, mayMatchBytes, hits) from its summary and
 * compiles the rules (`load`) the first time a rule itself is asked for.
 */
export function summarizedRuleSet(summary: RuleSetSummary, load: () => Rule[]): RuleSet {
  const search = keywordSearch(summary.keywords);
  let full: RuleSet | undefined;
  const loaded = (): RuleSet => (full ??= compileRules(load(), search));
  return {
    get rules() {
      return loaded().rules;
    },
    get always() {
      return loaded().always;
    },
    get byKeyword() {
      return loaded().byKeyword;
    },
    keywords: search.keywords,
    alwaysRuns: (kind) => alwaysRunsOn(summary.always, kind),
    byteSearch: search.byteSearch,
    get automaton() {
      return search.automaton;
    },
    hits: (text) => search.hits(text),
    anyInBytes: (bytes) => search.anyInBytes(bytes),
  };
}

/**
 * Whether some rule may match the text of these UTF-8 bytes in a fragment of this kind: false
 * only when no rule without keywords runs on the kind and no keyword occurs in the bytes (so
 * `candidates` would return nothing for the decoded text). An ASCII keyword is in the text
 * exactly where its bytes are (no byte of a multi-byte character is ASCII); any other keyword
 * is ruled out only for a file of ASCII bytes (`byteSearch`). The caller makes sure the bytes are
 * UTF-8 and that nothing decoded from them (escapes, entities) can spell a keyword.
 */
export function mayMatchBytes(set: RuleSet, bytes: Uint8Array, kind: ContentKind): boolean {
  // A keyword with a character above U+007F (a word for password in another script) can only
  // be in a file with a byte above 0x7F: such a file is read whole.
  if (set.byteSearch === 'off' || (set.byteSearch === 'ascii' && !isAscii(bytes))) return true;
  if (set.alwaysRuns(kind)) return true;
  return set.anyInBytes(bytes);
}

/** The rules whose keywords occur in `text` (case-insensitively for ASCII and Latin-1), in rule-set order. */
export function candidateRules(set: RuleSet, text: string): CompiledRule[] {
  return candidates(set, text).map((c) => c.compiled);
}

function mergeWindows(positions: number[], length: number): Array<[number, number]> {
  positions.sort((a, b) => a - b);
  const out: Array<[number, number]> = [];
  for (const p of positions) {
    const from = Math.max(0, p - KEYWORD_WINDOW);
    const to = Math.min(length, p + KEYWORD_WINDOW);
    const last = out[out.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

/** Candidate rules with the windows of `text` each needs to read. */
export function candidates(set: RuleSet, text: string): Candidate[] {
  const hits = set.hits(text);
  const positions = new Map<CompiledRule, number[] | undefined>();
  for (const c of set.always) positions.set(c, undefined);
  for (const [k, at] of hits) {
    const rules = set.byKeyword.get(set.keywords[k]);
    if (rules === undefined) continue;
    for (const c of rules) {
      const had = positions.get(c);
      if (had === undefined) {
        if (!positions.has(c)) positions.set(c, at?.slice());
      } else if (at === undefined) positions.set(c, undefined);
      else for (const p of at) had.push(p);
    }
  }
  const out: Candidate[] = [];
  for (const c of set.rules) {
    if (!positions.has(c)) continue;
    const anchor = hits.starts && anchorFor(c, set.keywords);
    const starts = anchor ? hits.starts!(anchor.lengths, anchor.lead) : undefined;
    if (starts) {
      out.push({ compiled: c, starts });
      continue;
    }
    const at = positions.get(c);
    const windows = at && text.length > 2 * KEYWORD_WINDOW ? mergeWindows(at, text.length) : undefined;
    const covered = windows?.reduce((n, [a, b]) => n + b - a, 0) ?? text.length;
    out.push(covered * 2 < text.length ? { compiled: c, windows } : { compiled: c });
  }
  return out;
}

/** The distinct prefilter keywords, sorted (for `rules list --keywords`). */
export function allKeywords(set: RuleSet): string[] {
  return [...set.keywords];
}
