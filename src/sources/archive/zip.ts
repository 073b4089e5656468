// A small zip reader: the central directory names each entry and where its data is; entries
// are stored (method 0) or deflated (method 8), inflated with Node's zlib under an output cap
// so a zip bomb stops at the cap. Encrypted entries and other methods are reported, not read.
// Written by hand (about 80 lines) rather than taken from npm: it needs no dependency, reads
// only what a scanner needs, and every limit is ours.
import { nodeZlib } from '../../node-lazy.js';

export interface ArchiveEntry {
  name: string;
  /** The entry's bytes, or why they could not be read. */
  read(maxBytes: number): Buffer | { problem: string };
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function findEnd(buf: Buffer): number {
  // The end record is 22 bytes plus a comment of up to 65,535.
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) return i;
  }
  return -1;
}

export function isZip(buf: Buffer): boolean {
  return buf.length >= 4 && buf.readUInt32LE(0) === LOCAL;
}

/** The entries of a zip, or a problem when its directory cannot be read. */
export function zipEntries(buf: Buffer): ArchiveEntry[] | { problem: string } {
  const end = findEnd(buf);
  if (end === -1) return { problem: 'no zip central directory (truncated or not a zip)' };
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const entries: ArchiveEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) return { problem: 'damaged zip central directory' };
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    at += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/')) continue; // a folder
    entries.push({
      name,
      read(maxBytes) {
        if (flags & 1) return { problem: 'encrypted entry' };
        if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) return { problem: 'damaged local header' };
        const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
        const data = buf.subarray(start, start + compressed);
        if (method === 0) return data.length > maxBytes ? { problem: `over ${maxBytes} bytes` } : Buffer.from(data);
        if (method !== 8) return { problem: `compression method ${method} is not supported` };
        try {
          return nodeZlib().inflateRawSync(data, { maxOutputLength: maxBytes });
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          return { problem: code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError ? `expands past ${maxBytes} bytes` : 'damaged deflate data' };
        }
      },
    });
  }
  return entries;
}
