// Which enumerated repositories a sweep keeps: archived and forks (kept unless excluded: an
// archived repository still serves its keys to anyone who can read it), visibility, topics and
// name globs. Every filter is applied the same way to the three forges.
import { UsageError } from '../../errors.js';
import type { ForgeRepo } from './forge-repo.js';

export interface RepoFilters {
  archived: boolean;
  forks: boolean;
  /** Keep only these visibilities (empty: all). */
  visibility: string[];
  /** Keep repositories with at least one of these topics (empty: all). */
  topics: string[];
  /** Keep names matching one of these globs (empty: all); `!glob` excludes. */
  names: string[];
}

export const VISIBILITIES = ['public', 'private', 'internal'] as const;

/** A glob over a repository name: `*` any run of characters but `/`, `**` any run, `?` one character. */
export function globRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`, 'i');
}

export function checkFilters(f: RepoFilters): void {
  for (const v of f.visibility) {
    if (!(VISIBILITIES as readonly string[]).includes(v)) throw new UsageError(`--visibility ${v}: expected ${VISIBILITIES.join(', ')}`);
  }
  for (const n of f.names) if (!n.replace(/^!/, '')) throw new UsageError('--name: an empty glob matches nothing');
}

/** A name glob matches the full name ("org/repo") or its last part ("repo"). */
function nameMatches(name: string, glob: RegExp): boolean {
  return glob.test(name) || glob.test(name.split('/').pop() ?? name);
}

export function keep(repo: ForgeRepo, f: RepoFilters): boolean {
  if (!f.archived && repo.archived) return false;
  if (!f.forks && repo.fork) return false;
  if (f.visibility.length && !f.visibility.includes(repo.visibility)) return false;
  if (f.topics.length && !repo.topics.some((t) => f.topics.includes(t.toLowerCase()))) return false;
  const include = f.names.filter((n) => !n.startsWith('!')).map(globRegExp);
  const exclude = f.names.filter((n) => n.startsWith('!')).map((n) => globRegExp(n.slice(1)));
  if (include.length && !include.some((g) => nameMatches(repo.name, g))) return false;
  return !exclude.some((g) => nameMatches(repo.name, g));
}
