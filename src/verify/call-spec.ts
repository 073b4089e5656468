// A verifier as data: the documented call (method, URL, how the key is sent), what a live answer
// looks like, and which fields of it make the access map. toVerifier() turns one entry into the
// ProviderVerifier the engine runs; the tables (calls-*.ts) hold the entries.
import type { RuleMeta } from '../contracts/rule.js';
import type { AccessMap } from '../contracts/verification.js';
import { at, cleanDate, cleanScopes, cleanValue } from './access-clean.js';
import type { HttpOutcome, HttpRequest } from './http.js';
import { commonVerdict, parseJsonBody, type Judgement, type Response200 } from './judge.js';
import type { AccessField, Candidate, ProviderVerifier } from './spec.js';

export const UA = 'keysprawl-verify';

/** How the key travels: a bearer token, a named header (with an optional scheme), or in the URL. */
export type Auth = { bearer: true } | { header: string; scheme?: string } | { inUrl: true };

/** Fields read from the answer: dotted JSON paths, or response header names under `headers`. */
export interface AccessSpec {
  identity?: string;
  principal?: string;
  owner?: string;
  role?: string;
  scopes?: string;
  expiresAt?: string;
  headers?: Partial<Record<'scopes' | 'expiresAt' | 'owner' | 'identity', string>>;
  /** Facts computed from the others (privilege from scopes, a principal from a flag). */
  derive?: (facts: AccessMap, json: unknown) => Partial<AccessMap>;
  /** The fields `derive` can set, for `verify list` and the docs. */
  derives?: AccessField[];
}

export interface CallSpec {
  /** Verifier name (the --verify-providers name). */
  name: string;
  /** KEYSPRAWL_VERIFY_<env>_URL (default: the name in upper case, - as _). */
  env?: string;
  /** Rule ids whose matches it checks. */
  rules: readonly string[];
  /** Values accepted from any rule, a custom one too: the provider's documented prefix. */
  prefix?: RegExp;
  /** Shape a value from one of `rules` must have to be sent (default: any). */
  shape?: RegExp;
  method?: 'GET' | 'POST';
  /** The call; with `inUrl` auth, `{key}` in it is replaced by the key. */
  url: string;
  auth: Auth;
  headers?: Record<string, string>;
  body?: string;
  /** A dotted path that a 2xx JSON answer has ('[]': the answer is an array). */
  expect: string;
  /** 403 means the key authenticated but may not make this call: live. Default: unknown. */
  forbiddenIsLive?: boolean;
  /** Statuses that mean the key is refused (default 401). */
  dead?: readonly number[];
  /**
   * Set when the same key format is also issued by self-hosted instances of the product: a
   * refusal by the public host then proves nothing (the key may belong to another instance), so
   * it is `unknown` with this note rather than `revoked`.
   */
  selfHosted?: string;
  /** A 2xx answer that is still no live verdict (Slack ok:false, Cloudflare's token status). */
  refuse?: (json: unknown) => Judgement | undefined;
  /** Minimum spacing of requests (default 200 ms: 5/s). */
  intervalMs?: number;
  access?: AccessSpec;
  /** The provider's page documenting the call. */
  docs: string;
}

const AUTH_TEXT = (a: Auth): string => {
  if ('bearer' in a) return 'Authorization: Bearer <key>';
  if ('inUrl' in a) return 'key in the URL';
  return `${a.header}: ${a.scheme ? `${a.scheme} ` : ''}<key>`;
};

function authHeaders(a: Auth, secret: string): Record<string, string> {
  if ('bearer' in a) return { authorization: `Bearer ${secret}` };
  if ('inUrl' in a) return {};
  return { [a.header]: a.scheme ? `${a.scheme} ${secret}` : secret };
}

function expectOk(json: unknown, path: string): boolean {
  if (path === '[]') return Array.isArray(json);
  return json !== undefined && at(json, path) !== undefined;
}

/** The fields an access spec records (for listings). */
export function recordedFields(a: AccessSpec | undefined): AccessField[] {
  if (!a) return [];
  const keys: AccessField[] = (['identity', 'principal', 'owner', 'role', 'scopes', 'expiresAt'] as const).filter((k) => a[k] !== undefined || a.headers?.[k as 'scopes'] !== undefined);
  return [...new Set([...keys, ...(a.derives ?? [])])];
}

/** The access map of a live answer: every field the spec names, cleaned; `source` says what was read. */
export function readAccess(spec: AccessSpec, res: Response200, json: unknown, secret: string, call: string): AccessMap | undefined {
  const facts: Omit<AccessMap, 'source'> = {};
  const read: string[] = [];
  const field = <K extends keyof typeof facts>(k: K, path: string | undefined, clean: (v: unknown) => (typeof facts)[K] | undefined) => {
    const name = spec.headers?.[k as 'scopes'];
    const v = path ? clean(at(json, path)) : name ? clean(res.headers.get(name) ?? undefined) : undefined;
    if (v === undefined || (Array.isArray(v) && !v.length)) return;
    facts[k] = v;
    read.push(path ?? name!);
  };
  const text = (v: unknown) => cleanValue(v, secret);
  field('identity', spec.identity, text);
  field('principal', spec.principal, text);
  field('owner', spec.owner, text);
  field('role', spec.role, text);
  field('scopes', spec.scopes, (v) => cleanScopes(v, secret));
  field('expiresAt', spec.expiresAt, cleanDate);
  for (const [k, v] of Object.entries(spec.derive?.({ ...facts, source: call }, json) ?? {})) {
    const key = k as keyof typeof facts;
    // A derive() may withdraw a field read above (undefined), e.g. a label that is a key preview.
    if (v === undefined) delete facts[key];
    else facts[key] = (typeof v === 'string' && k !== 'privilege' && k !== 'expiresAt' ? cleanValue(v, secret) : v) as never;
  }
  if (!Object.values(facts).some((v) => v !== undefined)) return undefined;
  return { ...facts, source: read.length ? `${call}: ${read.join(', ')}` : call };
}

function judgeWith(spec: CallSpec, call: string): ProviderVerifier['judge'] {
  const dead = new Set(spec.dead ?? [401]);
  return (out: HttpOutcome, c: Candidate): Judgement & { access?: AccessMap } => {
    const common = commonVerdict(out);
    if (common) return common;
    const res = out as Response200;
    const s = res.status;
    if (s >= 200 && s < 300) {
      const json = parseJsonBody(res.body);
      if (!expectOk(json, spec.expect)) return { verdict: 'unknown', reason: `HTTP ${s} with an unexpected body (not the provider's API?)` };
      const refused = spec.refuse?.(json);
      if (refused) return refused;
      const access = spec.access ? readAccess(spec.access, res, json, c.secret, call) : undefined;
      return { verdict: 'live', reason: `key accepted (HTTP ${s})`, ...(access ? { access } : {}) };
    }
    // GitHub and others answer 403 when rate limited: that says nothing about the key.
    if (s === 403 && res.headers.get('x-ratelimit-remaining') === '0') return { verdict: 'unknown', reason: 'rate limited (HTTP 403, x-ratelimit-remaining: 0)' };
    if (dead.has(s) && spec.selfHosted) return { verdict: 'unknown', reason: `key rejected (HTTP ${s}) ${spec.selfHosted}` };
    if (dead.has(s)) return { verdict: 'revoked', reason: `key rejected (HTTP ${s})` };
    if (s === 403 && spec.forbiddenIsLive) return { verdict: 'live', reason: 'key authenticated but lacks permission for this call (HTTP 403)' };
    return { verdict: 'unknown', reason: `unexpected answer (HTTP ${s})` };
  };
}

export function envName(spec: Pick<CallSpec, 'name' | 'env'>): string {
  return spec.env ?? spec.name.toUpperCase().replace(/-/g, '_');
}

/** One table entry as the verifier the engine runs. */
export function toVerifier(spec: CallSpec): ProviderVerifier {
  const method = spec.method ?? 'GET';
  const call = `${method} ${spec.url.replace('{key}', '<key>')}`;
  const rules = new Set(spec.rules);
  return {
    name: spec.name,
    env: envName(spec),
    defaultUrl: spec.url,
    call: `${call} (${AUTH_TEXT(spec.auth)}${spec.headers ? `, ${Object.entries(spec.headers).map(([k, v]) => `${k}: ${v}`).join(', ')}` : ''})`,
    intervalMs: spec.intervalMs ?? 200,
    rules: spec.rules,
    records: recordedFields(spec.access),
    accepts: (secret: string, rule: RuleMeta | undefined) =>
      (rule !== undefined && rules.has(rule.id) && (spec.shape?.test(secret) ?? true)) || (spec.prefix?.test(secret) ?? false),
    request: (c: Candidate, url: string): HttpRequest => ({
      url: 'inUrl' in spec.auth ? url.replace(/\{key\}|%7Bkey%7D/i, encodeURIComponent(c.secret)) : url,
      method,
      headers: {
        ...authHeaders(spec.auth, c.secret), 'user-agent': UA, accept: 'application/json',
        ...(spec.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...spec.headers,
      },
      ...(spec.body !== undefined ? { body: spec.body } : {}),
    }),
    judge: judgeWith(spec, call),
  };
}
