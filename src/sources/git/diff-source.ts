// `--staged` and `--diff`: only what a commit or a pull request adds. One `git diff` names each
// changed file and its new blob exactly (its raw part: no path quoting) and gives the hunks (its
// -U0 patch), whose "+" ranges are the added lines. Each new blob is read once and handed to
// the scanner with Blob.lines = its added lines, so only those are reported.
import type { Diagnostics } from '../../diagnostics.js';
import { InternalError, UsageError } from '../../errors.js';
import type { Blob, Origin } from '../../contracts/blob.js';
import { isBinary, mayBeKeyStore } from '../binary.js';
import { CatFileBatch, type StartedCatFile } from './cat-file.js';
import { diffArgs, type DiffTarget } from './commands.js';
import { recordsOf, startGit, type StartedGit } from './run-git.js';

export type { DiffTarget } from './commands.js';

export interface ChangedFile {
  path: string;
  /** The new version's blob id. */
  blob: string;
  mode: string;
  added: Set<number>;
}

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/** Read one line of a `git diff -U0` patch into the added line numbers per file section. */
function patchLine(files: Array<Set<number>>, line: string): void {
  if (line.startsWith('diff --git ') || line.startsWith('diff --cc ')) files.push(new Set());
  const m = HUNK.exec(line);
  if (!m || !files.length) return;
  const start = Number(m[1]);
  const count = m[2] === undefined ? 1 : Number(m[2]);
  for (let n = start; n < start + count; n++) files[files.length - 1].add(n);
}

/** Added line numbers per file section of a `git diff -U0` patch (streamed lines), in output order. */
export async function addedLinesPerFile(lines: AsyncIterable<string> | Iterable<string>): Promise<Array<Set<number>>> {
  const files: Array<Set<number>> = [];
  for await (const line of lines) patchLine(files, line);
  return files;
}

/**
 * The files a diff adds lines to, each with its new blob and the added line numbers: one
 * `git diff --patch-with-raw -z -U0`, whose raw records (NUL-separated, paths unquoted) come
 * first, then an empty record, then the patch (lines). Both parts come from the same diff
 * queue, so the raw records and the patch's file sections pair up one to one, in order.
 */
export async function changedFiles(dir: string, t: DiffTarget, started?: StartedGit): Promise<ChangedFile[]> {
  const raw: Array<{ path: string; blob: string; mode: string }> = [];
  const added: Array<Set<number>> = [];
  let meta: string[] | undefined;
  let need = 0;
  let inPatch = false;
  for await (const tok of recordsOf(started ?? startGit(dir, diffArgs(t), { input: '' }), '\0', { thenLines: true })) {
    if (inPatch) {
      patchLine(added, tok);
    } else if (meta) {
      if (--need > 0) continue; // the source path of a rename or copy
      raw.push({ path: tok, blob: meta[3], mode: meta[1] });
      meta = undefined;
    } else if (tok === '') {
      inPatch = true;
    } else if (tok.startsWith(':')) {
      meta = tok.slice(1).split(' ');
      need = /^[RC]/.test(meta[4]) ? 2 : 1;
    }
  }
  if (added.length !== raw.length) {
    throw new InternalError(`git diff listed ${raw.length} file(s) but its patch has ${added.length}`);
  }
  return raw.map((r, i) => ({ ...r, added: added[i] }));
}

/**
 * A `changedFiles` started before the repository's top level is known (`--staged`: beside the
 * `rev-parse` that finds it), in the folder the scan was started from. It is used only when that
 * folder turns out to be the top level, where the diff would have been run anyway: the same
 * command in the same folder with the same environment, so the same answer, without waiting for
 * `rev-parse` first. Otherwise it is dropped and the diff is run in the top level as before.
 */
export interface EarlyDiff {
  dir: string;
  files: Promise<ChangedFile[]>;
  /** `git cat-file --batch` started in the same folder too (prestart.ts): killed when the diff is dropped. */
  catFile?: StartedCatFile;
}

/** `started`: the diff (and the blob reader) already spawned in `dir` by the launcher (prestart.ts). */
export function startChangedFiles(dir: string, t: DiffTarget, started?: { diff: StartedGit; catFile: StartedCatFile }): EarlyDiff {
  const files = changedFiles(dir, t, started?.diff);
  // Awaited only when used: a failure of a diff that is dropped (not a repository, a bare one,
  // another folder) is not an unhandled rejection; rev-parse reports the repository's problems.
  files.catch(() => undefined);
  return { dir, files, catFile: started?.catFile };
}

/** A Blob source over a diff's added lines (ScanOptions.blobs). */
export function diffSource(dir: string, t: DiffTarget, maxFileSize: number, early?: EarlyDiff): (diag: Diagnostics) => AsyncGenerator<Blob> {
  return async function* diff(diag) {
    const mine = early?.dir === dir ? early : undefined;
    if (!mine) early?.catFile?.child.kill();
    const listed = mine ? mine.files : changedFiles(dir, t);
    // A file with no added line is a deletion, a rename or mode change, or a binary file (git
    // numbers no lines in one): read the last kind, for a key store among them.
    const reader = new CatFileBatch(dir, maxFileSize, mine?.catFile);
    try {
      const files = (await listed).filter((f) => f.added.size > 0 || !/^0+$/.test(f.blob));
      for (const f of files) {
        // Symlinks hold a target path, submodules a commit id: neither is file content.
        if (f.mode === '120000' || f.mode === '160000') continue;
        const r = await reader.read(f.blob);
        const origin: Origin = { kind: t.kind === 'staged' ? 'staged' : 'git', path: f.path, blob: f.blob };
        if (r.status === 'corrupt') {
          // Fail closed: a gate that skips what a commit adds would pass whatever it hides.
          throw new UsageError(`${f.path}: the added version (blob ${f.blob.slice(0, 7)}) cannot be read (${r.message}), so it cannot be checked; run git fsck`);
        } else if (r.status === 'too-large') {
          diag.skip(f.path, 'too-large', `${f.path}: ${r.size} bytes is over --max-file-size, skipped`);
        } else if (isBinary(r.bytes) && mayBeKeyStore(r.bytes)) {
          // A key store added or changed: the whole file is new content.
          diag.stats.blobsScanned++;
          yield { origin, bytes: r.bytes };
          reader.release(r.size);
        } else if (!f.added.size) {
          // Renamed or mode-changed text, or a binary file git shows no lines of: nothing added to scan.
          reader.release(r.size);
          if (isBinary(r.bytes)) diag.skip(f.path, 'binary', `${f.path}: binary file (control bytes), skipped`);
        } else if (isBinary(r.bytes)) {
          reader.release(r.size);
          diag.skip(f.path, 'binary', `${f.path}: binary file (control bytes), skipped`);
        } else {
          diag.stats.blobsScanned++;
          yield { origin, bytes: r.bytes, lines: f.added };
          reader.release(r.size);
        }
      }
    } finally {
      reader.close();
    }
  };
}
