// Large files are read in overlapping windows rather than held whole: each window is a blob of
// its own, starting at a line boundary, with the number of lines before it, so findings keep
// their real line numbers. A key that straddles two windows is inside the overlap of one of them.
import { promises as fsp } from 'node:fs';
import type { Diagnostics } from '../diagnostics.js';
import { errorMessage } from '../errors.js';
import type { Blob } from '../contracts/blob.js';
import { isBinary } from './binary.js';

/** Files above this are read in windows (a window is this size plus the overlap). */
export const WINDOW_BYTES = 8 * 1024 * 1024;
export const WINDOW_OVERLAP = 64 * 1024;

function countNewlines(buf: Buffer, end: number, eol: number): number {
  let n = 0;
  for (let i = buf.indexOf(eol); i !== -1 && i < end; i = buf.indexOf(eol, i + 1)) n++;
  return n;
}

/** Lines end at LF, or at CR in a window with no LF at all (as LineIndex reads it). */
function lineEnd(buf: Buffer, filled: number): number {
  const view = buf.subarray(0, filled);
  return view.includes(10) || !view.includes(13) ? 10 : 13;
}

/** The column (UTF-16 units before `start` on its line) the next window starts at. */
function columnAt(buf: Buffer, start: number, eol: number, column: number): number {
  const nl = buf.lastIndexOf(eol, start - 1);
  return nl === -1 ? column + buf.toString('utf8', 0, start).length : buf.toString('utf8', nl + 1, start).length;
}

/**
 * Where the next window starts: at least half the overlap before this window's end, so a key
 * that crosses the end is whole in the next window; at a line start when one is near enough
 * (columns stay exact), else at a UTF-8 character boundary.
 */
function nextStart(buf: Buffer, filled: number, eol: number): number {
  const target = filled - WINDOW_OVERLAP / 2;
  const nl = buf.lastIndexOf(eol, target - 1);
  if (nl !== -1 && nl + 1 >= filled - WINDOW_OVERLAP) return nl + 1;
  let at = target;
  while (at > 0 && (buf[at] & 0xc0) === 0x80) at--; // never split a UTF-8 sequence
  return at;
}

export async function* readInWindows(abs: string, rel: string, size: number, diag: Diagnostics): AsyncGenerator<Blob> {
  let handle;
  try {
    handle = await fsp.open(abs, 'r');
  } catch (err) {
    diag.skip(rel, 'unreadable', `${rel}: cannot read (${errorMessage(err)}), skipped`);
    return;
  }
  try {
    const buf = Buffer.alloc(WINDOW_BYTES + WINDOW_OVERLAP);
    let position = 0; // file offset of buf[0]
    let carried = 0; // bytes at the start of buf carried over from the previous window
    let lineOffset = 0;
    let columnOffset = 0; // UTF-16 units of the current line before buf[0]
    for (let first = true; position + carried < size || first; first = false) {
      const { bytesRead } = await handle.read(buf, carried, buf.length - carried, position + carried);
      const filled = carried + bytesRead;
      if (first && isBinary(buf.subarray(0, filled))) {
        diag.skip(rel, 'binary', `${rel}: binary file (control bytes), skipped`);
        return;
      }
      if (filled === 0) return;
      const last = bytesRead === 0 || position + filled >= size;
      const window: Blob = { origin: { kind: 'file', path: rel }, bytes: Buffer.from(buf.subarray(0, filled)), lineOffset, columnOffset, partial: true };
      if (!first) window.continued = true;
      yield window;
      if (last) return;
      const eol = lineEnd(buf, filled);
      const start = nextStart(buf, filled, eol);
      lineOffset += countNewlines(buf, start, eol);
      columnOffset = columnAt(buf, start, eol, columnOffset);
      buf.copy(buf, 0, start, filled);
      position += start;
      carried = filled - start;
    }
  } catch (err) {
    diag.skip(rel, 'unreadable', `${rel}: read failed mid-file (${errorMessage(err)}), skipped the rest`);
  } finally {
    await handle.close();
  }
}
