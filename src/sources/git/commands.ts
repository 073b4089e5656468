// The git commands `scan --staged` runs, named once: the repository's facts, the index's diff
// and the blob reader. The launcher may start them before the CLI is loaded (prestart.ts); the
// same arguments then give the same answers as when the CLI starts them itself.

/** Bare? shallow? the git dir, and the way up to the top level (empty in a bare repository). */
export const REPO_FACTS_ARGS: readonly string[] = ['rev-parse', '--is-bare-repository', '--is-shallow-repository', '--absolute-git-dir', '--show-cdup'];

/** One long-lived reader of objects by id (cat-file.ts). */
export const CAT_FILE_ARGS: readonly string[] = ['cat-file', '--batch'];

// Rename detection so a moved-and-edited file reports only its edits; no external diff
// drivers or textconv, so the hunks are git's own line numbers of the blob.
const COMMON = ['--no-color', '--no-ext-diff', '--no-textconv', '--find-renames', '--diff-filter=ACMRT', '--ignore-submodules'];

/** What to compare: the index against HEAD, or two commits. */
export type DiffTarget = { kind: 'staged' } | { kind: 'range'; base: string; head: string };

/** The raw records, then the -U0 patch, of one diff (diff-source.ts reads both). */
export function diffArgs(t: DiffTarget): string[] {
  const target = t.kind === 'staged' ? ['--cached'] : [t.base, t.head];
  return ['diff', '--patch-with-raw', '-z', '-U0', '--no-abbrev', '--src-prefix=a/', '--dst-prefix=b/', ...COMMON, ...target];
}
