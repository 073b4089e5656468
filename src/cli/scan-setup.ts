// The setup every scanning command shares (scan, explain, baseline): size limit, git mode,
// config (found at the repository's top level in a git mode) and the base scan options, so the
// three commands produce the same secret ids and scores for the same input.
import { prepareScan, type PrepareOptions, type ScanSetup, type SetupFlags } from '../config/setup.js';
import type { ScanOptions } from '../scan.js';
import { gitScanOptions, type GitFlags } from './git-options.js';
import { parseSize } from './outputs.js';

export interface CommonScanFlags extends SetupFlags, GitFlags {
  maxFileSize: string;
  gitignore: boolean;
  redact?: boolean;
}

export async function setUpScan(
  paths: string[],
  flags: CommonScanFlags,
  extra: Pick<ScanOptions, 'stdin' | 'onWarning'>,
  prepare: PrepareOptions = {},
): Promise<{ setup: ScanSetup; options: ScanOptions }> {
  const maxFileSize = parseSize(flags.maxFileSize);
  // --history / --staged / --diff: a git blob source, commit mapping, and the repo top level as root.
  const found = await gitScanOptions(paths, flags, maxFileSize);
  const { trustedRev, ...git } = found ?? { trustedRev: undefined };
  // In a git mode the repository's top level is the root, so its .keysprawl.yaml is found from
  // any subfolder (a pre-commit hook runs wherever the user is).
  const setup = prepareScan(paths, found ? { ...flags, root: found.root, trustedRev } : flags, prepare);
  const options: ScanOptions = {
    ...setup.options,
    paths,
    root: flags.root,
    maxFileSize,
    redact: flags.redact,
    gitignore: flags.gitignore,
    ...extra,
    ...git,
  };
  return { setup, options };
}
