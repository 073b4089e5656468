// The fake-provider suite: every verifier's call and access-map parser against a loopback fake
// that answers as the provider's documentation says (provider-docs.ts), through real scans of
// files holding a fake key from each rule's own example. Asserts the request as sent (method,
// documented path, where the key goes, required headers, only this machine) and the facts kept.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { secretId } from '../../src/redaction/secret-id.js';
import { scan } from '../../src/scan.js';
import type { Secret } from '../../src/contracts/scored.js';
import { verifierRows } from '../../src/verify/listing.js';
import { PROVIDERS } from '../../src/verify/providers.js';
import type { ProviderVerifier } from '../../src/verify/spec.js';
import { createVerifier, type VerifierOptions } from '../../src/verify/verifier.js';
import { makeTree, type Tree } from '../helpers/tree.js';
import { fakeProviders, type Behaviour, type FakeProviders } from './fake-providers.js';
import { DOCS } from './provider-docs.js';
import { awsEnv, fakeAws } from './keys.js';
import { ruleById, ruleKey, type RuleKey } from './rule-keys.js';

/** STS as its documentation describes GetCallerIdentity (the fake answers with this ARN). */
const AWS_DOC = { method: 'POST', path: '/', access: { identity: 'arn:aws:iam::123456789012:user/ci', principal: 'iam-user', owner: '123456789012' } };

const HTTP = PROVIDERS.filter((p) => p.name !== 'aws');

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

/** The key a provider's first rule makes for this seed (and that the verifier accepts). */
function keyFor(p: ProviderVerifier, seed: number): RuleKey {
  for (const id of p.rules) {
    const k = ruleKey(id, seed);
    if (k && p.accepts(k.secret, k.rule)) return k;
  }
  throw new Error(`${p.name}: no rule example makes a key it accepts`);
}

/**
 * One scan holding one fresh key per provider (AWS: a key id and secret pair), every key answered
 * with `behaviour`. `sent` is what the fake sees as the key (for AWS, the access key id).
 */
async function scanAll(behaviour: Behaviour, seed: number, opts: VerifierOptions = {}): Promise<{ keys: Map<string, RuleKey & { sent: string }>; secrets: Secret[] }> {
  const keys = new Map<string, RuleKey & { sent: string }>(HTTP.map((p) => {
    const k = keyFor(p, seed);
    return [p.name, { ...k, sent: k.secret }];
  }));
  const aws = fakeAws(seed);
  keys.set('aws', { rule: ruleById('aws-secret-access-key')!, text: awsEnv(aws), secret: aws.secret, sent: aws.id });
  for (const [name, k] of keys) {
    if (name === 'aws') server.awsKey(aws.id, aws.secret, behaviour);
    else server.key(k.secret, behaviour);
  }
  const t = makeTree(Object.fromEntries([...keys].map(([name, k]) => [`svc-${name}/${name === 'aws' ? '.env' : 'settings.txt'}`, `${k.text}\n`])));
  trees.push(t);
  const verifier = createVerifier({ env: server.env(), requestTimeoutMs: 3000, concurrency: 16, ...opts });
  try {
    return { keys, secrets: (await scan({ paths: [t.dir], verify: verifier.hook })).secrets };
  } finally {
    verifier.close();
  }
}

const found = (secrets: Secret[], raw: string) => secrets.find((s) => s.id === secretId(raw));

describe('the call tables', () => {
  it('cover at least 30 providers, 10 of them with an access map', () => {
    const providers = new Set(PROVIDERS.map((p) => p.name.replace(/-admin$/, '')));
    const mapped = new Set(verifierRows().filter((r) => r.accessMap).map((r) => r.name.replace(/-admin$/, '')));
    expect(providers.size).toBeGreaterThanOrEqual(30);
    expect(mapped.size).toBeGreaterThanOrEqual(10);
  });

  it('name only rules that exist, each claimed by one verifier', () => {
    const claimed = PROVIDERS.flatMap((p) => p.rules);
    expect(claimed.filter((id) => !ruleById(id))).toEqual([]);
    expect(new Set(claimed).size).toBe(claimed.length);
  });

  it('have documented test answers for every verifier, and send keys only over https by default', () => {
    expect(HTTP.map((p) => p.name).filter((n) => !DOCS[n])).toEqual([]);
    for (const p of PROVIDERS) expect(new URL(p.defaultUrl).protocol, p.name).toBe('https:');
  });
});

describe('every provider against its documented answers', () => {
  it('live: one documented request per key, to this machine only, and the access map recorded', async () => {
    const before = server.seen.length;
    const { keys, secrets } = await scanAll('live', 11);
    expect(server.wrongPaths).toEqual([]);
    const seen = server.seen.slice(before);
    for (const p of PROVIDERS) {
      const doc = DOCS[p.name] ?? AWS_DOC;
      const k = keys.get(p.name)!;
      const s = found(secrets, k.secret);
      expect(s, p.name).toBeDefined();
      expect(s!.verification, p.name).toMatchObject({ verdict: 'live', provider: p.name });
      const reqs = seen.filter((r) => r.key === k.sent);
      expect(reqs, `${p.name}: one request`).toHaveLength(1);
      const [req] = reqs;
      expect([req.provider, req.method, req.path], p.name).toEqual([p.name, doc.method, doc.path]);
      expect(req.host, p.name).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(req.headers['user-agent'], p.name).toBe('keysprawl-verify');
      for (const [h, v] of Object.entries('headers' in doc ? doc.headers ?? {} : {})) expect(req.headers[h], `${p.name} ${h}`).toBe(v);
      if (doc.access) expect(s!.verification!.access, p.name).toMatchObject(doc.access);
      else expect(s!.verification!.access, p.name).toBeUndefined();
      expect(s!.factors.find((f) => f.factor === 'liveness'), p.name).toMatchObject({ value: 'live', observed: expect.stringContaining(p.name) });
      expect(JSON.stringify(s), p.name).not.toContain(k.secret);
    }
  });

  it('revoked: the documented refusal is a revoked verdict with no access map, and the key drops to low', async () => {
    const { keys, secrets } = await scanAll('revoked', 12);
    for (const p of PROVIDERS) {
      const s = found(secrets, keys.get(p.name)!.secret)!;
      expect(s.verification!.access, p.name).toBeUndefined();
      // gitlab.com cannot tell a revoked token from one of a self-managed instance.
      if (p.name === 'gitlab') {
        expect(s.verification, p.name).toMatchObject({ verdict: 'unknown', reason: expect.stringMatching(/HTTP 401.*self-managed/) });
        continue;
      }
      expect(s.verification, p.name).toMatchObject({ verdict: 'revoked', provider: p.name });
      expect(s.severity, p.name).toBe('low');
    }
  });

  it.each([
    ['ratelimit', /rate limited.*429/],
    ['malformed', /unexpected body/],
  ] as const)('%s: unknown with the reason, no access map', async (behaviour, reason) => {
    const { keys, secrets } = await scanAll(behaviour, behaviour === 'ratelimit' ? 13 : 14);
    for (const p of PROVIDERS) {
      const s = found(secrets, keys.get(p.name)!.secret)!;
      expect(s.verification, p.name).toMatchObject({ verdict: 'unknown', provider: p.name });
      expect(s.verification!.reason, p.name).toMatch(reason);
      expect(s.verification!.access, p.name).toBeUndefined();
    }
  });

  it('slow: an answer that takes a while is still read', async () => {
    const { keys, secrets } = await scanAll('slow', 15);
    for (const p of PROVIDERS) expect(found(secrets, keys.get(p.name)!.secret)!.verification?.verdict, p.name).toBe('live');
  });

  it('hanging: each request times out as unknown and the scan finishes', async () => {
    const { keys, secrets } = await scanAll('hang', 16, { requestTimeoutMs: 300, concurrency: 48 });
    for (const p of PROVIDERS) {
      const s = found(secrets, keys.get(p.name)!.secret)!;
      expect(s.verification, p.name).toMatchObject({ verdict: 'unknown' });
      expect(s.verification!.reason, p.name).toMatch(/timed out/);
    }
  });
});
