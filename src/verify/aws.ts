// AWS: sts:GetCallerIdentity, signed with SigV4. It needs both halves of the key: the secret
// access key (the match) and its access key id, which pairing found next to it; the per-blob
// step keeps the raw id in Match.pairedRaw (src/correlate/paired-raw.ts).
import type { AccessMap } from '../contracts/verification.js';
import { cleanValue } from './access-clean.js';
import type { HttpOutcome, HttpRequest } from './http.js';
import { commonVerdict, type Judgement, type Response200 } from './judge.js';
import { signV4 } from './sigv4.js';
import type { Candidate, ProviderVerifier } from './spec.js';

/** Why an AWS secret cannot be checked, or undefined when it can. */
export function awsUncheckable(c: Candidate): string | undefined {
  if (!c.accessKeyId) return 'no access key id found next to the secret access key';
  if (c.accessKeyId.startsWith('ASIA')) return 'temporary (ASIA) key: checking needs its session token';
  return undefined;
}

const BODY = 'Action=GetCallerIdentity&Version=2011-06-15';

export function awsRequest(c: Candidate, url: string, now: Date): HttpRequest {
  const headers = signV4(
    { method: 'POST', url: new URL(url), headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: BODY },
    { accessKeyId: c.accessKeyId ?? '', secretAccessKey: c.secret },
    'us-east-1', 'sts', now,
  );
  return { url, method: 'POST', headers: { ...headers, 'user-agent': 'keysprawl-verify' }, body: BODY };
}

/** Error codes that mean this key pair no longer authenticates. */
const DEAD = new Set(['InvalidClientTokenId', 'ExpiredToken', 'InvalidAccessKeyId']);

const CALL = 'POST https://sts.amazonaws.com/ Action=GetCallerIdentity';

/** The kind of principal an ARN names: root, iam-user, assumed-role, federated-user. */
export function principalOf(arn: string): string | undefined {
  const m = /^arn:aws[a-z-]*:(?:iam|sts)::\d{12}:(root|user|assumed-role|federated-user|role)\b/.exec(arn);
  if (!m) return undefined;
  return m[1] === 'root' ? 'root' : m[1] === 'user' ? 'iam-user' : m[1];
}

/** The caller identity: the ARN, its kind, the account; a root key is admin of the account. */
function awsAccess(body: string, secret: string): AccessMap | undefined {
  const tag = (t: string) => cleanValue(new RegExp(`<${t}>([^<]{1,300})</${t}>`).exec(body)?.[1], secret);
  const arn = tag('Arn');
  if (!arn) return undefined;
  const principal = principalOf(arn);
  return {
    identity: arn,
    ...(principal ? { principal } : {}),
    ...(tag('Account') ? { owner: tag('Account') } : {}),
    ...(principal === 'root' ? { privilege: 'admin' as const, role: 'account root user' } : {}),
    source: `${CALL}: Arn, Account`,
  };
}

export function awsJudge(out: HttpOutcome, c?: Candidate): Judgement & { access?: AccessMap } {
  const common = commonVerdict(out);
  if (common) return common;
  const res = out as Response200;
  if (res.status === 200) {
    if (!/<GetCallerIdentityResult>/.test(res.body)) return { verdict: 'unknown', reason: 'HTTP 200 with an unexpected body (not AWS STS?)' };
    const access = awsAccess(res.body, c?.secret ?? '');
    return { verdict: 'live', reason: 'sts:GetCallerIdentity succeeded', ...(access ? { access } : {}) };
  }
  const code = /<Code>([A-Za-z.]{1,60})<\/Code>/.exec(res.body)?.[1];
  if (code && DEAD.has(code)) return { verdict: 'revoked', reason: `${code} (HTTP ${res.status})` };
  // The id exists but this secret does not sign for it: the pairing may be wrong, so no verdict.
  if (code === 'SignatureDoesNotMatch') return { verdict: 'unknown', reason: 'SignatureDoesNotMatch: the secret does not belong to the key id found next to it' };
  if (code === 'AccessDenied') return { verdict: 'live', reason: `AccessDenied (HTTP ${res.status}): the keys authenticated` };
  return { verdict: 'unknown', reason: `unexpected answer (HTTP ${res.status}${code ? `, ${code}` : ''})` };
}

export const AWS_VERIFIER: ProviderVerifier = {
  name: 'aws', env: 'AWS', defaultUrl: 'https://sts.amazonaws.com/', call: `${CALL} (SigV4 for us-east-1, with the access key id found next to the secret)`, intervalMs: 200,
  rules: ['aws-secret-access-key'],
  records: ['identity', 'principal', 'owner', 'role', 'privilege'],
  // The secret access key; the key id comes from the pairing above.
  accepts: (s, rule) => rule?.provider === 'aws' && /^[A-Za-z0-9/+]{40}$/.test(s),
  request: awsRequest,
  judge: awsJudge,
};
