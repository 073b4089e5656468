// Verified facts change the score: observed admin scopes raise privilege, an observed expiry
// shortens lifetime, a revoked key drops to low and says so, each naming its source; without a
// verification nothing changes.
import { describe, expect, it } from 'vitest';
import { factBasis } from '../../src/score/observed.js';
import { scoreSecret } from '../../src/score/score.js';
import type { Secret } from '../../src/contracts/scored.js';
import type { AccessMap, Verification } from '../../src/contracts/verification.js';
import { makeRule, makeSecret } from '../helpers/sample-result.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const rule = makeRule('github-classic-pat', { provider: 'github', privilege: 'write', scope: 'account', lifetime: 'long-lived' });
const base = makeSecret({ rule, raw: 'ghp_fakefakefakefakefakefakefakefake0000', score: 0, occurrences: [{ path: '.env', contentKind: 'env-file' }] });
const SOURCE = 'GET https://api.github.com/user';

function verified(verdict: Verification['verdict'], access?: Partial<AccessMap>): Secret {
  const v: Verification = { verdict, provider: 'github', checkedAt: NOW.toISOString(), reason: verdict === 'revoked' ? 'key rejected (HTTP 401)' : 'key accepted (HTTP 200)', call: SOURCE, ...(access ? { access: { source: SOURCE, ...access } } : {}) };
  return { ...base, verification: v };
}

const score = (s: Secret) => scoreSecret(s, rule, undefined, NOW);
const factor = (s: Secret, name: string) => s.factors.find((f) => f.factor === name)!;

describe('observed facts in the blast radius', () => {
  it('without --verify nothing is observed and every factor is inferred', () => {
    const s = score(base);
    expect(s.factors.some((f) => f.observed)).toBe(false);
    expect(factBasis(s).observed).toEqual([]);
    expect(factBasis(s).inferred).toEqual(expect.arrayContaining(['privilege', 'scope', 'lifetime', 'exposure']));
  });

  it('admin-level observed scopes raise privilege above the rule\'s, naming the scopes and the call', () => {
    const plain = score(verified('live'));
    const admin = score(verified('live', { scopes: ['admin:org', 'repo'], privilege: 'admin' }));
    expect(factor(plain, 'privilege')).toMatchObject({ value: 'write' });
    expect(factor(plain, 'privilege').observed).toBeUndefined();
    expect(factor(admin, 'privilege')).toMatchObject({ value: 'admin', observed: SOURCE });
    expect(factor(admin, 'privilege').reason).toMatch(/admin:org.*api\.github\.com\/user/);
    expect(admin.score).toBeGreaterThan(plain.score);
    expect(factBasis(admin).observed).toEqual(expect.arrayContaining(['liveness', 'privilege']));
  });

  it('read-only observed scopes lower it', () => {
    expect(score(verified('live', { scopes: ['read:user'], privilege: 'read' })).score).toBeLessThan(score(verified('live')).score);
  });

  it('an observed expiry shortens the lifetime: soon → short-lived, past → expired, far → long-lived with the date', () => {
    const soon = score(verified('live', { expiresAt: '2026-02-01T00:00:00.000Z' }));
    const past = score(verified('live', { expiresAt: '2025-12-01T00:00:00.000Z' }));
    const far = score(verified('live', { expiresAt: '2027-06-01T00:00:00.000Z' }));
    expect(factor(soon, 'lifetime')).toMatchObject({ value: 'short-lived', observed: SOURCE });
    expect(factor(soon, 'lifetime').reason).toMatch(/expires 2026-02-01, in 31 day/);
    expect(factor(past, 'lifetime')).toMatchObject({ value: 'expired' });
    expect(factor(far, 'lifetime')).toMatchObject({ value: 'long-lived', observed: SOURCE });
    expect(factor(far, 'lifetime').reason).toMatch(/2027-06-01/);
    expect(soon.score).toBeLessThan(far.score);
    expect(past.score).toBeLessThan(soon.score);
  });

  it('a revoked key drops to low and the explanation says which call answered what', () => {
    const spread = { ...base, occurrences: [...base.occurrences, ...['a', 'b', 'c'].map((p) => ({ ...base.occurrences[0], origin: { kind: 'file' as const, path: `${p}/.env` }, contentKind: 'agent-config' as const }))] };
    const live = scoreSecret({ ...spread, verification: verified('live').verification }, rule, undefined, NOW);
    const dead = scoreSecret({ ...spread, verification: verified('revoked').verification }, rule, undefined, NOW);
    expect(live.severity).not.toBe('low');
    expect(dead.severity).toBe('low');
    expect(dead.score).toBeLessThanOrEqual(39);
    expect(factor(dead, 'revoked')).toMatchObject({ observed: expect.stringContaining(SOURCE) });
    expect(factor(dead, 'revoked').reason).toMatch(/revoked: github GET .*key rejected \(HTTP 401\).*drops to low/);
  });

  it('an access map on a key that is not live changes nothing but liveness', () => {
    const s = score({ ...verified('unknown'), verification: { ...verified('unknown').verification!, access: { source: SOURCE, privilege: 'admin' } } });
    expect(factor(s, 'privilege').value).toBe('write');
  });
});
