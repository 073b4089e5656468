// Hugging Face: the models, datasets and Spaces of an organisation or user, each a git
// repository (GET /api/models?author=, /api/datasets?author=, /api/spaces?author=), following
// the Link header's cursor. Clone URLs are built from the listed ids (https://HOST/ID,
// /datasets/ID, /spaces/ID, always https) after checking them. Rate limits as documented: a 429 waits
// `Retry-After` seconds, else the `t=` of the `RateLimit` header ("api";r=0;t=55), which a
// page that leaves no budget (r=0) also makes the next request wait for.
import { UsageError } from '../../errors.js';
import { cloneUrlProblem, type ForgeRepo } from './forge-repo.js';
import { linkNext, pages, retryAfterHeader, type ApiClient, type ListerOptions, type RateLimitPolicy } from './http.js';

export const HUGGINGFACE_API = 'https://huggingface.co';

export const HF_KINDS = ['models', 'datasets', 'spaces'] as const;
export type HfKind = (typeof HF_KINDS)[number];

/** `RateLimit: "api";r=0;t=55` → { remaining: 0, resetMs: 55000 }. */
export function parseRateLimit(value: string | null): { remaining?: number; resetMs?: number } {
  if (!value) return {};
  const r = /(?:^|;)\s*r=(\d+)/.exec(value);
  const t = /(?:^|;)\s*t=(\d+)/.exec(value);
  return { ...(r ? { remaining: Number(r[1]) } : {}), ...(t ? { resetMs: Math.max(1000, Number(t[1]) * 1000) } : {}) };
}

export const huggingfacePolicy: RateLimitPolicy = {
  retryAfter(res, now) {
    if (res.status !== 429) return undefined;
    return retryAfterHeader(res, now) ?? parseRateLimit(res.headers.get('ratelimit')).resetMs ?? 60_000;
  },
  pauseAfter(res) {
    const rl = parseRateLimit(res.headers.get('ratelimit'));
    return rl.remaining === 0 ? rl.resetMs : undefined;
  },
};

export interface HuggingfaceTarget extends ListerOptions {
  author: string;
  api: string;
  token?: string;
  kinds?: readonly HfKind[];
}

interface HfRepo {
  id?: unknown;
  private?: unknown;
  tags?: unknown;
  disabled?: unknown;
}

const PREFIX: Record<HfKind, string> = { models: '', datasets: 'datasets/', spaces: 'spaces/' };

export async function listHuggingface(t: HuggingfaceTarget): Promise<ForgeRepo[]> {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,95}$/.test(t.author)) throw new UsageError(`--huggingface ${t.author}: not a Hugging Face organisation or user name`);
  const client: ApiClient = { headers: t.token ? { authorization: `Bearer ${t.token}` } : {}, policy: huggingfacePolicy, clock: t.clock, fetch: t.fetch, onWait: t.onWait };
  const base = t.api.replace(/\/+$/, '');
  const host = new URL(base).host;
  const out: ForgeRepo[] = [];
  for (const kind of t.kinds ?? HF_KINDS) {
    const first = `${base}/api/${kind}?author=${encodeURIComponent(t.author)}&limit=100`;
    for await (const page of pages(first, client, (p) => linkNext(p.res))) {
      if (!Array.isArray(page.body)) throw new UsageError(`${base}: /api/${kind} did not answer with a list`);
      for (const r of page.body as HfRepo[]) {
        const id = typeof r.id === 'string' ? r.id : '';
        const name = `${PREFIX[kind]}${id}`;
        const url = `https://${host}/${name}`;
        const problem = /^[A-Za-z0-9][A-Za-z0-9_.-]*\/[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(id) ? cloneUrlProblem(url, host) : 'not an owner/name id';
        if (problem) {
          t.warn(`${name || '(unnamed)'}: ${problem}: skipped`);
          continue;
        }
        const topics = Array.isArray(r.tags) ? r.tags.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase()) : [];
        out.push({ url, name, archived: r.disabled === true, fork: false, visibility: r.private === true ? 'private' : 'public', topics });
      }
    }
  }
  return out;
}
