// The default extractor: the whole text as one fragment, offsets mapped by a line index.
import type { Origin } from '../contracts/blob.js';
import type { ContentKind, Fragment } from '../contracts/fragment.js';
import { LineIndex } from './line-index.js';

/**
 * `lineOffset` lines and, on its first line, `columnOffset` UTF-16 units of the file come before
 * `text` (a window of a large file that starts inside a long line).
 */
export function plainFragment(origin: Origin, contentKind: ContentKind, text: string, lines?: ReadonlySet<number>, lineOffset = 0, columnOffset = 0): Fragment {
  const index = new LineIndex(text);
  const f: Fragment = {
    origin,
    contentKind,
    text,
    lines,
    toFileLine: (offset) => {
      const p = index.position(offset);
      return { line: p.line + lineOffset, column: p.line === 1 ? p.column + columnOffset : p.column };
    },
    fileLineText: (line) => index.lineText(line - lineOffset),
  };
  if (columnOffset) f.lineStartColumn = (line) => (line === lineOffset + 1 ? columnOffset + 1 : 1);
  return f;
}
