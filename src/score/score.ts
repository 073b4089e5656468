// Blast radius: each secret's score (0–100), the factors that produced it, and its severity.
import type { ContentKind, Factor, Rule, Secret, Severity } from '../types.js';
import { DEFAULT_WEIGHTS, type Weights } from './weights.js';

export function severityOf(score: number): Severity {
  if (score >= 90) return 'critical';
  if (score >= 70) return 'high';
  if (score >= 40) return 'medium';
  return 'low';
}

function spreadFactors(secret: Secret, w: Weights): Factor[] {
  const files = new Set(secret.occurrences.map((o) => `${o.origin.repo ?? ''}:${o.origin.path}`));
  const kinds = new Set(secret.occurrences.map((o) => o.contentKind));
  const repos = new Set(secret.occurrences.map((o) => o.origin.repo).filter(Boolean));
  const out: Factor[] = [];
  if (files.size > 1) {
    out.push({ factor: 'spread.files', value: files.size, points: Math.min(w.spread.maxFiles, (files.size - 1) * w.spread.perFile), reason: `found in ${files.size} files` });
  }
  if (kinds.size > 1) {
    out.push({ factor: 'spread.kinds', value: kinds.size, points: Math.min(w.spread.maxKinds, (kinds.size - 1) * w.spread.perKind), reason: `found in ${kinds.size} kinds of content (${[...kinds].sort().join(', ')})` });
  }
  if (repos.size > 1) {
    out.push({ factor: 'spread.repos', value: repos.size, points: Math.min(w.spread.maxRepos, (repos.size - 1) * w.spread.perRepo), reason: `found in ${repos.size} repositories` });
  }
  return out;
}

function exposureFactors(secret: Secret, w: Weights): Factor[] {
  let worst: ContentKind = secret.occurrences[0]?.contentKind ?? 'other';
  for (const o of secret.occurrences) if (w.exposure[o.contentKind] > w.exposure[worst]) worst = o.contentKind;
  const out: Factor[] = [{ factor: 'exposure', value: worst, points: w.exposure[worst], reason: `in ${worst}` }];
  const git = secret.occurrences.filter((o) => o.origin.presentAtHead !== undefined);
  if (git.length && git.every((o) => o.origin.presentAtHead === false)) {
    out.push({ factor: 'exposure.history-only', value: true, points: w.historyOnly, reason: 'removed from HEAD, still in history (needs rotation)' });
  }
  return out;
}

function persistenceFactor(secret: Secret, w: Weights, now: Date): Factor[] {
  const dates = secret.occurrences.map((o) => (o.origin.date ? Date.parse(o.origin.date) : NaN)).filter(Number.isFinite);
  if (!dates.length) return [];
  const days = Math.floor((now.getTime() - Math.min(...dates)) / 86_400_000);
  const step = w.persistence.find((p) => days >= p.days);
  return [{ factor: 'persistence', value: days, points: step?.points ?? 0, reason: `first committed ${days} day(s) ago` }];
}

export function scoreSecret(secret: Secret, rule: Rule | undefined, w: Weights = DEFAULT_WEIGHTS, now = new Date()): Secret {
  const privilege = rule?.privilege ?? 'unknown';
  const scope = rule?.scope ?? 'unknown';
  const factors: Factor[] = [
    { factor: 'privilege', value: privilege, points: w.privilege[privilege], reason: `${privilege} privilege` },
    { factor: 'scope', value: scope, points: w.scope[scope], reason: `${scope} scope` },
  ];
  const lifetime = secret.derived?.lifetime ?? (rule?.lifetime === 'short-lived' ? 'short-lived' : 'long-lived');
  factors.push({
    factor: 'lifetime', value: lifetime, points: w.lifetime[lifetime],
    reason: secret.derived?.note ?? (lifetime === 'long-lived' ? 'long-lived: valid until someone revokes it' : `${lifetime} credential`),
  });
  factors.push(...spreadFactors(secret, w), ...exposureFactors(secret, w), ...persistenceFactor(secret, w, now));
  factors.push({ factor: 'confidence', value: secret.confidence, points: w.confidence[secret.confidence], reason: confidenceReason(secret.confidence) });
  const total = factors.reduce((a, f) => a + f.points, 0);
  const score = Math.max(0, Math.min(100, total));
  return { ...secret, factors, score, severity: severityOf(score) };
}

function confidenceReason(c: Secret['confidence']): string {
  if (c === 'high') return 'checksum or structure verified';
  if (c === 'medium') return 'provider-specific format';
  return 'generic pattern (entropy and assignment name)';
}
