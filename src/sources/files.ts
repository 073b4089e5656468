// Working-tree source: walks files and folders one directory level at a time (one
// readdir each), so ignored folders are pruned before descent; honours nested .gitignore files and a
// root .keysprawlignore; never follows a symlink out of the scan root; skips (and counts)
// binary, oversized, unreadable and vanished files.
// node:fs/promises (with the readline and stream modules it loads) only when a symlink is met:
// the named paths are resolved synchronously, like the walk, so a start-up pays for neither.
import { lstatSync, promises as fsp, readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostics } from '../diagnostics.js';
import { errorMessage } from '../errors.js';
import type { Blob } from '../contracts/blob.js';
import { IgnoreStack } from './ignore-stack.js';
import { isArchive } from './archive/expand.js';
import { binaryText, isBinary } from './binary.js';
import { ByteGate } from './byte-gate.js';
import { readInWindows, WINDOW_BYTES } from './chunks.js';

export interface FileSourceOptions {
  /** Absolute scan root: paths in reports are relative to it. */
  root: string;
  /** Files or folders to walk (absolute or relative to cwd). */
  paths: string[];
  maxFileSize: number;
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
  /** Honour the root's .keysprawlignore (default true). */
  keysprawlignore?: boolean;
}

const ALWAYS_SKIP_DIRS = new Set(['.git']);

/**
 * keysprawl's own package folder when it is an installed copy (inside node_modules): its rule
 * packs and precompiled rules are full of key formats, so a project without a .gitignore would
 * otherwise be told about keysprawl's own files. Two levels up from src/sources/, dist/sources/
 * and the bundle in dist/cli/ alike.
 */
const OWN_INSTALL = ((): string | undefined => {
  try {
    const root = realpathSync(fileURLToPath(new URL('../../', import.meta.url)));
    return root.split(sep).includes('node_modules') ? root : undefined;
  } catch {
    return undefined;
  }
})();
const OWN_INSTALL_NAME = OWN_INSTALL ? basename(OWN_INSTALL) : undefined;

function isOwnInstall(abs: string): boolean {
  try {
    return realpathSync(abs) === OWN_INSTALL;
  } catch {
    return false;
  }
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

export function relPath(root: string, abs: string): string {
  const rel = toPosix(relative(root, abs));
  return rel === '' ? basename(abs) : rel;
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Read-ahead bounds: files in flight, and bytes read but not yet handed on. The reads are
 * synchronous, so reading ahead only overlaps the workers' processing (whose own window holds
 * the blobs in flight); a deeper read-ahead (32 files, 64 MB) only held memory: it was most of
 * the buffers alive at a 1 GB tree's peak.
 */
const READ_AHEAD_FILES = 8;
const READ_AHEAD_BYTES = 16 * 1024 * 1024;

// Archives too: they are opened whole (src/sources/archive/expand.ts).
const STRUCTURED = /\.(ipynb|json|jsonc|ya?ml|zip|jar|war|ear|whl|nupkg|tar|tgz|gz)$/i;

/** A file too large to hold whole: read later, window by window (see chunks.ts). */
interface LargeFile {
  large: true;
  abs: string;
  rel: string;
  size: number;
}

// The stat and the read are synchronous: with the file in the page cache, each promise-based
// call (stat, then readFile's open, fstat, read and close) was a thread-pool round trip, and
// those per-file calls were about a third of a tree scan's main-thread time.
async function readBlob(abs: string, rel: string, opts: FileSourceOptions, diag: Diagnostics, gate?: { g: ByteGate; ticket: number }): Promise<Blob | LargeFile | undefined> {
  let size = 0;
  try {
    const st = statSync(abs);
    if (!st.isFile()) {
      await gate?.g.take(gate.ticket, 0);
      diag.skip(rel, 'not-regular', `${rel}: not a regular file, skipped`);
      return undefined;
    }
    size = st.size;
  } catch (err) {
    await gate?.g.take(gate.ticket, 0);
    return failed(rel, err, diag);
  }
  if (size > opts.maxFileSize) {
    await gate?.g.take(gate.ticket, 0);
    diag.skip(rel, 'too-large', `${rel}: ${size} bytes is over --max-file-size ${opts.maxFileSize}, skipped`);
    return undefined;
  }
  // Structured files (notebooks, JSON/YAML configs) are parsed whole up to --max-file-size: a
  // window of one would lose the cell and key-path mapping. Everything else is windowed.
  if (size > WINDOW_BYTES && !STRUCTURED.test(rel)) {
    await gate?.g.take(gate.ticket, 0);
    return { large: true, abs, rel, size };
  }
  await gate?.g.take(gate.ticket, size);
  let bytes: Buffer;
  try {
    bytes = readFileSync(abs);
  } catch (err) {
    gate?.g.give(size);
    return failed(rel, err, diag);
  }
  // The gate counted the stat size; the consumer gives back what was actually read.
  if (gate && bytes.length !== size) {
    gate.g.give(size);
    gate.g.give(-bytes.length);
  }
  if (isBinary(bytes) && !isArchive(bytes)) {
    // The buffer is this read's own: its text regions are written over it.
    const text = binaryText(bytes, rel, rel, diag, true);
    if (!text) {
      gate?.g.give(bytes.length);
      return undefined;
    }
    bytes = text;
  }
  return { origin: { kind: 'file', path: rel }, bytes };
}

function failed(rel: string, err: unknown, diag: Diagnostics): undefined {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') diag.skip(rel, 'vanished', `${rel}: vanished before it could be read, skipped`);
  else if (code === 'EACCES' || code === 'EPERM') diag.skip(rel, 'unreadable', `${rel}: permission denied, skipped`);
  // The code, not the message: the message repeats the absolute path (7 KB past PATH_MAX).
  else diag.skip(rel, 'unreadable', `${rel}: cannot read (${code ?? errorMessage(err)}), skipped`);
  return undefined;
}

/** Decide what a symlink is: a link out of the root or a broken link is skipped and counted. */
async function checkSymlink(abs: string, rel: string, root: string, diag: Diagnostics): Promise<void> {
  let target: string;
  try {
    target = await fsp.realpath(abs);
  } catch {
    diag.skip(rel, 'broken-symlink', `${rel}: broken symlink, skipped`);
    return;
  }
  if (!isInside(root, target)) {
    diag.skip(rel, 'outside-root', `${rel}: symlink points outside the scan root, not followed`);
    return;
  }
  // A link inside the root: its target is scanned under its own path, so the link is not
  // scanned twice (that would double-count the secret's spread).
  diag.skip(rel, 'symlink', `${rel}: symlink to ${relPath(root, target)}, scanned there`);
}

interface FileRef {
  abs: string;
  rel: string;
}

interface Level {
  entries: Dirent[];
  next: number;
  dir: string;
  stack: IgnoreStack;
}

// One synchronous readdir per folder, with the entry types it returns: fast-glob's listing of
// the same folders (a promise per folder and a matcher per entry) cost four times as much CPU.
// Depth first in name order, with an explicit stack of folders rather than one generator per
// level (each file would pass through every level's generator).
async function* walkDir(top: string, opts: FileSourceOptions, ignores: IgnoreStack, diag: Diagnostics): AsyncGenerator<FileRef> {
  const levels: Level[] = [];
  const enter = async (dir: string, parent: IgnoreStack): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      // A folder deleted since its parent was listed says ENOENT: failed() reports it vanished.
      failed(relPath(opts.root, dir), err, diag);
      return;
    }
    // Listed first, so an unreadable folder is one line (not one more for its .gitignore).
    const stack = await parent.enter(dir, diag, entries.some((e) => e.name === '.gitignore'));
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    levels.push({ entries, next: 0, dir, stack });
  };
  await enter(top, ignores);
  while (levels.length) {
    const level = levels[levels.length - 1];
    if (level.next === level.entries.length) {
      levels.pop();
      continue;
    }
    const d = level.entries[level.next++];
    const { stack } = level;
    const abs = join(level.dir, d.name);
    const rel = relPath(opts.root, abs);
    if (d.isDirectory()) {
      if (ALWAYS_SKIP_DIRS.has(d.name) || stack.ignores(rel, true)) continue;
      if (d.name === OWN_INSTALL_NAME && isOwnInstall(abs)) {
        diag.skip(rel, 'keysprawl-itself', `${rel}: keysprawl's own installed files, skipped`);
        continue;
      }
      await enter(abs, stack);
    } else if (stack.ignores(rel, false)) {
      continue;
    } else if (d.isSymbolicLink()) {
      await checkSymlink(abs, rel, opts.root, diag);
    } else if (d.isFile()) {
      yield { abs, rel };
    } else {
      diag.skip(rel, 'not-regular', `${rel}: not a regular file (socket, fifo or device), skipped`);
    }
  }
}

/** Keeps up to `depth` reads in flight while yielding blobs in walk order (I/O overlaps scanning). */
async function* readAhead(refs: AsyncIterable<FileRef>, opts: FileSourceOptions, diag: Diagnostics): AsyncGenerator<Blob> {
  const g = new ByteGate(READ_AHEAD_BYTES);
  const pending: Array<Promise<Blob | LargeFile | undefined>> = [];
  const handOn = async function* (): AsyncGenerator<Blob> {
    const blob = await pending.shift()!;
    if (!blob) return;
    if ('large' in blob) {
      yield* readInWindows(blob.abs, blob.rel, blob.size, diag);
      return;
    }
    g.give(blob.bytes.length);
    yield blob;
  };
  for await (const ref of refs) {
    pending.push(readBlob(ref.abs, ref.rel, opts, diag, { g, ticket: g.ticket() }));
    if (pending.length >= READ_AHEAD_FILES) yield* handOn();
  }
  while (pending.length) yield* handOn();
}

/** The real path (libuv's realpath, as fs/promises resolves it), or undefined when there is none. */
function realOrUndefined(path: string): string | undefined {
  try {
    return realpathSync.native(path);
  } catch {
    return undefined;
  }
}

/** Walk every given path; a missing path must be rejected by the caller before this runs. */
export async function* fileSource(opts: FileSourceOptions, diag: Diagnostics): AsyncGenerator<Blob> {
  // The root itself may be a symlink (or sit under one): walk its real path, or every link
  // inside it would look like one pointing out of the root, and the root itself like one.
  const named = resolve(opts.root);
  const root = realOrUndefined(named) ?? named;
  const underRoot = (abs: string) => (root !== named && isInside(named, abs) ? join(root, relative(named, abs)) : abs);
  const ignores = await IgnoreStack.forRoot(root, diag, opts.gitignore !== false, opts.keysprawlignore !== false);
  for (const p of opts.paths) {
    const abs = underRoot(resolve(p));
    let st;
    try {
      st = lstatSync(abs);
    } catch (err) {
      failed(relPath(root, abs), err, diag);
      continue;
    }
    const rel = relPath(root, abs);
    if (st.isSymbolicLink()) {
      const target = realOrUndefined(abs);
      if (!target) {
        diag.skip(rel, 'broken-symlink', `${rel}: broken symlink, skipped`);
        continue;
      }
      // A path the user named explicitly is followed when it stays inside the root.
      if (!isInside(root, target)) {
        diag.skip(rel, 'outside-root', `${rel}: symlink points outside the scan root, not followed`);
        continue;
      }
      st = statSync(target);
    }
    if (st.isDirectory()) {
      const o = { ...opts, root };
      yield* readAhead(walkDir(abs, o, await ignores.descendTo(abs, diag), diag), o, diag);
    } else {
      const blob = await readBlob(abs, rel, { ...opts, root }, diag);
      if (blob && 'large' in blob) yield* readInWindows(blob.abs, blob.rel, blob.size, diag);
      else if (blob) yield blob;
    }
  }
}
