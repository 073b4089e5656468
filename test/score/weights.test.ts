// The weights table: overrides from config, validation messages that name the key, the docs
// table kept in step with the defaults, and the severity bands.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveFacts } from '../../src/detect/derive.js';
import { UsageError } from '../../src/errors.js';
import { renderProblem } from '../../src/problems/messages.js';
import { severityOf } from '../../src/score/score.js';
import { weightsTable } from '../../src/score/weights-table.js';
import { DEFAULT_WEIGHTS, mergeWeights, validateWeights } from '../../src/score/weights.js';
import { REPO_ROOT } from '../helpers/cli.js';

describe('mergeWeights', () => {
  it('replaces only the keys given and leaves the defaults untouched', () => {
    const w = mergeWeights(DEFAULT_WEIGHTS, { exposure: { test: 0 }, historyOnly: -10, persistence: [{ days: 10, points: 1 }, { days: 100, points: 9 }] });
    expect(w.exposure.test).toBe(0);
    expect(w.exposure.prompt).toBe(DEFAULT_WEIGHTS.exposure.prompt);
    expect(w.historyOnly).toBe(-10);
    expect(w.persistence.map((p) => p.days)).toEqual([100, 10]);
    expect(DEFAULT_WEIGHTS.exposure.test).not.toBe(0);
  });

  it.each([
    { partial: { exposure: { prmopt: 3 } }, names: 'weights.exposure.prmopt', says: 'unknown key' },
    { partial: { privilege: { admin: 'high' } }, names: 'weights.privilege.admin', says: 'must be a number' },
    { partial: { spread: { perFile: -1 } }, names: 'weights.spread.perFile', says: 'from 0 to 100' },
    { partial: { confidence: { high: 1000 } }, names: 'weights.confidence.high', says: 'from -100 to 100' },
    { partial: { persistence: [{ days: -1, points: 3 }] }, names: 'weights.persistence[0].days', says: 'whole number' },
    { partial: { persistence: { days: 1 } }, names: 'weights.persistence', says: 'must be a list' },
    { partial: { blast: 1 }, names: 'weights.blast', says: 'unknown key' },
    { partial: { scope: 3 }, names: 'weights.scope', says: 'must be a mapping' },
    { partial: [], names: 'weights', says: 'must be a mapping' },
  ])('rejects $names ($says)', ({ partial, names, says }) => {
    let err: unknown;
    try {
      mergeWeights(DEFAULT_WEIGHTS, partial);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toContain(names);
    expect((err as Error).message).toContain(says);
  });

  it('collects every problem, with the caller\'s path prefix', () => {
    const problems = validateWeights({ exposure: { prmopt: 1, test: 'x' }, paired: null }).map((p) => renderProblem({ ...p, file: '.keysprawl.yaml' }));
    expect(problems).toHaveLength(3);
    expect(problems.every((p) => p.startsWith('.keysprawl.yaml: weights.'))).toBe(true);
  });
});

describe('severity bands (GitHub security-severity × 10)', () => {
  it.each([
    [100, 'critical'], [90, 'critical'], [89, 'high'], [70, 'high'], [69, 'medium'], [40, 'medium'], [39, 'low'], [0, 'low'],
  ] as const)('%i → %s', (score, severity) => {
    expect(severityOf(score)).toBe(severity);
  });
});

describe('derived lifetime', () => {
  it.each([
    { id: `AKIA${'QRSTUVWXYZ234567'}`, lifetime: 'long-lived' },
    { id: `ASIA${'QRSTUVWXYZ234567'}`, lifetime: 'short-lived' },
  ])('$id → $lifetime', ({ id, lifetime }) => {
    expect(deriveFacts('aws-access-key-id', id)?.lifetime).toBe(lifetime);
  });
});

describe('docs/blast-radius.md', () => {
  it('prints the default weights table exactly as weights.ts has it', () => {
    const doc = readFileSync(join(REPO_ROOT, 'docs', 'blast-radius.md'), 'utf8');
    expect(doc).toContain(weightsTable(DEFAULT_WEIGHTS));
  });
});

describe('JWT lifetime read from the token', () => {
  const jwt = (payload: { iat?: number; exp?: number }) =>
    `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;
  const now = new Date('2026-01-01T00:00:00Z');
  const t = now.getTime() / 1000;
  it.each([
    { name: 'no exp', payload: { iat: t - 60 }, lifetime: 'long-lived' },
    { name: 'exp in the past', payload: { iat: t - 7200, exp: t - 3600 }, lifetime: 'expired' },
    { name: 'one hour from iat', payload: { iat: t - 60, exp: t + 3540 }, lifetime: 'short-lived' },
    { name: 'a year from iat', payload: { iat: t - 60, exp: t + 365 * 86400 }, lifetime: 'long-lived' },
    { name: 'no iat, ten minutes left', payload: { exp: t + 600 }, lifetime: 'short-lived' },
    { name: 'no iat, a month left', payload: { exp: t + 30 * 86400 }, lifetime: 'long-lived' },
  ])('$name → $lifetime', ({ payload, lifetime }) => {
    expect(deriveFacts('jwt', jwt(payload), now)?.lifetime).toBe(lifetime);
  });
});
