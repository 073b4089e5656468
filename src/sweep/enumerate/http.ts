// Paged GET requests to a forge's API (GitHub, GitLab, Hugging Face) with its rate limits
// honoured: a reply that says "wait" (429, or 403 with the rate-limit headers) is waited out for
// the time the headers give, then the same page is asked again, so enumeration resumes where it
// stopped; a page that says the budget is spent makes the next request wait for the reset; 5xx
// and network errors are retried with exponential back-off. Each forge tells how to read its
// headers (a RateLimitPolicy). The clock and the sleep are injectable: tests never wait.
import { UsageError } from '../../errors.js';

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** How one forge says "wait". Both return milliseconds to wait, or undefined. */
export interface RateLimitPolicy {
  /** A refused reply (403/429): how long until the request may be sent again. */
  retryAfter(res: Response, now: number): number | undefined;
  /** A successful reply: how long to wait before the next request (the budget is spent). */
  pauseAfter(res: Response, now: number): number | undefined;
}

export interface ApiClient {
  headers: Record<string, string>;
  policy: RateLimitPolicy;
  clock?: Clock;
  fetch?: typeof fetch;
  /** Longest single wait accepted (default 15 minutes); a longer one is an error saying when to retry. */
  maxWaitMs?: number;
  /** Attempts per page for 5xx and network errors (default 5). */
  attempts?: number;
  /** Told about every pause (one line). */
  onWait?: (line: string) => void;
}

/** What every forge's lister takes besides its target: time, transport, and where to say things. */
export interface ListerOptions {
  clock?: Clock;
  fetch?: typeof fetch;
  /** Told about each rate-limit pause. */
  onWait?: (line: string) => void;
  /** Told about each listed repository that is skipped (a clone URL refused). */
  warn: (line: string) => void;
}

export interface Page {
  url: string;
  body: unknown;
  res: Response;
}

/** `Retry-After`: seconds, or an HTTP date. */
export function retryAfterHeader(res: Response, now: number): number | undefined {
  const v = res.headers.get('retry-after');
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A reset given as epoch seconds (x-ratelimit-reset, RateLimit-Reset): ms from now, at least 1 s. */
export function untilEpochSeconds(value: string | null, now: number): number | undefined {
  if (!value || !/^\d+$/.test(value.trim())) return undefined;
  return Math.max(1000, Number(value) * 1000 - now);
}

/** `Link: <url>; rel="next", ...` → the next URL. */
export function linkNext(res: Response): string | undefined {
  const link = res.headers.get('link');
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;(.*)$/.exec(part.trim());
    if (m && /\brel="?next"?/.test(m[2])) return m[1];
  }
  return undefined;
}

/** The URL without its query: requests are logged, queries may carry cursors (never tokens). */
function shown(url: string): string {
  return url.replace(/\?.*$/, '');
}

const HTTP_STATUS_RETRY = new Set([500, 502, 503, 504]);

async function waitFor(ms: number, why: string, url: string, c: ApiClient, clock: Clock): Promise<void> {
  const max = c.maxWaitMs ?? 15 * 60_000;
  if (ms > max) {
    throw new UsageError(`${shown(url)}: rate limited (${why}) for ${Math.ceil(ms / 1000)} s, longer than ${Math.round(max / 1000)} s: try again after ${new Date(clock.now() + ms).toISOString()}`);
  }
  c.onWait?.(`${shown(url)}: rate limited (${why}): waiting ${Math.ceil(ms / 1000)} s`);
  await clock.sleep(ms);
}

/** One page, waiting out rate limits and retrying transient failures. */
export async function getPage(url: string, c: ApiClient): Promise<Page> {
  const clock = c.clock ?? realClock;
  const doFetch = c.fetch ?? fetch;
  const attempts = c.attempts ?? 5;
  for (let attempt = 1, limited = 0; ; ) {
    let res: Response;
    try {
      res = await doFetch(url, { headers: { accept: 'application/json', ...c.headers }, redirect: 'error' });
    } catch (err) {
      if (attempt++ >= attempts) throw new UsageError(`${shown(url)}: request failed (${(err as Error).message})`);
      await waitFor(1000 * 2 ** (attempt - 2), 'network error', url, c, clock);
      continue;
    }
    const wait = res.status === 429 || res.status === 403 ? c.policy.retryAfter(res, clock.now()) : undefined;
    if (wait !== undefined && limited++ < 20) {
      await res.body?.cancel();
      await waitFor(wait, `HTTP ${res.status}`, url, c, clock);
      continue;
    }
    if (HTTP_STATUS_RETRY.has(res.status) && attempt < attempts) {
      await res.body?.cancel();
      await waitFor(1000 * 2 ** (attempt++ - 1), `HTTP ${res.status}`, url, c, clock);
      continue;
    }
    if (!res.ok) throw new UsageError(`${shown(url)}: HTTP ${res.status} ${await errorText(res)}`.trim());
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new UsageError(`${shown(url)}: the reply is not JSON`);
    }
    const pause = c.policy.pauseAfter(res, clock.now());
    if (pause !== undefined) await waitFor(pause, 'budget spent', url, c, clock);
    return { url, body, res };
  }
}

/** The API's own message, one line, short (it names what is wrong: bad token, no such group). */
async function errorText(res: Response): Promise<string> {
  try {
    const data = (await res.json()) as { message?: unknown; error?: unknown };
    const msg = typeof data?.message === 'string' ? data.message : typeof data?.error === 'string' ? data.error : '';
    return msg ? `(${msg.replace(/\s+/g, ' ').slice(0, 200)})` : '';
  } catch {
    return '';
  }
}

/**
 * Every page from `first`, following `next`. A next URL on another origin is refused: the
 * token goes only to the API it was meant for.
 */
export async function* pages(first: string, c: ApiClient, next: (page: Page) => string | undefined, maxPages = 10_000): AsyncGenerator<Page> {
  const origin = new URL(first).origin;
  let url: string | undefined = first;
  for (let n = 0; url && n < maxPages; n++) {
    const page = await getPage(url, c);
    yield page;
    const following = next(page);
    if (following && new URL(following, url).origin !== origin) throw new UsageError(`${shown(url)}: the next page is on another host (${new URL(following, url).origin}): refused`);
    url = following ? new URL(following, url).toString() : undefined;
  }
}
