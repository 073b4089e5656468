// Where a rule's matches can start, read from its regex: the literal text every match begins
// with (`sk-ant-api03-`, one of `key|token|secret|…`). When each such literal starts with one of
// the rule's own keywords, every match starts where the keyword automaton saw that keyword, so
// the rule can be tried at those positions alone (a sticky regex) instead of being run over
// the whole text or its windows: same matches, in the same order (see `anchorKeywords`).
//
// The reader understands the part of the regex syntax that leads rule regexes (lookarounds,
// \b, groups, alternations, literal characters and quantifiers) and gives up on anything else:
// giving up only means the rule is run as before. It reads the source itself rather than
// src/rules/regex-safety-parse.ts's tree: that tree keeps each character as a member of a set
// (a literal and a one-character class look alike, a class's characters lose their order, case
// is folded into the set), and what is needed here is the literal text in the source's order.

/**
 * A way a match can start: `lead` characters (between min and max) of any kind, then `text`.
 * (A lead comes from single characters matched by a class, such as a URL's scheme before
 * its `://`.)
 */
export interface MatchStart {
  text: string;
  lead: [number, number];
}

/** The starts of one alternative, and whether everything read after its lead was literal and required. */
interface Prefixes {
  starts: MatchStart[];
  open: boolean;
}

/** At most this many prefixes per rule (alternations multiply them); beyond it the reader stops extending. */
const MAX_PREFIXES = 64;

interface Atom {
  end: number;
  /** `char`: one character of a set (a class, an escape class, a dot); `other`: anything else. */
  kind: 'literal' | 'group' | 'zero-width' | 'char' | 'other';
  text?: string;
  inner?: MatchStart[];
  innerOpen?: boolean;
}

/** A class of at most this many plain characters is read as an alternation of them. */
const SMALL_CLASS = 8;

/** The index just after the group opening at `i` (src[i] === '('), or -1. Escapes and classes are skipped. */
function groupEnd(src: string, i: number): number {
  let depth = 0;
  for (let j = i; j < src.length; j++) {
    const c = src[j];
    if (c === '\\') j++;
    else if (c === '[') {
      j = classEnd(src, j) - 1;
      if (j < 0) return -1;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j + 1;
  }
  return -1;
}

/** The index just after the character class opening at `i`, or -1. */
function classEnd(src: string, i: number): number {
  for (let j = i + 1; j < src.length; j++) {
    if (src[j] === '\\') j++;
    else if (src[j] === ']') return j + 1;
  }
  return -1;
}

/** A quantifier at `i`: its minimum and maximum (Infinity) and where it ends; none is {1, 1}. */
function quantifier(src: string, i: number): { min: number; max: number; end: number } {
  let q: { min: number; max: number; end: number } | undefined;
  const c = src[i];
  if (c === '?') q = { min: 0, max: 1, end: i + 1 };
  else if (c === '*') q = { min: 0, max: Infinity, end: i + 1 };
  else if (c === '+') q = { min: 1, max: Infinity, end: i + 1 };
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i, i + 24));
    if (m) q = { min: Number(m[1]), max: m[2] === undefined ? Number(m[1]) : m[3] ? Number(m[3]) : Infinity, end: i + m[0].length };
  }
  if (!q) return { min: 1, max: 1, end: i };
  if (src[q.end] === '?') q.end++;
  return q;
}

function atom(src: string, i: number): Atom | undefined {
  const c = src[i];
  if (c === '(') {
    const end = groupEnd(src, i);
    if (end < 0) return undefined;
    if (src.startsWith('(?=', i) || src.startsWith('(?!', i) || src.startsWith('(?<=', i) || src.startsWith('(?<!', i)) return { end, kind: 'zero-width' };
    let from = i + 1;
    if (src.startsWith('(?:', i)) from = i + 3;
    else if (src.startsWith('(?<', i)) from = src.indexOf('>', i) + 1;
    else if (src[i + 1] === '?') return { end, kind: 'other' };
    const inner = alternatives(src, from);
    if (!inner || inner.end !== end - 1) return { end, kind: 'other' };
    return { end, kind: 'group', inner: inner.starts, innerOpen: inner.open };
  }
  if (c === '[') {
    const end = classEnd(src, i);
    if (end < 0) return undefined;
    // [pe], [Cc]: a few plain characters, an alternation of them; any other class is one character of a set.
    const body = src.slice(i + 1, end - 1);
    if (body.length > 0 && body.length <= SMALL_CLASS && /^[A-Za-z0-9_]+$/.test(body)) {
      return { end, kind: 'group', inner: [...new Set(body)].map((ch) => ({ text: ch, lead: [0, 0] })), innerOpen: true };
    }
    return { end, kind: 'char' };
  }
  if (c === '\\') {
    const e = src[i + 1];
    if (e === undefined) return undefined;
    if (e === 'b' || e === 'B') return { end: i + 2, kind: 'zero-width' };
    // An escaped punctuation character is itself; letters and digits are classes, controls, references.
    if (/[^A-Za-z0-9]/.test(e)) return { end: i + 2, kind: 'literal', text: e };
    return { end: i + 2, kind: /[dDwWsS]/.test(e) ? 'char' : 'other' };
  }
  if (c === '.') return { end: i + 1, kind: 'char' };
  if ('^$|?*+)]{}'.includes(c)) return { end: i + 1, kind: 'other' };
  return { end: i + 1, kind: 'literal', text: c };
}

/**
 * The literal prefixes of the alternation starting at `i` (up to the `)` closing it or the end
 * of the source): every match of it starts with one of them. `open` when each alternative was
 * literal and required to its end (so a group's prefixes may be extended by what follows it).
 */
function alternatives(src: string, i: number): { starts: MatchStart[]; open: boolean; end: number } | undefined {
  const done: Prefixes[] = [];
  const fresh = (): Prefixes => ({ starts: [{ text: '', lead: [0, 0] }], open: true });
  let cur = fresh();
  while (i < src.length && src[i] !== ')') {
    if (src[i] === '|') {
      done.push(cur);
      cur = fresh();
      i++;
      continue;
    }
    const a = atom(src, i);
    if (!a) return undefined;
    const q = quantifier(src, a.end);
    i = q.end;
    if (!cur.open || a.kind === 'zero-width') continue;
    // Before any literal, characters of a set with a bounded count make a lead.
    const bare = cur.starts.length === 1 && cur.starts[0].text === '';
    if (a.kind === 'char' && bare && q.max !== Infinity) {
      const [lo, hi] = cur.starts[0].lead;
      cur.starts = [{ text: '', lead: [lo + q.min, hi + q.max] }];
      continue;
    }
    if (q.min === 0 || a.kind === 'other' || a.kind === 'char') {
      cur.open = false;
      continue;
    }
    if (a.kind === 'literal') cur.starts = cur.starts.map((p) => ({ text: p.text + a.text, lead: p.lead }));
    else {
      // A group's own leads add to a lead so far only when nothing literal came before it:
      // after a literal, a group that starts with a lead ends the literal.
      const afterLiteral = cur.starts.some((p) => p.text !== '');
      if (afterLiteral && a.inner!.some((x) => x.lead[1] !== 0)) {
        cur.open = false;
        continue;
      }
      // Counted before it is built: a custom rule's alternation of 50,000 literals after another
      // of 64 would otherwise make millions of prefixes only to drop them.
      if (cur.starts.length * a.inner!.length > MAX_PREFIXES) {
        cur.open = false;
        continue;
      }
      const grown: MatchStart[] = [];
      for (const p of cur.starts) for (const x of a.inner!) grown.push({ text: p.text + x.text, lead: [p.lead[0] + x.lead[0], p.lead[1] + x.lead[1]] });
      cur.starts = grown;
      if (!a.innerOpen) cur.open = false;
    }
    if (q.max !== 1) cur.open = false;
  }
  done.push(cur);
  return { starts: done.flatMap((p) => p.starts), open: done.every((p) => p.open), end: i };
}

/**
 * The literal texts every match of the regex starts with (one per way it can start), or
 * undefined when the reader cannot tell. An empty string among them means a match may start
 * with anything.
 */
export function matchStartLiterals(source: string): string[] | undefined {
  return matchStarts(source)?.map((s) => (s.lead[1] === 0 ? s.text : ''));
}

/** The ways every match of the regex starts (a lead, then a literal), each once, or undefined when the reader cannot tell. */
export function matchStarts(source: string): MatchStart[] | undefined {
  const r = alternatives(source, 0);
  if (!r || r.end !== source.length) return undefined;
  const seen = new Map<string, MatchStart>();
  for (const s of r.starts) seen.set(`${s.lead[0]},${s.lead[1]},${s.text}`, s);
  return [...seen.values()];
}

/**
 * The rule keywords at whose occurrences every match of `regex` starts, or undefined when some
 * match may start elsewhere. Each literal a match starts with must begin with one of them
 * (compared in lower case: the keyword automaton folds case, so it sees a keyword wherever a
 * case-sensitive or case-insensitive regex can match it; without the `u` flag, which rules do
 * not take, no character outside ASCII matches an ASCII letter case-insensitively). Only
 * ASCII keywords qualify: their occurrences are the automaton's hits.
 */
export function anchorKeywords(regex: string, keywords: readonly string[]): Anchor | undefined {
  const starts = matchStarts(regex);
  if (!starts?.length) return undefined;
  // eslint-disable-next-line no-control-regex -- the ASCII range
  const usable = keywords.filter((k) => k.length > 0 && /^[\x00-\x7f]+$/.test(k));
  const used = new Set<string>();
  const lead: [number, number] = [Infinity, 0];
  for (const s of starts) {
    const lower = s.text.toLowerCase();
    const k = usable.filter((x) => lower.startsWith(x));
    if (!k.length || s.lead[1] > MAX_LEAD) return undefined;
    for (const x of k) used.add(x);
    lead[0] = Math.min(lead[0], s.lead[0]);
    lead[1] = Math.max(lead[1], s.lead[1]);
  }
  return { keywords: [...used].sort(), lead };
}

/** Where a rule's matches start: `lead` characters (at least, at most) before one of `keywords`. */
export interface Anchor {
  keywords: string[];
  lead: [number, number];
}

/** A longer lead is not worth trying position by position (the rule then runs as before). */
const MAX_LEAD = 64;
