// Nested .gitignore handling: one matcher per folder that has a .gitignore, checked deepest
// first (a deeper file's `!negation` wins, as in git). The root also reads .git/info/exclude
// and .keysprawlignore (path globs in gitignore syntax, always applied).
import ignore, { type Ignore } from 'ignore';
import { dirname, join, relative, sep } from 'node:path';
import type { Diagnostics } from '../diagnostics.js';
import { errorMessage } from '../errors.js';
import { OWN_FILE_LIMITS, readOwnFile } from '../own-file.js';

interface Level {
  /** Folder of the .gitignore, relative to the root ('' for the root), posix separators. */
  base: string;
  ig: Ignore;
}

async function loadIgnoreFile(path: string, label: string, diag: Diagnostics): Promise<Ignore | undefined> {
  let text: string;
  try {
    text = readOwnFile(path, OWN_FILE_LIMITS.ignore);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') diag.warn(`${label}: cannot read (${errorMessage(err)}), its patterns are not applied`);
    return undefined;
  }
  return ignore().add(text);
}

function posix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

export class IgnoreStack {
  private constructor(
    private readonly root: string,
    private readonly levels: Level[],
    private readonly always: Ignore | undefined,
    private readonly loaded: ReadonlySet<string>,
    private readonly gitignore: boolean,
  ) {}

  static async forRoot(root: string, diag: Diagnostics, gitignore = true, keysprawlignore = true): Promise<IgnoreStack> {
    const levels: Level[] = [];
    const rootIg = ignore();
    let any = false;
    const gitFiles = gitignore ? [[join(root, '.git', 'info', 'exclude'), '.git/info/exclude'], [join(root, '.gitignore'), '.gitignore']] : [];
    for (const [file, label] of gitFiles) {
      const ig = await loadIgnoreFile(file, label, diag);
      if (ig) {
        rootIg.add(ig);
        any = true;
      }
    }
    if (any) levels.push({ base: '', ig: rootIg });
    const always = keysprawlignore ? await loadIgnoreFile(join(root, '.keysprawlignore'), '.keysprawlignore', diag) : undefined;
    return new IgnoreStack(root, levels, always, new Set([root]), gitignore);
  }

  /** The stack for a folder: adds its .gitignore if it has one (`present`: the listing says whether). */
  async enter(dir: string, diag: Diagnostics, present = true): Promise<IgnoreStack> {
    if (this.loaded.has(dir) || !this.gitignore) return this;
    const base = posix(relative(this.root, dir));
    if (base.startsWith('..')) return this;
    const ig = present ? await loadIgnoreFile(join(dir, '.gitignore'), `${base}/.gitignore`, diag) : undefined;
    const loaded = new Set(this.loaded).add(dir);
    return new IgnoreStack(this.root, ig ? [...this.levels, { base, ig }] : this.levels, this.always, loaded, true);
  }

  /** The stack for a folder named on the command line: loads every ancestor's .gitignore. */
  async descendTo(dir: string, diag: Diagnostics): Promise<IgnoreStack> {
    const rel = relative(this.root, dir);
    if (rel === '' || rel.startsWith('..')) return this;
    const chain: string[] = [];
    for (let d = dirname(dir); d.length >= this.root.length && d !== this.root; d = dirname(d)) chain.unshift(d);
    let stack: IgnoreStack | undefined;
    for (const d of chain) stack = await (stack ?? this).enter(d, diag);
    return stack ?? this;
  }

  /** Whether a root-relative posix path is ignored. */
  ignores(rel: string, isDir: boolean): boolean {
    if (rel.startsWith('..')) return false;
    const probe = isDir ? `${rel}/` : rel;
    if (this.always?.ignores(probe)) return true;
    for (let i = this.levels.length - 1; i >= 0; i--) {
      const { base, ig } = this.levels[i];
      if (base && !rel.startsWith(`${base}/`)) continue;
      const sub = base ? probe.slice(base.length + 1) : probe;
      const verdict = ig.test(sub);
      if (verdict.ignored) return true;
      if (verdict.unignored) return false;
    }
    return false;
  }
}
