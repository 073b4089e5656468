// Union of secrets from several reports: one secret per id, its occurrences concatenated and
// de-duplicated, then scored again from the merged occurrences with the engine's own scoring
// (src/score/), never averaged. Everything is order-independent (occurrences sorted, ties broken
// by content), so merging shards in any grouping gives the same secrets as one unsharded run.
import { CONFIDENCE_RANK } from '../detect/confidence.js';
import { scored } from '../score/scored.js';
import { DEFAULT_WEIGHTS, type Weights } from '../score/weights.js';
import type { RuleMeta } from '../contracts/rule.js';
import type { Secret } from '../contracts/scored.js';
import type { Occurrence, PairedPart } from '../contracts/secret.js';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const num = (a: number, b: number) => (a || 0) - (b || 0);

/** Places are the same when repository, commit, path and span are. */
export function occurrenceKey(o: Occurrence): string {
  const g = o.origin;
  return [g.repo ?? '', g.commit ?? '', g.path, o.line, o.column, o.endLine, o.endColumn].join('\0');
}

export function compareOccurrences(a: Occurrence, b: Occurrence): number {
  const x = a.origin;
  const y = b.origin;
  return (
    cmp(x.repo ?? '', y.repo ?? '') || cmp(x.path, y.path) || num(a.line, b.line) || num(a.column, b.column) ||
    cmp(x.commit ?? '', y.commit ?? '') || num(a.endLine, b.endLine) || num(a.endColumn, b.endColumn) ||
    cmp(JSON.stringify(a), JSON.stringify(b))
  );
}

/** The copy whose metadata the merged secret keeps: lowest rule id, then most confident. */
function representative(copies: Secret[]): Secret {
  return copies.reduce((best, s) => {
    const order = cmp(s.ruleId, best.ruleId) || CONFIDENCE_RANK[best.confidence] - CONFIDENCE_RANK[s.confidence] || cmp(JSON.stringify(s.derived ?? null), JSON.stringify(best.derived ?? null));
    return order < 0 ? s : best;
  });
}

function mergePaired(copies: Secret[]): PairedPart[] | undefined {
  const byKey = new Map<string, PairedPart>();
  for (const part of copies.flatMap((s) => s.pairedWith ?? [])) {
    const key = `${part.role}\0${part.shown}\0${part.secretId ?? ''}`;
    const prev = byKey.get(key);
    const where = [...new Set([...(prev?.where ?? []), ...part.where])].sort(cmp);
    byKey.set(key, { ...(prev ?? part), where });
  }
  if (!byKey.size) return undefined;
  return [...byKey.entries()].sort(([a], [b]) => cmp(a, b)).map(([, p]) => p);
}

/** One secret from every copy of it: occurrences unioned, scoring fields left for rescore(). */
export function combineCopies(copies: Secret[]): Secret {
  const rep = representative(copies);
  const seen = new Map<string, Occurrence>();
  for (const o of copies.flatMap((s) => s.occurrences)) {
    const key = occurrenceKey(o);
    const prev = seen.get(key);
    // The same place seen twice (a report merged twice): keep one, the same one whatever the order.
    if (!prev || cmp(JSON.stringify(o), JSON.stringify(prev)) < 0) seen.set(key, o);
  }
  const occurrences = [...seen.values()].sort(compareOccurrences);
  const confidence = copies.map((s) => s.confidence).reduce((a, b) => (CONFIDENCE_RANK[b] > CONFIDENCE_RANK[a] ? b : a));
  const { suppressed: _drop, pairedWith: _old, ...rest } = rep;
  const paired = mergePaired(copies);
  const allSuppressed = occurrences.length > 0 && occurrences.every((o) => o.suppressed);
  return {
    ...rest,
    confidence,
    occurrences,
    ...(paired ? { pairedWith: paired } : {}),
    ...(allSuppressed ? { suppressed: occurrences[0].suppressed } : {}),
  };
}

/**
 * Score a merged secret as the engine does (scan.ts), with the score stage's one entry point:
 * factors, severity, remediation, NHI tags and the one-line action, in the report's field order.
 */
export function rescore(secret: Secret, rule: RuleMeta | undefined, weights: Weights = DEFAULT_WEIGHTS, now = new Date()): Secret {
  return scored(secret, rule, weights, now);
}

/** Group every report's secrets by id, combine each group and score it again. */
export function mergeSecrets(lists: Secret[][], rules: Map<string, RuleMeta>, weights?: Weights, now = new Date()): Secret[] {
  const groups = new Map<string, Secret[]>();
  for (const s of lists.flat()) groups.set(s.id, [...(groups.get(s.id) ?? []), s]);
  const out: Secret[] = [];
  for (const copies of groups.values()) {
    const merged = combineCopies(copies);
    out.push(rescore(merged, rules.get(merged.ruleId), weights, now));
  }
  return out;
}
