// The default extractor: the whole text as one fragment, offsets mapped by a line index.
import type { ContentKind, Fragment, Origin } from '../types.js';
import { LineIndex } from './line-index.js';

export function plainFragment(origin: Origin, contentKind: ContentKind, text: string, lines?: ReadonlySet<number>): Fragment {
  const index = new LineIndex(text);
  return {
    origin,
    contentKind,
    text,
    lines,
    toFileLine: (offset) => index.position(offset),
    fileLineText: (line) => index.lineText(line),
  };
}
