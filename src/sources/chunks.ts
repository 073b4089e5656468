// Large files are read in overlapping windows rather than held whole: each window is a blob of
// its own, starting at a line boundary, with the number of lines before it, so findings keep
// their real line numbers. A key that straddles two windows is inside the overlap of one of them.
import { promises as fsp } from 'node:fs';
import type { Diagnostics } from '../diagnostics.js';
import { errorMessage } from '../errors.js';
import type { Blob } from '../contracts/blob.js';
import { isBinary, SNIFF } from './binary.js';
import { BlobPool } from './blob-pool.js';

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

/** A window's bytes at most: WINDOW_BYTES and the overlap carried from the window before. */
const SPAN = WINDOW_BYTES + WINDOW_OVERLAP;

/**
 * Window buffers (blob-pool.ts, one size class: SPAN rounded up to a power of two, only SPAN of
 * it ever touched), given back by the scan once it has collected a window's findings
 * (Blob.release), reused by the next window of this or a later large file, two kept idle. A
 * fresh 8 MB buffer per window (and a zero-filled one per file to read into) cost the main
 * thread a page fault per 4 KB page on first touch, and a copy of every window.
 */
const WINDOW_BITS = 32 - Math.clz32(SPAN - 1);
const windows = new BlobPool(2 * 2 ** WINDOW_BITS, WINDOW_BITS);

/**
 * A large file as windows (blobs with `partial`, `lineOffset`, `columnOffset`). Each window's
 * bytes are a buffer of its own until released; the next window's start and its carried overlap
 * are taken from it before it is handed on, so a release during the hand-off changes nothing.
 */
export async function* readInWindows(abs: string, rel: string, size: number, diag: Diagnostics): AsyncGenerator<Blob> {
  let handle;
  try {
    handle = await fsp.open(abs, 'r');
  } catch (err) {
    diag.skip(rel, 'unreadable', `${rel}: cannot read (${errorMessage(err)}), skipped`);
    return;
  }
  try {
    // The binary sniff reads the first 8 KB only: a large binary is skipped without reading a window.
    const head = Buffer.allocUnsafe(SNIFF);
    const { bytesRead: sniffed } = await handle.read(head, 0, SNIFF, 0);
    if (sniffed === 0) return;
    if (isBinary(head.subarray(0, sniffed))) {
      diag.skip(rel, 'binary', `${rel}: binary file (control bytes), skipped`);
      return;
    }
    let lease = windows.take(SPAN);
    let position = 0; // file offset of the window's first byte
    let carried = 0; // bytes at the start of the window carried over from the previous one
    let lineOffset = 0;
    let columnOffset = 0; // UTF-16 units of the current line before the window
    for (let first = true; position + carried < size || first; first = false) {
      const buf = lease.bytes;
      const { bytesRead } = await handle.read(buf, carried, buf.length - carried, position + carried);
      const filled = carried + bytesRead;
      if (filled === 0) return;
      const last = bytesRead === 0 || position + filled >= size;
      const window: Blob = { origin: { kind: 'file', path: rel }, bytes: buf.subarray(0, filled), lineOffset, columnOffset, partial: true, release: lease.release };
      if (!first) window.continued = true;
      if (last) {
        yield window;
        return;
      }
      const eol = lineEnd(buf, filled);
      const start = nextStart(buf, filled, eol);
      lineOffset += countNewlines(buf, start, eol);
      columnOffset = columnAt(buf, start, eol, columnOffset);
      lease = windows.take(SPAN);
      buf.copy(lease.bytes, 0, start, filled);
      position += start;
      carried = filled - start;
      yield window;
    }
  } catch (err) {
    diag.skip(rel, 'unreadable', `${rel}: read failed mid-file (${errorMessage(err)}), skipped the rest`);
  } finally {
    await handle.close();
  }
}
