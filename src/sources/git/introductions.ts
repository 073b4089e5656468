// Maps blobs back to commits: for each (blob, path) the earliest commit that put that blob at
// that path, plus the commits that later replaced or deleted it. One streamed `git log --raw -z`
// pass; only blobs in `wanted` (those with findings) are remembered, so memory stays small.
import { gitRecords } from './run-git.js';

export interface CommitInfo {
  commit: string;
  author: string;
  /** Author date, ISO 8601. */
  date: string;
}

export interface Introduction extends CommitInfo {
  path: string;
  /** Set when the blob reached `path` by a pure rename (the commit fields are the original's). */
  renamedFrom?: string;
}

export interface Removal extends CommitInfo {
  blob: string;
  path: string;
}

export interface BlobHistory {
  /** blob → path → earliest introduction at that path. */
  intros: Map<string, Map<string, Introduction>>;
  /** Commits that deleted or changed a wanted blob at a path, newest first. */
  removals: Removal[];
}

interface Rename extends CommitInfo {
  blob: string;
  from: string;
  to: string;
}

const FORMAT = '--format=%x01%H%x02%an <%ae>%x02%aI';

/** Keep the earlier of two introductions; on a tie the later-seen one (log walks newest first). */
function earlier(a: Introduction | undefined, b: Introduction): boolean {
  return !a || Date.parse(b.date) <= Date.parse(a.date);
}

/** Parses the NUL-separated `git log --raw -z` stream as a small state machine. */
class RawLogParser {
  readonly intros = new Map<string, Map<string, Introduction>>();
  readonly removals: Removal[] = [];
  readonly renames: Rename[] = [];
  private commit?: CommitInfo;
  private entry?: { fields: string[]; parents: number; paths: string[]; need: number };

  constructor(private readonly wanted: ReadonlySet<string>) {}

  token(raw: string): void {
    if (this.entry) {
      this.entry.paths.push(raw);
      if (this.entry.paths.length === this.entry.need) this.finishEntry();
      return;
    }
    const t = raw.startsWith('\n') ? raw.slice(1) : raw;
    if (t.startsWith('\x01')) {
      const [commit, author, date] = t.slice(1).split('\x02');
      this.commit = { commit, author, date };
    } else if (t.startsWith(':')) {
      const parents = /^:+/.exec(t)![0].length;
      const fields = t.slice(parents).split(' ');
      const status = fields[fields.length - 1];
      const need = parents === 1 && /^[RC]/.test(status) ? 2 : 1;
      this.entry = { fields, parents, paths: [], need };
    }
  }

  private finishEntry(): void {
    const { fields, parents, paths } = this.entry!;
    this.entry = undefined;
    const c = this.commit;
    if (!c) return;
    const status = fields[fields.length - 1];
    const newSha = fields[2 * parents + 1];
    if (parents > 1) {
      // A combined (merge) entry: the result differs from every parent, so the merge made it.
      if (this.wanted.has(newSha)) this.intro(newSha, { ...c, path: paths[0] });
      return;
    }
    const oldSha = fields[2];
    const [src, dst = src] = paths;
    if (status.startsWith('R') && oldSha === newSha) {
      if (this.wanted.has(newSha)) this.renames.push({ ...c, blob: newSha, from: src, to: dst });
      return;
    }
    if (status !== 'D' && this.wanted.has(newSha)) this.intro(newSha, { ...c, path: dst });
    if (!status.startsWith('C') && status !== 'A' && this.wanted.has(oldSha)) this.removals.push({ ...c, blob: oldSha, path: src });
  }

  private intro(blob: string, i: Introduction): void {
    let byPath = this.intros.get(blob);
    if (!byPath) this.intros.set(blob, (byPath = new Map()));
    if (earlier(byPath.get(i.path), i)) byPath.set(i.path, i);
  }
}

/**
 * A pure rename keeps the blob: the new path inherits the original introduction (so a rename
 * is not a second place the key was committed), and the old path is forgotten unless HEAD
 * still has the blob there.
 */
function applyRenames(p: RawLogParser, stillAt: (blob: string, path: string) => boolean): void {
  for (const r of [...p.renames].reverse()) {
    const byPath = p.intros.get(r.blob);
    const from = byPath?.get(r.from);
    if (!byPath || !from || byPath.has(r.to)) continue;
    byPath.set(r.to, { ...from, path: r.to, renamedFrom: from.renamedFrom ?? r.from });
    if (!stillAt(r.blob, r.from)) byPath.delete(r.from);
  }
}

/** Walk `git log` over the given revision arguments and map the wanted blobs to commits. */
export async function blobHistory(
  dir: string,
  revArgs: string[],
  wanted: ReadonlySet<string>,
  stillAt: (blob: string, path: string) => boolean = () => false,
): Promise<BlobHistory> {
  const parser = new RawLogParser(wanted);
  if (wanted.size) {
    const args = ['log', '--raw', '-z', '-c', '--no-abbrev', '--find-renames=100%', '--no-color', '--no-ext-diff', '--no-show-signature', FORMAT, ...revArgs];
    for await (const token of gitRecords(dir, args, '\0')) parser.token(token);
  }
  applyRenames(parser, stillAt);
  return { intros: parser.intros, removals: parser.removals };
}
