// Reads a file keysprawl reads for itself (config, baseline, ignore file, rule pack, report to
// merge), which in a gate may be written by whoever opened the pull request: a regular file
// only (a FIFO would block forever, /dev/zero would fill memory), under a size cap, opened
// without blocking. Failures are OwnFileError values whose message says why in a few words.
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

/** Caps for the files keysprawl reads for itself (docs/security.md lists them). */
export const OWN_FILE_LIMITS = {
  config: 1024 * 1024,
  ignore: 1024 * 1024,
  rules: 4 * 1024 * 1024,
  baseline: 64 * 1024 * 1024,
  report: 1024 * 1024 * 1024,
} as const;

export class OwnFileError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
    this.name = 'OwnFileError';
  }
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function checkStats(st: Stats, max: number): void {
  if (!st.isFile()) throw new OwnFileError(`not a regular file (${kindOf(st)})`);
  if (st.size > max) throw new OwnFileError(`${st.size} bytes is over the ${max}-byte limit`);
}

/** The file's text (UTF-8), or an OwnFileError: missing (code ENOENT), not regular, too large. */
export function readOwnFile(file: string, max: number): string {
  let st: Stats;
  try {
    st = statSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new OwnFileError(code === 'ENOENT' ? 'no such file' : code ?? (err as Error).message, code);
  }
  checkStats(st, max);
  let fd: number;
  try {
    // O_NONBLOCK: if the path was swapped for a FIFO since the stat, open does not wait for a writer.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new OwnFileError(code ?? (err as Error).message, code);
  }
  try {
    checkStats(fstatSync(fd), max);
    const buf = Buffer.alloc(Math.min(max + 1, fstatSync(fd).size + 1));
    let n = 0;
    for (let r; n < buf.length && (r = readSync(fd, buf, n, buf.length - n, null)) > 0;) n += r;
    // The file grew past its stat: still bounded by the buffer.
    if (n > max) throw new OwnFileError(`over the ${max}-byte limit`);
    return buf.toString('utf8', 0, n);
  } finally {
    closeSync(fd);
  }
}
