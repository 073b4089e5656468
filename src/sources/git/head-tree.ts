// Which of the wanted blobs a commit's tree still holds, and at which paths: the basis of
// presentAtHead (a key removed from HEAD is still in history and still needs rotation).
import { gitRecords } from './run-git.js';

export type TreeBlobs = Map<string, Set<string>>;

export async function treeBlobs(dir: string, commit: string | undefined, wanted: ReadonlySet<string>): Promise<TreeBlobs> {
  const found: TreeBlobs = new Map();
  if (!commit || !wanted.size) return found;
  // "<mode> <type> <sha>\t<path>" records, NUL-terminated so any path survives.
  for await (const rec of gitRecords(dir, ['ls-tree', '-r', '-z', '--full-tree', commit], '\0')) {
    const tab = rec.indexOf('\t');
    if (tab === -1) continue;
    const sha = rec.slice(0, tab).split(' ')[2];
    if (!wanted.has(sha)) continue;
    const paths = found.get(sha) ?? new Set<string>();
    paths.add(rec.slice(tab + 1));
    found.set(sha, paths);
  }
  return found;
}
