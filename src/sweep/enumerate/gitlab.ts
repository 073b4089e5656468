// GitLab (gitlab.com or self-managed): the projects of a group and all its subgroups
// (GET /groups/:id/projects?include_subgroups=true), 100 a page. Pages follow the Link header
// when there is one (keyset pagination) and x-next-page otherwise (offset pagination, which
// leaves x-next-page empty on the last page). Rate limits as documented: a 429 waits
// `Retry-After` seconds, else until `RateLimit-Reset` (epoch seconds); a page with
// `RateLimit-Remaining: 0` makes the next request wait for the reset.
import { UsageError } from '../../errors.js';
import { cloneUrlProblem, type ForgeRepo } from './forge-repo.js';
import { linkNext, pages, retryAfterHeader, untilEpochSeconds, type ApiClient, type ListerOptions, type Page, type RateLimitPolicy } from './http.js';

export const GITLAB_API = 'https://gitlab.com/api/v4';

export const gitlabPolicy: RateLimitPolicy = {
  retryAfter(res, now) {
    if (res.status !== 429) return undefined;
    return retryAfterHeader(res, now) ?? untilEpochSeconds(res.headers.get('ratelimit-reset'), now) ?? 60_000;
  },
  pauseAfter(res, now) {
    return res.headers.get('ratelimit-remaining') === '0' ? untilEpochSeconds(res.headers.get('ratelimit-reset'), now) : undefined;
  },
};

export interface GitlabTarget extends ListerOptions {
  /** The group's full path ("acme" or "acme/platform"). */
  group: string;
  /** API base: https://gitlab.com/api/v4, or https://HOST/api/v4. */
  api: string;
  token?: string;
  /** The token is a CI job token (CI_JOB_TOKEN): sent as JOB-TOKEN. */
  jobToken?: boolean;
}

interface GitlabProject {
  path_with_namespace?: unknown;
  http_url_to_repo?: unknown;
  archived?: unknown;
  forked_from_project?: unknown;
  visibility?: unknown;
  topics?: unknown;
  tag_list?: unknown;
}

function nextPage(p: Page): string | undefined {
  const link = linkNext(p.res);
  if (link) return link;
  const n = p.res.headers.get('x-next-page');
  if (!n || !/^\d+$/.test(n.trim())) return undefined;
  const u = new URL(p.url);
  u.searchParams.set('page', n.trim());
  return u.toString();
}

function topicsOf(p: GitlabProject): string[] {
  const list = Array.isArray(p.topics) ? p.topics : Array.isArray(p.tag_list) ? p.tag_list : [];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase());
}

export async function listGitlab(t: GitlabTarget): Promise<ForgeRepo[]> {
  if (!/^[A-Za-z0-9_.][A-Za-z0-9_.-]*(\/[A-Za-z0-9_.][A-Za-z0-9_.-]*)*$/.test(t.group)) throw new UsageError(`--gitlab-group ${t.group}: not a GitLab group path`);
  const client: ApiClient = {
    headers: t.token ? { [t.jobToken ? 'job-token' : 'private-token']: t.token } : {},
    policy: gitlabPolicy,
    clock: t.clock,
    fetch: t.fetch,
    onWait: t.onWait,
  };
  const api = t.api.replace(/\/+$/, '');
  const host = new URL(api).host;
  const first = `${api}/groups/${encodeURIComponent(t.group)}/projects?include_subgroups=true&per_page=100&order_by=id&sort=asc`;
  const out: ForgeRepo[] = [];
  for await (const page of pages(first, client, nextPage)) {
    if (!Array.isArray(page.body)) throw new UsageError(`${api}: the projects of group ${t.group} are not a list`);
    for (const p of page.body as GitlabProject[]) {
      const name = typeof p.path_with_namespace === 'string' ? p.path_with_namespace : '(unnamed)';
      const problem = cloneUrlProblem(p.http_url_to_repo, host);
      if (problem) {
        t.warn(`${name}: clone URL ${problem}: skipped`);
        continue;
      }
      const visibility = typeof p.visibility === 'string' ? p.visibility : 'private';
      out.push({ url: p.http_url_to_repo as string, name, archived: p.archived === true, fork: !!p.forked_from_project, visibility, topics: topicsOf(p) });
    }
  }
  return out;
}
