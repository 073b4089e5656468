// The providers keysprawl can check (docs/verify.md lists them): the declarative call tables
// (calls-*.ts) plus AWS, whose call is signed (aws.ts). A value goes to the verifier of its rule
// id first, then to one whose documented prefix it has (so a custom rule's match is checked too).
import type { RuleMeta } from '../contracts/rule.js';
import { AWS_VERIFIER } from './aws.js';
import { toVerifier } from './call-spec.js';
import { AI_CALLS } from './calls-ai.js';
import { DEV_CALLS } from './calls-dev.js';
import { SAAS_CALLS } from './calls-saas.js';
import type { ProviderVerifier } from './spec.js';

export type { Candidate, ProviderVerifier } from './spec.js';

export const PROVIDERS: readonly ProviderVerifier[] = [
  ...[...AI_CALLS, ...DEV_CALLS, ...SAAS_CALLS].map(toVerifier),
  AWS_VERIFIER,
];

/** The verifier for a value, if any: by its rule first, then by its prefix. */
export function providerFor(secret: string, rule: RuleMeta | undefined): ProviderVerifier | undefined {
  if (rule) {
    const own = PROVIDERS.find((p) => p.rules.includes(rule.id));
    if (own) return own.accepts(secret, rule) ? own : undefined;
  }
  return PROVIDERS.find((p) => p.accepts(secret, rule));
}
