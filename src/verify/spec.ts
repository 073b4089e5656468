// The shape every verifier has, apart from any one of them (aws.ts and the call tables import it;
// providers.ts assembles the list), so no module needs the list to describe one entry.
import type { RuleMeta } from '../contracts/rule.js';
import type { AccessMap } from '../contracts/verification.js';
import type { HttpOutcome, HttpRequest } from './http.js';
import type { Judgement } from './judge.js';

/** What one check needs: the raw value, and for AWS the access key id it pairs with. */
export interface Candidate {
  secret: string;
  accessKeyId?: string;
}

export interface ProviderVerifier {
  name: string;
  /** The endpoint is overridable with KEYSPRAWL_VERIFY_<env>_URL (the full URL of the call). */
  env: string;
  defaultUrl: string;
  /** The call, as documented for users: method, URL and how the key is sent. */
  call: string;
  /** Minimum spacing of this provider's requests (its rate limit). */
  intervalMs: number;
  /** Rule ids whose matches it checks (`verify list`). */
  rules: readonly string[];
  /** Fields its access map records, empty when it only says live or revoked. */
  records: readonly AccessField[];
  accepts(secret: string, rule: RuleMeta | undefined): boolean;
  request(c: Candidate, url: string, now: Date): HttpRequest;
  /** The verdict, and for a live key the access map, from the answer. */
  judge(out: HttpOutcome, c: Candidate): Judgement & { access?: AccessMap };
}

export type AccessField = 'identity' | 'principal' | 'owner' | 'role' | 'scopes' | 'privilege' | 'expiresAt' | 'limits';
