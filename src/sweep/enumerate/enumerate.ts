// The estate a sweep covers, asked of the forges themselves: GitHub organisations and users,
// GitLab groups (with subgroups), Hugging Face organisations (models, datasets, Spaces). Tokens
// come from the environment the forges' own runners set (GITHUB_TOKEN/GH_TOKEN,
// GITLAB_TOKEN/CI_JOB_TOKEN, HF_TOKEN), API bases from options or GITHUB_API_URL, CI_API_V4_URL
// and HF_ENDPOINT. The result is a list of repositories (credential-free https URLs, sorted) and,
// for the clones, git configuration that hands each token only to its own host as a header.
import type { RepoSpec } from '../repo-list.js';
import { keep, type RepoFilters } from './filters.js';
import { checkApiBase, webHost, type ForgeRepo } from './forge-repo.js';
import { GITHUB_API, listGithub } from './github.js';
import { GITLAB_API, listGitlab } from './gitlab.js';
import type { Clock } from './http.js';
import { HUGGINGFACE_API, listHuggingface } from './huggingface.js';

export interface EnumerateRequest {
  githubOrgs: string[];
  githubUsers: string[];
  gitlabGroups: string[];
  huggingface: string[];
  githubApi?: string;
  gitlabApi?: string;
  huggingfaceApi?: string;
  filters: RepoFilters;
  env: NodeJS.ProcessEnv;
  clock?: Clock;
  fetch?: typeof fetch;
  warn: (line: string) => void;
  /** Told about each rate-limit pause. */
  onWait?: (line: string) => void;
}

export interface Enumerated {
  repos: RepoSpec[];
  /** How many each source listed, before filters ("github org acme: 1000"). */
  sources: Array<{ source: string; api: string; listed: number }>;
  /** git configuration (key → value) that authenticates clones to the forges' hosts. */
  gitConfig: Array<[string, string]>;
}

export function hasForges(r: Pick<EnumerateRequest, 'githubOrgs' | 'githubUsers' | 'gitlabGroups' | 'huggingface'>): boolean {
  return r.githubOrgs.length + r.githubUsers.length + r.gitlabGroups.length + r.huggingface.length > 0;
}

/** `Authorization: Basic` for git over https, scoped to one host (http.<url>.extraHeader). */
function basicAuth(host: string, user: string, token: string): [string, string] {
  return [`http.https://${host}/.extraHeader`, `Authorization: Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`];
}

export async function enumerateRepos(r: EnumerateRequest): Promise<Enumerated> {
  const common = { clock: r.clock, fetch: r.fetch, warn: r.warn, onWait: r.onWait };
  const sources: Enumerated['sources'] = [];
  const gitConfig: Array<[string, string]> = [];
  const all: ForgeRepo[] = [];
  const add = (source: string, api: string, list: ForgeRepo[]) => {
    sources.push({ source, api, listed: list.length });
    all.push(...list);
  };
  if (r.githubOrgs.length || r.githubUsers.length) {
    const api = checkApiBase('--github-api-url', r.githubApi ?? r.env.GITHUB_API_URL ?? GITHUB_API);
    const token = r.env.GITHUB_TOKEN || r.env.GH_TOKEN || undefined;
    for (const name of r.githubOrgs) add(`github org ${name}`, api, await listGithub({ ...common, kind: 'org', name, api, token }));
    for (const name of r.githubUsers) add(`github user ${name}`, api, await listGithub({ ...common, kind: 'user', name, api, token }));
    if (token) gitConfig.push(basicAuth(webHost(api), 'x-access-token', token));
  }
  if (r.gitlabGroups.length) {
    const api = checkApiBase('--gitlab-api-url', r.gitlabApi ?? r.env.CI_API_V4_URL ?? GITLAB_API);
    const jobToken = !r.env.GITLAB_TOKEN && !!r.env.CI_JOB_TOKEN;
    const token = r.env.GITLAB_TOKEN || r.env.CI_JOB_TOKEN || undefined;
    for (const group of r.gitlabGroups) add(`gitlab group ${group}`, api, await listGitlab({ ...common, group, api, token, jobToken }));
    if (token) gitConfig.push(basicAuth(new URL(api).host, jobToken ? 'gitlab-ci-token' : 'oauth2', token));
  }
  if (r.huggingface.length) {
    const api = checkApiBase('--huggingface-api-url', r.huggingfaceApi ?? r.env.HF_ENDPOINT ?? HUGGINGFACE_API);
    const token = r.env.HF_TOKEN || undefined;
    for (const author of r.huggingface) add(`huggingface ${author}`, api, await listHuggingface({ ...common, author, api, token }));
    if (token) gitConfig.push(basicAuth(new URL(api).host, 'hf_user', token));
  }
  const byUrl = new Map<string, RepoSpec>();
  for (const repo of all) if (keep(repo, r.filters)) byUrl.set(repo.url, { id: repo.url, kind: 'url', location: repo.url });
  const repos = [...byUrl.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { repos, sources, gitConfig };
}

/** The enumerated list as a `--repos` file: comments saying where it came from, one URL a line. */
export function listFileText(e: Enumerated, at: Date, filterText: string): string {
  const head = [
    `# keysprawl: repositories enumerated ${at.toISOString()}`,
    ...e.sources.map((s) => `# ${s.source} (${s.api}): ${s.listed} listed`),
    `# ${e.repos.length} kept${filterText ? ` (${filterText})` : ''}; give this file to every shard: keysprawl sweep --repos FILE --shard i/n`,
  ];
  return `${[...head, ...e.repos.map((r) => r.id)].join('\n')}\n`;
}
