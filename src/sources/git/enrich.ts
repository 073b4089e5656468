// Turns blob-level findings into commit-level ones, before scoring: each blob with a finding
// is mapped to the paths and earliest commits that introduced it (introductions.ts); versions
// of one file holding the same key collapse into one occurrence per path; every occurrence of
// a secret records whether the key is still in HEAD's tree (presentAtHead) and, when it is
// not, the commit that removed it (properties.removedIn).
import type { CorrelatedSecret, Occurrence } from '../../contracts/secret.js';
import { treeBlobs, type TreeBlobs } from './head-tree.js';
import { blobHistory, type BlobHistory, type Introduction, type Removal } from './introductions.js';
import { GitCommandError, gitRecords, WALK_PACK_LIMITS } from './run-git.js';
import type { SpooledGit } from './spool.js';

export interface EnrichOptions {
  dir: string;
  /** `git log` revision arguments to map blobs over (history: the scanned range; diff: head ^base). */
  logArgs: string[];
  /** That walk over logArgs already run beside the scan (spooledBlobLog), read instead of walking again. */
  walk?: SpooledGit;
  /** Walked only for blobs the first walk did not place (e.g. introduced before --since). */
  fallbackLogArgs?: string[];
  /** The commit whose tree decides presentAtHead (HEAD, or the diff's head). */
  head?: string;
}

interface Candidate {
  occ: Occurrence;
  blob: string;
  intro: Introduction;
}

const isGit = (o: Occurrence) => o.origin.kind === 'git' && !!o.origin.blob;

async function mapBlobs(o: EnrichOptions, wanted: Set<string>, head: TreeBlobs): Promise<BlobHistory> {
  const stillAt = (blob: string, path: string) => !!head.get(blob)?.has(path);
  const hist = await blobHistory(o.dir, o.logArgs, wanted, stillAt, o.walk);
  const unmapped = new Set([...wanted].filter((b) => !hist.intros.has(b)));
  if (unmapped.size && o.fallbackLogArgs) {
    const more = await blobHistory(o.dir, o.fallbackLogArgs, unmapped, stillAt);
    for (const [blob, byPath] of more.intros) hist.intros.set(blob, byPath);
    hist.removals.push(...more.removals);
  }
  return hist;
}

/** The newest commit on HEAD's history that took any of these blobs away from this path. */
class RemovalFinder {
  private onHead?: Promise<Set<string>>;

  constructor(private readonly dir: string, private readonly head: string | undefined, private readonly removals: Removal[]) {}

  async find(blobs: Set<string>, path: string): Promise<Removal | undefined> {
    if (!this.head) return undefined;
    const hits = this.removals.filter((r) => r.path === path && blobs.has(r.blob)).sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
    if (!hits.length) return undefined;
    const onHead = await (this.onHead ??= this.ancestors());
    return hits.find((r) => onHead.has(r.commit));
  }

  /**
   * Which removing commits are HEAD or its ancestors: one walk of HEAD's history (stopped once
   * all are found), where one `git merge-base --is-ancestor` per commit cost ~0.5 s each on
   * moby (58 of them: 39 s).
   */
  private async ancestors(): Promise<Set<string>> {
    const wanted = new Set(this.removals.map((r) => r.commit));
    const found = new Set<string>();
    try {
      // A walk of commits only, at the end of the scan beside Node's largest heap: the walk's small pack limits.
      for await (const commit of gitRecords(this.dir, ['rev-list', '--end-of-options', this.head!], '\n', { packs: WALK_PACK_LIMITS })) {
        if (!wanted.has(commit)) continue;
        found.add(commit);
        if (found.size === wanted.size) break;
      }
    } catch (e) {
      // A damaged history past some commit: those found are on HEAD, the rest are not known to be.
      if (!(e instanceof GitCommandError)) throw e;
    }
    return found;
  }
}

function candidates(occs: Occurrence[], hist: BlobHistory): { mapped: Candidate[]; unmapped: Occurrence[] } {
  const mapped: Candidate[] = [];
  const unmapped: Occurrence[] = [];
  for (const occ of occs) {
    const byPath = hist.intros.get(occ.origin.blob!);
    if (!byPath?.size) unmapped.push(occ);
    else for (const intro of byPath.values()) mapped.push({ occ, blob: occ.origin.blob!, intro });
  }
  return { mapped, unmapped };
}

/** One path's versions → the occurrences to report: positions from the HEAD version if any, else the first. */
async function collapsePath(path: string, group: Candidate[], ctx: { head: TreeBlobs; atHead: boolean; removals: RemovalFinder }): Promise<Occurrence[]> {
  const first = group.reduce((a, b) => (Date.parse(b.intro.date) < Date.parse(a.intro.date) ? b : a));
  const blobs = new Set(group.map((c) => c.blob));
  const shownBlob = [...blobs].find((b) => ctx.head.get(b)?.has(path)) ?? first.blob;
  const removed = ctx.atHead ? undefined : await ctx.removals.find(blobs, path);
  const { commit, author, date, renamedFrom } = first.intro;
  return group
    .filter((c) => c.blob === shownBlob)
    .map(({ occ }) => {
      const properties = {
        ...occ.properties,
        ...(blobs.size > 1 ? { versions: blobs.size } : {}),
        ...(renamedFrom ? { renamedFrom } : {}),
        ...(removed ? { removedIn: removed.commit, removedAt: removed.date } : {}),
      };
      return {
        ...occ,
        origin: { ...occ.origin, path, commit, author, date, presentAtHead: ctx.atHead },
        ...(Object.keys(properties).length ? { properties } : {}),
      };
    });
}

async function enrichSecret<T extends CorrelatedSecret>(s: T, hist: BlobHistory, head: TreeBlobs, removals: RemovalFinder): Promise<T> {
  const git = s.occurrences.filter(isGit);
  if (!git.length) return s;
  const atHead = git.some((o) => head.has(o.origin.blob!));
  const { mapped, unmapped } = candidates(git, hist);
  const byPath = new Map<string, Candidate[]>();
  for (const c of mapped) byPath.set(c.intro.path, [...(byPath.get(c.intro.path) ?? []), c]);
  const out: Occurrence[] = s.occurrences.filter((o) => !isGit(o));
  for (const [path, group] of [...byPath].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    out.push(...(await collapsePath(path, group, { head, atHead, removals })));
  }
  for (const o of unmapped) out.push({ ...o, origin: { ...o.origin, presentAtHead: atHead } });
  return { ...s, occurrences: out };
}

/** Attach commits, authors, dates and presentAtHead to git-sourced secrets (the git sources' provenance, before scoring). */
export async function enrichGitSecrets<T extends CorrelatedSecret>(secrets: T[], o: EnrichOptions): Promise<T[]> {
  const wanted = new Set(secrets.flatMap((s) => s.occurrences.filter(isGit).map((occ) => occ.origin.blob!)));
  if (!wanted.size) return secrets;
  const head = await treeBlobs(o.dir, o.head, wanted);
  const hist = await mapBlobs(o, wanted, head);
  const removals = new RemovalFinder(o.dir, o.head, hist.removals);
  const out: T[] = [];
  for (const s of secrets) out.push(await enrichSecret(s, hist, head, removals));
  return out;
}
