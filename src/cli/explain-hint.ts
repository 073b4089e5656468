// The arguments that follow the id in the `keysprawl explain <id>` hint printed under each
// finding: the same paths and the same mode, rules and config as the scan, so the hint finds the
// secret again when pasted (a key found by `scan --history` lives in history, not the tree).
import type { GitFlags } from './git-options.js';

export interface HintFlags extends GitFlags {
  rules?: string;
  config?: string | false;
  gitignore?: boolean;
  maxFileSize?: string;
}

/** A word the shell passes through unchanged, else the word in single quotes. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** " path --history ..." (empty when the scan was a plain `scan` of the current folder). */
export function explainArgs(paths: string[], flags: HintFlags): string {
  const args: string[] = paths.length === 1 && paths[0] === '.' ? [] : [...paths];
  if (flags.history) args.push('--history');
  if (flags.staged) args.push('--staged');
  if (flags.diff) args.push('--diff', flags.diff);
  for (const b of flags.branch ?? []) args.push('--branch', b);
  if (flags.since) args.push('--since', flags.since);
  if (flags.maxCount) args.push('--max-count', flags.maxCount);
  if (flags.root) args.push('--root', flags.root);
  if (flags.rules) args.push('--rules', flags.rules);
  if (flags.config === false) args.push('--no-config');
  else if (flags.config) args.push('--config', flags.config);
  if (flags.gitignore === false) args.push('--no-gitignore');
  if (flags.maxFileSize && flags.maxFileSize !== '25m') args.push('--max-file-size', flags.maxFileSize);
  return args.map((a) => ` ${shellWord(a)}`).join('');
}
