// Contract of the detect stage (DESIGN.md §1): a Match is one hit of a rule in a fragment, with
// typed facts about it; a Hit is a match in its place, what filters and correlate consume.
import type { Fragment } from './fragment.js';

/** checksum/structural marker > provider prefix > generic entropy */
export type Confidence = 'high' | 'medium' | 'low';

/** Facts derived per match from the value itself (JWT exp, AWS ASIA, ...). */
export interface DerivedFacts {
  lifetime?: 'long-lived' | 'short-lived' | 'expired';
  expiresAt?: string;
  issuedAt?: string;
  note?: string;
  /**
   * What a formatless (low-confidence) value looks like, from the value alone
   * (src/detect/derive.ts valueShape): `identifier` for a UUID, hex digest or integrity string,
   * `random` for random-looking key material. The evidence the bands weigh a generic finding by.
   */
  shape?: 'identifier' | 'random';
}

/** The other half of a two-part credential seen next to a match (src/correlate/pairing.ts). */
export interface PairNote {
  /** 'aws-access-key-id', 'azure-client-id', 'azure-tenant-id', 'database-host'; 'aws-secret-access-key' on a key id. */
  role: string;
  /** Shown form: redacted when the part is itself a secret; a host or client id as found. */
  shown: string;
  line: number;
  column: number;
}

/** What a CI posture check (src/detect/posture/) records about its finding. */
export interface PostureFacts {
  /** GitHub Actions: the workflow file; other CI systems: `file`. */
  workflow?: string;
  file?: string;
  /** The job (or `(workflow env)`, or another CI system's job group). */
  job?: string;
  /** Stored secrets the place reads (`(inherit)` for `secrets: inherit`). */
  secrets?: string[];
  /** The workflow-level env variable exposing them. */
  variable?: string;
  /** Jobs in the workflow (workflow-level exposure). */
  jobs?: number;
  /** The trigger that exposes them (`pull_request_target`). */
  trigger?: string;
  /** The federated sign-in that would replace the static credential. */
  federation?: string;
  /** Whether the job may request an OIDC token (`id-token: write`). */
  idTokenWrite?: boolean;
  /** ci/shared-secret: the secret's name and the cloud that would federate it. */
  secretName?: string;
  cloud?: string;
  /** Other CI systems: what uses the static credential. */
  uses?: string[];
  /** ci/shared-secret, after the scan: how many jobs and workflows read the secret. */
  sharedByJobs?: number;
  sharedByWorkflows?: number;
}

/** Typed facts a detector (or the pairing step) records on a match. */
export interface MatchFacts extends PostureFacts {
  /** Agent-config credentials (detect/agent-structure.ts): the key's name and the provider it suggests. */
  credentialName?: string;
  providerHint?: string;
  /** Other halves of a two-part credential found next to the match. */
  pairedWith?: PairNote[];
  /**
   * Example wording next to the value (its name or its line says example, sample, dummy, ...:
   * src/detect/placeholders.ts placeholderAdjacent), and where: the key is banded low.
   */
  placeholderAdjacent?: string;
}

export interface Match {
  ruleId: string;
  /** The raw secret value. Never leaves the process: correlate() hashes and redacts it. */
  secret: string;
  start: number; // offset in fragment text
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  confidence: Confidence;
  groups?: string[];
  derived?: DerivedFacts;
  /** Typed per-match facts (credential name, paired part, posture facts). */
  facts?: MatchFacts;
  /**
   * The raw other half of a two-part credential (the AWS access key id beside a secret access
   * key), kept for --verify. Like `secret`, it never leaves the process: correlate() drops it.
   */
  pairedRaw?: string;
}

/** A match in its place: what correlate consumes. */
export interface Hit {
  match: Match;
  fragment: Fragment;
}
