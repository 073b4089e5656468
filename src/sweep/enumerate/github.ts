// GitHub (and GitHub Enterprise Server): the repositories of an organisation
// (GET /orgs/{org}/repos?type=all) or a user (GET /users/{user}/repos?type=owner), 100 a page,
// following the Link header. Rate limits as documented: a 403/429 with `retry-after` waits that
// many seconds; with `x-ratelimit-remaining: 0` it waits until `x-ratelimit-reset` (epoch
// seconds); a page that leaves no budget makes the next request wait for the reset too.
import { UsageError } from '../../errors.js';
import { cloneUrlProblem, webHost, type ForgeRepo } from './forge-repo.js';
import { linkNext, pages, retryAfterHeader, untilEpochSeconds, type ApiClient, type ListerOptions, type RateLimitPolicy } from './http.js';

export const GITHUB_API = 'https://api.github.com';

export const githubPolicy: RateLimitPolicy = {
  retryAfter(res, now) {
    const after = retryAfterHeader(res, now);
    if (after !== undefined) return after;
    if (res.headers.get('x-ratelimit-remaining') === '0') return untilEpochSeconds(res.headers.get('x-ratelimit-reset'), now);
    // A secondary limit without retry-after: GitHub asks to wait at least a minute.
    return res.status === 429 ? 60_000 : undefined;
  },
  pauseAfter(res, now) {
    return res.headers.get('x-ratelimit-remaining') === '0' ? untilEpochSeconds(res.headers.get('x-ratelimit-reset'), now) : undefined;
  },
};

export interface GithubTarget extends ListerOptions {
  kind: 'org' | 'user';
  name: string;
  /** API base: https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server. */
  api: string;
  token?: string;
}

interface GithubRepo {
  full_name?: unknown;
  clone_url?: unknown;
  archived?: unknown;
  fork?: unknown;
  visibility?: unknown;
  private?: unknown;
  topics?: unknown;
}

export async function listGithub(t: GithubTarget): Promise<ForgeRepo[]> {
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(t.name)) throw new UsageError(`--github-${t.kind} ${t.name}: not a GitHub ${t.kind === 'org' ? 'organisation' : 'user'} name`);
  const client: ApiClient = {
    headers: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', ...(t.token ? { authorization: `Bearer ${t.token}` } : {}) },
    policy: githubPolicy,
    clock: t.clock,
    fetch: t.fetch,
    onWait: t.onWait,
  };
  const path = t.kind === 'org' ? `orgs/${t.name}/repos?type=all` : `users/${t.name}/repos?type=owner`;
  const host = webHost(t.api);
  const out: ForgeRepo[] = [];
  for await (const page of pages(`${t.api.replace(/\/+$/, '')}/${path}&per_page=100`, client, (p) => linkNext(p.res))) {
    if (!Array.isArray(page.body)) throw new UsageError(`${t.api}: /${path.replace(/\?.*/, '')} did not answer with a list of repositories`);
    for (const r of page.body as GithubRepo[]) {
      const name = typeof r.full_name === 'string' ? r.full_name : '(unnamed)';
      const problem = cloneUrlProblem(r.clone_url, host);
      if (problem) {
        t.warn(`${name}: clone URL ${problem}: skipped`);
        continue;
      }
      const visibility = typeof r.visibility === 'string' ? r.visibility : r.private ? 'private' : 'public';
      const topics = Array.isArray(r.topics) ? r.topics.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase()) : [];
      out.push({ url: r.clone_url as string, name, archived: r.archived === true, fork: r.fork === true, visibility, topics });
    }
  }
  return out;
}
