// Contract of the correlate stage (DESIGN.md §1): one CorrelatedSecret per distinct value, with
// every Occurrence of it. Scoring adds its fields later (scored.ts); verify may add a verdict.
import type { Origin } from './blob.js';
import type { ContentKind, Place } from './fragment.js';
import type { Confidence, DerivedFacts, MatchFacts } from './match.js';
import type { Verification } from './verification.js';

/** Set when a filter suppressed a finding (inline comment, baseline) but kept it visible. */
export interface Suppression {
  kind: 'inSource' | 'external';
  justification?: string;
}

/** What git history adds to an occurrence (src/sources/git/enrich.ts, docs/git.md). */
export interface GitProvenance {
  /** A key no longer at HEAD: the commit that deleted or changed that file version, and its date. */
  removedIn?: string;
  removedAt?: string;
  /** How many versions of the file held the key (reported once, at the first commit). */
  versions?: number;
  /** The file was renamed without changes since: the original path. */
  renamedFrom?: string;
}

/**
 * The typed facts of one occurrence: its place in the file, the detector's facts and git's
 * provenance. Written as `occurrences[].properties` in the JSON report (docs/output.md).
 */
export type OccurrenceFacts = Place & MatchFacts & GitProvenance;

export interface Occurrence {
  origin: Origin;
  contentKind: ContentKind;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The matched line with the secret redacted (or raw with --no-redact), trimmed to 200 chars. */
  snippet: string;
  /** Place, detector and provenance facts (the JSON report's field name). */
  properties?: OccurrenceFacts;
  /** Set when a filter suppressed this occurrence (inline comment, baseline). */
  suppressed?: Suppression;
}

/** The other half of a two-part credential found next to a secret (src/correlate/pairing.ts). */
export interface PairedPart {
  /** What the part is: 'aws-access-key-id', 'azure-client-id', 'azure-tenant-id', 'database-host' ('aws-secret-access-key' on a key id). */
  role: string;
  /** Shown form: the redacted value when the part is itself a secret; a host or client id as found. */
  shown: string;
  /** The part's own secret id and rule when it was also detected (a finding of its own, linked both ways). */
  secretId?: string;
  ruleId?: string;
  /** Where the part itself sits, next to the secret: "path:line" of the part, at most a few. */
  where: string[];
}

/** One distinct value (or posture finding) with all its occurrences: correlate's output. */
export interface CorrelatedSecret {
  /** HMAC-SHA-256 of the value keyed by KEYSPRAWL_HASH_SALT, hex. */
  id: string;
  ruleId: string;
  provider: string;
  /** Redacted form; the raw value only with --no-redact. */
  redacted: string;
  confidence: Confidence;
  occurrences: Occurrence[];
  derived?: DerivedFacts;
  /** Posture findings have no value; `redacted` is empty for them. */
  kind: 'secret' | 'posture';
  /** Set by filters that keep a finding visible but suppressed (baseline, inline allow). */
  suppressed?: Suppression;
  /** Other halves of this credential (AWS key id, Azure client id, database host). */
  pairedWith?: PairedPart[];
  /** Set only with --verify, for providers keysprawl can check (src/verify/). */
  verification?: Verification;
}
