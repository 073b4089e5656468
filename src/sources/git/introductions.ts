// Maps blobs back to commits: for each (blob, path) the earliest commit that put that blob at
// that path, plus the commits that later replaced or deleted it. One streamed `git log --raw -z`
// pass; only blobs in `wanted` (those with findings) are remembered, so memory stays small.
// A merge introduces a blob at a path when its result there differs from every parent (what
// `git log -c` lists), but a combined diff of every merge is most of the cost of the walk on a
// repository with many merged branches (moby, every ref: 25.6 s of git CPU against 5.8 s). So
// merges are diffed against their first parent only (`--diff-merges=first-parent`: cheap, and
// a superset of the combined entries), and each such entry for a wanted blob is then checked
// against the other parents (`git cat-file --batch-check <parent>:<path>`): it is kept only when
// no parent has that blob there, which is exactly the combined diff's rule.
import { gitOutput, gitRecords, WALK_PACK_LIMITS } from './run-git.js';
import { SpooledGit } from './spool.js';

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

const FORMAT = '--format=%x01%H%x02%an <%ae>%x02%aI%x02%P';

/** An event of the walk for a wanted blob, replayed in walk order once merges are checked. */
type Event =
  | { kind: 'intro'; blob: string; intro: Introduction }
  /** A merge's first-parent entry: an introduction only if no other parent has the blob at the path. */
  | { kind: 'merge'; blob: string; intro: Introduction; others: string[]; keep?: boolean };

/** Keep the earlier of two introductions; on a tie the later-seen one (log walks newest first). */
function earlier(a: Introduction | undefined, b: Introduction): boolean {
  return !a || Date.parse(b.date) <= Date.parse(a.date);
}

/** Parses the NUL-separated `git log --raw -z` stream as a small state machine. */
class RawLogParser {
  readonly intros = new Map<string, Map<string, Introduction>>();
  readonly removals: Removal[] = [];
  readonly renames: Rename[] = [];
  readonly events: Event[] = [];
  private commit?: CommitInfo;
  /** The current commit's parents after the first (a merge has some). */
  private others: string[] = [];
  private entry?: { fields: string[]; paths: string[]; need: number };

  constructor(private readonly wanted: ReadonlySet<string>) {}

  token(raw: string): void {
    if (this.entry) {
      this.entry.paths.push(raw);
      if (this.entry.paths.length === this.entry.need) this.finishEntry();
      return;
    }
    const t = raw.startsWith('\n') ? raw.slice(1) : raw;
    if (t.startsWith('\x01')) {
      const [commit, author, date, parents = ''] = t.slice(1).split('\x02');
      this.commit = { commit, author, date };
      this.others = parents.split(' ').filter(Boolean).slice(1);
    } else if (t.startsWith(':')) {
      // ":<mode> <mode> <old> <new> <status>": the paths follow as tokens of their own.
      const fields = t.slice(1).split(' ');
      const status = fields[fields.length - 1];
      this.entry = { fields, paths: [], need: /^[RC]/.test(status) ? 2 : 1 };
    }
  }

  private finishEntry(): void {
    const { fields, paths } = this.entry!;
    this.entry = undefined;
    const c = this.commit;
    if (!c) return;
    const status = fields[fields.length - 1];
    const oldSha = fields[2];
    const newSha = fields[3];
    const [src, dst = src] = paths;
    if (this.others.length) {
      // A merge, against its first parent: it made the blob at dst only if no other parent had it there.
      if (status !== 'D' && this.wanted.has(newSha)) this.events.push({ kind: 'merge', blob: newSha, intro: { ...c, path: dst }, others: this.others });
      return;
    }
    if (status.startsWith('R') && oldSha === newSha) {
      if (this.wanted.has(newSha)) this.renames.push({ ...c, blob: newSha, from: src, to: dst });
      return;
    }
    if (status !== 'D' && this.wanted.has(newSha)) this.events.push({ kind: 'intro', blob: newSha, intro: { ...c, path: dst } });
    if (!status.startsWith('C') && status !== 'A' && this.wanted.has(oldSha)) this.removals.push({ ...c, blob: oldSha, path: src });
  }

  /** The introductions in walk order, the merge entries that a combined diff would list included. */
  replay(): void {
    for (const e of this.events) if (e.kind === 'intro' || e.keep) this.intro(e.blob, e.intro);
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

/** Marks each merge entry kept when none of the merge's other parents has the blob at that path. */
async function checkMerges(dir: string, events: Event[]): Promise<void> {
  const merges = events.filter((e): e is Extract<Event, { kind: 'merge' }> => e.kind === 'merge');
  // A path with a newline cannot be asked on a line: kept, as a combined diff would likely list it.
  const queries = merges.flatMap((e) => (e.intro.path.includes('\n') ? [] : e.others.map((p) => `${p}:${e.intro.path}`)));
  const answers = queries.length ? (await gitOutput(dir, ['cat-file', '--batch-check'], { input: `${queries.join('\n')}\n` })).split('\n') : [];
  let at = 0;
  for (const e of merges) {
    if (e.intro.path.includes('\n')) {
      e.keep = true;
      continue;
    }
    let found = false;
    for (let i = 0; i < e.others.length; i++) if (answers[at++]?.split(' ')[0] === e.blob) found = true;
    e.keep = !found;
  }
}

/** The `git log` that blobHistory reads, over the given revision arguments. */
function blobLogArgs(revArgs: string[]): string[] {
  return ['log', '--raw', '-z', '--diff-merges=first-parent', '--no-abbrev', '--find-renames=100%', '--no-color', '--no-ext-diff', '--no-show-signature', FORMAT, ...revArgs];
}

/**
 * That walk started ahead of need (spool.ts): `--history` starts it beside the scan and reads it
 * back for the missing blobs' paths and for provenance, instead of walking after the scan.
 */
export function spooledBlobLog(dir: string, revArgs: string[]): SpooledGit {
  return new SpooledGit(dir, blobLogArgs(revArgs), { packs: WALK_PACK_LIMITS });
}

/**
 * Walk `git log` over the given revision arguments and map the wanted blobs to commits;
 * `spooled`: the same walk (spooledBlobLog with these arguments) already run, read back instead.
 */
export async function blobHistory(
  dir: string,
  revArgs: string[],
  wanted: ReadonlySet<string>,
  stillAt: (blob: string, path: string) => boolean = () => false,
  spooled?: SpooledGit,
): Promise<BlobHistory> {
  const parser = new RawLogParser(wanted);
  if (wanted.size) {
    const args = blobLogArgs(revArgs);
    // A spool of another walk (other revisions) is not this one: walk live then.
    const same = spooled && spooled.args.length === args.length && spooled.args.every((a, i) => a === args[i]);
    const tokens = (same ? await spooled.records('\0') : undefined) ?? gitRecords(dir, args, '\0');
    for await (const token of tokens) parser.token(token);
    await checkMerges(dir, parser.events);
  }
  parser.replay();
  applyRenames(parser, stillAt);
  return { intros: parser.intros, removals: parser.removals };
}
