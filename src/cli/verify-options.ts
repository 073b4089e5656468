// `scan --verify` and its limits: parsed here so the command table (main.ts) and the scan
// command only add one line each. Off by default: verifying sends each candidate key to its
// provider, which a user must ask for.
import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import type { Io } from './io.js';
import { PROVIDERS } from '../verify/providers.js';
import {
  createVerifier, DEFAULT_VERIFY_CONCURRENCY, DEFAULT_VERIFY_TIMEOUT_MS, type VerifyHook,
} from '../verify/verifier.js';

export interface VerifyFlags {
  verify?: boolean;
  verifyTimeout?: string;
  verifyConcurrency?: string;
  verifyProviders?: string;
}

const PROVIDER_NAMES = PROVIDERS.map((p) => p.name);

/** `keysprawl verify list`. */
export function addVerifyCommand(program: Command, io: Io, setCode: (code: number) => void): void {
  program.command('verify').description('what --verify can check').command('list')
    .description('print the providers --verify checks: the call, the rules, what each access map records')
    .option('--json', 'print as JSON').option('--markdown', 'print the table of docs/verify.md')
    .action(async (options) => {
      const { runVerifyList } = await import('./verify-command.js');
      setCode(await runVerifyList(options, io));
    });
}

/** Add the --verify options to a command (the scan command). */
export function addVerifyOptions(cmd: Command): Command {
  return cmd
    .option('--verify', `check each key with its provider's cheapest read-only call (${PROVIDER_NAMES.length} verifiers: keysprawl verify list); sends keys over the network`)
    .addOption(new Option('--verify-timeout <seconds>', 'time budget for all --verify checks together').default(String(DEFAULT_VERIFY_TIMEOUT_MS / 1000)))
    .addOption(new Option('--verify-concurrency <n>', 'checks in flight at once').default(String(DEFAULT_VERIFY_CONCURRENCY)))
    .option('--verify-providers <list>', 'comma-separated verifiers to check (default: all; names from keysprawl verify list)');
}

function positive(value: string | undefined, flag: string, max: number, whole = false): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > max || (whole && !Number.isInteger(n))) {
    throw new UsageError(`${flag} ${value}: expected a ${whole ? 'whole number from 1' : 'number above 0'} to ${max}`);
  }
  return n;
}

function providerList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const unknown = names.filter((n) => !PROVIDER_NAMES.includes(n));
  if (!names.length || unknown.length) {
    throw new UsageError(`--verify-providers ${value}: unknown provider ${unknown.join(', ') || '(none given)'} (expected some of ${PROVIDER_NAMES.join(', ')})`);
  }
  return names;
}

/** The engine's verify hook for these flags (undefined without --verify). Throws UsageError. */
export function verifyHookFor(flags: VerifyFlags, env: NodeJS.ProcessEnv): { verify?: VerifyHook } {
  const seconds = positive(flags.verifyTimeout, '--verify-timeout', 3600);
  const concurrency = positive(flags.verifyConcurrency, '--verify-concurrency', 64, true);
  const providers = providerList(flags.verifyProviders);
  if (!flags.verify) return {};
  const verifier = createVerifier({
    env,
    timeoutMs: seconds === undefined ? undefined : seconds * 1000,
    concurrency,
    providers,
  });
  return { verify: verifier.hook };
}
