// A repository's own .keysprawl.yaml is written by whoever can open a pull request, so the files
// it names stay inside the scanned tree: its `baseline` is read and its `output`s are written
// only there, with no symlink leading out (a baseline linked to a credential file would print
// that file into the log; an output pointed at ~/.bashrc would overwrite it). A config named
// with --config is the user's own and is not confined.
import { lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { ProblemError, ProblemList } from '../problems/problem.js';
import type { KeysprawlConfig } from './schema.js';

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The real path of `path`, or of its nearest existing ancestor joined with the rest. */
function realish(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : resolve(realish(parent), relative(parent, path));
  }
}

/** Throws a ProblemError naming the file and field when a path escapes `root`. */
export function confineConfig(config: KeysprawlConfig, root: string, opts: { baselineFromRevision?: boolean } = {}): void {
  const problems = new ProblemList(config.file);
  const realRoot = realish(root);
  const baseline = opts.baselineFromRevision ? undefined : config.baseline;
  if (baseline && !inside(realRoot, realish(baseline))) {
    problems.add('baseline', 'config-escapes', { why: 'resolves outside the scanned folder (symlinks included)', may: 'name files inside it', flag: '--baseline' });
  }
  config.output.forEach((o, i) => {
    const abs = resolve(config.dir, o);
    const st = lstatSync(abs, { throwIfNoEntry: false });
    const why = st?.isSymbolicLink() ? 'is a symlink' : st && !st.isFile() ? 'is not a regular file' : !inside(realRoot, realish(abs)) ? 'resolves outside the scanned folder' : undefined;
    if (why) problems.add(`output[${i}]`, 'config-escapes', { why, may: 'write regular files inside it', flag: '--output' });
  });
  if (problems.count) throw new ProblemError(problems.list);
}
