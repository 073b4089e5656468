// Access-map parsers and verdict edge cases, one answer at a time: what each provider's documented
// variants (fine-grained tokens, root keys, management keys, disabled keys) turn into, and that
// nothing from an answer that holds a piece of the key is kept.
import { describe, expect, it } from 'vitest';
import { expandFakes } from '../../src/rules/fake.js';
import { cleanValue, holdsKeyPiece } from '../../src/verify/access-clean.js';
import { principalOf } from '../../src/verify/aws.js';
import type { HttpOutcome } from '../../src/verify/http.js';
import { PROVIDERS } from '../../src/verify/providers.js';

const KEY = expandFakes('<<b62:40>>', 7);

function answer(status: number, body: unknown, headers: Record<string, string> = {}): HttpOutcome {
  return { ok: true, status, headers: new Headers(headers), body: typeof body === 'string' ? body : JSON.stringify(body), truncated: false };
}

function judge(name: string, out: HttpOutcome) {
  const p = PROVIDERS.find((x) => x.name === name)!;
  return p.judge(out, { secret: KEY });
}

describe('access maps', () => {
  it('github: a fine-grained token has an expiry but no scopes header, so no privilege is claimed', () => {
    const j = judge('github', answer(200, { login: 'octocat', type: 'User' }, { 'github-authentication-token-expiration': '2030-01-02 03:04:05 UTC' }));
    expect(j.verdict).toBe('live');
    expect(j.access).toMatchObject({ identity: 'octocat', expiresAt: '2030-01-02T03:04:05.000Z' });
    expect(j.access?.scopes).toBeUndefined();
    expect(j.access?.privilege).toBeUndefined();
  });

  it.each([
    ['read:org, read:user', 'read'],
    ['repo, workflow', 'write'],
    ['repo, delete_repo', 'admin'],
  ])('github: classic scopes %s → %s', (scopes, privilege) => {
    expect(judge('github', answer(200, { login: 'x' }, { 'x-oauth-scopes': scopes })).access?.privilege).toBe(privilege);
  });

  it('github: a 403 with x-ratelimit-remaining 0 is a rate limit, not a live key', () => {
    expect(judge('github', answer(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0' }))).toMatchObject({ verdict: 'unknown' });
  });

  it.each([
    ['arn:aws:iam::123456789012:root', 'root', 'admin'],
    ['arn:aws:iam::123456789012:user/ci', 'iam-user', undefined],
    ['arn:aws:sts::123456789012:assumed-role/deploy/session', 'assumed-role', undefined],
  ])('aws: %s is %s', (arn, principal, privilege) => {
    expect(principalOf(arn)).toBe(principal);
    const body = `<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>${arn}</Arn><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>`;
    const j = judge('aws', answer(200, body));
    expect(j.access).toMatchObject({ identity: arn, principal, owner: '123456789012' });
    expect(j.access?.privilege).toBe(privilege);
  });

  it('huggingface: a fine-grained token keeps its role and claims no privilege', () => {
    const j = judge('huggingface', answer(200, { name: 'me', type: 'user', auth: { accessToken: { role: 'fineGrained' } } }));
    expect(j.access).toMatchObject({ role: 'fineGrained' });
    expect(j.access?.privilege).toBeUndefined();
  });

  it('openrouter: a management key is admin; a label holding part of the key is not kept', () => {
    const label = `sk-or-v1-${KEY.slice(4, 14)}...`;
    const j = judge('openrouter', answer(200, { data: { label, is_management_key: true, limit: null, usage: 0 } }));
    expect(j.access).toMatchObject({ role: 'management key', privilege: 'admin', limits: 'no credit limit, used 0' });
    expect(j.access?.identity).toBeUndefined();
    expect(JSON.stringify(j)).not.toContain(KEY.slice(4, 14));
  });

  it('slack: an admin scope is admin; a bot_id makes the principal a bot', () => {
    const j = judge('slack', answer(200, { ok: true, user: 'u', team: 't', bot_id: 'B1' }, { 'x-oauth-scopes': 'admin.users:read,chat:write' }));
    expect(j.access).toMatchObject({ principal: 'bot', privilege: 'admin' });
  });
});

describe('answers that refuse a key with HTTP 200', () => {
  it.each([
    ['slack', { ok: false, error: 'token_revoked' }, 'revoked'],
    ['slack', { ok: false, error: 'ratelimited' }, 'unknown'],
    ['gitlab', { scopes: ['api'], active: false, revoked: false }, 'revoked'],
    ['cloudflare', { result: { id: 't', status: 'expired' } }, 'revoked'],
    ['xai', { acls: [], api_key_disabled: true }, 'revoked'],
    ['cohere', { valid: false }, 'revoked'],
    ['mapbox', { code: 'TokenExpired' }, 'revoked'],
  ])('%s %j → %s', (name, body, verdict) => {
    const j = judge(name, answer(200, body));
    expect(j.verdict).toBe(verdict);
    expect(j.access).toBeUndefined();
  });
});

describe('cleaning values copied from answers', () => {
  it('drops any value holding an 8-character piece of the key past its first four characters', () => {
    expect(holdsKeyPiece(`label ${KEY.slice(10, 18)}`, KEY)).toBe(true);
    expect(holdsKeyPiece(`label ${KEY.slice(0, 4)}`, KEY)).toBe(false);
    expect(cleanValue(`x${KEY.slice(20, 30)}`, KEY)).toBeUndefined();
  });

  it('removes control characters and cuts long values', () => {
    expect(cleanValue('bad\u001b[31mname\u202e', KEY)).toBe('bad [31mname');
    expect(cleanValue('y'.repeat(500), KEY)).toHaveLength(120);
    expect(cleanValue({ nested: true }, KEY)).toBeUndefined();
  });
});
