// Large files are read in overlapping windows rather than held whole: each window is a blob of
// its own, starting at a line boundary, with the number of lines before it, so findings keep
// their real line numbers. A key that straddles two windows is inside the overlap of one of them.
import { open } from 'node:fs/promises';
import type { Diagnostics } from '../diagnostics.js';
import { errorMessage } from '../errors.js';
import type { Blob } from '../types.js';
import { isBinary } from './binary.js';

/** Files above this are read in windows (a window is this size plus the overlap). */
export const WINDOW_BYTES = 8 * 1024 * 1024;
export const WINDOW_OVERLAP = 64 * 1024;

function countNewlines(buf: Buffer, end: number): number {
  let n = 0;
  for (let i = buf.indexOf(10); i !== -1 && i < end; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

/**
 * Where the next window starts: at least half the overlap before this window's end, so a key
 * that crosses the end is whole in the next window; at a line start when one is near enough
 * (columns stay exact), else at a UTF-8 character boundary.
 */
function nextStart(buf: Buffer, filled: number): number {
  const target = filled - WINDOW_OVERLAP / 2;
  const nl = buf.lastIndexOf(10, target - 1);
  if (nl !== -1 && nl + 1 >= filled - WINDOW_OVERLAP) return nl + 1;
  let at = target;
  while (at > 0 && (buf[at] & 0xc0) === 0x80) at--; // never split a UTF-8 sequence
  return at;
}

export async function* readInWindows(abs: string, rel: string, size: number, diag: Diagnostics): AsyncGenerator<Blob> {
  let handle;
  try {
    handle = await open(abs, 'r');
  } catch (err) {
    diag.skip(rel, 'unreadable', `${rel}: cannot read (${errorMessage(err)}), skipped`);
    return;
  }
  try {
    const buf = Buffer.alloc(WINDOW_BYTES + WINDOW_OVERLAP);
    let position = 0; // file offset of buf[0]
    let carried = 0; // bytes at the start of buf carried over from the previous window
    let lineOffset = 0;
    for (let first = true; position + carried < size || first; first = false) {
      const { bytesRead } = await handle.read(buf, carried, buf.length - carried, position + carried);
      const filled = carried + bytesRead;
      if (first && isBinary(buf.subarray(0, filled))) {
        diag.skip(rel, 'binary', `${rel}: binary file (NUL byte), skipped`);
        return;
      }
      if (filled === 0) return;
      const last = bytesRead === 0 || position + filled >= size;
      const window: Blob = { origin: { kind: 'file', path: rel }, bytes: Buffer.from(buf.subarray(0, filled)), lineOffset, partial: true };
      if (!first) window.continued = true;
      yield window;
      if (last) return;
      const start = nextStart(buf, filled);
      lineOffset += countNewlines(buf, start);
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
