// Archives (zip and the formats built on it, tar, gzip, tar.gz) are opened and their files
// scanned as nested paths, `bundle.zip!config/.env`, like gitleaks' --max-archive-depth, so a key
// inside one is not hidden by the wrapper. Limits keep a bomb bounded: nesting depth, bytes
// expanded per top-level archive, entries per archive, and --max-file-size per entry. Each
// limit reached is a counted skip naming the archive. bzip2, xz and zstd need decoders Node 20
// does not ship: such a file is recognised by its magic bytes and is a counted archive skip
// naming its format (docs/security.md), not a binary file.
import { nodeZlib } from '../../node-lazy.js';
import type { Diagnostics } from '../../diagnostics.js';
import type { Blob } from '../../contracts/blob.js';
import { binaryText, isBinary } from '../binary.js';
import { isTar, tarEntries } from './tar.js';
import { isZip, zipEntries, type ArchiveEntry } from './zip.js';

export const ARCHIVE_LIMITS = {
  /** Archives inside archives opened (an archive at depth 3 is not opened). */
  depth: 3,
  /** Bytes expanded from one archive found in the scan, nested ones included. */
  bytes: 256 * 1024 * 1024,
  /** Entries read from one archive found in the scan, nested ones included. */
  entries: 10_000,
} as const;

function isGzip(b: Buffer): boolean {
  return b.length >= 3 && b[0] === 0x1f && b[1] === 0x8b && b[2] === 8;
}

const startsWith = (b: Buffer, magic: number[]) => b.length >= magic.length && magic.every((x, i) => b[i] === x);

/** Compressed data Node cannot decompress (no decoder in node:zlib), by magic bytes: its format. */
function unreadable(b: Buffer): string | undefined {
  // "BZh" and a block size 1-9, then the block magic (the digits of pi).
  if (startsWith(b, [0x42, 0x5a, 0x68]) && b[3] >= 0x31 && b[3] <= 0x39 && startsWith(b.subarray(4), [0x31, 0x41, 0x59, 0x26, 0x53, 0x59])) return 'bzip2';
  if (startsWith(b, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'xz';
  if (startsWith(b, [0x28, 0xb5, 0x2f, 0xfd])) return 'zstd';
  return undefined;
}

/** Bytes that are an archive keysprawl opens, or names as one it cannot open (by content, not name). */
export function isArchive(bytes: Buffer): boolean {
  return isZip(bytes) || isGzip(bytes) || isTar(bytes) || unreadable(bytes) !== undefined;
}

interface Budget {
  bytes: number;
  entries: number;
}

function gunzipped(path: string, bytes: Buffer, budget: Budget): ArchiveEntry[] | { problem: string } {
  const base = path.split(/[/!]/).pop() ?? path;
  const name = base.replace(/\.tgz$/i, '.tar').replace(/\.gz$/i, '') || 'data';
  return [{
    name,
    read(max) {
      try {
        return nodeZlib().gunzipSync(bytes, { maxOutputLength: Math.min(max, budget.bytes) });
      } catch (err) {
        return { problem: err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? `expands past ${Math.min(max, budget.bytes)} bytes` : 'damaged gzip data' };
      }
    },
  }];
}

function entriesOf(path: string, bytes: Buffer, budget: Budget): ArchiveEntry[] | { problem: string } {
  const format = unreadable(bytes);
  if (format) return { problem: `${format}-compressed, which Node cannot decompress without a library keysprawl does not ship` };
  if (isZip(bytes)) return zipEntries(bytes);
  if (isGzip(bytes)) return gunzipped(path, bytes, budget);
  return tarEntries(bytes);
}

function* open(blob: Blob, depth: number, budget: Budget, maxFileSize: number, diag: Diagnostics): Generator<Blob> {
  const path = blob.origin.path;
  const entries = entriesOf(path, blob.bytes, budget);
  if (!Array.isArray(entries)) {
    diag.skip(path, 'archive', `${path}: archive could not be opened (${entries.problem}), skipped`);
    return;
  }
  for (const entry of entries) {
    const inner = `${path}!${entry.name}`;
    if (budget.entries-- <= 0 || budget.bytes <= 0) {
      diag.skip(path, 'archive', `${path}: over the archive limit (${ARCHIVE_LIMITS.entries} entries, ${ARCHIVE_LIMITS.bytes} bytes expanded), the rest not read`);
      return;
    }
    const bytes = entry.read(Math.min(maxFileSize, budget.bytes));
    if (!Buffer.isBuffer(bytes)) {
      diag.skip(inner, 'archive', `${inner}: not read (${bytes.problem})`);
      continue;
    }
    budget.bytes -= bytes.length;
    const nested: Blob = { origin: { ...blob.origin, path: inner }, bytes };
    if (isArchive(bytes)) {
      if (depth + 1 >= ARCHIVE_LIMITS.depth) diag.skip(inner, 'archive', `${inner}: archive nested ${ARCHIVE_LIMITS.depth} deep, not opened`);
      else yield* open(nested, depth + 1, budget, maxFileSize, diag);
    } else if (isBinary(bytes)) {
      const text = binaryText(bytes, inner, inner, diag);
      if (text) yield { ...nested, bytes: text };
    } else {
      yield nested;
    }
  }
}

/** Pass blobs through, replacing each archive with the files inside it. */
export async function* expandArchives(blobs: AsyncIterable<Blob>, maxFileSize: number, diag: Diagnostics): AsyncGenerator<Blob> {
  for await (const blob of blobs) {
    if (blob.partial || blob.lines || !isArchive(blob.bytes)) {
      yield blob;
      continue;
    }
    yield* open(blob, 0, { bytes: ARCHIVE_LIMITS.bytes, entries: ARCHIVE_LIMITS.entries }, maxFileSize, diag);
  }
}
