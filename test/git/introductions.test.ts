// The walk that names the commit introducing each blob at each path (src/sources/git/introductions.ts)
// diffs merges against their first parent and checks the other parents, instead of git's
// combined diff. Proof that it names the same commits: generated histories with branches, clean
// merges (a side's version taken as it is), merges that write new content (an "evil" merge, a
// conflict resolution) and octopus merges, compared with the definition itself: a commit
// introduces blob B at path P when its tree has B at P and none of its parents' trees does; the
// earliest such commit (by author date; on a tie the older in git log's order) is the one named.
// Dates go back now and then, so a merge can be dated before the side commit it takes a blob
// from: only then does taking every first-parent entry of a merge name the wrong commit.
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { prng } from '../../src/rules/fake.js';
import { blobHistory } from '../../src/sources/git/introductions.js';
import { Repo } from './git-fixture.js';
import { HistoryWriter } from './history-helpers.js';

const repos: Repo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

const FILES = ['a.txt', 'b.txt', 'c/d.txt', 'c/e.txt', 'f.txt'];

function generate(r: Repo, commits: number, seed: number): void {
  const rnd = prng(seed);
  const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)];
  // Dates go back now and then (a rebased or cherry-picked commit keeps its author date).
  const w = new HistoryWriter(() => (rnd() < 0.3 ? -60 * Math.floor(rnd() * 200) : 60));
  const trees = new Map<string, Map<string, string[]>>([['main', new Map(FILES.map((f) => [f, [`start ${f}`]]))]]);
  const tips = new Map<string, number>([['main', w.commit('main', trees.get('main')!, FILES)]]);
  // A small pool of contents, so the same blob shows up on several branches and paths.
  const pool = Array.from({ length: 12 }, (_, i) => [`content ${i}`]);
  for (let c = 1; c < commits; c++) {
    const op = rnd();
    const branches = [...trees.keys()];
    if (op < 0.1 && branches.length < 4) {
      const from = pick(branches);
      const name = `b${c}`;
      trees.set(name, new Map([...trees.get(from)!].map(([k, v]) => [k, [...v]])));
      tips.set(name, tips.get(from)!);
      continue;
    }
    if (op < 0.3 && branches.length > 1) {
      const into = pick(branches);
      const others = branches.filter((b) => b !== into);
      const from = rnd() < 0.2 && others.length > 1 ? others.slice(0, 2) : [pick(others)];
      const tree = trees.get(into)!;
      const changed = new Set<string>();
      // Take each merged branch's version of some files (a clean merge), sometimes write new content (evil).
      for (const b of from) {
        for (const [path, lines] of trees.get(b)!) {
          if (rnd() < 0.5 && (tree.get(path) ?? []).join() !== lines.join()) {
            tree.set(path, [...lines]);
            changed.add(path);
          }
        }
      }
      if (rnd() < 0.4) {
        const path = pick(FILES);
        tree.set(path, rnd() < 0.5 ? [...pick(pool)] : [`merge ${c}`]);
        changed.add(path);
      }
      const [first, ...rest] = from.map((b) => tips.get(b)!);
      tips.set(into, w.commitMerge(into, tree, [...changed], tips.get(into)!, [first, ...rest]));
      continue;
    }
    const b = pick(branches);
    const tree = trees.get(b)!;
    const path = pick(FILES);
    tree.set(path, rnd() < 0.4 ? [...pick(pool)] : [...(tree.get(path) ?? []), `line ${c}`]);
    tips.set(b, w.commit(b, tree, [path], tips.get(b)));
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: r.dir, input: w.stream(), maxBuffer: 64 * 1024 * 1024 });
  r.git('reset', '-q', '--hard', 'main');
}

/** blob → path → commit, by the definition (every commit's tree against its parents' trees). */
function oracle(r: Repo): Map<string, Map<string, string>> {
  const trees = new Map<string, Map<string, string>>();
  const tree = (commit: string) => {
    let t = trees.get(commit);
    if (!t) {
      t = new Map();
      for (const rec of r.git('ls-tree', '-r', '-z', commit).split('\0').filter(Boolean)) {
        const [meta, path] = rec.split('\t');
        t.set(path, meta.split(' ')[2]);
      }
      trees.set(commit, t);
    }
    return t;
  };
  const best = new Map<string, Map<string, { commit: string; date: number }>>();
  for (const line of r.git('log', '--all', '--format=%H %P%x09%aI').trim().split('\n')) {
    const [ids, date] = line.split('\t');
    const [commit, ...parents] = ids.trim().split(' ');
    for (const [path, blob] of tree(commit)) {
      if (parents.some((p) => tree(p).get(path) === blob)) continue;
      const byPath = best.get(blob) ?? new Map<string, { commit: string; date: number }>();
      const was = byPath.get(path);
      if (!was || Date.parse(date) <= was.date) byPath.set(path, { commit, date: Date.parse(date) });
      best.set(blob, byPath);
    }
  }
  return new Map([...best].map(([blob, byPath]) => [blob, new Map([...byPath].map(([p, v]) => [p, v.commit]))]));
}

describe('blobHistory over merges', () => {
  it.each([1, 2, 3])('names the same introducing commits as the definition (generated history with merges, seed %i)', async (seed) => {
    const r = new Repo();
    repos.push(r);
    generate(r, 120, seed);
    const expected = oracle(r);
    const { intros } = await blobHistory(r.dir, ['--all'], new Set(expected.keys()));
    const got = new Map([...intros].map(([blob, byPath]) => [blob, new Map([...byPath].map(([p, i]) => [p, i.commit]))]));
    const merges = r.git('rev-list', '--all', '--merges').trim().split('\n').filter(Boolean);
    expect(merges.length).toBeGreaterThan(5);
    // Some blob is first introduced by a merge, and some merge takes a side's blob it did not make.
    const byMerge = [...expected.values()].flatMap((m) => [...m.values()]).filter((c) => merges.includes(c));
    expect(byMerge.length).toBeGreaterThan(0);
    expect(got).toEqual(expected);
  });
});
