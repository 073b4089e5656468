// The blast-radius weights: one table, documented in docs/blast-radius.md, overridable from
// config through mergeWeights(). Points are added per factor and the total is clamped to 0–100
// (DESIGN.md §4). Changing a default here changes every score: update the docs table too (a
// test compares them).
import { UsageError } from '../errors.js';
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

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkNumber(v: unknown, where: string, problems: string[], min = -LIMIT): v is number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > LIMIT) {
    problems.push(`${where}: must be a number from ${min} to ${LIMIT}`);
    return false;
  }
  return true;
}

function checkPersistence(v: unknown, where: string, problems: string[]): void {
  if (!Array.isArray(v)) {
    problems.push(`${where}: must be a list of {days, points}`);
    return;
  }
  v.forEach((step, i) => {
    const at = `${where}[${i}]`;
    if (!isObj(step)) {
      problems.push(`${at}: must be a mapping {days, points}`);
      return;
    }
    for (const k of Object.keys(step)) if (k !== 'days' && k !== 'points') problems.push(`${at}.${k}: unknown key (expected days, points)`);
    if (typeof step.days !== 'number' || !Number.isInteger(step.days) || step.days < 0) problems.push(`${at}.days: must be a whole number of days ≥ 0`);
    checkNumber(step.points, `${at}.points`, problems);
  });
}

/**
 * Problems with a partial weights table (from config), each starting with the dotted path of
 * the key, e.g. "weights.exposure.prmopt: unknown key (expected agent-config, ...)".
 */
export function validateWeights(partial: unknown, where = 'weights', base: Weights = DEFAULT_WEIGHTS): string[] {
  const problems: string[] = [];
  if (!isObj(partial)) return [`${where}: must be a mapping of weight groups`];
  const groups = base as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(partial)) {
    const at = `${where}.${key}`;
    const template = groups[key];
    if (template === undefined) {
      problems.push(`${at}: unknown key (expected ${Object.keys(groups).join(', ')})`);
    } else if (key === 'persistence') {
      checkPersistence(value, at, problems);
    } else if (typeof template === 'number') {
      checkNumber(value, at, problems);
    } else if (!isObj(value)) {
      problems.push(`${at}: must be a mapping (expected keys ${Object.keys(template as object).join(', ')})`);
    } else {
      const allowed = Object.keys(template as object);
      for (const [k, v] of Object.entries(value)) {
        if (!allowed.includes(k)) problems.push(`${at}.${k}: unknown key (expected ${allowed.join(', ')})`);
        // Spread caps and steps are counts of points, never negative.
        else checkNumber(v, `${at}.${k}`, problems, key === 'spread' ? 0 : -LIMIT);
      }
    }
  }
  return problems;
}

/**
 * `base` with the keys of `partial` replaced (one level deep: `{exposure: {test: 0}}` changes
 * only exposure.test; `persistence` is replaced as a whole list). Throws a UsageError (exit 2)
 * listing every problem, each naming its key, when `partial` is not a valid weights table.
 */
export function mergeWeights(base: Weights, partial: unknown, where = 'weights'): Weights {
  const problems = validateWeights(partial, where, base);
  if (problems.length) throw new UsageError(problems.join('; '));
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
