// The CI gate (DESIGN.md §4), one definition for scan, sweep and merge. By default it fails on
// any unsuppressed secret finding of medium or higher confidence, whatever its score (what
// gitleaks users expect of a gate), except a key that can no longer work (an expired JWT, one
// --verify found revoked): it is reported, low, and left to --fail-on. `--fail-on <severity>`
// gates on blast radius instead. Posture findings are advice about CI configuration: they fail a
// gate only with --fail-on-posture.
import { atOrAbove } from '../report/severity.js';
import type { Secret, Severity } from '../contracts/scored.js';

export interface Gate {
  /** undefined: the default gate (any confident secret); 'none': never fail. */
  failOn?: Severity | 'none';
  /** Posture findings count too (with the default gate: any of them). */
  posture?: boolean;
}

type GateSecret = Pick<Secret, 'kind' | 'confidence' | 'severity' | 'suppressed' | 'derived' | 'verification'>;

/** Whether one finding fails the gate. */
export function failsGate(s: GateSecret, gate: Gate): boolean {
  if (s.suppressed || gate.failOn === 'none') return false;
  const posture = s.kind === 'posture';
  if (posture && !gate.posture) return false;
  if (gate.failOn) return atOrAbove(s.severity, gate.failOn);
  if (posture) return true;
  const dead = s.derived?.lifetime === 'expired' || s.verification?.verdict === 'revoked';
  return s.confidence !== 'low' && !dead;
}

/** 1 when a finding fails the gate, else 0. */
export function gateExitCode(result: { secrets: readonly GateSecret[] }, gate: Gate): number {
  return result.secrets.some((s) => failsGate(s, gate)) ? 1 : 0;
}

