// The providers keysprawl can check, each with its cheapest read-only, side-effect-free call
// (docs/security.md lists them). A verifier says which values it accepts (by their documented
// prefix, so a custom rule's match is checked too), builds the request, and judges the answer.
import type { Rule } from '../types.js';
import { awsJudge, awsRequest } from './aws.js';
import type { HttpOutcome, HttpRequest } from './http.js';
import { commonVerdict, isObj, parseJsonBody, statusJudge, type Judgement, type Response200 } from './judge.js';

/** What one check needs: the raw value, and for AWS the access key id it pairs with. */
export interface Candidate {
  secret: string;
  accessKeyId?: string;
}

export interface ProviderVerifier {
  name: string;
  /** The endpoint is overridable with KEYSPRAWL_VERIFY_<env>_URL (the full URL of the call). */
  env: string;
  defaultUrl: string;
  /** The call, as documented for users. */
  call: string;
  /** Minimum spacing of this provider's requests (its rate limit). */
  intervalMs: number;
  accepts(secret: string, rule: Rule | undefined): boolean;
  request(c: Candidate, url: string, now: Date): HttpRequest;
  judge(out: HttpOutcome): Judgement;
}

const UA = 'keysprawl-verify';
const bearer = (token: string) => ({ authorization: `Bearer ${token}`, 'user-agent': UA, accept: 'application/json' });
const hasList = (j: unknown) => isObj(j) && Array.isArray(j.data);

const SLACK_DEAD = new Set(['invalid_auth', 'token_revoked', 'token_expired', 'account_inactive', 'not_authed', 'org_login_required']);

function slackJudge(out: HttpOutcome): Judgement {
  const common = commonVerdict(out);
  if (common) return common;
  const res = out as Response200;
  const j = parseJsonBody(res.body);
  if (res.status !== 200 || !isObj(j) || typeof j.ok !== 'boolean') {
    return { verdict: 'unknown', reason: `unexpected answer (HTTP ${res.status})` };
  }
  if (j.ok) return { verdict: 'live', reason: 'auth.test ok' };
  // Slack's error codes are short snake_case words; anything else is not echoed.
  const code = typeof j.error === 'string' && /^[a-z_]{1,40}$/.test(j.error) ? j.error : 'unrecognised error';
  return SLACK_DEAD.has(code) ? { verdict: 'revoked', reason: `auth.test: ${code}` } : { verdict: 'unknown', reason: `auth.test: ${code}` };
}

export const PROVIDERS: readonly ProviderVerifier[] = [
  {
    name: 'openai', env: 'OPENAI', defaultUrl: 'https://api.openai.com/v1/models', call: 'GET /v1/models', intervalMs: 200,
    // Admin keys (sk-admin-) cannot list models; they are not checked.
    accepts: (s) => /^sk-(?!admin-)(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}T3BlbkFJ/.test(s),
    request: (c, url) => ({ url, method: 'GET', headers: bearer(c.secret) }),
    judge: statusJudge({ okBody: hasList, forbiddenIsLive: true }),
  },
  {
    name: 'anthropic', env: 'ANTHROPIC', defaultUrl: 'https://api.anthropic.com/v1/models', call: 'GET /v1/models (x-api-key, anthropic-version: 2023-06-01)', intervalMs: 200,
    accepts: (s) => s.startsWith('sk-ant-api03-'),
    request: (c, url) => ({ url, method: 'GET', headers: { 'x-api-key': c.secret, 'anthropic-version': '2023-06-01', 'user-agent': UA, accept: 'application/json' } }),
    judge: statusJudge({ okBody: hasList, forbiddenIsLive: true }),
  },
  {
    name: 'github', env: 'GITHUB', defaultUrl: 'https://api.github.com/user', call: 'GET /user', intervalMs: 100,
    // Refresh tokens (ghr_) are not bearer tokens: not checked.
    accepts: (s) => /^(?:gh[pous]_|github_pat_)/.test(s),
    request: (c, url) => ({ url, method: 'GET', headers: { ...bearer(c.secret), accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' } }),
    judge: githubJudge,
  },
  {
    name: 'huggingface', env: 'HUGGINGFACE', defaultUrl: 'https://huggingface.co/api/whoami-v2', call: 'GET /api/whoami-v2', intervalMs: 200,
    accepts: (s) => /^(?:hf_|api_org_)[A-Za-z]{30,}$/.test(s),
    request: (c, url) => ({ url, method: 'GET', headers: bearer(c.secret) }),
    judge: statusJudge({ okBody: (j) => isObj(j) && (typeof j.name === 'string' || typeof j.type === 'string') }),
  },
  {
    name: 'aws', env: 'AWS', defaultUrl: 'https://sts.amazonaws.com/', call: 'POST sts:GetCallerIdentity (SigV4, us-east-1)', intervalMs: 200,
    // The secret access key; the key id comes from the pairing (aws.ts).
    accepts: (s, rule) => rule?.provider === 'aws' && /^[A-Za-z0-9/+]{40}$/.test(s),
    request: awsRequest,
    judge: awsJudge,
  },
  {
    name: 'slack', env: 'SLACK', defaultUrl: 'https://slack.com/api/auth.test', call: 'POST auth.test', intervalMs: 250,
    // Bot, user and legacy workspace tokens. Not checked: app-level tokens (xapp-), refresh
    // tokens (xoxe-: auth.test would call them invalid) and webhooks.
    accepts: (s) => /^xox[bpa]-/.test(s),
    request: (c, url) => ({ url, method: 'POST', headers: { ...bearer(c.secret), 'content-type': 'application/x-www-form-urlencoded' }, body: '' }),
    judge: slackJudge,
  },
  {
    name: 'stripe', env: 'STRIPE', defaultUrl: 'https://api.stripe.com/v1/balance', call: 'GET /v1/balance', intervalMs: 100,
    accepts: (s) => /^(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{20,}$/.test(s),
    request: (c, url) => ({ url, method: 'GET', headers: bearer(c.secret) }),
    // A restricted key (rk_) without balance read access gets 403: it is still a working key.
    judge: statusJudge({ okBody: (j) => isObj(j) && j.object === 'balance', forbiddenIsLive: true }),
  },
];

/** GitHub answers 403 both for "valid token, no access" and for rate limiting: tell them apart. */
function githubJudge(out: HttpOutcome): Judgement {
  if (out.ok && out.status === 403 && out.headers.get('x-ratelimit-remaining') === '0') {
    return { verdict: 'unknown', reason: 'rate limited by GitHub (HTTP 403, x-ratelimit-remaining: 0)' };
  }
  return statusJudge({ okBody: (j) => isObj(j) && typeof j.login === 'string', forbiddenIsLive: true })(out);
}

/** The verifier for a value, if any. */
export function providerFor(secret: string, rule: Rule | undefined): ProviderVerifier | undefined {
  return PROVIDERS.find((p) => p.accepts(secret, rule));
}
