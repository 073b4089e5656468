// Writes a report atomically (temp file in the same folder, then rename), so a reader never
// sees half a report. Reports that may hold unredacted values are created with mode 0600.
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../errors.js';

export async function writeFileAtomic(file: string, data: string, opts: { private: boolean }): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, data, { mode: opts.private ? 0o600 : 0o644 });
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code ?? '';
    throw new UsageError(`${file}: cannot write report (${code || (err as Error).message})`);
  }
}
