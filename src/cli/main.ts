// CLI entry: parses arguments with commander, runs a command, and maps errors to exit codes.
// This is the only place that decides an exit code (0 clean, 1 findings, 2 usage, 3 internal).
import { Command, CommanderError, Option } from 'commander';
import { bugReportHint, UsageError } from '../errors.js';
import { VERSION } from '../version.js';
import { HISTORY_FORMATS } from '../report/registry.js';
import { defaultIo, type Io } from './io.js';
import { disposePrestarted, offerPrestarted, type PrestartedGit } from '../sources/git/prestart.js';
import { addForgeOptions } from './forge-options.js';
import { formatHelp } from './outputs.js';
import { addVerifyCommand, addVerifyOptions } from './verify-options.js';

export type { Io } from './io.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function buildProgram(io: Io, setCode: (code: number) => void): Command {
  const program = new Command('keysprawl')
    .description('Find static, shared API keys in code, history, notebooks, prompts, agent and CI configs; rank them by blast radius.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run keysprawl --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(`keysprawl: ${s.replace(/^error: /, '')}`),
    });

  program
    .command('scan')
    .description('scan files and folders (default .); "-" reads standard input')
    .argument('[paths...]', 'files or folders to scan', [])
    .addOption(new Option('-f, --format <format>', formatHelp()).argParser(collect).default([]))
    .addOption(new Option('-o, --output <file>', 'write the report to FILE instead of stdout (repeatable)').argParser(collect).default([]))
    .option('--force-format', 'write a --format whose --output file name says another format')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (default: fail-on in .keysprawl.yaml, else any secret of medium or high confidence, whatever its score)').choices(['critical', 'high', 'medium', 'low', 'none']))
    .option('--fail-on-posture', 'CI posture advice fails the gate too (by default it never does)')
    .option('--config <file>', 'read settings from FILE (default: .keysprawl.yaml in the scan root)')
    .option('--no-config', 'ignore .keysprawl.yaml')
    .option('--baseline <file>', 'report findings recorded in FILE as suppressed; only new ones fail')
    .option('--no-inline-allow', 'ignore keysprawl:allow (and gitleaks:allow, pragma: allowlist secret) comments: a gate on a change that adds its own allow comments')
    .option('--max-file-size <bytes>', 'skip files larger than this (suffixes k, m, g allowed)', '25m')
    .option('--no-redact', 'show full secret values in reports (local debugging only)')
    .option('--no-gitignore', 'do not honour .gitignore files')
    .option('--root <dir>', 'report paths relative to this folder')
    .option('--rules <dir>', 'load rule packs from this folder instead of the built-in ones')
    .option('-v, --verbose', 'list skipped files and warnings')
    .option('-q, --quiet', 'print no warnings or progress on stderr')
    .option('--threads <n>', 'threads that extract and detect, the main thread included (default: number of cores; with --history, cores minus one)')
    .option('--history', 'scan every commit reachable from any ref (each unique blob once)')
    .option('--staged', 'scan only the lines staged for the next commit (pre-commit hook)')
    .option('--diff <range>', 'scan only lines added in <base>[..<head>] (pull-request gate: --diff origin/main)')
    .addOption(new Option('--branch <rev>', 'with --history: walk only this branch or revision (repeatable)').argParser(collect).default([]))
    .option('--since <date>', 'with --history: only commits more recent than this date')
    .option('--max-count <n>', 'with --history: only the N most recent commits')
    .option('--agents', "also scan the AI clients' MCP configs, settings, transcripts and logs, credential files and shell histories on this machine (docs/agents.md)")
    .option('--home <dir>', 'with --agents: read the machine files of this home folder instead of yours')
    .action(async (paths: string[], options) => {
      const { runScan } = await import('./scan-command.js');
      setCode(await runScan(paths, options, io));
    });
  addVerifyOptions(program.commands.find((c) => c.name() === 'scan')!);
  addVerifyCommand(program, io, setCode);

  addAdoptionCommands(program, io, setCode);
  addSweepCommands(program, io, setCode);

  program
    .command('explain')
    .description('explain one secret: every occurrence, the blast-radius factors, what to replace it with')
    .argument('<secret-id>', 'the secret id (or its first characters) from a report')
    .argument('[paths...]', 'files or folders to scan (default .)', [])
    .option('--from <report>', 'read a keysprawl JSON report instead of scanning')
    .option('--json', 'print the secret as JSON')
    .option('--no-redact', 'show the full secret value (local debugging only)')
    .option('--no-gitignore', 'do not honour .gitignore files')
    .option('--root <dir>', 'report paths relative to this folder')
    .option('--rules <dir>', 'load rule packs from this folder instead of the built-in ones')
    .option('--config <file>', 'read settings from FILE (default: .keysprawl.yaml in the scan root)')
    .option('--no-config', 'ignore .keysprawl.yaml')
    .option('--max-file-size <bytes>', 'skip files larger than this (suffixes k, m, g allowed)', '25m')
    .option('--history', 'scan every commit reachable from any ref, as scan --history')
    .option('--staged', 'scan only the lines staged for the next commit')
    .option('--diff <range>', 'scan only lines added in <base>[..<head>]')
    .addOption(new Option('--branch <rev>', 'with --history: walk only this branch or revision (repeatable)').argParser(collect).default([]))
    .option('--since <date>', 'with --history: only commits more recent than this date')
    .option('--max-count <n>', 'with --history: only the N most recent commits')
    .option('-q, --quiet', 'print no warnings on stderr')
    .option('--agents', 'scan the AI clients\' files on this machine too, as scan --agents')
    .option('--home <dir>', 'with --agents: the home folder to read')
    .action(async (id: string, paths: string[], options) => {
      const { runExplain } = await import('./explain-command.js');
      setCode(await runExplain(id, paths, options, io));
    });

  const hook = program.command('hook').description('install or remove the git pre-commit hook that runs keysprawl scan --staged, or an AI client\'s guard (--agent)');
  for (const action of ['install', 'uninstall'] as const) {
    hook
      .command(action)
      .description(action === 'install' ? 'write .git/hooks/pre-commit (or print a husky/lefthook snippet); with --agent, the AI client\'s hook config' : 'remove the pre-commit hook (or with --agent, the AI client guard) keysprawl installed')
      .argument('[repo]', 'the repository, or with --agent --project the project folder (default .)', '.')
      .option('--force', 'replace a pre-commit hook keysprawl did not write (it is kept as pre-commit.keysprawl-backup)')
      .option('--husky', 'print the snippet for husky instead of writing a hook')
      .option('--lefthook', 'print the snippet for lefthook instead of writing a hook')
      .option('--agent <client>', 'guard an AI client instead: claude-code, cursor, codex or gemini-cli (docs/agents.md)')
      .option('--project', 'with --agent: the project\'s settings in [repo] instead of your user settings')
      .option('--home <dir>', 'with --agent: the home folder whose user settings to change (default yours)')
      .action(async (repo: string, options) => {
        if (options.agent !== undefined) {
          const { runAgentHook } = await import('./agent-hook-command.js');
          setCode(await runAgentHook(action, repo, options, io));
          return;
        }
        const { runHook } = await import('./hook-command.js');
        setCode(await runHook(action, repo, options, io));
      });
  }
  program
    .command('guard')
    .description('the AI-client hook: read the client\'s JSON payload on stdin, refuse it in the client\'s protocol when it holds a key')
    .requiredOption('--agent <client>', 'claude-code, cursor, codex or gemini-cli')
    .action(async (options: { agent: string }) => {
      const { runGuard } = await import('./guard-main.js');
      setCode(await runGuard(['--agent', options.agent], io));
    });

  const rules = program.command('rules').description('list and test detection rules');
  rules
    .command('list')
    .description('print the rules by category with counts')
    .option('--keywords', 'print only the prefilter keywords, one per line')
    .option('--rules <dir>', 'rule packs folder (default: built-in)')
    .option('--json', 'print the rules as JSON')
    .action(async (options) => {
      const { runRulesList } = await import('./rules-command.js');
      setCode(await runRulesList(options, io));
    });
  rules
    .command('test')
    .description("run rules' positive and negative examples (a rule file, or the built-in packs)")
    .argument('[file]', 'a rules YAML file (a list of rules)')
    .action(async (file: string | undefined) => {
      const { runRulesTest } = await import('./rules-command.js');
      setCode(await runRulesTest(file, io));
    });
  return program;
}

/** `init` and `baseline create|update|import`: adopting keysprawl on a repository with findings. */
function addAdoptionCommands(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command('init')
    .description('write a commented starter .keysprawl.yaml, scan, and offer to baseline existing findings')
    .argument('[dir]', 'the repository folder (default .)')
    .option('--force', 'overwrite an existing .keysprawl.yaml')
    .option('-y, --yes', 'record existing findings in the baseline without asking')
    .option('--no-scan', 'only write the config')
    .option('--rules <dir>', 'load rule packs from this folder instead of the built-in ones')
    .action(async (dir: string | undefined, options) => {
      const { runInit } = await import('./init-command.js');
      setCode(await runInit(dir, options, io));
    });
  const baseline = program.command('baseline').description('record existing findings so only new ones fail (fingerprints only, no secret values)');
  const common = (cmd: Command, verb: string) =>
    cmd
      .argument('[paths...]', 'files or folders to scan (default .)', [])
      .option('-o, --output <file>', `the baseline file to ${verb} (default .keysprawl-baseline.json)`)
      .option('--config <file>', 'read settings from FILE (default: .keysprawl.yaml in the scan root)')
      .option('--no-config', 'ignore .keysprawl.yaml')
      .option('--max-file-size <bytes>', 'skip files larger than this (suffixes k, m, g allowed)', '25m')
      .option('--no-gitignore', 'do not honour .gitignore files')
      .option('--root <dir>', 'report paths relative to this folder')
      .option('--rules <dir>', 'load rule packs from this folder instead of the built-in ones')
      .option('--history', 'record findings from every commit, as scan --history (use the same mode as your CI scan)')
      .addOption(new Option('--branch <rev>', 'with --history: walk only this branch or revision (repeatable)').argParser(collect))
      .option('-q, --quiet', 'print no warnings on stderr');
  common(baseline.command('create').description('scan and record every finding in a new baseline'), 'write')
    .option('--force', 'overwrite an existing baseline')
    .action(async (paths: string[], options) => {
      const { runBaselineCreate } = await import('./baseline-command.js');
      setCode(await runBaselineCreate(paths, options, io));
    });
  common(baseline.command('update').description('scan, add new findings to the baseline, drop the ones that are gone'), 'update')
    .action(async (paths: string[], options) => {
      const { runBaselineUpdate } = await import('./baseline-command.js');
      setCode(await runBaselineUpdate(paths, options, io));
    });
  const importCmd = baseline
    .command('import')
    .description('add the entries of a .gitleaksignore or a detect-secrets .secrets.baseline')
    .argument('<file>', 'the .gitleaksignore or .secrets.baseline to read');
  common(importCmd, 'add to')
    .addOption(new Option('--from <tool>', 'the format of FILE').choices(['gitleaks', 'detect-secrets']).makeOptionMandatory())
    .action(async (file: string, paths: string[], options) => {
      const { runBaselineImport } = await import('./baseline-command.js');
      setCode(await runBaselineImport(options.from, file, paths, options, io));
    });
}

/** `sweep`, `merge` and `history`: org-wide scans over many repositories, sharded or not (docs/sweep.md). */
function addSweepCommands(program: Command, io: Io, setCode: (code: number) => void): void {
  const outputs = (cmd: Command) =>
    cmd
      .addOption(new Option('-f, --format <format>', formatHelp()).argParser(collect).default([]))
      .addOption(new Option('-o, --output <file>', 'write the report to FILE instead of stdout (repeatable)').argParser(collect).default([]))
      .option('--force-format', 'write a --format whose --output file name says another format')
      .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices(['critical', 'high', 'medium', 'low', 'none']).default('none'))
      .option('--fail-on-posture', 'with --fail-on: CI posture advice counts too')
      .option('-v, --verbose', 'list every shared key, skipped file and warning')
      .option('-q, --quiet', 'print no warnings or progress on stderr');
  outputs(
    addForgeOptions(program
      .command('sweep')
      .description('scan many repositories (a list, or a folder of checkouts) and report the keys shared across them')
      .argument('[dir]', 'a folder whose sub-folders are git checkouts')
      .option('--repos <file>', 'a file listing repositories, one local path or git URL a line')
      .addOption(new Option('--depth <depth>', 'scan HEAD only or the full history of each repository').choices(['head', 'history']).default('head'))
      .option('--shard <i/n>', 'scan only shard i of n (0-based) of the repositories, by a stable hash of each')
      .option('--state <dir>', 'keep per-repository results here; an interrupted sweep resumes from them')
      .option('--store <file>', 'record the sweep in this history store (SQLite) and report what changed since the previous sweep')
      .option('--run <name>', 'the sweep\'s name in the store: give every shard of one sweep the same one (e.g. the CI run id)')
      .option('--cache <dir>', 'where git URLs are cloned (default ~/.cache/keysprawl/repos)')
      .option('--jobs <n>', 'repositories cloned and scanned at once', '4')
      .option('--max-file-size <bytes>', 'skip files larger than this (suffixes k, m, g allowed)', '25m')
      .option('--rules <dir>', 'load rule packs from this folder instead of the built-in ones')
      .option('--config <file>', 'read settings (allowlists, weights) from FILE; repositories\' own .keysprawl.yaml are not read')
      .option('--baseline <file>', 'suppress the findings recorded in this baseline')),
  ).action(async (dir: string | undefined, options) => {
    const { runSweep } = await import('./sweep-command.js');
    setCode(await runSweep(dir, options, io));
  });
  outputs(
    program
      .command('merge')
      .description('merge JSON reports (sweep shards) into one report, computing sharing across repositories')
      .argument('<reports...>', 'keysprawl JSON reports, or folders of them')
      .option('--root <dir>', 'the merged report\'s root folder (default: the first report\'s)')
      .option('--store <file>', 'record the merged sweep in this history store (SQLite) and report what changed since the previous sweep')
      .option('--run <name>', 'the sweep\'s name in the store (default: the shards\' --run, else the sweep\'s start time)'),
  ).action(async (reports: string[], options) => {
    const { runMerge } = await import('./merge-command.js');
    setCode(await runMerge(reports, options, io));
  });
  program
    .command('history')
    .description('what the sweep history store says for a period: keys new, reintroduced, still open and resolved, the trend')
    .argument('<store>', 'the history store written by sweep --store or merge --store')
    .option('--since <when>', 'first day of the period: a date (2026-11-30), an ISO time, or 30d / 8w back (default: the first sweep)')
    .option('--until <when>', 'last day of the period, same forms (default: the last sweep)')
    .addOption(new Option('-f, --format <format>', formatHelp(HISTORY_FORMATS)).argParser(collect).default([]))
    .addOption(new Option('-o, --output <file>', 'write to FILE instead of stdout (repeatable)').argParser(collect).default([]))
    .option('-v, --verbose', 'list every key, not the first 20 of each list')
    .action(async (store: string, options) => {
      const { runHistory } = await import('./history-command.js');
      setCode(await runHistory(store, options, io));
    });
}

/**
 * Standard output closed early (`| head`) ends the run quietly: the reader has what it wanted.
 * Any other write error (a full disk) is one line and exit 2, even when it surfaces after the
 * command returned (writes to a pipe or file complete asynchronously).
 */
function guardStdout(io: Io): { failed: () => boolean } {
  let error: NodeJS.ErrnoException | undefined;
  const stream = io.stdout as NodeJS.WritableStream & { on?: NodeJS.WritableStream['on'] };
  stream.on?.('error', (err: NodeJS.ErrnoException) => {
    if (error) return;
    error = err;
    if (err.code === 'EPIPE') return;
    io.stderr.write(`keysprawl: cannot write to standard output (${err.code ?? err.message})\n`);
    process.exitCode = 2;
  });
  return { failed: () => !!error && error.code !== 'EPIPE' };
}

/** `prestarted`: git processes the launcher started for `scan --staged` (prestart.ts); killed if unused. */
export async function main(argv: string[], io: Io = defaultIo(), prestarted?: PrestartedGit): Promise<number> {
  offerPrestarted(prestarted);
  try {
    return await run(argv, io);
  } finally {
    disposePrestarted();
  }
}

async function run(argv: string[], io: Io): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => (code = c));
  const out = guardStdout(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return out.failed() ? 2 : code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version print and exit 0; every other parse error is a usage error.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UsageError) {
      io.stderr.write(`keysprawl: ${err.message}\n`);
      return 2;
    }
    // Anything else is a bug: one line that says so and how to report it.
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`keysprawl: internal error (a bug in keysprawl: ${bugReportHint()}): ${message}\n`);
    if (io.env.KEYSPRAWL_DEBUG && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
    return 3;
  }
}
