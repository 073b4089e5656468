// `keysprawl scan`: flags → options → scan plan (built once) → engine → reports → exit code.
import type { Ora } from 'ora';
import { failOnFor, outputsFor } from '../config/setup.js';
import { buildPlan, scan } from '../scan.js';
import type { ScanResult, ScanStats } from '../contracts/result.js';
import type { Severity } from '../contracts/scored.js';
import type { AgentFlags } from './agents-options.js';
import type { GitFlags } from './git-options.js';
import { UsageError } from '../errors.js';
import { gateExitCode } from './gate.js';
import { stdinFor, type Io } from './io.js';
import { explainArgs } from './explain-hint.js';
import { planOutputs } from './outputs.js';
import { setUpScan } from './scan-setup.js';
import { verifyHookFor, type VerifyFlags } from './verify-options.js';
import { writeReports } from './write-reports.js';

export interface ScanFlags extends GitFlags, VerifyFlags, AgentFlags {
  format: string[];
  output: string[];
  forceFormat?: boolean;
  /** Undefined: the config's fail-on, else the default gate (any confident secret). */
  failOn?: Severity | 'none';
  /** Posture findings fail the gate too. */
  failOnPosture?: boolean;
  maxFileSize: string;
  threads?: string;
  redact: boolean;
  gitignore: boolean;
  root?: string;
  rules?: string;
  verbose?: boolean;
  quiet?: boolean;
  /** A config file, or false (--no-config) to ignore .keysprawl.yaml. */
  config?: string | false;
  baseline?: string;
  /** False with --no-inline-allow: inline allow comments do not suppress. */
  inlineAllow?: boolean;
}


async function progress(io: Io, quiet: boolean | undefined): Promise<{ spinner?: Ora; update: (s: ScanStats) => void; stop: () => void }> {
  if (quiet || !io.stderr.isTTY || io.env.CI) return { update: () => undefined, stop: () => undefined };
  // Loaded only for a spinner: a hook or CI run does not pay for it at start-up.
  const { default: ora } = await import('ora');
  const spinner = ora({ text: 'scanning', stream: io.stderr as NodeJS.WritableStream & { isTTY: boolean } as never }).start();
  const started = Date.now();
  let last = 0;
  return {
    spinner,
    update: (s) => {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const rate = s.filesScanned / Math.max(0.001, (now - started) / 1000);
      spinner.text = `scanning: ${s.filesScanned} files, ${rate.toFixed(0)} files/s`;
    },
    stop: () => spinner.stop(),
  };
}

export function parseThreads(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new UsageError(`--threads ${text}: expected a whole number from 1 to 256`);
  return n;
}

export async function runScan(paths: string[], flags: ScanFlags, io: Io): Promise<number> {
  // The spinner starts once setup is done; warnings from setup are written without it.
  const ui: { prog?: Awaited<ReturnType<typeof progress>> } = {};
  const warn = (line: string) => {
    if (flags.quiet) return;
    ui.prog?.spinner?.clear();
    io.stderr.write(`keysprawl: warning: ${line}\n`);
    ui.prog?.spinner?.render();
  };
  if (flags.home !== undefined && !flags.agents) throw new UsageError('--home: only with --agents');
  const { setup, options } = await setUpScan(paths, flags, { ...stdinFor(paths, io), onWarning: warn });
  // The machine's AI-client files (and fast-glob, which finds them) are loaded for --agents only.
  const agents = flags.agents ? (await import('./agents-options.js')).planAgentScan(paths, flags, options, io.env) : undefined;
  const outs = outputsFor(flags.format, flags.output, setup);
  const plans = planOutputs(outs.format, outs.output, { force: flags.forceFormat });
  const threads = flags.threads !== undefined ? { threads: parseThreads(flags.threads) } : {};
  const verify = verifyHookFor(flags, io.env);
  const prog = (ui.prog = await progress(io, flags.quiet));
  let result: ScanResult;
  try {
    const plan = buildPlan({ ...options, ...(flags.inlineAllow === false ? { inlineAllow: false } : {}), ...(agents ? { source: agents.source } : {}), onProgress: prog.update, ...threads, ...verify });
    result = await scan(plan);
  } finally {
    prog.stop();
  }
  if (agents) result = agents.finish(result);
  // NO_COLOR (no-color.org): any non-empty value turns colour off, on a terminal too. chalk's
  // terminal detection is loaded only for a terminal (a hook's or CI's output is not one).
  const color = !!io.stdout.isTTY && !io.env.NO_COLOR && (await import('chalk')).default.level > 0;
  await writeReports(result, plans, io, { color, verbose: !!flags.verbose, explainArgs: explainArgs(paths, flags) });
  return gateExitCode(result, { failOn: failOnFor(flags.failOn, setup), posture: !!flags.failOnPosture });
}
