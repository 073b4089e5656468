// `keysprawl init [dir]`: write a commented starter .keysprawl.yaml, scan once with it, and if
// the repository already has findings, offer to record them as the baseline so that adopting
// keysprawl does not start with a red build.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { sortFindings } from '../config/baseline-file.js';
import { CONFIG_NAMES } from '../config/load.js';
import { STARTER_CONFIG } from '../config/starter.js';
import { UsageError } from '../errors.js';
import { DEFAULT_BASELINE_FILE } from '../filter/baseline.js';
import { SEVERITIES } from '../contracts/scored.js';
import { scanWithBaseline, writeBaseline, type BaselineFlags } from './baseline-command.js';
import type { Io } from './io.js';
import { writeFileAtomic } from './write-file.js';

export interface InitFlags {
  force?: boolean;
  /** Record existing findings in the baseline without asking. */
  yes?: boolean;
  /** false with --no-scan: only write the config. */
  scan: boolean;
  rules?: string;
}

/** A path as the user would type it from the cwd. */
const shown = (p: string) => relative(process.cwd(), p) || '.';

async function ask(io: Io, question: string): Promise<boolean> {
  const rl = createInterface({ input: io.stdin, output: io.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

const interactive = (io: Io) => !!(io.stdin as { isTTY?: boolean }).isTTY && !!io.stdout.isTTY && !io.env.CI;

export async function runInit(dir: string | undefined, flags: InitFlags, io: Io): Promise<number> {
  const root = dir ?? '.';
  if (!existsSync(root)) throw new UsageError(`${root}: no such directory`);
  const existing = CONFIG_NAMES.map((n) => join(root, n)).find((p) => existsSync(p));
  if (existing && !flags.force) throw new UsageError(`${shown(existing)}: already exists (add --force to overwrite it)`);
  const configFile = join(root, CONFIG_NAMES[0]);
  await writeFileAtomic(configFile, STARTER_CONFIG, { private: false });
  io.stdout.write(`wrote ${shown(configFile)}: a commented starter config (docs/config.md describes every key)\n`);
  if (!flags.scan) return 0;

  const baselineFile = join(root, DEFAULT_BASELINE_FILE);
  const scanFlags: BaselineFlags = { config: configFile, rules: flags.rules, maxFileSize: '25m', gitignore: true };
  const { matcher, result } = await scanWithBaseline([root], scanFlags, io, { findings: [], imported: [] }, baselineFile);
  const active = result.secrets.filter((s) => !s.suppressed);
  if (!active.length) {
    io.stdout.write(`no findings in ${shown(root)}: from now on every new key fails keysprawl scan\n`);
    return 0;
  }
  const bySeverity = SEVERITIES.map((s) => [s, active.filter((a) => a.severity === s).length] as const).filter(([, n]) => n);
  io.stdout.write(`${active.length} secret(s) already in ${shown(root)} (${bySeverity.map(([s, n]) => `${n} ${s}`).join(', ')})\n`);
  const target = root === '.' ? '' : ` ${shown(root)}`;
  if (existsSync(baselineFile)) {
    io.stdout.write(`${shown(baselineFile)} exists: refresh it with keysprawl baseline update${target} -o ${shown(baselineFile)}\n`);
    return 0;
  }
  const accept = flags.yes || (interactive(io) && (await ask(io, `Record them in ${shown(baselineFile)} so only new findings fail? [y/N] `)));
  if (!accept) {
    io.stdout.write(`to accept them: keysprawl baseline create${target} -o ${shown(baselineFile)}\n`);
    return 0;
  }
  const findings = sortFindings(matcher.seen.values());
  await writeBaseline(baselineFile, { findings, imported: [] });
  // "Yes" means the next plain scan passes: the config names the baseline (it is relative to the config).
  await writeFileAtomic(configFile, STARTER_CONFIG.replace(`# baseline: ${DEFAULT_BASELINE_FILE}`, `baseline: ${DEFAULT_BASELINE_FILE}`), { private: false });
  io.stdout.write(`baseline: recorded ${findings.length} finding(s) in ${shown(baselineFile)}, used by every scan (baseline: in ${shown(configFile)})\n`);
  io.stdout.write(`next: keysprawl scan${target}\n`);
  return 0;
}
