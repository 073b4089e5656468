// The blast-radius weights: one table, documented in docs/blast-radius.md, overridable from
// config through mergeWeights(). Points are added per factor and the total is clamped to 0–100
// (DESIGN.md §4). Changing a default here changes every score: update the docs table too (a
// test compares them).
import { inFile, isObj, ProblemError, ProblemList, type Problem } from '../problems/problem.js';
import { check, closedObject, mustBe } from '../problems/schema-kit.js';
import * as v from 'valibot';
import type { ContentKind } from '../contracts/fragment.js';
import type { Confidence } from '../contracts/match.js';
import type { Privilege, Scope } from '../contracts/rule.js';

export interface SpreadWeights {
  /** Points for each distinct file beyond the first, up to maxFiles. */
  perFile: number;
  maxFiles: number;
  /** Points for each distinct content kind beyond the first, up to maxKinds. */
  perKind: number;
  maxKinds: number;
  /** Points for each distinct repository beyond the first, up to maxRepos. */
  perRepo: number;
  maxRepos: number;
  /** Points for each distinct commit beyond the first (git history), up to maxCommits. */
  perCommit: number;
  maxCommits: number;
}

export interface Weights {
  privilege: Record<Privilege, number>;
  scope: Record<Scope, number>;
  lifetime: { 'long-lived': number; 'short-lived': number; expired: number };
  spread: SpreadWeights;
  /** Exposure: the most exposed content kind holding the key. */
  exposure: Record<ContentKind, number>;
  /** Added when the key is only in history (negative: still needs rotation, but less exposed). */
  historyOnly: number;
  /** Persistence: points by age of the introducing commit, in days (highest threshold met). */
  persistence: Array<{ days: number; points: number }>;
  confidence: Record<Confidence, number>;
  /** Added when both halves of a two-part credential sit together (key id + secret, host + password). */
  paired: number;
  /** Only with --verify: the provider's verdict on the key (src/verify/). */
  liveness: { live: number; revoked: number; unknown: number };
  /** Added when the key was in a prompt or transcript: it was sent to a model provider (and is in its logs). */
  modelProvider: number;
}

export const DEFAULT_WEIGHTS: Weights = {
  privilege: { admin: 30, write: 20, read: 8, unknown: 14 },
  scope: { org: 12, account: 8, project: 4, resource: 2, unknown: 4 },
  lifetime: { 'long-lived': 15, 'short-lived': 2, expired: -40 },
  spread: { perFile: 5, maxFiles: 15, perKind: 5, maxKinds: 10, perRepo: 10, maxRepos: 20, perCommit: 1, maxCommits: 5 },
  exposure: {
    'agent-config': 15, 'notebook-output': 15, prompt: 15, 'ci-config': 12, 'env-file': 10,
    'notebook-cell': 10, code: 8, other: 6, doc: 4, test: 2,
  },
  historyOnly: -5,
  persistence: [{ days: 365, points: 10 }, { days: 90, points: 6 }, { days: 30, points: 3 }],
  confidence: { high: 10, medium: 5, low: -10 },
  paired: 5,
  liveness: { live: 15, revoked: -40, unknown: 0 },
  modelProvider: 10,
};

/** Largest magnitude a single weight may have: one factor can swing the whole scale, no more. */
const LIMIT = 100;

function points(min = -LIMIT) {
  const msg = mustBe(`a number from ${min} to ${LIMIT}`, false);
  return v.pipe(v.number(msg), v.finite(msg), v.minValue(min, msg), v.maxValue(LIMIT, msg));
}

/**
 * A partial weights table (config `weights:`), its keys those of DEFAULT_WEIGHTS: numbers from
 * -100 to 100 (spread caps and steps are counts of points, never negative). Built on first use
 * (a config with weights), not at every start (~4 ms).
 */
export const weightsSchema = (): WeightsSchema => (schema ??= buildWeightsSchema());

function buildWeightsSchema() {
  const days = mustBe('a whole number of days ≥ 0', false);
  const PERSISTENCE_SCHEMA = v.array(
    closedObject(
      { days: v.pipe(v.number(days), v.integer(days), v.minValue(0, days)), points: points() },
      { message: mustBe('a mapping {days, points}', false), required: { days, points: mustBe(`a number from ${-LIMIT} to ${LIMIT}`, false) } },
    ),
    mustBe('a list of {days, points}', false),
  );

  /** A group of weights (privilege, exposure, ...): any of its keys, each a number. */
  function group(keys: string[], min: number) {
    return closedObject(
      Object.fromEntries(keys.map((k) => [k, v.optional(points(min))])),
      { message: mustBe(`a mapping (expected keys ${keys.join(', ')})`, false) },
    );
  }

  return closedObject(
    Object.fromEntries(Object.entries(DEFAULT_WEIGHTS).map(([key, template]) => [key, v.optional(
      key === 'persistence' ? PERSISTENCE_SCHEMA
        : typeof template === 'number' ? points()
          : group(Object.keys(template as object), key === 'spread' ? 0 : -LIMIT),
    )])),
    { message: mustBe('a mapping of weight groups', false) },
  );
}

type WeightsSchema = ReturnType<typeof buildWeightsSchema>;
let schema: WeightsSchema | undefined;

/**
 * Problems with a partial weights table, at dotted paths under `at`, e.g.
 * `weights.exposure.prmopt` (unknown key, expected agent-config, ...).
 */
export function validateWeights(partial: unknown, at = 'weights'): Problem[] {
  const list = new ProblemList();
  list.addAll(check(weightsSchema(), partial).problems, at);
  return list.list;
}

/**
 * `base` with the keys of `partial` replaced (one level deep: `{exposure: {test: 0}}` changes
 * only exposure.test; `persistence` is replaced as a whole list). Throws a ProblemError listing
 * every problem, each naming its key (and `file` when given), when `partial` is not a valid table.
 */
export function mergeWeights(base: Weights, partial: unknown, file?: string): Weights {
  const problems = validateWeights(partial);
  if (problems.length) throw new ProblemError(file ? inFile(problems, file) : problems);
  const p = partial as Record<string, unknown>;
  const out = structuredClone(base) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(p)) {
    if (key === 'persistence') {
      // Highest threshold first: score.ts takes the first step met.
      out[key] = [...(value as Weights['persistence'])].sort((a, b) => b.days - a.days);
    } else if (isObj(value)) {
      out[key] = { ...(out[key] as object), ...value };
    } else {
      out[key] = value;
    }
  }
  return out as unknown as Weights;
}
