// Contract of the score stage (DESIGN.md §1, §4): a correlated secret with its blast radius,
// the factors behind it, its severity band and what to do about it. Reporters consume these.
import type { CorrelatedSecret } from './secret.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

export interface Factor {
  factor: string;
  value: string | number | boolean;
  points: number;
  reason: string;
  /**
   * Set only on a factor the provider's answer decided (--verify): where the fact came from,
   * e.g. "github GET /user: X-OAuth-Scopes". A factor without it was inferred offline.
   */
  observed?: string;
}

/** What scoring computes: the blast radius (0–100), the factors that produced it, its band. */
export interface BlastRadius {
  score: number;
  factors: Factor[];
  severity: Severity;
}

/** A secret as reported: correlated, scored, with its remediation and OWASP NHI tags. */
export interface ScoredSecret extends CorrelatedSecret, BlastRadius {
  remediation: string;
  /** What to do, in one line: the federated replacement for its most exposed place, or rotation where there is none. */
  action?: string;
  /** OWASP NHI Top 10 (2025) ids this finding evidences. */
  nhi: string[];
}

/** DESIGN.md's name for a reported secret. */
export type Secret = ScoredSecret;
