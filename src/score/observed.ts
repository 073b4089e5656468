// Facts the provider reported (--verify) replacing what blast radius otherwise infers from the
// key's format: an observed privilege replaces the rule's, an observed expiry shortens the
// lifetime, a revoked key drops to low. Each changed factor names the fact and its source in its
// reason and carries `observed`. Without a verification nothing here changes a factor.
import type { BlastRadius, Factor } from '../contracts/scored.js';
import type { CorrelatedSecret } from '../contracts/secret.js';
import type { AccessMap, Verification } from '../contracts/verification.js';
import type { Weights } from './weights.js';

/** Highest score of the low band (score.ts severityOf): where a revoked key is capped. */
export const REVOKED_MAX = 39;
/** An observed expiry this close (days) makes the key short-lived. */
export const SHORT_LIVED_DAYS = 90;

const DAY = 86_400_000;

function sourceOf(v: Verification): string {
  return `${v.provider}${v.call ? ` ${v.call}` : ''}`;
}

function privilegeEvidence(a: AccessMap): string {
  if (Array.isArray(a.scopes) && a.scopes.length) return `scopes ${a.scopes.slice(0, 6).join(', ')}${a.scopes.length > 6 ? ', …' : ''}`;
  if (a.role) return `role ${a.role}`;
  return a.principal ?? 'the key kind';
}

const PRIVILEGES = new Set(['admin', 'write', 'read']);

function observedPrivilege(f: Factor, a: AccessMap, w: Weights): Factor {
  const p = a.privilege;
  // A merged report is untrusted input: only a known privilege moves the score.
  if (!p || !PRIVILEGES.has(p)) return f;
  return { factor: 'privilege', value: p, points: w.privilege[p], reason: `${p} privilege, observed: ${privilegeEvidence(a)} (${a.source})`, observed: a.source };
}

function observedLifetime(f: Factor, a: AccessMap, w: Weights, now: Date): Factor {
  const t = typeof a.expiresAt === 'string' ? Date.parse(a.expiresAt) : NaN;
  if (!Number.isFinite(t)) return f;
  const day = new Date(t).toISOString().slice(0, 10);
  const days = Math.floor((t - now.getTime()) / DAY);
  const observed = a.source;
  if (days < 0) return { factor: 'lifetime', value: 'expired', points: w.lifetime.expired, reason: `expired ${day}, observed (${observed})`, observed };
  if (days <= SHORT_LIVED_DAYS) return { factor: 'lifetime', value: 'short-lived', points: w.lifetime['short-lived'], reason: `expires ${day}, in ${days} day(s), observed (${observed})`, observed };
  return { ...f, value: 'long-lived', points: w.lifetime['long-lived'], reason: `expires ${day}, in ${days} days: still long-lived, observed (${observed})`, observed };
}

/** The factors with what --verify observed folded in (unchanged without a verification). */
export function applyObserved(factors: readonly Factor[], secret: CorrelatedSecret, w: Weights, now: Date): Factor[] {
  const v = secret.verification;
  if (!v) return [...factors];
  const a = v.verdict === 'live' && v.access && typeof v.access === 'object' ? v.access : undefined;
  const out = factors.map((f) => {
    if (f.factor === 'liveness') return { ...f, observed: sourceOf(v) };
    if (!a) return f;
    if (f.factor === 'privilege') return observedPrivilege(f, a, w);
    if (f.factor === 'lifetime') return observedLifetime(f, a, w, now);
    return f;
  });
  const total = out.reduce((s, f) => s + f.points, 0);
  if (v.verdict === 'revoked' && total > REVOKED_MAX) {
    out.push({
      factor: 'revoked', value: true, points: REVOKED_MAX - total, observed: sourceOf(v),
      reason: `revoked: ${sourceOf(v)} answered "${v.reason}"; the key no longer works, so it drops to low (remove it all the same)`,
    });
  }
  return out;
}

/** Which blast-radius facts the provider observed and which were inferred offline. */
export function factBasis(secret: Pick<BlastRadius, 'factors'>): { observed: string[]; inferred: string[] } {
  const observed = new Set<string>();
  const inferred = new Set<string>();
  // A band or cap (src/score/bands.ts) is derived from the other factors, not a fact of its own.
  for (const f of secret.factors) if (f.factor !== 'band' && f.factor !== 'cap') (f.observed ? observed : inferred).add(f.factor.split('.')[0]);
  for (const o of observed) inferred.delete(o);
  return { observed: [...observed], inferred: [...inferred] };
}
