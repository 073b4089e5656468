// `--verify`: turns a hit into a live check with its provider's verifier, paced by the limiter.
// The raw value is taken from the hit synchronously (the fragment is not kept), used for one
// request, and dropped; only the verdict and a one-line reason survive.
import type { Hit } from '../contracts/match.js';
import type { RuleMeta } from '../contracts/rule.js';
import type { Verification } from '../contracts/verification.js';
import { awsUncheckable } from './aws.js';
import { send } from './http.js';
import { Limiter } from './limiter.js';
import { endpoints } from './endpoints.js';
import { providerFor } from './providers.js';
import type { Candidate, ProviderVerifier } from './spec.js';

/**
 * The engine's hook (ScanOptions.verify): a pending check for a hit; a plain Verification when
 * the verdict needs no call (e.g. an AWS secret with no key id beside it: another occurrence of
 * the same secret may still be checkable); undefined when no verifier supports the value.
 */
export type VerifyHook = (hit: Hit, rule: RuleMeta | undefined) => Promise<Verification> | Verification | undefined;

export interface VerifierOptions {
  /**
   * Environment holding KEYSPRAWL_VERIFY_<PROVIDER>_URL overrides (default process.env): loopback
   * hosts only, unless KEYSPRAWL_VERIFY_ALLOW_ANY_HOST=1 (endpoints.ts).
   */
  env?: NodeJS.ProcessEnv;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Budget for all checks together, in ms (default 60 s). */
  timeoutMs?: number;
  /** Budget for one request, in ms (default 10 s, never more than timeoutMs). */
  requestTimeoutMs?: number;
  /** Only these providers (default: all). */
  providers?: readonly string[];
}

export const DEFAULT_VERIFY_CONCURRENCY = 4;
export const DEFAULT_VERIFY_TIMEOUT_MS = 60_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

const verification = (provider: string, verdict: Verification['verdict'], reason: string, extra: Partial<Verification> = {}): Verification =>
  ({ verdict, provider, checkedAt: new Date().toISOString(), reason, ...extra });

export interface Verifier {
  hook: VerifyHook;
  /** Stop the deadline clock once the scan is over. */
  close(): void;
}

export function createVerifier(opts: VerifierOptions = {}): Verifier {
  const urls = endpoints(opts.env ?? process.env);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_VERIFY_TIMEOUT_MS;
  const requestMs = Math.min(opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, timeoutMs);
  const limiter = new Limiter({ concurrency: opts.concurrency ?? DEFAULT_VERIFY_CONCURRENCY, deadlineMs: timeoutMs });
  const only = opts.providers ? new Set(opts.providers) : undefined;

  async function check(p: ProviderVerifier, c: Candidate): Promise<Verification> {
    const skipped = () => verification(p.name, 'unknown', 'not checked: the verification time budget was used up');
    return limiter.run(p.name, p.intervalMs, async (signal) => {
      const out = await send(p.request(c, urls.get(p.name)!, new Date()), requestMs, signal);
      const j = p.judge(out, c);
      if (j.retryAfterMs) limiter.pause(p.name, j.retryAfterMs);
      // Facts only for a live key: a refused key's answer says nothing about what it may do.
      const access = j.verdict === 'live' && j.access ? { access: j.access } : {};
      return verification(p.name, j.verdict, j.reason, { call: p.call.replace(/ \(.*$/, ''), ...access });
    }, skipped);
  }

  const hook: VerifyHook = (hit, rule) => {
    if (rule?.category === 'posture') return undefined;
    const p = providerFor(hit.match.secret, rule);
    if (!p || (only && !only.has(p.name))) return undefined;
    // Copy what the check needs now: the hit (and its fragment) is not kept.
    const c: Candidate = { secret: hit.match.secret, ...(p.name === 'aws' ? { accessKeyId: hit.match.pairedRaw } : {}) };
    const why = p.name === 'aws' ? awsUncheckable(c) : undefined;
    if (why) return verification(p.name, 'unknown', why);
    return check(p, c).catch((err: unknown) => verification(p.name, 'unknown', `check failed (${(err as Error).name})`));
  };
  return { hook, close: () => limiter.close() };
}
