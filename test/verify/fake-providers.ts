// A local stand-in for every provider --verify calls: one HTTP server on 127.0.0.1 that answers
// like the real API for each key it was told about (live, revoked, rate limited, hanging,
// malformed, ...). Tests point KEYSPRAWL_VERIFY_<PROVIDER>_URL at it for every provider, so no
// test ever reaches a real endpoint. The fake STS checks the SigV4 signature it receives.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signV4 } from '../../src/verify/sigv4.js';

export type Behaviour =
  | 'live' | 'revoked' | 'forbidden' | 'ratelimit' | 'hang' | 'malformed' | 'redirect' | 'slow' | 'echo-error' | 'huge' | 'bad-signature';

export interface SeenRequest {
  provider: string;
  method: string;
  path: string;
  /** The key as the server understood it (bearer token, x-api-key, or AWS access key id). */
  key: string;
}

const PATHS: Record<string, string> = {
  openai: '/openai/v1/models',
  anthropic: '/anthropic/v1/models',
  github: '/github/user',
  huggingface: '/hf/api/whoami-v2',
  aws: '/aws/',
  slack: '/slack/api/auth.test',
  stripe: '/stripe/v1/balance',
};

const LIVE_BODY: Record<string, () => string> = {
  openai: () => JSON.stringify({ object: 'list', data: [{ id: 'gpt-4o', object: 'model' }] }),
  anthropic: () => JSON.stringify({ data: [{ id: 'claude-sonnet-4', type: 'model' }], has_more: false }),
  github: () => JSON.stringify({ login: 'octocat', id: 1 }),
  huggingface: () => JSON.stringify({ type: 'user', name: 'someone' }),
  aws: () => '<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/ci</Arn></GetCallerIdentityResult></GetCallerIdentityResponse>',
  slack: () => JSON.stringify({ ok: true, team: 'acme', user: 'bot' }),
  stripe: () => JSON.stringify({ object: 'balance', available: [] }),
};

export class FakeProviders {
  readonly seen: SeenRequest[] = [];
  /** Most requests in flight at once (for the concurrency cap). */
  maxInFlight = 0;
  private inFlight = 0;
  private readonly behaviours = new Map<string, Behaviour>();
  /** AWS: secret access key by access key id, to check signatures. */
  private readonly awsSecrets = new Map<string, string>();
  private readonly hanging = new Set<ServerResponse>();
  private server?: Server;
  private base = '';

  /** Tell the server how to treat a key (an AWS key is registered by its access key id). */
  key(key: string, behaviour: Behaviour): this {
    this.behaviours.set(key, behaviour);
    return this;
  }

  awsKey(accessKeyId: string, secretAccessKey: string, behaviour: Behaviour): this {
    this.awsSecrets.set(accessKeyId, secretAccessKey);
    return this.key(accessKeyId, behaviour);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** KEYSPRAWL_VERIFY_*_URL for every provider, all pointing here. */
  env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [name, path] of Object.entries(PATHS)) env[`KEYSPRAWL_VERIFY_${name.toUpperCase()}_URL`] = `${this.base}${path}`;
    return env;
  }

  requestsFor(provider: string): SeenRequest[] {
    return this.seen.filter((r) => r.provider === provider);
  }

  private providerOf(path: string): string | undefined {
    return Object.entries(PATHS).find(([, p]) => p === path)?.[0];
  }

  private keyOf(provider: string, req: IncomingMessage): string {
    if (provider === 'anthropic') return String(req.headers['x-api-key'] ?? '');
    if (provider === 'aws') return /Credential=([A-Z0-9]+)\//.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
    return String(req.headers.authorization ?? '').replace(/^Bearer /, '');
  }

  /** Recompute the SigV4 signature of the request as received, with the key's real secret. */
  private awsSignatureOk(req: IncomingMessage, body: string, keyId: string): boolean {
    const secret = this.awsSecrets.get(keyId);
    const auth = String(req.headers.authorization ?? '');
    const date = String(req.headers['x-amz-date'] ?? '');
    if (!secret || !/^\d{8}T\d{6}Z$/.test(date)) return false;
    const when = new Date(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`);
    const url = new URL(`http://${req.headers.host}${req.url}`);
    const headers = { 'content-type': String(req.headers['content-type'] ?? '') };
    const expected = signV4({ method: req.method ?? 'POST', url, headers, body }, { accessKeyId: keyId, secretAccessKey: secret }, 'us-east-1', 'sts', when);
    return expected.authorization === auth;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    res.on('close', () => this.inFlight--);
    let body = '';
    for await (const chunk of req) body += chunk;
    const path = (req.url ?? '').split('?')[0];
    const provider = this.providerOf(path);
    if (!provider) return void res.writeHead(404).end('{}');
    const key = this.keyOf(provider, req);
    this.seen.push({ provider, method: req.method ?? '', path, key });
    let behaviour = this.behaviours.get(key) ?? 'revoked';
    if (provider === 'aws' && behaviour === 'live' && !this.awsSignatureOk(req, body, key)) behaviour = 'bad-signature';
    this.respond(provider, behaviour, key, res);
  }

  private respond(provider: string, behaviour: Behaviour, key: string, res: ServerResponse): void {
    const json = { 'content-type': 'application/json' };
    switch (behaviour) {
      case 'live':
        return void res.writeHead(200, provider === 'aws' ? { 'content-type': 'text/xml' } : json).end(LIVE_BODY[provider]());
      case 'slow':
        return void setTimeout(() => res.writeHead(200, json).end(LIVE_BODY[provider]()), 150);
      case 'revoked':
        if (provider === 'slack') return void res.writeHead(200, json).end(JSON.stringify({ ok: false, error: 'invalid_auth' }));
        if (provider === 'aws') return void res.writeHead(403).end('<ErrorResponse><Error><Code>InvalidClientTokenId</Code></Error></ErrorResponse>');
        return void res.writeHead(401, json).end(JSON.stringify({ error: { message: 'Incorrect API key provided' } }));
      case 'bad-signature':
        return void res.writeHead(403).end('<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code></Error></ErrorResponse>');
      case 'echo-error':
        // Real providers echo (part of) the key in error messages: it must not reach a report.
        return void res.writeHead(401, json).end(JSON.stringify({ error: `Incorrect API key provided: ${key}`, ok: false }));
      case 'forbidden':
        return void res.writeHead(403, json).end(JSON.stringify({ message: 'Resource not accessible by integration' }));
      case 'ratelimit':
        return void res.writeHead(429, { ...json, 'retry-after': '1' }).end(JSON.stringify({ error: 'rate_limited' }));
      case 'malformed':
        return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Welcome to the hotel wifi</body>');
      case 'redirect':
        return void res.writeHead(302, { location: '/elsewhere' }).end();
      case 'huge':
        res.writeHead(200, json);
        res.write(`{"data":["${'x'.repeat(1024 * 1024)}`);
        return void res.end('"]}');
      case 'hang':
        this.hanging.add(res);
        return;
    }
  }
}

export async function fakeProviders(): Promise<FakeProviders> {
  return new FakeProviders().start();
}
