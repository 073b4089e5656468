// SARIF results: one per occurrence of a literal secret (most exposed first, each pointing at the
// others as related locations) and one per posture finding, each with its message, fingerprint,
// suppressions and the secret's blast radius in level, rank and properties.
import { nodeCrypto } from '../node-lazy.js';
import { factBasis } from '../score/observed.js';
import type { Secret } from '../contracts/scored.js';
import type { PairNote } from '../contracts/match.js';
import type { Occurrence } from '../contracts/secret.js';
import { describeOccurrence, formatScore, plural, postureSubject, SARIF_VIEW } from './describe.js';
import type { ReportRule } from './json.js';
import { cmp, historyOnly, otherOccurrences, primaryOccurrence } from './order.js';
import { artifactLocation, physicalLocation, slashes } from './sarif-locations.js';
import {
  FINGERPRINT_KEY, SARIF_MAX_RELATED_LOCATIONS, SARIF_MAX_RELATED_PER_OCCURRENCE, type SarifLocation, type SarifResult,
} from './sarif-types.js';
import { sarifLevel } from './severity.js';
import { verificationText } from './verification-text.js';

/**
 * partialFingerprints['keysprawl/v1']: SHA-256 (hex) of secret id, rule id and the primary
 * occurrence's path, separated by NUL. No line or column, so it survives lines moving.
 */
export function sarifFingerprint(secret: Secret): string {
  const path = primaryOccurrence(secret)?.origin.path ?? '';
  return nodeCrypto().createHash('sha256').update(`${secret.id}\0${secret.ruleId}\0${slashes(path)}`, 'utf8').digest('hex');
}

/**
 * The fingerprint of one occurrence: secret id, rule id, its repository and path, and its ordinal
 * among the secret's occurrences in that file (the first stays the first when lines move).
 */
export function occurrenceFingerprint(secret: Secret, o: Occurrence, ordinal: number): string {
  const where = `${o.origin.repo ?? ''}\0${slashes(o.origin.path)}${o.origin.commit ? `@${o.origin.commit}` : ''}`;
  const parts = [secret.id, secret.ruleId, where, ...(ordinal > 0 ? [String(ordinal)] : [])];
  return nodeCrypto().createHash('sha256').update(parts.join('\0'), 'utf8').digest('hex');
}

/** "notebook-output, cell 3, commit abc1234 in repo x, not at HEAD" */
export function occurrenceDescription(o: Occurrence): string {
  return describeOccurrence(o, SARIF_VIEW);
}

function resultMessage(secret: Secret, rule: ReportRule, primary: Occurrence | undefined): string {
  const subject = secret.kind === 'posture' ? postureSubject(secret) : undefined;
  const what = subject ? `${rule.name} (${secret.provider}): ${subject}` : secret.kind === 'posture' || !secret.redacted ? `${rule.name} (${secret.provider})` : `${rule.name} (${secret.provider}) ${secret.redacted}`;
  const at = primary ? ` Primary occurrence: ${occurrenceDescription(primary)}.` : '';
  const verified = secret.verification ? ` ${verificationText(secret.verification)}.` : '';
  return `${what}: ${plural(secret.occurrences.length, 'occurrence')}, blast radius ${formatScore(secret.score)}/100 (${secret.severity}).${at}${verified}`;
}

function occurrenceMessage(secret: Secret, rule: ReportRule, o: Occurrence, n: number): string {
  const what = secret.redacted ? `${rule.name} (${secret.provider}) ${secret.redacted}` : `${rule.name} (${secret.provider})`;
  const places = n > 1 ? `, one of ${n} places holding this secret` : '';
  const verified = secret.verification ? ` ${verificationText(secret.verification)}.` : '';
  return `${what} in ${occurrenceDescription(o)}${places}. Blast radius ${formatScore(secret.score)}/100 (${secret.severity}).${verified}`;
}

function clampRank(score: number): number {
  const n = Number(score);
  return Number.isFinite(n) ? Math.min(100, Math.max(0, n)) : 0;
}

function suppressionsOf(s: Occurrence['suppressed'] | Secret['suppressed']): Pick<SarifResult, 'suppressions'> {
  if (!s) return {};
  return { suppressions: [{ kind: s.kind, status: 'accepted' as const, ...(s.justification ? { justification: s.justification } : {}) }] };
}

/** The notes of the other half of a two-part credential next to this occurrence (line and column). */
function pairNotes(o: Occurrence): PairNote[] {
  // Occurrences read back from a JSON report (merge) are not checked field by field.
  const raw: unknown = o.properties?.pairedWith;
  return Array.isArray(raw) ? (raw as PairNote[]).filter((n) => n && typeof n.role === 'string' && Number.isInteger(n.line) && n.line >= 1) : [];
}

/**
 * Related locations: for a result at occurrence `own`, first the other half of a paired
 * credential (an AWS key id) at its own line and column next to it, then the other places of the
 * same secret; without `own` (a posture result), the other places, then every place its pairs
 * were seen.
 */
function relatedOf(secret: Secret, others: Occurrence[], root: string, max: number, own?: Occurrence): { related: SarifLocation[]; omitted: number } {
  const related: SarifLocation[] = [];
  const add = (loc: Omit<SarifLocation, 'id'>) => {
    if (related.length < max) related.push({ id: related.length + 1, ...loc });
  };
  for (const n of own ? pairNotes(own) : []) {
    const region = { startLine: n.line, ...(Number.isInteger(n.column) && n.column >= 1 ? { startColumn: n.column } : {}) };
    add({ physicalLocation: { artifactLocation: artifactLocation(own!.origin.path, root), region }, message: { text: `Paired ${n.role} ${n.shown}: the other half of this credential.` } });
  }
  let omitted = 0;
  for (const o of others) {
    if (related.length >= max) omitted++;
    add({ physicalLocation: physicalLocation(o, root), message: { text: `Same ${secret.kind === 'posture' ? 'finding' : 'secret'} in ${occurrenceDescription(o)}.` } });
  }
  if (own) return { related, omitted };
  for (const part of secret.pairedWith ?? []) {
    for (const w of part.where) {
      const at = w.lastIndexOf(':');
      const line = Number(w.slice(at + 1));
      if (!Number.isInteger(line) || line < 1) continue;
      add({ physicalLocation: { artifactLocation: artifactLocation(w.slice(0, at), root), region: { startLine: line } }, message: { text: `Paired ${part.role} ${part.shown}: the other half of this credential.` } });
    }
  }
  return { related, omitted };
}

function secretProperties(secret: Secret): Record<string, unknown> {
  const contentKinds = [...new Set(secret.occurrences.map((o) => o.contentKind))].sort(cmp);
  return {
    secretId: secret.id,
    kind: secret.kind,
    provider: secret.provider,
    confidence: secret.confidence,
    contentKinds,
    blastRadius: { score: secret.score, severity: secret.severity, factors: secret.factors ?? [] },
    nhi: [...(secret.nhi ?? [])],
    // GitHub shows result tags; the NHI ids say which OWASP NHI Top 10 risks this evidences.
    tags: [...new Set(['security', secret.kind === 'posture' ? 'posture' : 'secret', ...(secret.nhi ?? [])])],
    ...(secret.action ? { action: secret.action } : {}),
    ...(secret.remediation ? { remediation: secret.remediation } : {}),
    ...(secret.pairedWith?.length ? { pairedWith: secret.pairedWith } : {}),
    occurrences: secret.occurrences.length,
    ...(historyOnly(secret) ? { historyOnly: true } : {}),
    ...(secret.derived ? { derived: secret.derived } : {}),
    ...(secret.verification ? { verification: secret.verification, facts: factBasis(secret) } : {}),
  };
}

/** What every result of a secret shares: its rule, and its blast radius as level and rank. */
function resultHead(secret: Secret, ruleIndex: number): Pick<SarifResult, 'ruleId' | 'ruleIndex' | 'level' | 'rank'> {
  return { ruleId: secret.ruleId, ruleIndex, level: sarifLevel(secret.severity), rank: clampRank(secret.score) };
}

/** A posture finding: one result at its primary place, its other jobs as related locations. */
function postureResult(secret: Secret, rule: ReportRule, ruleIndex: number, root: string): SarifResult {
  const primary = primaryOccurrence(secret);
  const others = otherOccurrences(secret);
  const { related, omitted } = relatedOf(secret, others, root, SARIF_MAX_RELATED_LOCATIONS);
  return {
    ...resultHead(secret, ruleIndex),
    message: { text: resultMessage(secret, rule, primary) },
    locations: primary ? [{ physicalLocation: physicalLocation(primary, root) }] : [],
    ...(related.length ? { relatedLocations: related } : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: sarifFingerprint(secret) },
    ...suppressionsOf(secret.suppressed),
    properties: {
      ...secretProperties(secret),
      ...(omitted ? { relatedLocationsOmitted: omitted } : {}),
    },
  };
}

/** A literal secret: one result per occurrence, most exposed first, each pointing at the others. */
function occurrenceResults(secret: Secret, rule: ReportRule, ruleIndex: number, root: string): SarifResult[] {
  const primary = primaryOccurrence(secret);
  const ordered = primary ? [primary, ...otherOccurrences(secret)] : [];
  // Ordinals follow scan order within a file, not the primary-first order.
  const ordinal = new Map<Occurrence, number>();
  const seen = new Map<string, number>();
  for (const o of secret.occurrences) {
    const k = `${o.origin.repo ?? ''}\0${o.origin.path}\0${o.origin.commit ?? ''}`;
    const n = seen.get(k) ?? 0;
    ordinal.set(o, n);
    seen.set(k, n + 1);
  }
  const props = secretProperties(secret);
  return ordered.map((o) => {
    const others = ordered.filter((x) => x !== o);
    const { related, omitted } = relatedOf(secret, others, root, SARIF_MAX_RELATED_PER_OCCURRENCE, o);
    return {
      ...resultHead(secret, ruleIndex),
      message: { text: occurrenceMessage(secret, rule, o, ordered.length) },
      locations: [{ physicalLocation: physicalLocation(o, root) }],
      ...(related.length ? { relatedLocations: related } : {}),
      partialFingerprints: { [FINGERPRINT_KEY]: occurrenceFingerprint(secret, o, ordinal.get(o) ?? 0) },
      ...suppressionsOf(o.suppressed ?? secret.suppressed),
      properties: {
        ...props,
        contentKind: o.contentKind,
        ...(o === primary ? { primary: true } : {}),
        ...(omitted ? { relatedLocationsOmitted: omitted } : {}),
      },
    };
  });
}

export function sarifResults(secret: Secret, rule: ReportRule, ruleIndex: number, root: string): SarifResult[] {
  if (secret.kind === 'posture' || !secret.occurrences.length) return [postureResult(secret, rule, ruleIndex, root)];
  return occurrenceResults(secret, rule, ruleIndex, root);
}
