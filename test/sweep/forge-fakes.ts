// Loopback fakes of the three forges' listing APIs, answering as their documentation says:
// GitHub (Link rel="next"/"last", x-ratelimit-* headers, 403/429 with retry-after), GitLab (Link
// and x-next-page/x-total-pages, RateLimit-* headers, 429 Retry-After) and Hugging Face
// (/api/{models,datasets,spaces}?author= with a Link cursor, 429 with the RateLimit header).
// Rate-limit times come from the test's fake clock, so nothing ever waits for real.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../src/sweep/enumerate/http.js';

/** A clock whose sleep only moves time forward; every wait is recorded. */
export function fakeClock(start = Date.parse('2026-12-01T03:00:00Z')): Clock & { waits: number[] } {
  let now = start;
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    },
  };
}

export interface FakeRepo {
  name: string;
  archived?: boolean;
  fork?: boolean;
  visibility?: 'public' | 'private' | 'internal';
  topics?: string[];
}

/** What a fake does to one request: refuse it with a rate-limit reply, or fail. */
export type Trouble = 'primary' | 'secondary' | 'secondary-no-header' | 'spent' | '502' | 'gitlab-429' | 'gitlab-spent' | 'hf-429' | 'hf-spent';

export interface Fake {
  base: string;
  host: string;
  requests: Array<{ path: string; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}

export interface FakeOptions {
  clock: Clock;
  /** Request number (1-based, over all requests) → trouble for that request. */
  trouble?: Record<number, Trouble>;
  /** Token the fake demands (401 otherwise). */
  token?: string;
  /** Override a repository's clone URL (GitHub/GitLab), to test validation. */
  cloneUrl?: (repo: FakeRepo, host: string) => string;
  /** GitLab: send only x-next-page, no Link header. */
  noLink?: boolean;
  /** A next link pointing to another origin (must be refused). */
  foreignNext?: boolean;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse, n: number, base: string) => void, apiPath: string): Promise<Fake> {
  const requests: Fake['requests'] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', headers: req.headers });
    handler(req, res, requests.length, base);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;
  base = `http://${host}${apiPath}`;
  return { base, host, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const epoch = (clock: Clock, plusSeconds: number) => String(Math.floor(clock.now() / 1000) + plusSeconds);

function pageOf<T>(items: T[], page: number, per: number): T[] {
  return items.slice((page - 1) * per, page * per);
}

/** GitHub: GET {base}/orgs/{org}/repos and /users/{user}/repos. */
export function fakeGithub(repos: FakeRepo[], o: FakeOptions): Promise<Fake> {
  return listen((req, res, n, base) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const host = new URL(base).host;
    if (o.token && req.headers.authorization !== `Bearer ${o.token}`) return send(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
    const m = /^\/api\/v3\/(orgs|users|organizations)\/([^/]+)\/repos$/.exec(url.pathname);
    if (!m) return send(res, 404, { message: 'Not Found' });
    const trouble = o.trouble?.[n];
    const limit = { 'x-ratelimit-limit': '5000', 'x-ratelimit-used': String(n), 'x-ratelimit-resource': 'core' };
    if (trouble === 'primary') return send(res, 403, { message: 'API rate limit exceeded' }, { ...limit, 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': epoch(o.clock, 30) });
    if (trouble === 'secondary') return send(res, 429, { message: 'You have exceeded a secondary rate limit' }, { ...limit, 'x-ratelimit-remaining': '4000', 'retry-after': '7' });
    if (trouble === 'secondary-no-header') return send(res, 403, { message: 'You have exceeded a secondary rate limit' }, { ...limit, 'x-ratelimit-remaining': '4000' });
    if (trouble === '502') return send(res, 502, { message: 'Server Error' });
    const page = Number(url.searchParams.get('page') ?? '1');
    const per = Math.min(100, Number(url.searchParams.get('per_page') ?? '30'));
    const last = Math.max(1, Math.ceil(repos.length / per));
    // Next links name the organisation by id (/organizations/42/repos), as GitHub's do.
    const owner = m[1] === 'organizations' ? 'acme' : m[2];
    const body = pageOf(repos, page, per).map((r, i) => ({
      id: (page - 1) * per + i + 1,
      name: r.name,
      full_name: `${owner}/${r.name}`,
      private: r.visibility !== 'public',
      visibility: r.visibility ?? 'public',
      fork: !!r.fork,
      archived: !!r.archived,
      topics: r.topics ?? [],
      clone_url: o.cloneUrl ? o.cloneUrl(r, host) : `https://${host}/${owner}/${r.name}.git`,
    }));
    const link = (p: number) => `<${o.foreignNext ? 'https://evil.example' : `http://${host}`}/api/v3/organizations/42/repos?per_page=${per}&page=${p}>`;
    const links = [...(page < last ? [`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`] : []), ...(page > 1 ? [`${link(1)}; rel="first"`, `${link(page - 1)}; rel="prev"`] : [])];
    const remaining = trouble === 'spent' ? '0' : String(5000 - n);
    send(res, 200, body, { ...limit, 'x-ratelimit-remaining': remaining, 'x-ratelimit-reset': epoch(o.clock, 45), ...(links.length ? { link: links.join(', ') } : {}) });
  }, '/api/v3');
}

/** GitLab: GET {base}/groups/{id}/projects?include_subgroups=true. Names may hold subgroups ("sub/x"). */
export function fakeGitlab(group: string, repos: FakeRepo[], o: FakeOptions): Promise<Fake> {
  return listen((req, res, n, base) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const host = new URL(base).host;
    const auth = req.headers['private-token'] ?? req.headers['job-token'];
    if (o.token && auth !== o.token) return send(res, 401, { message: '401 Unauthorized' });
    const m = /^\/api\/v4\/groups\/([^/]+)\/projects$/.exec(url.pathname);
    if (!m || decodeURIComponent(m[1]) !== group) return send(res, 404, { message: '404 Group Not Found' });
    const subgroups = url.searchParams.get('include_subgroups') === 'true';
    const visible = subgroups ? repos : repos.filter((r) => !r.name.includes('/'));
    const trouble = o.trouble?.[n];
    const limit = { 'ratelimit-limit': '2000', 'ratelimit-observed': String(n), 'ratelimit-reset': epoch(o.clock, 60), 'ratelimit-resettime': new Date(o.clock.now() + 60_000).toUTCString() };
    if (trouble === 'gitlab-429') return send(res, 429, { message: 'Retry later' }, { ...limit, 'ratelimit-remaining': '0', 'retry-after': '11' });
    if (trouble === '502') return send(res, 502, { message: '502 Bad Gateway' });
    const page = Number(url.searchParams.get('page') ?? '1');
    const per = Math.min(100, Number(url.searchParams.get('per_page') ?? '20'));
    const last = Math.max(1, Math.ceil(visible.length / per));
    const body = pageOf(visible, page, per).map((r, i) => ({
      id: (page - 1) * per + i + 1,
      path_with_namespace: `${group}/${r.name}`,
      http_url_to_repo: o.cloneUrl ? o.cloneUrl(r, host) : `https://${host}/${group}/${r.name}.git`,
      archived: !!r.archived,
      visibility: r.visibility ?? 'private',
      topics: r.topics ?? [],
      ...(r.fork ? { forked_from_project: { id: 1 } } : {}),
    }));
    const q = (p: number) => `http://${host}${url.pathname}?include_subgroups=${subgroups}&order_by=id&page=${p}&per_page=${per}&sort=asc`;
    const links = [...(page < last ? [`<${q(page + 1)}>; rel="next"`] : []), `<${q(1)}>; rel="first"`, `<${q(last)}>; rel="last"`];
    send(res, 200, body, {
      ...limit,
      'ratelimit-remaining': trouble === 'gitlab-spent' ? '0' : String(2000 - n),
      'x-page': String(page),
      'x-per-page': String(per),
      'x-next-page': page < last ? String(page + 1) : '',
      'x-prev-page': page > 1 ? String(page - 1) : '',
      'x-total': String(visible.length),
      'x-total-pages': String(last),
      ...(o.noLink ? {} : { link: links.join(', ') }),
    });
  }, '/api/v4');
}

export interface HfRepos {
  models: FakeRepo[];
  datasets: FakeRepo[];
  spaces: FakeRepo[];
}

/** Hugging Face: GET /api/{models,datasets,spaces}?author=, cursor pages via Link. */
export function fakeHuggingface(author: string, repos: HfRepos, o: FakeOptions): Promise<Fake> {
  return listen((req, res, n, base) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (o.token && req.headers.authorization !== `Bearer ${o.token}`) return send(res, 401, { error: 'Invalid credentials in Authorization header' });
    const m = /^\/api\/(models|datasets|spaces)$/.exec(url.pathname);
    if (!m || url.searchParams.get('author') !== author) return send(res, 404, { error: 'Not found' });
    const trouble = o.trouble?.[n];
    const policy = { 'ratelimit-policy': '"fixed window";"api";q=1000;w=300' };
    if (trouble === 'hf-429') return send(res, 429, { error: 'Too Many Requests' }, { ...policy, ratelimit: '"api";r=0;t=42' });
    const list = repos[m[1] as keyof HfRepos];
    const per = Math.min(1000, Number(url.searchParams.get('limit') ?? '1000'));
    const start = Number(Buffer.from(url.searchParams.get('cursor') ?? 'MA', 'base64url').toString('utf8')) || 0;
    const body = list.slice(start, start + per).map((r) => ({ _id: `${start}`, id: `${author}/${r.name}`, private: r.visibility === 'private', tags: r.topics ?? [], ...(r.archived ? { disabled: true } : {}) }));
    const next = start + per < list.length ? `<${base}/api/${m[1]}?author=${author}&limit=${per}&cursor=${Buffer.from(String(start + per)).toString('base64url')}>; rel="next"` : undefined;
    send(res, 200, body, { ...policy, ratelimit: trouble === 'hf-spent' ? '"api";r=0;t=20' : `"api";r=${1000 - n};t=200`, ...(next ? { link: next } : {}) });
  }, '');
}

/** `count` repositories named repo-0000..., every 10th archived, every 7th a fork, topics by parity. */
export function manyRepos(count: number): FakeRepo[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `repo-${String(i).padStart(4, '0')}`,
    archived: i % 10 === 9,
    fork: i % 7 === 6,
    visibility: i % 3 === 0 ? 'private' : i % 3 === 1 ? 'public' : 'internal',
    topics: i % 2 ? ['agents'] : ['web'],
  }));
}
