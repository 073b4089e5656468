// A detector-level view of a fragment with the wrappings that hide a key from the rules taken
// off: ANSI colour codes (a notebook traceback prints "\x1b[1msk-proj-...\x1b[0m", and the "m"
// glues itself to the key), HTML character references (data-config="{&quot;apiKey&quot;:...}")
// and JSON string escapes (\" and \/ in a JSON string inside a log line or another JSON string).
// Rules run on the view; every offset maps back to the original text, so lines, columns and
// inline suppressions still point at the file. Extractors decode whole formats; this only
// undoes the few escapes that sit between a name and its value, or around a token.
import type { Fragment } from '../contracts/fragment.js';

// eslint-disable-next-line no-control-regex -- ANSI escape sequences are what this looks for
const WRAPPING = /\x1b\[[0-9;?]{0,20}[A-Za-z]|&(?:(quot|apos|amp|lt|gt|sol|equals|colon)|#([0-9]{1,6})|#x([0-9a-f]{1,6}));|\\(["/\\])/gi;
const NAMED: Record<string, string> = { quot: '"', apos: "'", amp: '&', lt: '<', gt: '>', sol: '/', equals: '=', colon: ':' };

const ENTITY = /^&(?:quot|apos|amp|lt|gt|sol|equals|colon|#x?[0-9a-f]{1,6});/i;

/**
 * Whether the UTF-8 text of these bytes may have a wrapping to take off (a superset of what
 * decodedView looks for, read on the bytes): an ANSI escape, a \" or \/ escape, or a character
 * reference. Every wrapping is ASCII, so it is in the bytes exactly as in the text.
 */
export function mayHaveWrappings(bytes: Buffer): boolean {
  for (let i = bytes.indexOf(0x1b); i !== -1; i = bytes.indexOf(0x1b, i + 1)) if (bytes[i + 1] === 0x5b) return true;
  for (let i = bytes.indexOf(0x5c); i !== -1; i = bytes.indexOf(0x5c, i + 1)) if (bytes[i + 1] === 0x22 || bytes[i + 1] === 0x2f) return true;
  for (let i = bytes.indexOf(0x26); i !== -1; i = bytes.indexOf(0x26, i + 1)) {
    const c = bytes[i + 1] | 0x20; // a letter (either case) or #
    if (((c >= 0x61 && c <= 0x7a) || c === 0x23) && ENTITY.test(bytes.toString('latin1', i, i + 12))) return true;
  }
  return false;
}

export interface DecodedView {
  text: string;
  /** The offset in the original text of an offset in the view (where the character there starts). */
  toOriginal(offset: number): number;
  /** The original offset just after the view's character before `offset`: where a match ending there ends. */
  toOriginalEnd(offset: number): number;
}

/** What one wrapping stands for in the view ("" for an ANSI code; an escaped backslash stays as it is). */
function replacement(m: RegExpMatchArray): string {
  if (m[0].startsWith('\x1b')) return '';
  if (m[4]) return m[4] === '\\' ? m[0] : m[4];
  if (m[1]) return NAMED[m[1].toLowerCase()];
  const code = Number.parseInt(m[2] ?? m[3], m[2] ? 10 : 16);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m[0];
}

/** WRAPPING anchored at one position (every wrapping starts with ESC, & or a backslash). */
const WRAPPING_AT = new RegExp(WRAPPING.source, 'iy');

const CANDIDATE = ['\x1b', '&', '\\'];
/** A position in `next` not looked up yet. */
const UNKNOWN = -2;

/**
 * Where WRAPPING's next match at or after `from` may start: an ESC before `[`, a `&` before a
 * letter or `#`, a backslash before `"`, `/` or a backslash (the only characters its
 * alternatives start with). `next` caches each character's next position.
 */
function nextCandidate(text: string, from: number, next: Int32Array): number {
  for (;;) {
    let at = -1;
    for (let k = 0; k < 3; k++) {
      if (next[k] === UNKNOWN || (next[k] !== -1 && next[k] < from)) next[k] = text.indexOf(CANDIDATE[k], from);
      if (next[k] !== -1 && (at === -1 || next[k] < at)) at = next[k];
    }
    if (at === -1) return -1;
    const c = text.charCodeAt(at + 1);
    const ch = text.charCodeAt(at);
    if (ch === 0x1b ? c === 0x5b : ch === 0x26 ? ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x23 : c === 0x22 || c === 0x2f || c === 0x5c) return at;
    from = at + 1;
  }
}
/**
 * The text with ANSI codes removed and entities and \" \/ escapes decoded, or undefined when it
 * has none. Offsets map back through the list of edits (binary search), so the view costs one
 * pass and memory in proportion to the edits, not to the text. The pass tries WRAPPING only
 * where one may start (found with indexOf), which is the same as scanning with it from the
 * start: a failed try moves one character on, a match to its end.
 */
export function decodedView(text: string): DecodedView | undefined {
  const parts: string[] = [];
  // Per edit: position in the view, in the original, and the length of each.
  const viewAt: number[] = [];
  const origAt: number[] = [];
  const viewLen: number[] = [];
  const origLen: number[] = [];
  let last = 0;
  let v = 0;
  const next = new Int32Array(3).fill(UNKNOWN);
  for (let at = nextCandidate(text, 0, next); at !== -1; ) {
    WRAPPING_AT.lastIndex = at;
    const m = WRAPPING_AT.exec(text);
    if (!m) {
      at = nextCandidate(text, at + 1, next);
      continue;
    }
    const end = at + m[0].length;
    const repl = replacement(m);
    if (repl !== m[0]) {
      parts.push(text.slice(last, at), repl);
      v += at - last;
      viewAt.push(v);
      origAt.push(at);
      viewLen.push(repl.length);
      origLen.push(m[0].length);
      v += repl.length;
      last = end;
    }
    at = nextCandidate(text, end, next);
  }
  if (!viewAt.length) return undefined;
  parts.push(text.slice(last));
  /** Index of the last edit starting at or before view offset `o`, or -1. */
  const editAt = (o: number): number => {
    let lo = 0;
    let hi = viewAt.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (viewAt[mid] <= o) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
  const toOriginal = (o: number): number => {
    const e = editAt(o);
    if (e < 0) return o;
    if (o < viewAt[e] + viewLen[e]) return origAt[e];
    return origAt[e] + origLen[e] + (o - viewAt[e] - viewLen[e]);
  };
  const toOriginalEnd = (o: number): number => {
    if (o <= 0) return 0;
    const e = editAt(o - 1);
    if (e >= 0 && o - 1 < viewAt[e] + viewLen[e]) return origAt[e] + origLen[e];
    return toOriginal(o - 1) + 1;
  };
  return { text: parts.join(''), toOriginal, toOriginalEnd };
}

/** The fragment seen through the view: same origin and kind, decoded text, positions of the original. */
export function viewFragment(fragment: Fragment, view: DecodedView): Fragment {
  return { ...fragment, text: view.text, toFileLine: (offset) => fragment.toFileLine(view.toOriginal(offset)) };
}
