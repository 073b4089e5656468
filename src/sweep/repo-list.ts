// The repositories of a sweep: read from a list file (`--repos FILE`, one per line) or found as
// the git checkouts in a folder (`sweep DIR`). Each gets a stable id, the name reports show and
// shards hash; a URL's id never holds the credentials a line may carry.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, posix, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { OWN_FILE_LIMITS, readOwnFile } from '../own-file.js';

export interface RepoSpec {
  /** Stable identifier: a credential-free URL, a path as listed, or a folder name (sweep DIR). */
  id: string;
  kind: 'url' | 'path';
  /** What to clone (the URL as listed, credentials included) or the absolute local path. */
  location: string;
}

const SCP_LIKE = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:(?!\/\/)\S+$/;
const URL_LIKE = /^(https?|ssh|git|file):\/\/\S+$/i;

export function isRepoUrl(text: string): boolean {
  return URL_LIKE.test(text) || SCP_LIKE.test(text);
}

/** `https://user:token@host/o/r.git` → `https://host/o/r.git`: ids and messages never hold credentials. */
export function stripCredentials(url: string): string {
  return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/@\s]*@/, '$1');
}

/** Hide any `scheme://user:secret@` in a message (git echoes the URL it failed to fetch). */
export function scrubCredentials(text: string): string {
  return text.replace(/([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/@\s]*:[^/@\s]*@/g, '$1***@');
}

function normalizePath(text: string): string {
  const p = posix.normalize(text.replace(/\\/g, '/'));
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}

/** One line of a list: undefined for a blank line or a comment. */
export function parseRepoLine(line: string, baseDir: string): RepoSpec | undefined {
  const text = line.trim();
  if (!text || text.startsWith('#')) return undefined;
  if (isRepoUrl(text)) return { id: stripCredentials(text), kind: 'url', location: text };
  const id = normalizePath(text);
  return { id, kind: 'path', location: isAbsolute(text) ? resolve(text) : resolve(baseDir, text) };
}

/** Keep the first of each id; `warn` names the line of every duplicate. */
function dedupe(specs: Array<{ spec: RepoSpec; where: string }>, warn: (line: string) => void): RepoSpec[] {
  const seen = new Set<string>();
  const out: RepoSpec[] = [];
  for (const { spec, where } of specs) {
    if (seen.has(spec.id)) {
      warn(`${where}: ${spec.id} is listed twice, scanned once`);
      continue;
    }
    seen.add(spec.id);
    out.push(spec);
  }
  return out;
}

/** Read a list file: one repository a line, `#` comments; relative paths are relative to the file. */
export function readRepoList(file: string, warn: (line: string) => void = () => undefined): RepoSpec[] {
  let text: string;
  try {
    text = readOwnFile(file, OWN_FILE_LIMITS.baseline);
  } catch (err) {
    throw new UsageError(`${file}: cannot read the repository list (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const base = dirname(resolve(file));
  const specs = text.split(/\r?\n/).flatMap((line, i) => {
    const spec = parseRepoLine(line, base);
    return spec ? [{ spec, where: `${file}:${i + 1}` }] : [];
  });
  if (!specs.length) throw new UsageError(`${file}: lists no repositories (one path or git URL a line)`);
  return dedupe(specs, warn);
}

/** A folder that git can open as a repository: a checkout (has .git) or a bare repository. */
export function looksLikeRepo(dir: string): boolean {
  if (existsSync(join(dir, '.git'))) return true;
  return ['HEAD', 'objects', 'refs'].every((n) => existsSync(join(dir, n)));
}

/** `sweep DIR`: every git repository directly inside DIR, by folder name. */
export function reposInFolder(dir: string): RepoSpec[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new UsageError(`${dir}: not a folder (sweep DIR takes a folder of checkouts; use --repos FILE for a list)`);
    names = readdirSync(dir);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`${dir}: cannot read the folder (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const specs = names
    .sort()
    .map((name) => ({ name, abs: resolve(dir, name) }))
    .filter(({ abs }) => statSync(abs, { throwIfNoEntry: false })?.isDirectory() && looksLikeRepo(abs))
    .map(({ name, abs }): RepoSpec => ({ id: name, kind: 'path', location: abs }));
  if (!specs.length) throw new UsageError(`${dir}: holds no git repositories (a checkout with .git, or a bare repository)`);
  return specs;
}
