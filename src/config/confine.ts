// A repository's own .keysprawl.yaml is written by whoever can open a pull request, so the files
// it names stay inside the scanned tree: its `baseline` is read and its `output`s are written
// only there, with no symlink leading out (a baseline linked to a credential file would print
// that file into the log; an output pointed at ~/.bashrc would overwrite it). A config named
// with --config is the user's own and is not confined.
import { lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { Problems } from './problems.js';
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

/** Throws a ConfigError naming the file and field when a path escapes `root`. */
export function confineConfig(config: KeysprawlConfig, root: string, opts: { baselineFromRevision?: boolean } = {}): void {
  const problems = new Problems(config.file);
  const realRoot = realish(root);
  const baseline = opts.baselineFromRevision ? undefined : config.baseline;
  if (baseline && !inside(realRoot, realish(baseline))) {
    problems.add('baseline', 'resolves outside the scanned folder (symlinks included): a repository\'s config may only name files inside it; pass --baseline FILE instead');
  }
  config.output.forEach((o, i) => {
    const abs = resolve(config.dir, o);
    const st = lstatSync(abs, { throwIfNoEntry: false });
    const why = st?.isSymbolicLink() ? 'is a symlink' : st && !st.isFile() ? 'is not a regular file' : !inside(realRoot, realish(abs)) ? 'resolves outside the scanned folder' : undefined;
    if (why) problems.add(`output[${i}]`, `${why}: a repository's config may only write regular files inside it; pass --output FILE instead`);
  });
  problems.throwIfAny();
}
