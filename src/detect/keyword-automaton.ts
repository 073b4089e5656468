// Aho–Corasick over lower-case keywords, compiled to a dense DFA: one table lookup per
// character, whatever the number of keywords. Upper-case ASCII is folded onto lower-case in the
// table itself, so the text is read as it is. Characters outside Latin-1 cannot be part of a
// keyword (keywords with them are matched separately, by a lower-cased substring search).

export interface KeywordAutomaton {
  /** transitions: table[state * 256 + char] = next state * 256 (pre-multiplied). */
  table: Int32Array;
  /** For each state, the keyword indexes that end there (suffix links already merged). */
  outputs: Array<number[] | undefined>;
  /** 1 for states with outputs: the hot loop tests this typed array, not the outputs list. */
  accepting: Uint8Array;
  /** Keywords the table cannot hold (a character above U+00FF): [index, keyword]. */
  wide: Array<[number, string]>;
  /** wideStarters(wide), when the snapshot recorded it for this Unicode version. */
  starters?: string;
}

export function keywordAutomaton(keywords: string[]): KeywordAutomaton {
  const goto: Int32Array[] = [new Int32Array(256).fill(-1)];
  const out: number[][] = [[]];
  const wide: Array<[number, string]> = [];
  keywords.forEach((word, index) => {
    if ([...word].some((ch) => ch.charCodeAt(0) > 255) || word.length === 0) {
      wide.push([index, word]);
      return;
    }
    let s = 0;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      if (goto[s][c] === -1) {
        goto[s][c] = goto.length;
        goto.push(new Int32Array(256).fill(-1));
        out.push([]);
      }
      s = goto[s][c];
    }
    out[s].push(index);
  });
  const fail = new Int32Array(goto.length);
  const queue: number[] = [];
  for (let c = 0; c < 256; c++) {
    const s = goto[0][c];
    if (s === -1) goto[0][c] = 0;
    else queue.push(s);
  }
  for (let head = 0; head < queue.length; head++) {
    const r = queue[head];
    for (let c = 0; c < 256; c++) {
      const s = goto[r][c];
      if (s === -1) {
        goto[r][c] = goto[fail[r]][c];
        continue;
      }
      queue.push(s);
      fail[s] = goto[fail[r]][c];
      if (out[fail[s]].length) out[s] = [...out[s], ...out[fail[s]]];
    }
  }
  const table = new Int32Array(goto.length * 256);
  goto.forEach((row, s) => {
    for (let c = 0; c < 256; c++) {
      // Fold A–Z and Latin-1 À–Þ (not ×) onto their lower case: keywords are lower case.
      const upper = (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
      const next = upper ? row[c + 32] : row[c];
      table[s * 256 + c] = next * 256;
    }
  });
  const accepting = new Uint8Array(out.length);
  out.forEach((o, i) => (accepting[i] = o.length ? 1 : 0));
  return { table, outputs: out.map((o) => (o.length ? o : undefined)), accepting, wide };
}

/** Positions recorded per keyword before it counts as dense (its rules then read the whole text). */
export const MAX_HITS = 64;

/** Where the table accepted (scratch of keywordHits, grown on demand; one per thread). */
let acceptedAt: Int32Array = new Int32Array(4096);
let acceptedState: Int32Array = new Int32Array(4096);
/** keywordHits calls in this thread so far, and how many accepts the last one noted. */
let calls = 0;
let lastFound = 0;
/**
 * The last call's hits grouped by keyword (built on the first hitStarts after it): the end
 * offsets of keyword k's hits, in order, are byKeyword[first[k] .. first[k + 1]).
 */
let groupedCall = 0;
let first: Int32Array = new Int32Array(0);
let byKeyword: Int32Array = new Int32Array(4096);

/**
 * Keyword index → end offsets of its first hits (undefined: dense). `starts`, while no other
 * text has been searched in this thread since: where chosen keywords start, every occurrence.
 */
export type KeywordHits = Map<number, number[] | undefined> & { starts?: (lengths: Int32Array, lead?: readonly [number, number]) => Int32Array | undefined };

/**
 * Where each keyword occurs in `text`: keyword index → end offsets of its first hits, or
 * `undefined` once it has more than MAX_HITS (dense: the windows would cover the text anyway).
 *
 * Two passes: the first only walks the table and notes where it accepts (0.6 % of the
 * characters of a node_modules tree), the second turns those into hits.
 */
export function keywordHits(a: KeywordAutomaton, text: string): KeywordHits {
  const { table, outputs, accepting } = a;
  let at = acceptedAt;
  let state = acceptedState;
  let found = 0;
  let s = 0;
  const starter = wideStarterTable(a);
  let wideSeen = false;
  for (let i = 0, n = text.length; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 256) s = table[s + c];
    else {
      s = table[s];
      if (starter[c] !== 0) wideSeen = true;
    }
    if (accepting[s >> 8] === 0) continue;
    if (found === at.length) {
      at = grow(at);
      state = grow(state);
      acceptedAt = at;
      acceptedState = state;
    }
    at[found] = i;
    state[found++] = s >> 8;
  }
  lastFound = found;
  const call = ++calls;
  const hits: KeywordHits = new Map<number, number[] | undefined>();
  hits.starts = (lengths, lead = [0, 0]) => (call === calls ? hitStarts(a, lengths, lead) : undefined);
  for (let h = 0; h < found; h++) {
    const out = outputs[state[h]]!;
    const i = at[h];
    for (let j = 0; j < out.length; j++) {
      const k = out[j];
      const list = hits.get(k);
      if (list === undefined) {
        if (!hits.has(k)) hits.set(k, [i]);
      } else if (list.length >= MAX_HITS) hits.set(k, undefined);
      else list.push(i);
    }
  }
  // A wide keyword has a character above U+00FF, and lower-casing a text of Latin-1 characters
  // gives none: only a text with such a character may hold one. Lower-casing it (a copy, through
  // ICU for a two-byte string) cost most of this function's time on a node_modules tree (347
  // texts with an arrow or an emoji), so it is done only when the text has a character whose
  // lower case could start one (wideStarters): 13 of those 347. The table walk notes such a
  // character where it meets one above U+00FF (a regex looking for them cost more).
  if (wideSeen) {
    const lower = text.toLowerCase();
    for (const [index, word] of a.wide) if (lower.includes(word)) hits.set(index, undefined);
  }
  return hits;
}

/**
 * Where the occurrences of some keywords start (sorted, each once) in the text of the last
 * keywordHits call in this thread (with automaton `a`), from every accept it noted, however
 * dense. `lengths[k]` is the length of keyword k for each keyword wanted, 0 for the others.
 * With a lead [min, max], every offset from max to min characters before each start instead
 * (those at or after the text's start).
 */
function hitStarts(a: KeywordAutomaton, lengths: Int32Array, lead: readonly [number, number]): Int32Array {
  if (groupedCall !== calls || first.length !== lengths.length + 1) groupHits(a, lengths.length);
  const [lo, hi] = lead;
  const span = hi - lo + 1;
  let n = 0;
  let lists = 0;
  for (let k = 0; k < lengths.length; k++) {
    if (lengths[k] === 0 || first[k] === first[k + 1]) continue;
    n += (first[k + 1] - first[k]) * span;
    lists++;
  }
  let starts = new Int32Array(n);
  let w = 0;
  for (let k = 0; k < lengths.length; k++) {
    const len = lengths[k];
    if (len === 0) continue;
    for (let h = first[k]; h < first[k + 1]; h++) {
      const start = byKeyword[h] - len + 1;
      for (let d = hi; d >= lo; d--) if (start - d >= 0) starts[w++] = start - d;
    }
  }
  if (w < n) starts = starts.subarray(0, w);
  n = w;
  // One keyword's starts are in order; several keywords', or the leads of close starts, are merged by sorting (and may coincide).
  if (lists < 2 && span === 1) return starts;
  starts.sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (m === 0 || starts[i] !== starts[m - 1]) starts[m++] = starts[i];
  return m === n ? starts : starts.subarray(0, m);
}

/** Group the last keywordHits call's accepts by keyword (`first`, `byKeyword`), for `keywords` keyword indexes. */
function groupHits(a: KeywordAutomaton, keywords: number): void {
  const { outputs } = a;
  const at = acceptedAt;
  const state = acceptedState;
  first = new Int32Array(keywords + 1);
  for (let h = 0; h < lastFound; h++) {
    const keys = outputs[state[h]]!;
    for (let j = 0; j < keys.length; j++) first[keys[j] + 1]++;
  }
  for (let k = 0; k < keywords; k++) first[k + 1] += first[k];
  if (byKeyword.length < first[keywords]) byKeyword = new Int32Array(Math.max(first[keywords], byKeyword.length * 2));
  const next = first.slice(0, keywords);
  for (let h = 0; h < lastFound; h++) {
    const keys = outputs[state[h]]!;
    for (let j = 0; j < keys.length; j++) byKeyword[next[keys[j]]++] = at[h];
  }
  groupedCall = calls;
}

/**
 * The characters whose lower case holds the first character above U+00FF of some wide keyword
 * (each keyword has one): a text with none of them holds no wide keyword once lower-cased.
 * `toLowerCase` maps each character on its own but for the capital sigma (σ, or ς at the end of
 * a word), so one pass over the Basic Multilingual Plane finds them all (~40 ms); a character
 * beyond it lower-cases to one beyond it. Undefined when a keyword's first such character is
 * beyond it (then every text with a wide character is lower-cased).
 */
export function wideStarters(wide: ReadonlyArray<readonly [number, string]>): string | undefined {
  const firsts = new Set<string>();
  for (const [, word] of wide) {
    const first = [...word].find((ch) => ch.charCodeAt(0) > 255);
    if (first === undefined || first.length !== 1) return undefined;
    firsts.add(first);
  }
  let out = '';
  for (let x = 0x100; x < 0x10000; x++) {
    if (x >= 0xd800 && x <= 0xdfff) continue;
    const ch = String.fromCharCode(x);
    const lower = x === 0x3a3 ? 'σς' : ch.toLowerCase();
    for (const f of firsts) {
      if (lower.includes(f)) {
        out += ch;
        break;
      }
    }
  }
  return out;
}

const starterTables = new WeakMap<KeywordAutomaton, Uint8Array>();
/** No wide keywords: no character above U+00FF starts one. */
const NO_STARTERS = new Uint8Array(0x10000);

/**
 * 1 for each character above U+00FF after which the text must be lower-cased to look for the
 * wide keywords: the automaton's wide starters (from its snapshot, or computed on first use);
 * every such character when they are not known; none when there is no wide keyword.
 */
function wideStarterTable(a: KeywordAutomaton): Uint8Array {
  if (!a.wide.length) return NO_STARTERS;
  let t = starterTables.get(a);
  if (t === undefined) {
    const chars = a.starters ?? wideStarters(a.wide);
    t = new Uint8Array(0x10000);
    if (chars === undefined) t.fill(1, 0x100);
    else for (const ch of chars) t[ch.charCodeAt(0)] = 1;
    starterTables.set(a, t);
  }
  return t;
}

function grow(a: Int32Array): Int32Array {
  const bigger = new Int32Array(a.length * 2);
  bigger.set(a);
  return bigger;
}

/**
 * Whether any keyword occurs in `bytes`, read byte by byte through the same table. Meant for the
 * UTF-8 bytes of a text when every keyword is ASCII (`asciiKeywords`), or for ASCII bytes (which
 * cannot hold any other keyword, and fold as the text does): an ASCII character is the
 * same byte in UTF-8 and no byte of a multi-byte character is ASCII, so a keyword is in the
 * decoded text exactly where its bytes are in the file (an invalid sequence never swallows an
 * ASCII byte either), and a byte above 0x7F leads, as a character above U+007F does, to no
 * keyword. It stops at the first hit.
 */
export function anyKeywordInBytes(a: KeywordAutomaton, bytes: Uint8Array): boolean {
  const { table, accepting } = a;
  let s = 0;
  for (let i = 0, n = bytes.length; i < n; i++) {
    s = table[s + bytes[i]];
    if (accepting[s >> 8] !== 0) return true;
  }
  return false;
}

/** Whether every keyword is ASCII, so `anyKeywordInBytes` may stand in for `keywordHits` on any UTF-8 bytes. */
export function asciiKeywords(keywords: readonly string[]): boolean {
  // eslint-disable-next-line no-control-regex -- the ASCII range, control characters included
  return keywords.every((k) => /^[\x00-\x7f]*$/.test(k));
}

/** Indexes of the keywords that occur in `text`. */
export function keywordsIn(a: KeywordAutomaton, text: string): Set<number> {
  return new Set(keywordHits(a, text).keys());
}

/** The automaton's reading of a character: A–Z and À–Þ (not ×) folded to lower case, beyond U+00FF none (0). */
function foldChar(c: number): number {
  if (c > 255) return 0;
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7) ? c + 32 : c;
}

/**
 * The indexes of the keywords that occur in a text, exactly as keywordHits reports them (the
 * text folded as the table folds it, then one substring search per keyword), without the
 * table: for a short text, searching ~450 keywords costs less than loading the automaton.
 */
export function keywordScanner(keywords: readonly string[]): (text: string) => number[] {
  const wide = keywords.map((word) => word.length === 0 || [...word].some((ch) => ch.charCodeAt(0) > 255));
  return (text) => {
    let folded = text;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (foldChar(c) === c) continue;
      const codes = new Array<number>(text.length);
      for (let j = 0; j < text.length; j++) codes[j] = foldChar(text.charCodeAt(j));
      folded = String.fromCharCode(...codes);
      break;
    }
    let lower: string | undefined;
    const found: number[] = [];
    keywords.forEach((word, index) => {
      if (wide[index] ? (lower ??= text.toLowerCase()).includes(word) : folded.includes(word)) found.push(index);
    });
    return found;
  };
}
