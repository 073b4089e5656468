// `--staged` reads a staged file from the working tree when its bytes are exactly the staged
// blob (git's object id of those bytes is the blob's id: the usual case, a file staged as it is),
// instead of starting `git cat-file`: one git process fewer on every commit. Anything else (a
// file partly staged or edited since, a clean filter or line-ending conversion, a symlink, a
// file over the size limit) is read from git as before, so the bytes scanned are always the
// blob's own, whatever the working tree holds.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { nodeCrypto } from '../../node-lazy.js';

/** Git's object id of a blob with these bytes (SHA-1, or SHA-256 for a 64-digit id). */
export function blobId(bytes: Buffer, algorithm: 'sha1' | 'sha256'): string {
  return nodeCrypto().createHash(algorithm).update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** The staged blob's bytes from the working tree, or undefined when the file there is not exactly it. */
export function worktreeBlob(dir: string, path: string, blob: string, maxSize: number): Buffer | undefined {
  const algorithm = blob.length === 40 ? 'sha1' : blob.length === 64 ? 'sha256' : undefined;
  if (!algorithm) return undefined;
  let fd: number;
  try {
    fd = openSync(join(dir, path), 'r');
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > maxSize) return undefined;
    const bytes = Buffer.allocUnsafe(st.size);
    let got = 0;
    while (got < bytes.length) {
      const n = readSync(fd, bytes, got, bytes.length - got, got);
      if (n === 0) return undefined; // shrank while read
      got += n;
    }
    return blobId(bytes, algorithm) === blob ? bytes : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
