// HTTP answer → verdict. Only statuses, well-known error codes and the shape of a success body
// are read; a response body is never copied into a reason, because providers echo (parts of)
// the key back in their error messages.
import type { Verdict } from '../contracts/verification.js';
import type { HttpOutcome } from './http.js';

export interface Judgement {
  verdict: Verdict;
  reason: string;
  /** Milliseconds the provider asked us to wait (429 Retry-After), for the limiter. */
  retryAfterMs?: number;
}

export type Response200 = Extract<HttpOutcome, { ok: true }>;

export function parseJsonBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** Seconds or an HTTP date, capped at a minute (we never wait longer). */
export function retryAfterMs(headers: Headers): number | undefined {
  const v = headers.get('retry-after');
  if (!v) return undefined;
  const secs = Number(v);
  const ms = Number.isFinite(secs) ? secs * 1000 : Date.parse(v) - Date.now();
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 60_000) : undefined;
}

/** Verdicts that do not depend on the provider: transport failures, 429, 5xx, redirects. */
export function commonVerdict(out: HttpOutcome): Judgement | undefined {
  if (!out.ok) return { verdict: 'unknown', reason: out.error === 'timeout' ? `timed out (${out.detail})` : `network error (${out.detail})` };
  const s = out.status;
  if (s === 429) return { verdict: 'unknown', reason: 'rate limited by the provider (HTTP 429)', retryAfterMs: retryAfterMs(out.headers) };
  if (s >= 500) return { verdict: 'unknown', reason: `provider error (HTTP ${s})` };
  if (s >= 300 && s < 400) return { verdict: 'unknown', reason: `unexpected redirect (HTTP ${s}), not followed` };
  if (out.truncated) return { verdict: 'unknown', reason: `response over 1 MB (HTTP ${s}), not read` };
  return undefined;
}

export interface StatusJudgeOptions {
  /** Does a 2xx body look like the real API's answer (not a proxy's or captive portal's page)? */
  okBody: (json: unknown) => boolean;
  /** A 403 means the key authenticated but may not make this call (so it is live). */
  forbiddenIsLive?: boolean;
}

/** The usual REST answer: 2xx with the expected body live, 401 revoked, anything else unknown. */
export function statusJudge(opts: StatusJudgeOptions): (out: HttpOutcome) => Judgement {
  return (out) => {
    const common = commonVerdict(out);
    if (common) return common;
    const res = out as Response200;
    const s = res.status;
    if (s >= 200 && s < 300) {
      return opts.okBody(parseJsonBody(res.body))
        ? { verdict: 'live', reason: `key accepted (HTTP ${s})` }
        : { verdict: 'unknown', reason: `HTTP ${s} with an unexpected body (not the provider's API?)` };
    }
    if (s === 401) return { verdict: 'revoked', reason: 'key rejected (HTTP 401)' };
    if (s === 403 && opts.forbiddenIsLive) return { verdict: 'live', reason: 'key authenticated but lacks permission for this call (HTTP 403)' };
    return { verdict: 'unknown', reason: `unexpected answer (HTTP ${s})` };
  };
}
