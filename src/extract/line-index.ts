// Offset → (line, column) for a text, by binary search over line starts. Columns are 1-based
// UTF-16 code units, which is what SARIF's default columnKind (utf16CodeUnits) expects. Lines
// end at LF or CRLF; a text with no LF at all but CRs (classic Mac files) ends lines at CR.
import type { FilePosition } from '../contracts/fragment.js';

/** Lines end at CR alone: the text has CRs and no LF. */
export function crOnly(text: string): boolean {
  return !text.includes('\n') && text.includes('\r');
}

/**
 * Built on first use: most fragments have no match, so most texts are never asked for a
 * position, and indexing every line of every file was a measurable share of a tree scan.
 */
export class LineIndex {
  private index: number[] | undefined;

  constructor(readonly text: string) {}

  private get starts(): number[] {
    if (this.index) return this.index;
    const text = this.text;
    const starts = [0];
    const eol = crOnly(text) ? '\r' : '\n';
    for (let i = text.indexOf(eol); i !== -1; i = text.indexOf(eol, i + 1)) starts.push(i + 1);
    return (this.index = starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): FilePosition {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }

  /** The text of a 1-based line, without its line ending. */
  lineText(line: number): string | undefined {
    if (line < 1 || line > this.starts.length) return undefined;
    const start = this.starts[line - 1];
    const end = line < this.starts.length ? this.starts[line] - 1 : this.text.length;
    return this.text.slice(start, end).replace(/\r$/, '');
  }

  lineStart(line: number): number {
    return this.starts[line - 1] ?? this.text.length;
  }
}
