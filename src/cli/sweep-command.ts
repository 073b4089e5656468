// `keysprawl sweep`: a list of repositories (or a folder of checkouts) → one report with the keys
// shared across them. Options → sweep plan → src/sweep/ → reports → exit code.
import { dirname, resolve } from 'node:path';
import { prepareScan } from '../config/setup.js';
import { DEFAULT_SALT, hashSalt } from '../redaction/secret-id.js';
import { UsageError } from '../errors.js';
import { sweepProgressLine } from '../report/sweep-text.js';
import { gateExitCode } from './gate.js';
import type { Depth } from '../sweep/clone-cache.js';
import { readRepoList, reposInFolder, type RepoSpec } from '../sweep/repo-list.js';
import { parseShard } from '../sweep/shard.js';
import { sweep } from '../sweep/sweep.js';
import type { Severity } from '../contracts/scored.js';
import type { Io } from './io.js';
import { parseSize, planOutputs } from './outputs.js';
import { checkRun, withHistory } from './store-option.js';
import { enumerateForCli, forgeRequest, type ForgeFlags } from './forge-options.js';
import { hasForges } from '../sweep/enumerate/enumerate.js';
import { writeReports } from './write-reports.js';

export interface SweepFlags extends ForgeFlags {
  repos?: string;
  depth: Depth;
  shard?: string;
  state?: string;
  store?: string;
  run?: string;
  cache?: string;
  jobs: string;
  format: string[];
  output: string[];
  forceFormat?: boolean;
  failOn: Severity | 'none';
  failOnPosture?: boolean;
  maxFileSize: string;
  rules?: string;
  config?: string;
  baseline?: string;
  verbose?: boolean;
  quiet?: boolean;
}

function repoSpecs(dir: string | undefined, flags: SweepFlags & ForgeFlags, warn: (l: string) => void): { repos: RepoSpec[]; root: string } | undefined {
  const sources = [dir, flags.repos, hasForges(forgeRequest(flags)) || undefined].filter((x) => x !== undefined).length;
  if (sources > 1) throw new UsageError('give either a folder of checkouts or --repos FILE or forges to enumerate (--github-org, --github-user, --gitlab-group, --huggingface), not several');
  if (!sources) throw new UsageError('sweep needs --repos FILE (one repository path or git URL a line), a folder of checkouts, or --github-org/--github-user/--gitlab-group/--huggingface');
  if (flags.repos) return { repos: readRepoList(flags.repos, warn), root: dirname(resolve(flags.repos)) };
  if (dir) return { repos: reposInFolder(dir), root: resolve(dir) };
  return undefined;
}


function jobs(text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || Number(text) > 64) throw new UsageError(`--jobs ${text}: expected a whole number from 1 to 64`);
  return Number(text);
}

export async function runSweep(dir: string | undefined, flags: SweepFlags, io: Io): Promise<number> {
  const warn = (line: string) => {
    if (!flags.quiet) io.stderr.write(`keysprawl: warning: ${line}\n`);
  };
  // Fail on bad options before listing, cloning or scanning anything.
  planOutputs(flags.format, flags.output);
  checkRun(flags.run);
  const shard = flags.shard !== undefined ? parseShard(flags.shard) : undefined;
  const jobCount = jobs(flags.jobs);
  if (flags.shard !== undefined && flags.store && !flags.run) throw new UsageError('--shard with --store needs --run NAME (the same on every shard) so the shards record one sweep');
  if ((flags.listOnly || flags.saveList) && !hasForges(forgeRequest(flags))) throw new UsageError('--list-only and --save-list write the list enumerated from --github-org, --github-user, --gitlab-group or --huggingface');
  const listed = repoSpecs(dir, flags, warn);
  const enumerated = listed ? undefined : await enumerateForCli(flags, io, warn, io.clock);
  if (enumerated?.listOnly) return 0;
  if (enumerated && flags.shard !== undefined && !flags.saveList) warn('--shard with enumeration: every shard lists the repositories on its own; enumerate once (--list-only --save-list FILE) and give every shard --repos FILE');
  const { repos, root } = listed ?? { repos: enumerated!.repos, root: process.cwd() };
  const setup = prepareScan([], { configFile: flags.config ?? false, rulePacks: flags.rules, baselineFile: flags.baseline });
  const salt = hashSalt(io.env);
  if (salt === DEFAULT_SALT) warn('KEYSPRAWL_HASH_SALT is not set: secret ids use the public default salt; set one secret value for every shard of the sweep');
  // Fail on bad --format/--output before cloning anything.
  const plans = planOutputs(flags.format, flags.output, { force: flags.forceFormat });
  const swept = await sweep({
    repos,
    depth: flags.depth,
    root,
    cache: flags.cache,
    shard,
    run: flags.run,
    state: flags.state,
    jobs: jobCount,
    gitConfig: enumerated?.gitConfig,
    maxFileSize: parseSize(flags.maxFileSize),
    engine: { ...setup.options, salt },
    warn,
    onRepo: (r, done, total) => {
      if (!flags.quiet) io.stderr.write(sweepProgressLine(r, done, total));
    },
  });
  const result = withHistory(swept, flags, io);
  await writeReports(result, plans, io, { color: false, verbose: !!flags.verbose });
  const scanned = result.sweep?.repos ?? [];
  if (scanned.length && scanned.every((r) => r.status === 'failed')) {
    io.stderr.write(`keysprawl: none of the ${scanned.length} repositories could be scanned\n`);
    return 2;
  }
  return gateExitCode(result, { failOn: flags.failOn, posture: !!flags.failOnPosture });
}
