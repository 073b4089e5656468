// Binary sniff over the first 8 KiB. git and ripgrep call a file binary at its first NUL byte,
// but then one stray NUL hides every key in a file: here a file is binary only when control
// bytes (NUL included; tab, line endings, form feed and escape are text) are more than 1 in 32
// of the sniffed bytes, as in compressed or executable data (about 1 in 10). A text file with
// a few NULs is scanned whole. UTF-16 text (full of NULs) is recognised by its byte-order mark,
// or without one by NULs in every other byte beside ASCII. A binary file is not skipped whole:
// its text regions (printable runs, as `strings` finds them) are scanned in place.
import type { Diagnostics } from '../diagnostics.js';

export const SNIFF = 8192;

export function hasUtf16Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

/** UTF-16 without a byte-order mark: mostly ASCII characters, so every other byte is NUL. */
export function bomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, SNIFF) & ~1;
  if (n < 8) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd >= pairs * 0.7 && even <= pairs * 0.05) return 'utf-16le';
  if (even >= pairs * 0.7 && odd <= pairs * 0.05) return 'utf-16be';
  return undefined;
}

function isControl(b: number): boolean {
  return b < 32 && b !== 9 && b !== 10 && b !== 12 && b !== 13 && b !== 27;
}

export function isBinary(bytes: Uint8Array): boolean {
  if (hasUtf16Bom(bytes) || bomlessUtf16(bytes)) return false;
  const n = Math.min(bytes.length, SNIFF);
  let control = 0;
  for (let i = 0; i < n; i++) if (isControl(bytes[i])) control++;
  return control * 32 > n;
}

/** Printable runs shorter than this in a binary file are taken for noise, not text (`strings -n 16`). */
export const MIN_TEXT_RUN = 16;

const printable = (b: number) => (b >= 0x20 && b < 0x7f) || b === 9;

/**
 * The text regions of a binary file, in place: each run of at least MIN_TEXT_RUN printable
 * ASCII bytes kept where it is, every other byte but a line feed turned into a space, so a
 * finding's line and column are the file's own and no binary byte reaches a snippet. Undefined
 * when there is no such run. `overwrite`: write the result over `bytes` (a buffer the caller
 * owns and gives up) instead of into a new one, so a 20 MB binary is not held twice.
 */
export function textRegions(bytes: Uint8Array, overwrite = false): Buffer | undefined {
  const n = bytes.length;
  const out = overwrite ? Buffer.from(bytes.buffer, bytes.byteOffset, n) : Buffer.alloc(n, 0x20);
  let found = false;
  let start = -1;
  for (let i = 0; i <= n; i++) {
    const b = i < n ? bytes[i] : 0;
    if (i < n && printable(b)) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      if (i - start >= MIN_TEXT_RUN) {
        if (!overwrite) out.set(bytes.subarray(start, i), start);
        found = true;
      } else if (overwrite) {
        // A loop, not out.fill: a binary has many short runs, and each fill call costs more than its bytes.
        for (let j = start; j < i; j++) out[j] = 0x20;
      }
    }
    start = -1;
    if (i < n) out[i] = b === 10 ? 10 : 0x20;
  }
  return found ? out : undefined;
}

/**
 * The first bytes of a PKCS#12 key store (DER SEQUENCE, INTEGER 3, SEQUENCE, OID 1.2.840.113549.1.7):
 * such a file goes on whole, for the extract stage to read by structure (src/extract/key-store.ts).
 */
export function mayBeKeyStore(bytes: Uint8Array): boolean {
  if (bytes.length < 24 || bytes[0] !== 0x30) return false;
  const lengthBytes = (at: number) => (bytes[at] < 0x80 || bytes[at] === 0x80 ? 1 : 1 + (bytes[at] & 0x7f));
  let at = 1 + lengthBytes(1);
  if (bytes[at] !== 0x02 || bytes[at + 1] !== 0x01 || bytes[at + 2] !== 0x03 || bytes[at + 3] !== 0x30) return false;
  at += 4;
  at += lengthBytes(at);
  const oid = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07];
  return at + oid.length <= bytes.length && oid.every((b, i) => bytes[at + i] === b);
}

/**
 * What is scanned of a binary file: its text regions, or nothing. Counted as a binary skip
 * either way, the message saying which (`where` names the file, `path` is what is counted;
 * `overwrite` as for textRegions). A PKCS#12 key store is not a skip: its bytes go on whole,
 * to be read by structure.
 */
export function binaryText(bytes: Uint8Array, path: string, where: string, diag: Diagnostics, overwrite = false): Buffer | undefined {
  if (mayBeKeyStore(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = textRegions(bytes, overwrite);
  diag.skip(path, 'binary', text ? `${where}: binary file, only its text regions (printable runs of ${MIN_TEXT_RUN}+ bytes) scanned` : `${where}: binary file (control bytes), skipped`);
  return text;
}
