// Blast radius: each secret's score (0–100), the factors that produced it, and its severity.
// Every point comes from a named factor with a one-line reason, so a report can always say why
// one key is critical and another low. The points themselves live in weights.ts.
import type { ContentKind } from '../contracts/fragment.js';
import type { RuleMeta } from '../contracts/rule.js';
import type { BlastRadius, Factor, Severity } from '../contracts/scored.js';
import type { CorrelatedSecret, Occurrence } from '../contracts/secret.js';
import { applyObserved } from './observed.js';
import { bandFactors, severityForScore } from './bands.js';
import { DEFAULT_WEIGHTS, type Weights } from './weights.js';

/** critical ≥ 90, high 70–89, medium 40–69, low < 40: the bands of ./bands.ts. */
export function severityOf(score: number): Severity {
  return severityForScore(score);
}

const place = (o: Occurrence) => `${o.origin.repo ?? ''}\0${o.origin.path}`;

/** Points for `n` distinct things where the first is free: (n - 1) × per, capped. */
function extra(n: number, per: number, max: number): number {
  return Math.min(max, Math.max(0, n - 1) * per);
}

function spreadFactors(secret: CorrelatedSecret, w: Weights): Factor[] {
  const occ = secret.occurrences;
  const files = new Set(occ.map(place)).size;
  const kinds = [...new Set(occ.map((o) => o.contentKind))].sort();
  const repos = new Set(occ.map((o) => o.origin.repo).filter(Boolean)).size;
  const commits = new Set(occ.map((o) => o.origin.commit).filter(Boolean)).size;
  const s = w.spread;
  const out: Factor[] = [];
  if (files > 1) out.push({ factor: 'spread.files', value: files, points: extra(files, s.perFile, s.maxFiles), reason: `found in ${files} files` });
  if (kinds.length > 1) {
    out.push({ factor: 'spread.kinds', value: kinds.length, points: extra(kinds.length, s.perKind, s.maxKinds), reason: `found in ${kinds.length} kinds of content (${kinds.join(', ')})` });
  }
  if (repos > 1) out.push({ factor: 'spread.repos', value: repos, points: extra(repos, s.perRepo, s.maxRepos), reason: `found in ${repos} repositories` });
  if (commits > 1) out.push({ factor: 'spread.commits', value: commits, points: extra(commits, s.perCommit, s.maxCommits), reason: `found in ${commits} commits` });
  return out;
}

/** Still reachable at HEAD (file, staged and stdin origins always are). */
export const atHead = (o: Occurrence) => o.origin.presentAtHead !== false;

/**
 * The occurrence a finding is reported at: among occurrences not suppressed, then those still
 * present at HEAD, the most exposed content kind by the exposure weights; ties keep scan order.
 */
export function primaryOccurrence(secret: CorrelatedSecret, w: Weights = DEFAULT_WEIGHTS): Occurrence | undefined {
  let best: Occurrence | undefined;
  let bestRank = -Infinity;
  for (const o of secret.occurrences) {
    const rank = (o.suppressed ? 0 : 2000) + (atHead(o) ? 1000 : 0) + (w.exposure[o.contentKind] ?? 0);
    if (rank > bestRank) {
      best = o;
      bestRank = rank;
    }
  }
  return best;
}

function exposureFactors(secret: CorrelatedSecret, w: Weights): Factor[] {
  let worst: ContentKind = secret.occurrences[0]?.contentKind ?? 'other';
  for (const o of secret.occurrences) if (w.exposure[o.contentKind] > w.exposure[worst]) worst = o.contentKind;
  const out: Factor[] = [{ factor: 'exposure', value: worst, points: w.exposure[worst], reason: `most exposed place: ${worst}` }];
  const git = secret.occurrences.filter((o) => o.origin.presentAtHead !== undefined);
  if (git.length && git.every((o) => o.origin.presentAtHead === false)) {
    out.push({ factor: 'exposure.history-only', value: true, points: w.historyOnly, reason: 'removed from HEAD, still in history (still needs rotation)' });
  }
  return out;
}

function persistenceFactor(secret: CorrelatedSecret, w: Weights, now: Date): Factor[] {
  const dates = secret.occurrences.map((o) => (o.origin.date ? Date.parse(o.origin.date) : NaN)).filter(Number.isFinite);
  if (!dates.length) return [];
  const days = Math.max(0, Math.floor((now.getTime() - Math.min(...dates)) / 86_400_000));
  // Highest threshold met wins, whatever order the (config-supplied) steps are in.
  const step = [...w.persistence].sort((a, b) => b.days - a.days).find((p) => days >= p.days);
  return [{ factor: 'persistence', value: days, points: step?.points ?? 0, reason: `first committed ${days} day(s) ago` }];
}

function lifetimeFactor(secret: CorrelatedSecret, rule: RuleMeta | undefined, w: Weights): Factor {
  const derived = secret.derived?.lifetime;
  if (derived) {
    return { factor: 'lifetime', value: derived, points: w.lifetime[derived], reason: secret.derived?.note ?? `${derived} (read from the value)` };
  }
  if (rule?.lifetime === 'short-lived') {
    return { factor: 'lifetime', value: 'short-lived', points: w.lifetime['short-lived'], reason: 'short-lived credential (rule metadata)' };
  }
  const why = rule?.lifetime === 'derived' ? 'expiry could not be read from the value: assumed long-lived' : 'long-lived: valid until someone revokes it';
  return { factor: 'lifetime', value: 'long-lived', points: w.lifetime['long-lived'], reason: why };
}

function confidenceReason(c: CorrelatedSecret['confidence'], kind: CorrelatedSecret['kind']): string {
  if (kind === 'posture') return 'read from the CI configuration (no key value seen)';
  if (c === 'high') return 'checksum or structure verified';
  if (c === 'medium') return 'provider-specific format';
  return 'generic pattern (entropy and assignment name)';
}

function pairedFactor(secret: CorrelatedSecret, w: Weights): Factor[] {
  const parts = secret.pairedWith ?? [];
  if (!parts.length) return [];
  const roles = [...new Set(parts.map((p) => p.role))].sort();
  return [{ factor: 'paired', value: roles.join(', '), points: w.paired, reason: `complete credential: found with its ${roles.join(', ')}` }];
}

/** --verify's verdict: a key the provider accepted is exposed now; a revoked one no longer works. */
function livenessFactor(secret: CorrelatedSecret, w: Weights): Factor[] {
  const v = secret.verification;
  if (!v) return [];
  return [{ factor: 'liveness', value: v.verdict, points: w.liveness[v.verdict], reason: `${v.verdict} (${v.provider}: ${v.reason})` }];
}

/**
 * A key in a prompt file or an agent transcript has left the machine: the model provider
 * received it (and may keep it in logs), whoever can read the conversation has it too.
 */
function modelProviderFactor(secret: CorrelatedSecret, w: Weights): Factor[] {
  const sent = secret.occurrences.filter((o) => o.contentKind === 'prompt');
  if (!sent.length) return [];
  const transcript = sent.some((o) => o.origin.agent?.role === 'transcript' || o.origin.agent?.role === 'log');
  const reason = transcript ? 'in an agent transcript: already sent to the model provider' : 'in a prompt: sent to the model provider with every request';
  return [{ factor: 'exposure.model-provider', value: true, points: w.modelProvider, reason }];
}

/** The factor list of a secret, in display order. */
export function blastFactors(secret: CorrelatedSecret, rule: RuleMeta | undefined, w: Weights = DEFAULT_WEIGHTS, now = new Date()): Factor[] {
  const privilege = rule?.privilege ?? 'unknown';
  const scope = rule?.scope ?? 'unknown';
  return [
    { factor: 'privilege', value: privilege, points: w.privilege[privilege], reason: `${privilege} privilege${rule ? '' : ' (no rule metadata)'}` },
    { factor: 'scope', value: scope, points: w.scope[scope], reason: `${scope} scope` },
    lifetimeFactor(secret, rule, w),
    ...spreadFactors(secret, w),
    ...exposureFactors(secret, w),
    ...modelProviderFactor(secret, w),
    ...persistenceFactor(secret, w, now),
    { factor: 'confidence', value: secret.confidence, points: w.confidence[secret.confidence], reason: confidenceReason(secret.confidence, secret.kind) },
    ...pairedFactor(secret, w),
    ...livenessFactor(secret, w),
  ];
}

/** The sum of the factor points clamped to 0–100, to one decimal (a band places scores within it). */
export function scoreOf(factors: readonly Factor[]): number {
  const total = factors.reduce((a, f) => a + f.points, 0);
  return Math.round(Math.max(0, Math.min(100, total)) * 10) / 10;
}

/** A correlated secret (or a scored one, scored again) with its blast radius. */
export function scoreSecret<T extends CorrelatedSecret>(secret: T, rule: RuleMeta | undefined, w: Weights = DEFAULT_WEIGHTS, now = new Date()): T & BlastRadius {
  // --verify's observed facts (identity, scopes, expiry, revocation) override what was inferred.
  const base = applyObserved(blastFactors(secret, rule, w, now), secret, w, now);
  const factors = [...base, ...bandFactors(secret, rule, base)];
  const score = scoreOf(factors);
  return { ...secret, factors, score, severity: severityOf(score) };
}
