// The blast-radius weights: one table, documented in the README, overridable from config.
// Points are added per factor and the total is clamped to 0–100 (DESIGN.md §4).
import type { Confidence, ContentKind, Privilege, Scope } from '../types.js';

export interface Weights {
  privilege: Record<Privilege, number>;
  scope: Record<Scope, number>;
  lifetime: { 'long-lived': number; 'short-lived': number; expired: number };
  /** Points for each extra distinct file / content kind / repository / commit, and their caps. */
  spread: { perFile: number; maxFiles: number; perKind: number; maxKinds: number; perRepo: number; maxRepos: number };
  /** Exposure: the most exposed content kind holding the key. */
  exposure: Record<ContentKind, number>;
  /** Added when the key is only in history (negative: still needs rotation, but less exposed). */
  historyOnly: number;
  /** Persistence: points by age of the introducing commit, in days (highest threshold met). */
  persistence: Array<{ days: number; points: number }>;
  confidence: Record<Confidence, number>;
}

export const DEFAULT_WEIGHTS: Weights = {
  privilege: { admin: 30, write: 20, read: 8, unknown: 14 },
  scope: { org: 12, account: 8, project: 4, resource: 2, unknown: 4 },
  lifetime: { 'long-lived': 15, 'short-lived': 2, expired: -40 },
  spread: { perFile: 5, maxFiles: 15, perKind: 5, maxKinds: 10, perRepo: 10, maxRepos: 20 },
  exposure: {
    'agent-config': 15, 'notebook-output': 15, prompt: 15, 'ci-config': 12, 'env-file': 10,
    'notebook-cell': 10, code: 8, other: 6, doc: 4, test: 2,
  },
  historyOnly: -5,
  persistence: [{ days: 365, points: 10 }, { days: 90, points: 6 }, { days: 30, points: 3 }],
  confidence: { high: 10, medium: 5, low: -10 },
};
