// AWS: sts:GetCallerIdentity, signed with SigV4. It needs both halves of the key: the secret
// access key (the match) and its access key id, which pairing (src/correlate/pairing.ts) found
// next to it and noted in match.properties.pairedWith, redacted. The raw id is read back from
// the fragment at the noted line and column by the per-blob step (which may run in a worker
// thread: the main thread only gets detached fragments), and kept in Match.pairedRaw.
import { redact } from '../correlate/redact.js';
import type { PairNote } from '../correlate/pairing.js';
import type { Hit } from '../types.js';
import type { Candidate } from './providers.js';
import type { HttpOutcome, HttpRequest } from './http.js';
import { commonVerdict, type Judgement, type Response200 } from './judge.js';
import { signV4 } from './sigv4.js';

const KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}(?![A-Z0-9])/g;
/** Lines either side of the match searched for the key id (pairing looks at most 8 away). */
const WINDOW_LINES = 10;

function lineWindow(text: string, start: number, end: number): [number, number] {
  let from = start;
  for (let i = 0; i < WINDOW_LINES && from > 0; i++) from = text.lastIndexOf('\n', from - 1);
  let to = end;
  for (let i = 0; i < WINDOW_LINES && to !== -1; i++) to = text.indexOf('\n', to + 1);
  return [Math.max(0, from), to === -1 ? text.length : to];
}

/** The raw access key id pairing noted for this match, or undefined. */
export function pairedKeyId(hit: Hit): string | undefined {
  const notes = hit.match.properties?.pairedWith;
  const note = Array.isArray(notes) ? (notes as PairNote[]).find((n) => n?.role === 'aws-access-key-id') : undefined;
  if (!note) return undefined;
  const { text } = hit.fragment;
  const [from, to] = lineWindow(text, hit.match.start, hit.match.end);
  const slice = text.slice(from, to);
  for (const m of slice.matchAll(KEY_ID)) {
    const at = from + (m.index ?? 0);
    const pos = hit.fragment.toFileLine(at);
    if (pos.line === note.line && pos.column === note.column && redact(m[0]) === note.shown) return m[0];
  }
  return undefined;
}

/** Keep the raw key id on the match (Match.pairedRaw) while the fragment's text is at hand. */
export function capturePairedKeyId(hit: Hit): void {
  const id = pairedKeyId(hit);
  if (id) hit.match.pairedRaw = id;
}

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

export function awsJudge(out: HttpOutcome): Judgement {
  const common = commonVerdict(out);
  if (common) return common;
  const res = out as Response200;
  if (res.status === 200) {
    return /<GetCallerIdentityResult>/.test(res.body)
      ? { verdict: 'live', reason: 'sts:GetCallerIdentity succeeded' }
      : { verdict: 'unknown', reason: 'HTTP 200 with an unexpected body (not AWS STS?)' };
  }
  const code = /<Code>([A-Za-z.]{1,60})<\/Code>/.exec(res.body)?.[1];
  if (code && DEAD.has(code)) return { verdict: 'revoked', reason: `${code} (HTTP ${res.status})` };
  // The id exists but this secret does not sign for it: the pairing may be wrong, so no verdict.
  if (code === 'SignatureDoesNotMatch') return { verdict: 'unknown', reason: 'SignatureDoesNotMatch: the secret does not belong to the key id found next to it' };
  if (code === 'AccessDenied') return { verdict: 'live', reason: `AccessDenied (HTTP ${res.status}): the keys authenticated` };
  return { verdict: 'unknown', reason: `unexpected answer (HTTP ${res.status}${code ? `, ${code}` : ''})` };
}
