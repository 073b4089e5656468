// A small parser for the JavaScript regex syntax rules use, into a tree that regex-safety.ts
// can reason about: character sets (as ASCII bitmaps plus one bucket for everything else),
// sequences, alternations, repeats and zero-width assertions. It is not a validator: the
// RegExp constructor has already accepted the source; anything unusual becomes a wildcard.

/** Characters 0–127 individually, 128 for every non-ASCII character. */
export type CharSet = Uint8Array;
const SIZE = 129;

export type RNode =
  | { t: 'set'; set: CharSet }
  | { t: 'seq'; items: RNode[] }
  | { t: 'alt'; alts: RNode[] }
  /** `at`: where the repeat (atom and quantifier) sits in the source, for messages. */
  | { t: 'rep'; min: number; max: number; child: RNode; at: [number, number] }
  /** Anchors, \b, lookarounds (their content is kept for analysis), backreferences. */
  | { t: 'zero'; child?: RNode };

export function emptySet(): CharSet {
  return new Uint8Array(SIZE);
}

function setOf(pred: (c: number) => boolean, nonAscii: boolean): CharSet {
  const s = emptySet();
  for (let c = 0; c < 128; c++) s[c] = pred(c) ? 1 : 0;
  s[128] = nonAscii ? 1 : 0;
  return s;
}

export function union(a: CharSet, b: CharSet): CharSet {
  const s = emptySet();
  for (let i = 0; i < SIZE; i++) s[i] = a[i] | b[i];
  return s;
}

export function intersects(a: CharSet, b: CharSet): boolean {
  for (let i = 0; i < SIZE; i++) if (a[i] & b[i]) return true;
  return false;
}

/** Members as characters (non-ASCII as 'é'), for building probe inputs. */
export function members(s: CharSet): string[] {
  const out: string[] = [];
  for (let c = 0; c < 128; c++) if (s[c]) out.push(String.fromCharCode(c));
  if (s[128]) out.push('é');
  return out;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isWord = (c: number) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);
const ANY = () => setOf(() => true, true);

function classEscape(ch: string): CharSet | undefined {
  switch (ch) {
    case 'd': return setOf(isDigit, false);
    case 'D': return setOf((c) => !isDigit(c), true);
    case 'w': return setOf(isWord, false);
    case 'W': return setOf((c) => !isWord(c), true);
    case 's': return setOf(isSpace, true);
    case 'S': return setOf((c) => !isSpace(c), true);
    default: return undefined;
  }
}

const CONTROL: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11, '0': 0 };

class Parser {
  i = 0;
  constructor(private readonly src: string, private readonly fold: boolean, private readonly dotAll: boolean) {}

  private single(code: number): CharSet {
    const s = emptySet();
    const mark = (c: number) => (s[c < 128 ? c : 128] = 1);
    mark(code);
    if (this.fold && code < 128) {
      const ch = String.fromCharCode(code);
      mark(ch.toLowerCase().charCodeAt(0));
      mark(ch.toUpperCase().charCodeAt(0));
    }
    return s;
  }

  /** After a backslash: a code point, or a whole class (\d, \w, ...). */
  private escape(): { code?: number; set?: CharSet } {
    const ch = this.src[this.i++] ?? '\\';
    const cls = classEscape(ch);
    if (cls) return { set: cls };
    if (ch in CONTROL) return { code: CONTROL[ch] };
    const hex = ch === 'x' ? 2 : ch === 'u' ? 4 : 0;
    if (hex && /^[0-9a-fA-F]+$/.test(this.src.slice(this.i, this.i + hex))) {
      const code = parseInt(this.src.slice(this.i, this.i + hex), 16);
      this.i += hex;
      return { code };
    }
    return { code: ch.charCodeAt(0) };
  }

  private charClass(): CharSet {
    let negate = false;
    if (this.src[this.i] === '^') {
      negate = true;
      this.i++;
    }
    let s = emptySet();
    let first = true;
    while (this.i < this.src.length && (this.src[this.i] !== ']' || first)) {
      first = false;
      const lo = this.classAtom();
      if (lo.set) {
        s = union(s, lo.set);
        continue;
      }
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length) {
        this.i++;
        const hi = this.classAtom();
        const top = hi.code ?? lo.code!;
        for (let c = lo.code!; c <= Math.min(top, 127); c++) s = union(s, this.single(c));
        if (top >= 128) s[128] = 1;
      } else {
        s = union(s, this.single(lo.code!));
      }
    }
    this.i++; // ]
    if (!negate) return s;
    const out = emptySet();
    for (let c = 0; c < SIZE; c++) out[c] = s[c] ? 0 : 1;
    out[128] = 1;
    return out;
  }

  private classAtom(): { code?: number; set?: CharSet } {
    const ch = this.src[this.i++];
    return ch === '\\' ? this.escape() : { code: ch.charCodeAt(0) };
  }

  private quantifier(): { min: number; max: number } | undefined {
    const ch = this.src[this.i];
    let q: { min: number; max: number } | undefined;
    if (ch === '*') q = { min: 0, max: Infinity };
    else if (ch === '+') q = { min: 1, max: Infinity };
    else if (ch === '?') q = { min: 0, max: 1 };
    else if (ch === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return undefined;
      this.i += m[0].length - 1;
      q = { min: Number(m[1]), max: m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]) };
    }
    if (!q) return undefined;
    this.i++;
    if (this.src[this.i] === '?') this.i++; // lazy: same backtracking cost
    return q;
  }

  private group(): RNode {
    const rest = this.src.slice(this.i);
    const look = /^\?(<?[=!])/.exec(rest);
    if (look) this.i += look[0].length;
    else if (rest.startsWith('?:')) this.i += 2;
    else if (rest.startsWith('?<')) this.i = this.src.indexOf('>', this.i) + 1;
    const inner = this.disjunction();
    this.i++; // )
    return look ? { t: 'zero', child: inner } : inner;
  }

  private atom(): RNode | undefined {
    const ch = this.src[this.i++];
    if (ch === '^' || ch === '$') return { t: 'zero' };
    if (ch === '.') return { t: 'set', set: this.dotAll ? ANY() : setOf((c) => c !== 10 && c !== 13, true) };
    if (ch === '[') return { t: 'set', set: this.charClass() };
    if (ch === '(') return this.group();
    if (ch === '\\') {
      const next = this.src[this.i];
      if (next === 'b' || next === 'B' || /[1-9k]/.test(next)) {
        this.i++;
        if (next === 'k') this.i = Math.max(this.i, this.src.indexOf('>', this.i) + 1);
        return { t: 'zero' };
      }
      const e = this.escape();
      return { t: 'set', set: e.set ?? this.single(Math.min(e.code!, 128)) };
    }
    return { t: 'set', set: this.single(Math.min(ch.charCodeAt(0), 128)) };
  }

  disjunction(): RNode {
    const alts: RNode[] = [this.alternative()];
    while (this.src[this.i] === '|') {
      this.i++;
      alts.push(this.alternative());
    }
    return alts.length === 1 ? alts[0] : { t: 'alt', alts };
  }

  private alternative(): RNode {
    const items: RNode[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const start = this.i;
      let node = this.atom();
      if (!node) break;
      const q = this.quantifier();
      if (q) node = { t: 'rep', ...q, child: node, at: [start, this.i] };
      items.push(node);
    }
    return items.length === 1 ? items[0] : { t: 'seq', items };
  }
}

/** Parse a regex source the RegExp constructor accepted. `flags`: i folds case, s makes . match all. */
export function parseRegex(source: string, flags = ''): RNode {
  return new Parser(source, flags.includes('i'), flags.includes('s')).disjunction();
}

export function nullable(n: RNode, assume?: RNode): boolean {
  if (n === assume) return true;
  switch (n.t) {
    case 'set': return false;
    case 'seq': return n.items.every((i) => nullable(i, assume));
    case 'alt': return n.alts.some((a) => nullable(a, assume));
    case 'rep': return n.min === 0 || nullable(n.child, assume);
    case 'zero': return true;
  }
}

/** Characters a match of `n` can start with. */
export function firstSet(n: RNode): CharSet {
  switch (n.t) {
    case 'set': return n.set;
    case 'alt': return n.alts.map(firstSet).reduce(union, emptySet());
    case 'rep': return firstSet(n.child);
    case 'zero': return emptySet();
    case 'seq': {
      let s = emptySet();
      for (const item of n.items) {
        s = union(s, firstSet(item));
        if (!nullable(item)) break;
      }
      return s;
    }
  }
}

export function* walk(n: RNode): Generator<RNode> {
  yield n;
  if (n.t === 'seq') for (const i of n.items) yield* walk(i);
  else if (n.t === 'alt') for (const a of n.alts) yield* walk(a);
  else if (n.t === 'rep') yield* walk(n.child);
  else if (n.t === 'zero' && n.child) yield* walk(n.child);
}
