// Keys split across string literals joined in code: `"sk-ant-api03-AAAA" + "BBBB…"` in
// JavaScript, TypeScript, Java, C# or Go, Python's implicit `("ghp_abc" "def…")` and `\` line
// continuations, a PEM block built as `"-----BEGIN…\n" + "MII…\n" + …`. The raw text never holds
// the key whole, so the rules cannot see it. Like the unescaped view (unescape.ts), this adds one
// more fragment for such a file: the lines of each chain of joined literals, the chain replaced
// by one literal holding their contents, and an OffsetMap back to the raw offsets, so a match
// lands on the first literal's line and column. Files with no joined literals cost one regex pass.
import { isAscii } from 'node:buffer';
import type { Blob } from '../contracts/blob.js';
import type { ContentKind, Fragment } from '../contracts/fragment.js';
import { LineIndex } from './line-index.js';
import { OffsetMap, pieceFragment } from './offset-map.js';

/**
 * How a language joins literals: `plus` (+ only: JS/TS, Java, C#, Go, Kotlin, Scala, Swift, Dart,
 * Groovy), `python` and `ruby` (+, adjacency, `\` continuations), `c` (adjacency), `php` (.).
 */
export type ConcatDialect = 'plus' | 'python' | 'ruby' | 'c' | 'php';

const BY_EXTENSION: Record<string, ConcatDialect> = {
  js: 'plus', jsx: 'plus', mjs: 'plus', cjs: 'plus', ts: 'plus', tsx: 'plus', mts: 'plus', cts: 'plus',
  java: 'plus', kt: 'plus', kts: 'plus', scala: 'plus', groovy: 'plus', gradle: 'plus', cs: 'plus', go: 'plus', swift: 'plus', dart: 'plus',
  py: 'python', pyw: 'python', rb: 'ruby', c: 'c', h: 'c', cc: 'c', cpp: 'c', cxx: 'c', hpp: 'c', m: 'c', mm: 'c', php: 'php',
};

export function concatDialect(path: string): ConcatDialect | undefined {
  const base = (path.split('/').pop() ?? path).toLowerCase();
  const dot = base.lastIndexOf('.');
  return dot > 0 ? BY_EXTENSION[base.slice(dot + 1)] : undefined;
}

// One-line literals; a chain may span lines through its joiners. Single quotes are strings in
// JS, Python, Ruby and PHP (a char in Java or C: too short to matter), backticks in JS and Go.
const LITERAL = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\[\s\S])*`/g;

/** What may stand between two joined literals: whitespace and the language's operator. */
const JOINER: Record<ConcatDialect, RegExp> = {
  plus: /^\s*\+\s*$/,
  python: /^(?:\s|\\\r?\n)*\+?(?:\s|\\\r?\n)*$/,
  ruby: /^(?:\s|\\\r?\n)*\+?(?:\s|\\\r?\n)*$/,
  c: /^\s+$/,
  php: /^\s*\.\s*$/,
};

/** A cheap test that a file may join two literals at all. */
const TRIGGER: Record<ConcatDialect, RegExp> = {
  plus: /["'`]\s*\+\s*["'`]/,
  python: /["']\s*(?:\+|\\?\r?\n)?\s*["']/,
  ruby: /["']\s*(?:\+|\\?\r?\n)?\s*["']/,
  c: /"\s+"/,
  php: /["']\s*\.\s*["']/,
};

/**
 * Whether a file of these bytes may join two literals (the cheap test joinLiterals starts
 * with), read on the bytes: exact for ASCII bytes, which are their own text, and true for any
 * other (a Unicode space between a literal and its joiner is not a space byte).
 */
export function mayJoinLiterals(bytes: Buffer, dialect: ConcatDialect): boolean {
  return !isAscii(bytes) || TRIGGER[dialect].test(bytes.toString('latin1'));
}

/** A gap longer than this between two literals is not a joiner (bounds the work). */
const MAX_GAP = 200;

/** The chains of two or more joined literals, each as the list of its literals' [start, end) raw spans. */
export function literalChains(src: string, dialect: ConcatDialect): Array<Array<[number, number]>> {
  const chains: Array<Array<[number, number]>> = [];
  let current: Array<[number, number]> = [];
  const joiner = JOINER[dialect];
  const re = new RegExp(LITERAL.source, 'g');
  for (let m: RegExpExecArray | null; (m = re.exec(src)) !== null;) {
    const start = m.index;
    const end = start + m[0].length;
    // Backticks are strings in JS and Go only; a template with ${...} is not a literal.
    if (m[0][0] === '`' && (dialect !== 'plus' || m[0].includes('${'))) {
      if (current.length > 1) chains.push(current);
      current = [];
      continue;
    }
    const prev = current[current.length - 1];
    if (prev && start - prev[1] <= MAX_GAP && joiner.test(src.slice(prev[1], start))) current.push([start, end]);
    else {
      if (current.length > 1) chains.push(current);
      current = [[start, end]];
    }
  }
  if (current.length > 1) chains.push(current);
  return chains;
}

/**
 * The lines that hold a chain, with each chain joined into one literal, and their map to raw
 * offsets; undefined when nothing is joined. Only those lines (from the start of a chain's
 * first line to the end of its last, so the name it is assigned to stays in view) are kept, one
 * after another: the rules' second pass costs what the joined lines cost, not the whole file.
 */
export function joinLiterals(src: string, dialect: ConcatDialect): { text: string; map: OffsetMap } | undefined {
  if (!TRIGGER[dialect].test(src)) return undefined;
  const chains = literalChains(src, dialect);
  if (!chains.length) return undefined;
  const map = new OffsetMap();
  let out = '';
  let copied = 0; // raw offset copied up to
  let segmentEnd = -1; // raw end of the lines being copied
  const endOfLine = (at: number) => {
    const nl = src.indexOf('\n', at);
    return nl === -1 ? src.length : nl;
  };
  for (const chain of chains) {
    const [first] = chain;
    const last = chain[chain.length - 1];
    const lineStart = src.lastIndexOf('\n', first[0] - 1) + 1;
    if (lineStart > segmentEnd) {
      // A new run of lines: close the one before with a line break.
      if (segmentEnd >= 0) {
        map.mark(out.length, copied);
        out += src.slice(copied, segmentEnd) + '\n';
      }
      copied = lineStart;
    }
    // Up to and including the first literal's opening quote, as it is.
    map.mark(out.length, copied);
    out += src.slice(copied, first[0] + 1);
    for (const [start, end] of chain) {
      map.mark(out.length, start + 1);
      out += src.slice(start + 1, end - 1);
    }
    copied = last[1] - 1; // the last literal's closing quote
    segmentEnd = Math.max(segmentEnd, endOfLine(last[1]));
  }
  map.mark(out.length, copied);
  out += src.slice(copied, segmentEnd);
  return { text: out, map };
}

export function joinedFragment(blob: Blob, kind: ContentKind, src: string, dialect: ConcatDialect): Fragment | undefined {
  const joined = joinLiterals(src, dialect);
  if (!joined) return undefined;
  return pieceFragment({ blob, kind, raw: new LineIndex(src), text: joined.text, map: joined.map, place: { encoding: 'concatenated' } });
}
