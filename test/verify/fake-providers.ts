// A local stand-in for every provider --verify calls: one HTTP server on 127.0.0.1 that answers
// like the real API (provider-docs.ts holds each one's documented call and answers) for each key
// it was told about (live, revoked, rate limited, hanging, malformed, ...). Tests point
// KEYSPRAWL_VERIFY_<PROVIDER>_URL at it for every provider, so no test ever reaches a real
// endpoint. The fake STS checks the SigV4 signature it receives.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROVIDERS } from '../../src/verify/providers.js';
import { signV4 } from '../../src/verify/sigv4.js';
import { DOCS, type ProviderDoc } from './provider-docs.js';

export type Behaviour =
  | 'live' | 'revoked' | 'forbidden' | 'ratelimit' | 'hang' | 'malformed' | 'redirect' | 'slow' | 'echo-error' | 'huge' | 'bad-signature';

export interface SeenRequest {
  provider: string;
  method: string;
  /** The path as documented: a key in the path shows as {key}; the query is left out. */
  path: string;
  /** The key as the server understood it (from where the docs say it goes). */
  key: string;
  headers: IncomingHttpHeaders;
  /** The Host header the client sent. */
  host: string;
}

const AWS_LIVE = '<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/ci</Arn><UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>';

/** Where the fake serves a provider: /<name> + the path (and query) of its real URL. */
function routeOf(name: string, defaultUrl: string): string {
  return `/${name}${defaultUrl.slice(new URL(defaultUrl).origin.length)}`;
}

function keyFrom(doc: ProviderDoc, req: IncomingMessage, rest: string): string {
  const k = doc.key;
  if ('header' in k) {
    const v = String(req.headers[k.header] ?? '');
    return k.prefix ? (v.startsWith(k.prefix) ? v.slice(k.prefix.length) : '') : v;
  }
  if ('path' in k) return decodeURIComponent(/^\/bot([^/]+)\//.exec(rest)?.[1] ?? '');
  return new URL(`http://x${req.url}`).searchParams.get(k.query) ?? '';
}

export class FakeProviders {
  readonly seen: SeenRequest[] = [];
  /** Requests whose path was not the documented one (answered 404). */
  readonly wrongPaths: string[] = [];
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

  /** KEYSPRAWL_VERIFY_*_URL for every provider keysprawl can check, all pointing here. */
  env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const p of PROVIDERS) env[`KEYSPRAWL_VERIFY_${p.env}_URL`] = `${this.base}${routeOf(p.name, p.defaultUrl)}`;
    return env;
  }

  requestsFor(provider: string): SeenRequest[] {
    return this.seen.filter((r) => r.provider === provider);
  }

  private keyOf(provider: string, req: IncomingMessage, rest: string): string {
    if (provider === 'aws') return /Credential=([A-Z0-9]+)\//.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
    return keyFrom(DOCS[provider], req, rest);
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
    const full = (req.url ?? '').split('?')[0];
    const provider = /^\/([a-z0-9-]+)/.exec(full)?.[1] ?? '';
    const rest = full.slice(provider.length + 1) || '/';
    const doc = DOCS[provider];
    if (!doc && provider !== 'aws') return void res.writeHead(404).end('{}');
    const key = this.keyOf(provider, req, rest);
    const path = doc && 'path' in doc.key ? rest.replace(/^\/bot[^/]+\//, '/bot{key}/') : rest;
    if (doc && path !== doc.path) {
      this.wrongPaths.push(`${provider} ${path}`);
      return void res.writeHead(404).end('{}');
    }
    this.seen.push({ provider, method: req.method ?? '', path, key, headers: req.headers, host: String(req.headers.host ?? '') });
    let behaviour = this.behaviours.get(key) ?? 'revoked';
    if (provider === 'aws' && behaviour === 'live' && !this.awsSignatureOk(req, body, key)) behaviour = 'bad-signature';
    this.respond(provider, behaviour, key, res);
  }

  private live(provider: string, res: ServerResponse): void {
    if (provider === 'aws') return void res.writeHead(200, { 'content-type': 'text/xml' }).end(AWS_LIVE);
    const { body, headers } = DOCS[provider].live;
    res.writeHead(200, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  }

  private respond(provider: string, behaviour: Behaviour, key: string, res: ServerResponse): void {
    const json = { 'content-type': 'application/json' };
    switch (behaviour) {
      case 'live':
        return this.live(provider, res);
      case 'slow':
        return void setTimeout(() => this.live(provider, res), 150);
      case 'revoked': {
        if (provider === 'aws') return void res.writeHead(403).end('<ErrorResponse><Error><Code>InvalidClientTokenId</Code></Error></ErrorResponse>');
        const { status, body } = DOCS[provider].revoked;
        return void res.writeHead(status, json).end(JSON.stringify(body));
      }
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
