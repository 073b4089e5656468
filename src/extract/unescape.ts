// Keys written with string escapes: `"sk-\u0070roj-…"` in a .json or .js file, `"ghp_\x41…"` or
// a double-quoted YAML scalar broken over lines with `\`. The raw text never holds the key, so
// the rules cannot see it. This extractor adds one more fragment for such a file: the text with
// each string literal that holds an escape replaced by its decoded value, and a map back to the
// raw offsets, so a match lands on the escaped form's real line and column (and its snippet is
// masked there, by position). Files without an escape that could hide a key cost one regex pass.
import type { Blob } from '../contracts/blob.js';
import type { ContentKind, Fragment } from '../contracts/fragment.js';
import { LineIndex } from './line-index.js';
import { OffsetMap, pieceFragment } from './offset-map.js';

export type EscapeDialect = 'json' | 'js' | 'yaml';

/** Which files get the decoded fragment: JSON and JavaScript string escapes, YAML double quotes. */
export function escapeDialect(path: string): EscapeDialect | undefined {
  const base = (path.split('/').pop() ?? path).toLowerCase();
  if (/\.(?:json|jsonc|json5|jsonl|ndjson)$/.test(base) || base.startsWith('oai_config_list')) return 'json';
  if (/\.(?:[cm]?[jt]sx?)$/.test(base)) return 'js';
  if (/\.ya?ml$/.test(base)) return 'yaml';
  return undefined;
}

/** Escapes that can stand for a key's characters (not \n or \" alone, which every JSON file has). */
const HIDING = /\\(?:u[0-9a-fA-F{]|x[0-9a-fA-F]{2}|U[0-9a-fA-F]{8}|\/|\r?\n)/;

/**
 * Whether the UTF-8 text of these bytes may hold an escape that HIDING names (a superset, read on
 * the bytes: a backslash before u, x, U, / or a line break).
 */
export function mayHideEscapes(bytes: Buffer): boolean {
  for (let i = bytes.indexOf(0x5c); i !== -1; i = bytes.indexOf(0x5c, i + 1)) {
    const c = bytes[i + 1];
    if (c === 0x75 || c === 0x78 || c === 0x55 || c === 0x2f || c === 0x0a || c === 0x0d) return true;
  }
  return false;
}

// One line for JSON and JS literals; YAML double-quoted scalars may span lines.
const LITERALS: Record<EscapeDialect, RegExp> = {
  json: /"(?:[^"\\\n]|\\.)*"/g,
  js: /"(?:[^"\\\n]|\\[\s\S])*"|'(?:[^'\\\n]|\\[\s\S])*'|`(?:[^`\\]|\\[\s\S])*`/g,
  yaml: /"(?:[^"\\]|\\[\s\S])*"/g,
};

const SIMPLE: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0', a: '\x07', e: '\x1b', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029' };

function hex(src: string, at: number, n: number): number | undefined {
  const h = src.slice(at, at + n);
  return h.length === n && /^[0-9a-fA-F]+$/.test(h) ? parseInt(h, 16) : undefined;
}

/** One escape at src[i] (a backslash): the decoded text and the raw length it takes. */
function escapeAt(src: string, i: number, dialect: EscapeDialect): [string, number] {
  const c = src[i + 1];
  if (c === '\r' && src[i + 2] === '\n') return ['', 3 + (dialect === 'yaml' ? leadingSpace(src, i + 3) : 0)];
  if (c === '\n') return ['', 2 + (dialect === 'yaml' ? leadingSpace(src, i + 2) : 0)];
  if (c === 'u' && src[i + 2] === '{' && dialect === 'js') {
    const close = src.indexOf('}', i + 3);
    const cp = close !== -1 && close - i < 12 ? hex(src, i + 3, close - i - 3) : undefined;
    if (cp !== undefined && cp <= 0x10ffff) return [String.fromCodePoint(cp), close - i + 1];
  }
  const width = c === 'u' ? 4 : c === 'x' && dialect !== 'json' ? 2 : c === 'U' && dialect === 'yaml' ? 8 : 0;
  if (width) {
    const cp = hex(src, i + 2, width);
    if (cp !== undefined && cp <= 0x10ffff) return [String.fromCodePoint(cp), 2 + width];
  }
  return [SIMPLE[c] ?? c ?? '', 2];
}

function leadingSpace(src: string, at: number): number {
  let n = 0;
  while (src[at + n] === ' ' || src[at + n] === '\t') n++;
  return n;
}

/** Copy src[from, to) to the output; YAML folds a line break and the indentation around it into one space. */
function copyRun(src: string, from: number, to: number, fold: boolean, map: OffsetMap, emit: (s: string) => void, at: () => number): void {
  const breaks = fold ? /[ \t]*\r?\n[ \t]*/g : undefined;
  let i = from;
  if (breaks) {
    breaks.lastIndex = from;
    for (let b: RegExpExecArray | null; (b = breaks.exec(src)) !== null && b.index < to;) {
      map.mark(at(), i);
      emit(src.slice(i, b.index) + ' ');
      i = Math.min(to, b.index + b[0].length);
    }
  }
  map.mark(at(), i);
  emit(src.slice(i, to));
}

/** The decoded text of the whole file and its map to raw offsets, or undefined when nothing hides. */
export function unescapeLiterals(src: string, dialect: EscapeDialect): { text: string; map: OffsetMap } | undefined {
  if (!HIDING.test(src)) return undefined;
  const map = new OffsetMap();
  let out = '';
  let copied = 0; // raw offset up to which src has been copied to out
  let changed = false;
  const re = new RegExp(LITERALS[dialect].source, 'g');
  for (let m: RegExpExecArray | null; (m = re.exec(src)) !== null;) {
    if (!HIDING.test(m[0])) continue;
    changed = true;
    const end = m.index + m[0].length - 1; // the closing quote
    let i = m.index + 1;
    map.mark(out.length, copied);
    out += src.slice(copied, i);
    while (i < end) {
      const bs = src.indexOf('\\', i);
      const runEnd = bs === -1 || bs > end ? end : bs;
      if (runEnd > i) {
        copyRun(src, i, runEnd, dialect === 'yaml', map, (s) => (out += s), () => out.length);
        i = runEnd;
        continue;
      }
      map.mark(out.length, i);
      const [decoded, used] = escapeAt(src, i, dialect);
      out += decoded;
      i += used;
      map.mark(out.length, i);
    }
    copied = end;
  }
  if (!changed) return undefined;
  map.mark(out.length, copied);
  out += src.slice(copied);
  return { text: out, map };
}

export function unescapedFragment(blob: Blob, kind: ContentKind, src: string, dialect: EscapeDialect): Fragment | undefined {
  const decoded = unescapeLiterals(src, dialect);
  if (!decoded) return undefined;
  return pieceFragment({ blob, kind, raw: new LineIndex(src), text: decoded.text, map: decoded.map, place: { encoding: 'escaped' } });
}
