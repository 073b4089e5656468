// A small tar reader (ustar, with GNU long names and pax path records): 512-byte headers, each
// followed by its data padded to 512. Only regular files are entries.
import type { ArchiveEntry } from './zip.js';

function field(buf: Buffer, at: number, len: number): string {
  const raw = buf.subarray(at, at + len);
  const nul = raw.indexOf(0);
  return raw.toString('utf8', 0, nul === -1 ? len : nul);
}

function octal(buf: Buffer, at: number, len: number): number {
  const n = parseInt(field(buf, at, len).trim() || '0', 8);
  return Number.isFinite(n) ? n : -1;
}

/** A ustar or GNU tar: "ustar" at offset 257 of the first header. */
export function isTar(buf: Buffer): boolean {
  return buf.length >= 512 && buf.toString('latin1', 257, 262) === 'ustar';
}

export function tarEntries(buf: Buffer): ArchiveEntry[] | { problem: string } {
  const entries: ArchiveEntry[] = [];
  let longName: string | undefined;
  for (let at = 0; at + 512 <= buf.length;) {
    if (buf.subarray(at, at + 512).every((b) => b === 0)) break; // end of archive
    const size = octal(buf, at + 124, 12);
    if (size < 0) return { problem: 'damaged tar header' };
    const type = String.fromCharCode(buf[at + 156] || 48);
    const prefix = field(buf, at + 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(buf, at, 100)}` : field(buf, at, 100));
    longName = undefined;
    const start = at + 512;
    const data = buf.subarray(start, Math.min(buf.length, start + size));
    at = start + Math.ceil(size / 512) * 512;
    if (type === 'L') longName = data.toString('utf8').replace(/\0+$/, '');
    else if (type === 'x') {
      const m = /\d+ path=([^\n]*)\n/.exec(data.toString('utf8'));
      if (m) longName = m[1];
    } else if (type === '0' || type === '7') {
      entries.push({ name, read: (max) => (data.length > max ? { problem: `over ${max} bytes` } : Buffer.from(data)) });
    }
  }
  return entries;
}
