// The order every reporter lists secrets and their places in, in one place: the primary
// (most exposed) occurrence first, literal secrets before posture advice, highest blast radius
// first, then rule, place and id, so the same result always renders the same bytes.
import { primaryOccurrence as mostExposedOccurrence } from '../score/score.js';
import type { Secret } from '../contracts/scored.js';
import type { Occurrence } from '../contracts/secret.js';

/** Locale-independent string comparison (code unit order), for deterministic output. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The occurrence a finding is reported at, the same one the blast-radius model calls the most
 * exposed (src/score/score.ts): among occurrences not suppressed, then those still at HEAD
 * (file, staged and stdin origins always are), the content kind with the highest exposure
 * weight; ties keep scan order. Undefined only without occurrences.
 */
export function primaryOccurrence(secret: Secret): Occurrence | undefined {
  return mostExposedOccurrence(secret);
}

/** The other occurrences, in their original order. */
export function otherOccurrences(secret: Secret): Occurrence[] {
  const primary = primaryOccurrence(secret);
  return secret.occurrences.filter((o) => o !== primary);
}

/**
 * True when no occurrence is at HEAD any more: every one is a git occurrence with
 * presentAtHead === false (file, staged and stdin occurrences are the working tree).
 */
export function historyOnly(secret: Secret): boolean {
  return secret.occurrences.length > 0 && secret.occurrences.every((o) => o.origin.presentAtHead === false);
}

/**
 * The order every reporter lists secrets in: literal secrets before posture advice, then score
 * (highest first), rule, primary path and position, id.
 */
export function compareSecrets(a: Secret, b: Secret): number {
  const pa = primaryOccurrence(a);
  const pb = primaryOccurrence(b);
  return (
    Number(a.kind === 'posture') - Number(b.kind === 'posture') ||
    (Number(b.score) || 0) - (Number(a.score) || 0) ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(pa?.origin.path ?? '', pb?.origin.path ?? '') ||
    (pa?.line ?? 0) - (pb?.line ?? 0) ||
    (pa?.column ?? 0) - (pb?.column ?? 0) ||
    cmp(a.id, b.id)
  );
}

/** Secrets in report order (a sorted copy). */
export function sortedSecrets(secrets: readonly Secret[]): Secret[] {
  return [...secrets].sort(compareSecrets);
}
