// --verify through the engine: real scans of real files, each provider's check answered by a
// local fake server on 127.0.0.1 (every endpoint is overridden, so no test reaches a provider).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { secretId } from '../../src/redaction/secret-id.js';
import { expandFakes } from '../../src/rules/fake.js';
import { scan } from '../../src/scan.js';
import type { Secret } from '../../src/contracts/scored.js';
import { createVerifier, type VerifierOptions } from '../../src/verify/verifier.js';
import { makeTree, type Tree } from '../helpers/tree.js';
import { fakeProviders, type Behaviour, type FakeProviders } from './fake-providers.js';
import { awsEnv, ENV_NAMES, fakeAws, fakeKey } from './keys.js';

let server: FakeProviders;
const trees: Tree[] = [];

beforeAll(async () => {
  server = await fakeProviders();
});
afterAll(async () => {
  await server.stop();
});
afterEach(() => {
  for (const t of trees.splice(0)) t.cleanup();
});

function tree(spec: Record<string, string>): Tree {
  const t = makeTree(spec);
  trees.push(t);
  return t;
}

async function scanWith(t: Tree, opts: VerifierOptions = {}): Promise<Secret[]> {
  const verifier = createVerifier({ env: server.env(), requestTimeoutMs: 2000, ...opts });
  try {
    return (await scan({ paths: [t.dir], verify: verifier.hook })).secrets;
  } finally {
    verifier.close();
  }
}

/** The finding for a raw value (by its salted id: redacted forms of same-prefix keys collide). */
const byRaw = (secrets: Secret[], raw: string) => secrets.find((s) => s.id === secretId(raw));

describe('verdicts per provider', () => {
  const providers = Object.keys(ENV_NAMES);
  it.each(providers)('%s: a live key scores above a revoked one', async (provider) => {
    const live = fakeKey(provider, 101);
    const revoked = fakeKey(provider, 202);
    server.key(live, 'live').key(revoked, 'revoked');
    const t = tree({ '.env': `${ENV_NAMES[provider]}=${live}\n`, 'config/old.env': `${ENV_NAMES[provider]}=${revoked}\n` });
    const secrets = await scanWith(t);
    const l = byRaw(secrets, live)!;
    const r = byRaw(secrets, revoked)!;
    expect(l.verification).toMatchObject({ verdict: 'live', provider });
    expect(r.verification).toMatchObject({ verdict: 'revoked', provider });
    expect(Date.parse(l.verification!.checkedAt)).not.toBeNaN();
    expect(l.factors.find((f) => f.factor === 'liveness')).toMatchObject({ value: 'live' });
    expect(l.score).toBeGreaterThan(r.score);
  });

  it('aws: signs sts:GetCallerIdentity with the paired key id (the fake STS checks the signature)', async () => {
    const live = fakeAws(7);
    const revoked = fakeAws(8);
    const wrongSecret = fakeAws(9);
    server.awsKey(live.id, live.secret, 'live').awsKey(revoked.id, revoked.secret, 'revoked');
    // Registered as live, but the file holds another secret: the signature cannot match.
    server.awsKey(wrongSecret.id, 'x'.repeat(40), 'live');
    const t = tree({ 'a/.env': awsEnv(live), 'b/.env': awsEnv(revoked), 'c/.env': awsEnv(wrongSecret) });
    const secrets = await scanWith(t);
    expect(byRaw(secrets, live.secret)?.verification).toMatchObject({ verdict: 'live', provider: 'aws' });
    expect(byRaw(secrets, revoked.secret)?.verification).toMatchObject({ verdict: 'revoked' });
    expect(byRaw(secrets, wrongSecret.secret)?.verification).toMatchObject({ verdict: 'unknown' });
    expect(byRaw(secrets, wrongSecret.secret)?.verification?.reason).toMatch(/SignatureDoesNotMatch/);
    expect(server.requestsFor('aws').map((r) => r.key).sort()).toEqual([live.id, revoked.id, wrongSecret.id].sort());
  });

  it.each([
    ['github', 'live', /lacks permission/],
    ['openai', 'live', /lacks permission/],
    ['stripe', 'live', /lacks permission/],
    ['huggingface', 'unknown', /HTTP 403/],
  ])('%s: HTTP 403 → %s', async (provider, verdict, reason) => {
    const key = fakeKey(provider, 250);
    server.key(key, 'forbidden');
    const s = byRaw(await scanWith(tree({ '.env': `${ENV_NAMES[provider]}=${key}\n` })), key)!;
    expect(s.verification).toMatchObject({ verdict, provider });
    expect(s.verification!.reason).toMatch(reason);
  });

  it('aws: a secret access key with no key id beside it is unknown, and no call is made', async () => {
    const pair = fakeAws(11);
    const before = server.requestsFor('aws').length;
    const t = tree({ '.env': `AWS_SECRET_ACCESS_KEY=${pair.secret}\n` });
    const s = byRaw(await scanWith(t), pair.secret)!;
    expect(s.verification).toMatchObject({ verdict: 'unknown', provider: 'aws' });
    expect(s.verification!.reason).toMatch(/no access key id/);
    expect(server.requestsFor('aws').length).toBe(before);
  });

  it('aws: a temporary ASIA key is unknown (it needs its session token)', async () => {
    const pair = fakeAws(12, 'ASIA');
    const t = tree({ '.env': awsEnv(pair) });
    const s = byRaw(await scanWith(t), pair.secret)!;
    expect(s.verification).toMatchObject({ verdict: 'unknown' });
    expect(s.verification!.reason).toMatch(/session token/);
  });
});

describe('answers that are not a verdict', () => {
  const cases: Array<[Behaviour, RegExp]> = [
    ['ratelimit', /rate limited.*429/],
    ['malformed', /unexpected body/],
    ['redirect', /redirect.*not followed/],
    ['huge', /over 1 MB/],
  ];
  it.each(cases)('%s → unknown with a reason', async (behaviour, reason) => {
    const key = fakeKey('openai', 300 + cases.findIndex(([b]) => b === behaviour));
    server.key(key, behaviour);
    const s = byRaw(await scanWith(tree({ '.env': `OPENAI_API_KEY=${key}\n` })), key)!;
    expect(s.verification?.verdict).toBe('unknown');
    expect(s.verification?.reason).toMatch(reason);
    expect(s.factors.find((f) => f.factor === 'liveness')?.points).toBe(0);
  });

  it('a hanging endpoint times out as unknown and the scan finishes', async () => {
    const key = fakeKey('github', 401);
    server.key(key, 'hang');
    const s = byRaw(await scanWith(tree({ '.env': `GITHUB_TOKEN=${key}\n` }), { requestTimeoutMs: 300 }), key)!;
    expect(s.verification).toMatchObject({ verdict: 'unknown', provider: 'github' });
    expect(s.verification!.reason).toMatch(/timed out/);
  });

  it('the global time budget stops every check still waiting', async () => {
    const keys = [1, 2, 3, 4, 5, 6].map((i) => fakeKey('stripe', 500 + i));
    for (const k of keys) server.key(k, 'hang');
    const spec = Object.fromEntries(keys.map((k, i) => [`svc${i}/.env`, `STRIPE_SECRET_KEY=${k}\n`]));
    const secrets = await scanWith(tree(spec), { timeoutMs: 400, requestTimeoutMs: 10_000, concurrency: 2 });
    for (const k of keys) expect(byRaw(secrets, k)?.verification).toMatchObject({ verdict: 'unknown' });
    // Two were in flight when the budget ran out; the other four never started.
    expect(secrets.filter((s) => /time budget/.test(s.verification?.reason ?? '')).length).toBe(6);
  });

  it('a network error (nothing listening) is unknown', async () => {
    const key = fakeKey('huggingface', 601);
    // A port that was just free: nothing listens there now.
    const closed = await fakeProviders();
    const port = new URL(closed.env().KEYSPRAWL_VERIFY_HUGGINGFACE_URL!).port;
    await closed.stop();
    const verifier = createVerifier({ env: { ...server.env(), KEYSPRAWL_VERIFY_HUGGINGFACE_URL: `http://127.0.0.1:${port}/api/whoami-v2` } });
    const t = tree({ '.env': `HF_TOKEN=${key}\n` });
    const s = byRaw((await scan({ paths: [t.dir], verify: verifier.hook })).secrets, key)!;
    verifier.close();
    expect(s.verification).toMatchObject({ verdict: 'unknown' });
    expect(s.verification!.reason).toMatch(/network error \(ECONNREFUSED\)/);
  });

  it('never copies a response body into the reason (providers echo the key)', async () => {
    const key = fakeKey('anthropic', 701);
    server.key(key, 'echo-error');
    const s = byRaw(await scanWith(tree({ '.env': `ANTHROPIC_API_KEY=${key}\n` })), key)!;
    expect(s.verification?.verdict).toBe('revoked');
    expect(JSON.stringify(s)).not.toContain(key);
  });
});

describe('pacing', () => {
  it('checks each distinct secret once, however many places hold it', async () => {
    const key = fakeKey('slack', 801);
    server.key(key, 'live');
    const spec = Object.fromEntries([1, 2, 3, 4, 5].map((i) => [`app${i}/.env`, `SLACK_BOT_TOKEN=${key}\n`]));
    const s = byRaw(await scanWith(tree(spec)), key)!;
    expect(s.occurrences).toHaveLength(5);
    expect(s.verification?.verdict).toBe('live');
    expect(server.seen.filter((r) => r.key === key)).toHaveLength(1);
  });

  it('keeps at most --verify-concurrency requests in flight', async () => {
    server.maxInFlight = 0;
    const keys = Array.from({ length: 8 }, (_, i) => fakeKey(i % 2 ? 'openai' : 'github', 900 + i));
    for (const k of keys) server.key(k, 'slow');
    const spec = Object.fromEntries(keys.map((k, i) => [`s${i}/.env`, `${i % 2 ? 'OPENAI_API_KEY' : 'GITHUB_TOKEN'}=${k}\n`]));
    const secrets = await scanWith(tree(spec), { concurrency: 2 });
    for (const k of keys) expect(byRaw(secrets, k)?.verification?.verdict).toBe('live');
    expect(server.maxInFlight).toBeLessThanOrEqual(2);
    expect(server.maxInFlight).toBeGreaterThanOrEqual(1);
  });

  it('--verify-providers style filtering leaves other providers unchecked', async () => {
    const gh = fakeKey('github', 1001);
    const oa = fakeKey('openai', 1002);
    server.key(gh, 'live').key(oa, 'live');
    const secrets = await scanWith(tree({ '.env': `GITHUB_TOKEN=${gh}\nOPENAI_API_KEY=${oa}\n` }), { providers: ['github'] });
    expect(byRaw(secrets, gh)?.verification?.verdict).toBe('live');
    expect(byRaw(secrets, oa)?.verification).toBeUndefined();
    expect(server.seen.some((r) => r.key === oa)).toBe(false);
  });

  it('leaves keys it cannot check without a verdict and sends nothing for them', async () => {
    const oauth = expandFakes('sk-ant-oat01-<<b64url:80>>', 1202);
    const refresh = expandFakes('ghr_<<b62:76>>', 1203);
    const before = server.seen.length;
    const t = tree({ '.env': `CLAUDE_CODE_OAUTH_TOKEN=${oauth}\nGITHUB_REFRESH_TOKEN=${refresh}\n` });
    const secrets = await scanWith(t);
    for (const raw of [oauth, refresh]) {
      const s = byRaw(secrets, raw);
      expect(s, raw.slice(0, 8)).toBeDefined();
      expect(s?.verification).toBeUndefined();
    }
    expect(server.seen.length).toBe(before);
  });

  it('without a verify hook nothing is sent', async () => {
    const key = fakeKey('stripe', 1101);
    server.key(key, 'live');
    const t = tree({ '.env': `STRIPE_SECRET_KEY=${key}\n` });
    const s = byRaw((await scan({ paths: [t.dir] })).secrets, key)!;
    expect(s.verification).toBeUndefined();
    expect(s.factors.some((f) => f.factor === 'liveness')).toBe(false);
    expect(server.seen.some((r) => r.key === key)).toBe(false);
  });
});
