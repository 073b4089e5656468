// The setup every scanning command shares (scan, explain, baseline): size limit, git mode,
// config (found at the repository's top level in a git mode) and the base scan options, so the
// three commands produce the same secret ids and scores for the same input. Flags become typed
// values here; nothing below the CLI sees a flag object.
import { prepareScan, type ScanSetup, type SetupRequest } from '../config/setup.js';
import type { ScanOptions } from '../scan.js';
import { gitScanOptions, type GitFlags } from './git-options.js';
import { parseSize } from './outputs.js';
import { prefetchPackStats } from '../rules/load.js';

export interface CommonScanFlags extends GitFlags {
  /** A config file; false (`--no-config`) ignores any .keysprawl.yaml. */
  config?: string | false;
  /** A baseline file to suppress accepted findings (`scan --baseline`). */
  baseline?: string;
  /** A rule packs folder instead of the built-in one (`--rules`). */
  rules?: string;
  maxFileSize: string;
  gitignore: boolean;
  redact?: boolean;
}

export async function setUpScan(
  paths: string[],
  flags: CommonScanFlags,
  extra: Pick<ScanOptions, 'stdin' | 'onWarning'>,
  baseline?: SetupRequest['baseline'],
): Promise<{ setup: ScanSetup; options: ScanOptions }> {
  const maxFileSize = parseSize(flags.maxFileSize);
  // The built-in rules' freshness check reads ~200 stats: started now, while git answers.
  if (flags.rules === undefined) void prefetchPackStats();
  // --history / --staged / --diff: a git source, its root the repository's top level.
  const git = await gitScanOptions(paths, flags, maxFileSize);
  // In a git mode the repository's top level is the root, so its .keysprawl.yaml is found from
  // any subfolder (a pre-commit hook runs wherever the user is).
  const setup = prepareScan(paths, {
    configFile: flags.config,
    ...(baseline ? { baseline } : { baselineFile: flags.baseline }),
    rulePacks: flags.rules,
    root: git ? git.source.root : flags.root,
    trustedRev: git?.trustedRev,
  });
  const options: ScanOptions = {
    ...setup.options,
    paths,
    root: flags.root,
    maxFileSize,
    redact: flags.redact,
    gitignore: flags.gitignore,
    ...extra,
    ...(git ? { source: git.source } : {}),
  };
  return { setup, options };
}
