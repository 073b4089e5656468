// Contract of the verify stage (DESIGN.md §1, opt-in with --verify): one live check's outcome
// and what the provider said about the key.
import type { Privilege } from './rule.js';

/** live: the provider accepted the key; revoked: it rejected it; unknown: no answer either way. */
export type Verdict = 'live' | 'revoked' | 'unknown';

/** The outcome of one live check (--verify) with the provider's cheapest read-only call. */
export interface Verification {
  verdict: Verdict;
  /** The verifier used (`keysprawl verify list` names them). */
  provider: string;
  /** ISO time of the check. */
  checkedAt: string;
  /** One line: the HTTP status or error behind the verdict (never a response body). */
  reason: string;
  /** The call made, e.g. "GET https://api.github.com/user". */
  call?: string;
  /** What the provider said about the key, for providers with an access map (live keys only). */
  access?: AccessMap;
}

/**
 * What a provider reports about a live key: who it is, what it may do, until when. Every value
 * is copied from the provider's answer (cleaned: short, printable, never a piece of the key).
 */
export interface AccessMap {
  /** Who the key acts as: a login, bot, user, token name or ARN. */
  identity?: string;
  /** What kind of principal: user, bot, organization, root, iam-user, assumed-role, admin key... */
  principal?: string;
  /** The organisation, workspace, team, account or project it belongs to. */
  owner?: string;
  /** A role the provider names (Hugging Face token role, OpenRouter management key...). */
  role?: string;
  /** Granted scopes, permissions or ACLs, as the provider lists them. */
  scopes?: string[];
  /** Privilege these facts imply, when they say (admin-level scopes, read-only role...). */
  privilege?: Privilege;
  /** ISO date after which the provider will refuse the key. */
  expiresAt?: string;
  /** Spending or rate limits the provider reports. */
  limits?: string;
  /** Where the facts came from: the call and the fields or headers read. */
  source: string;
}
