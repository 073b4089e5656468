// Bytes → text. UTF-8 by default (a BOM is dropped); UTF-16 LE/BE when a BOM says so, or
// when NULs in every other byte do.
// Invalid UTF-8 is decoded with U+FFFD replacements and reported once for the file.
import { isUtf8 } from 'node:buffer';
import { bomlessUtf16, hasUtf16Bom } from '../sources/binary.js';

export interface Decoded {
  text: string;
  /** Set when the bytes were not valid in their encoding. */
  problem?: string;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

export function decode(bytes: Uint8Array): Decoded {
  if (hasUtf16Bom(bytes)) {
    const enc = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    try {
      return { text: new TextDecoder(enc, { fatal: true }).decode(bytes) };
    } catch {
      return { text: new TextDecoder(enc).decode(bytes), problem: `invalid ${enc.toUpperCase()}` };
    }
  }
  // Without a BOM, UTF-16 shows as NULs in every other byte (Windows tools write it so).
  const utf16 = bomlessUtf16(bytes);
  if (utf16) {
    const even = bytes.subarray(0, bytes.length & ~1);
    return { text: new TextDecoder(utf16).decode(even), ...(even.length < bytes.length ? { problem: `invalid ${utf16.toUpperCase()}` } : {}) };
  }
  try {
    return { text: strictUtf8.decode(bytes) };
  } catch {
    return { text: lenientUtf8.decode(bytes), problem: 'invalid UTF-8' };
  }
}

/** Whether decode reads these bytes as valid UTF-8 (no UTF-16 byte-order mark or shape, no invalid sequence). */
export function isPlainUtf8(bytes: Uint8Array): boolean {
  return !hasUtf16Bom(bytes) && !bomlessUtf16(bytes) && isUtf8(bytes);
}
