// The default extractor: the whole text as one fragment, offsets mapped by a line index.
import type { ContentKind, Fragment, Origin } from '../types.js';
import { LineIndex } from './line-index.js';

export function plainFragment(origin: Origin, contentKind: ContentKind, text: string, lines?: ReadonlySet<number>, lineOffset = 0): Fragment {
  const index = new LineIndex(text);
  return {
    origin,
    contentKind,
    text,
    lines,
    toFileLine: (offset) => {
      const p = index.position(offset);
      return lineOffset ? { line: p.line + lineOffset, column: p.column } : p;
    },
    fileLineText: (line) => index.lineText(line - lineOffset),
  };
}
