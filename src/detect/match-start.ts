// Where a rule's matches can start, read from its regex: the literal text every match begins
// with (`sk-ant-api03-`, one of `key|token|secret|…`). When each such literal starts with one of
// the rule's own keywords, every match starts where the keyword automaton saw that keyword, so
// the rule can be tried at those positions alone (a sticky regex) instead of being run over
// the whole text or its windows: same matches, in the same order (see `anchorKeywords`).
//
// The reader understands the part of the regex syntax that leads rule regexes (lookarounds,
// \b, groups, alternations, literal characters and quantifiers) and gives up on anything else:
// giving up only means the rule is run as before.

/** The literal prefixes of one alternative, and whether everything read so far was literal and required. */
interface Prefixes {
  texts: string[];
  open: boolean;
}

/** At most this many prefixes per rule (alternations multiply them); beyond it the reader stops extending. */
const MAX_PREFIXES = 64;

interface Atom {
  end: number;
  kind: 'literal' | 'group' | 'zero-width' | 'other';
  text?: string;
  inner?: string[];
  innerOpen?: boolean;
}

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
    return { end, kind: 'group', inner: inner.texts, innerOpen: inner.open };
  }
  if (c === '[') {
    const end = classEnd(src, i);
    return end < 0 ? undefined : { end, kind: 'other' };
  }
  if (c === '\\') {
    const e = src[i + 1];
    if (e === undefined) return undefined;
    if (e === 'b' || e === 'B') return { end: i + 2, kind: 'zero-width' };
    // An escaped punctuation character is itself; letters and digits are classes, controls, references.
    if (/[^A-Za-z0-9]/.test(e)) return { end: i + 2, kind: 'literal', text: e };
    return { end: i + 2, kind: 'other' };
  }
  if ('^$.|?*+)]{}'.includes(c)) return { end: i + 1, kind: 'other' };
  return { end: i + 1, kind: 'literal', text: c };
}

/**
 * The literal prefixes of the alternation starting at `i` (up to the `)` closing it or the end
 * of the source): every match of it starts with one of them. `open` when each alternative was
 * literal and required to its end (so a group's prefixes may be extended by what follows it).
 */
function alternatives(src: string, i: number): { texts: string[]; open: boolean; end: number } | undefined {
  const done: Prefixes[] = [];
  let cur: Prefixes = { texts: [''], open: true };
  while (i < src.length && src[i] !== ')') {
    if (src[i] === '|') {
      done.push(cur);
      cur = { texts: [''], open: true };
      i++;
      continue;
    }
    const a = atom(src, i);
    if (!a) return undefined;
    const q = quantifier(src, a.end);
    i = q.end;
    if (!cur.open || a.kind === 'zero-width') continue;
    if (q.min === 0 || a.kind === 'other') {
      cur.open = false;
      continue;
    }
    if (a.kind === 'literal') cur.texts = cur.texts.map((t) => t + a.text);
    else {
      const grown = cur.texts.flatMap((t) => a.inner!.map((x) => t + x));
      if (grown.length > MAX_PREFIXES) {
        cur.open = false;
        continue;
      }
      cur.texts = grown;
      if (!a.innerOpen) cur.open = false;
    }
    if (q.max !== 1) cur.open = false;
  }
  done.push(cur);
  return { texts: done.flatMap((p) => p.texts), open: done.every((p) => p.open), end: i };
}

/**
 * The literal texts every match of the regex starts with (one per way it can start), or
 * undefined when the reader cannot tell. An empty string among them means a match may start
 * with anything.
 */
export function matchStartLiterals(source: string): string[] | undefined {
  const r = alternatives(source, 0);
  if (!r || r.end !== source.length) return undefined;
  return [...new Set(r.texts)];
}

/**
 * The rule keywords at whose occurrences every match of `regex` starts, or undefined when some
 * match may start elsewhere. Each literal a match starts with must begin with one of them
 * (compared in lower case: the keyword automaton folds case, so it sees a keyword wherever a
 * case-sensitive or case-insensitive regex can match it; without the `u` flag, which rules do
 * not take, no character outside ASCII matches an ASCII letter case-insensitively). Only
 * ASCII keywords qualify: their occurrences are the automaton's hits.
 */
export function anchorKeywords(regex: string, keywords: readonly string[]): string[] | undefined {
  const starts = matchStartLiterals(regex);
  if (!starts?.length) return undefined;
  // eslint-disable-next-line no-control-regex -- the ASCII range
  const usable = keywords.filter((k) => k.length > 0 && /^[\x00-\x7f]+$/.test(k));
  const used = new Set<string>();
  for (const s of starts) {
    const lower = s.toLowerCase();
    const k = usable.filter((x) => lower.startsWith(x));
    if (!k.length) return undefined;
    for (const x of k) used.add(x);
  }
  return [...used].sort();
}
