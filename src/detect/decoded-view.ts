// A detector-level view of a fragment with the wrappings that hide a key from the rules taken
// off: ANSI colour codes (a notebook traceback prints "\x1b[1msk-proj-...\x1b[0m", and the "m"
// glues itself to the key), HTML character references (data-config="{&quot;apiKey&quot;:...}")
// and JSON string escapes (\" and \/ in a JSON string inside a log line or another JSON string).
// Rules run on the view; every offset maps back to the original text, so lines, columns and
// inline suppressions still point at the file. Extractors decode whole formats; this only
// undoes the few escapes that sit between a name and its value, or around a token.
import type { Fragment } from '../types.js';

// eslint-disable-next-line no-control-regex -- ANSI escape sequences are what this looks for
const TRIGGER = /\x1b\[|&(?:quot|apos|amp|lt|gt|sol|equals|colon|#x?[0-9a-f]{1,6});|\\["/]/i;
const ENTITY = /^&(?:(quot|apos|amp|lt|gt|sol|equals|colon)|#([0-9]{1,6})|#x([0-9a-f]{1,6}));/i;
const NAMED: Record<string, string> = { quot: '"', apos: "'", amp: '&', lt: '<', gt: '>', sol: '/', equals: '=', colon: ':' };
// eslint-disable-next-line no-control-regex -- as above
const ANSI = /^\x1b\[[0-9;?]{0,20}[A-Za-z]/;

export interface DecodedView {
  text: string;
  /** The offset in the original text of an offset in the view. */
  toOriginal(offset: number): number;
}

/** The text with ANSI codes removed and entities and \" \/ escapes decoded, or undefined when it has none. */
export function decodedView(text: string): DecodedView | undefined {
  if (!TRIGGER.test(text)) return undefined;
  let out = '';
  const map: number[] = [];
  let i = 0;
  const emit = (s: string, from: number) => {
    for (let k = 0; k < s.length; k++) map.push(from);
    out += s;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '\x1b') {
      const m = ANSI.exec(text.slice(i, i + 24));
      if (m) {
        i += m[0].length;
        continue;
      }
    } else if (c === '&') {
      const m = ENTITY.exec(text.slice(i, i + 10));
      const code = m && (m[1] ? NAMED[m[1].toLowerCase()] : String.fromCodePoint(Math.min(Number.parseInt(m[2] ?? m[3], m[2] ? 10 : 16), 0x10ffff)));
      if (m && code) {
        emit(code, i);
        i += m[0].length;
        continue;
      }
    } else if (c === '\\') {
      const next = text[i + 1];
      if (next === '"' || next === '/') {
        emit(next, i);
        i += 2;
        continue;
      }
      if (next === '\\') {
        emit('\\\\', i); // an escaped backslash: keep it, and do not read the next character as escaped
        map[map.length - 1] = i + 1;
        i += 2;
        continue;
      }
    }
    emit(c, i);
    i++;
  }
  map.push(text.length);
  return { text: out, toOriginal: (offset) => map[Math.max(0, Math.min(offset, map.length - 1))] };
}

/** The fragment seen through the view: same origin and kind, decoded text, positions of the original. */
export function viewFragment(fragment: Fragment, view: DecodedView): Fragment {
  return { ...fragment, text: view.text, toFileLine: (offset) => fragment.toFileLine(view.toOriginal(offset)) };
}
