// The default source: the files and folders named on the command line (or given to `scan()`),
// walked by files.ts, and `-` for standard input. Checks the named paths up front, so a typo is
// a usage error before anything is scanned.
import { accessSync, constants, lstatSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { Blob } from '../contracts/blob.js';
import type { Source } from './source.js';
import { readStdin } from './stdin.js';

export const DEFAULT_MAX_FILE_SIZE = 25 * 1024 * 1024;

export interface PathSourceOptions {
  /** Files and folders to scan; '-' reads standard input. */
  paths: string[];
  /** Report paths relative to this folder. Default: the one folder scanned, else the cwd. */
  root?: string;
  maxFileSize: number;
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
  /** Honour the root's .keysprawlignore (default true). */
  keysprawlignore?: boolean;
  stdin?: NodeJS.ReadableStream;
}

export function scanRoot(paths: string[], root?: string): string {
  if (root) return resolve(root);
  const real = paths.filter((p) => p !== '-');
  if (real.length === 1) {
    const abs = resolve(real[0]);
    try {
      if (statSync(abs).isDirectory()) return abs;
    } catch {
      // reported by checkPaths
    }
  }
  return process.cwd();
}

export function checkPaths(paths: string[]): void {
  for (const p of paths) {
    if (p === '-') continue;
    // lstat: a broken symlink named on the command line is a counted skip, not a usage error.
    const st = lstatSync(p, { throwIfNoEntry: false });
    if (!st) throw new UsageError(`${p}: no such file or directory`);
    // A path the user named and cannot read is a usage error, not a clean scan.
    if (!st.isSymbolicLink() && !readable(p, st.isDirectory())) throw new UsageError(`${p}: permission denied`);
  }
}

function readable(p: string, dir: boolean): boolean {
  try {
    accessSync(p, dir ? constants.R_OK | constants.X_OK : constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** Standard input first (one blob, `<stdin>`), then the walk of every named file and folder. */
export function pathSource(o: PathSourceOptions): Source {
  checkPaths(o.paths);
  const root = scanRoot(o.paths, o.root);
  const files = o.paths.filter((p) => p !== '-');
  return {
    root,
    async *blobs(diag): AsyncGenerator<Blob> {
      if (o.paths.includes('-')) yield await readStdin(o.stdin);
      if (!files.length) return;
      // The file walk (fast-glob, ignore rules) is loaded only when files are scanned, not for git modes.
      const { fileSource } = await import('./files.js');
      yield* fileSource({ root, paths: files, maxFileSize: o.maxFileSize, gitignore: o.gitignore, keysprawlignore: o.keysprawlignore }, diag);
    },
  };
}
