// Writes a report. A new path or a regular file is replaced atomically (temp file in the same
// folder, then rename), so a reader never sees half a report. Anything else is never replaced:
// a device or FIFO (`-o /dev/null`, `-o /dev/stdout`, a named pipe) is written through, because
// renaming over it would swap the device node for a regular file (as root in CI, that breaks
// /dev/null for every later step); a symlink is followed to its target and the same rules apply
// there, so the link stays a link. Reports that may hold unredacted values are created with
// mode 0600.
import { nodeCrypto } from '../node-lazy.js';
// node:fs/promises through fs.promises, loaded when a report file is written, not at start-up.
import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../errors.js';

type Target = { kind: 'replace'; path: string } | { kind: 'through'; path: string };

async function targetOf(file: string): Promise<Target> {
  const l = await fsp.lstat(file).catch(() => undefined);
  if (!l) return { kind: 'replace', path: file };
  const path = l.isSymbolicLink() ? await fsp.realpath(file).catch(() => undefined) : file;
  if (!path) throw new UsageError(`${file}: cannot write report (a symlink to a missing file): name the target itself`);
  const st = await fsp.stat(path);
  if (st.isFile()) return { kind: 'replace', path };
  if (st.isDirectory()) throw new UsageError(`${file}: cannot write report (a folder)`);
  if (st.isSocket()) throw new UsageError(`${file}: cannot write report (a socket)`);
  return { kind: 'through', path };
}

export async function writeFileAtomic(file: string, data: string, opts: { private: boolean }): Promise<void> {
  let tmp: string | undefined;
  try {
    const target = await targetOf(file);
    if (target.kind === 'through') {
      await fsp.writeFile(target.path, data);
      return;
    }
    tmp = join(dirname(target.path), `.${basename(target.path)}.${nodeCrypto().randomBytes(6).toString('hex')}.tmp`);
    await fsp.writeFile(tmp, data, { mode: opts.private ? 0o600 : 0o644, flag: 'wx' });
    await fsp.rename(tmp, target.path);
  } catch (err) {
    if (tmp) await fsp.rm(tmp, { force: true }).catch(() => undefined);
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? '';
    throw new UsageError(`${file}: cannot write report (${code || (err as Error).message})`);
  }
}
