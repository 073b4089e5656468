// Severity bands (DESIGN.md §4, derived in src/score/bands.ts) and their SARIF forms. One table, so a score reads the same in
// the text report, the JSON, the CI gate and on GitHub code scanning:
//
//   score      severity   security-severity   SARIF level
//   90–100     critical   9.0–10.0            error
//   70–89      high       7.0–8.9             error
//   40–69      medium     4.0–6.9             warning
//   0–39       low        0.1–3.9             note
import { SEVERITY_THRESHOLDS, severityForScore } from '../score/bands.js';
import { SEVERITIES, type Secret, type Severity } from '../contracts/scored.js';

export { SEVERITY_THRESHOLDS, severityForScore };

export type SarifLevel = 'error' | 'warning' | 'note';


const LEVELS: Readonly<Record<Severity, SarifLevel>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};


/**
 * Score (0–100) → GitHub `security-severity`, a string from "0.1" to "10.0" with one decimal.
 * The score is rounded *down* to a whole number before dividing by 10, so the value stays in
 * the same band as the score (89.9 → "8.9", high; never "9.0", critical). Scores below 1 (and
 * non-numbers) give "0.1", the lowest value GitHub still counts as a severity.
 */
export function securitySeverity(score: number): string {
  const s = Number.isFinite(score) ? Math.floor(Math.min(100, Math.max(0, score))) : 0;
  return (Math.max(1, s) / 10).toFixed(1);
}

/** Severity → SARIF `level`: critical/high → error, medium → warning, low → note. */
export function sarifLevel(severity: Severity): SarifLevel {
  return LEVELS[severity] ?? 'note';
}

/** 3 for critical … 0 for low (unknown strings: -1). */
export function severityRank(severity: Severity): number {
  const i = SEVERITIES.indexOf(severity);
  return i === -1 ? -1 : SEVERITIES.length - 1 - i;
}

/** True when `severity` is `threshold` or worse (`atOrAbove('high', 'medium')` → true). */
export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) >= severityRank(threshold);
}

/** Sort comparator: most severe first. */
export function compareSeverity(a: Severity, b: Severity): number {
  return severityRank(b) - severityRank(a);
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** Findings per severity band, every band present (0 when none), worst first; an unknown severity is not counted. */
export function countBySeverity(secrets: readonly Pick<Secret, 'severity'>[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const s of secrets) if (isSeverity(s.severity)) counts[s.severity]++;
  return counts;
}
