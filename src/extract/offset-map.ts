// Maps offsets in extracted text (a decoded JSON string, a notebook cell, a YAML scalar) back to
// offsets in the raw file, so a finding lands on the real line and column. The map is a list
// of breakpoints: between two of them text and raw advance together one to one, which keeps
// it small (a breakpoint per escape sequence or joined piece, not per character).
import type { Place } from '../contracts/fragment.js';
import type { Blob } from '../contracts/blob.js';
import type { ContentKind, Fragment } from '../contracts/fragment.js';
import type { LineIndex } from './line-index.js';

export class OffsetMap {
  private readonly textAt: number[] = [];
  private readonly rawAt: number[] = [];

  /** From text offset `text` on, text and raw advance together starting at raw offset `raw`. */
  mark(text: number, raw: number): void {
    const n = this.textAt.length;
    // A later mark at the same text offset wins: the next piece starts there.
    if (n && this.textAt[n - 1] === text) this.rawAt[n - 1] = raw;
    else {
      this.textAt.push(text);
      this.rawAt.push(raw);
    }
  }

  /** Append another map shifted by `textShift` (joining the pieces of a cell). */
  append(other: OffsetMap, textShift: number): void {
    for (let i = 0; i < other.textAt.length; i++) this.mark(other.textAt[i] + textShift, other.rawAt[i]);
  }

  toRaw(offset: number): number {
    let lo = 0;
    let hi = this.textAt.length - 1;
    if (hi < 0) return offset;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.textAt[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return this.rawAt[lo] + Math.max(0, offset - this.textAt[lo]);
  }
}

/** A linear map: text offset i is raw offset start + i. */
export function linearMap(start: number): OffsetMap {
  const m = new OffsetMap();
  m.mark(0, start);
  return m;
}

/** Anything that takes a text offset to a raw offset. */
export interface RawMapper {
  toRaw(offset: number): number;
}

export interface PieceOptions {
  blob: Blob;
  kind: ContentKind;
  text: string;
  map: RawMapper;
  /** Line index of the whole raw file (for positions and snippet lines). */
  raw: LineIndex;
  place?: Place;
  credentialContext?: Fragment['credentialContext'];
  /** Replaces the raw line shown in snippets (e.g. to hide a base64 value's encoded form). */
  lineText?: (line: number) => string | undefined;
}

/** A fragment for a piece of a file: offsets go through the map to the raw file's lines. */
export function pieceFragment(o: PieceOptions): Fragment {
  const f: Fragment = {
    origin: o.blob.origin,
    contentKind: o.kind,
    text: o.text,
    lines: o.blob.lines,
    toFileLine: (offset) => o.raw.position(o.map.toRaw(offset)),
    fileLineText: o.lineText ?? ((line) => o.raw.lineText(line)),
  };
  if (o.lineText) f.lineTextRewritten = true;
  if (o.place) f.place = o.place;
  if (o.credentialContext) f.credentialContext = o.credentialContext;
  return f;
}
