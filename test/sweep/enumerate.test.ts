// Enumerating an estate from loopback fakes of GitHub, GitLab and Hugging Face: every page is
// followed, every documented rate-limit reply is waited out for exactly the time its headers say
// (on a fake clock) and the same page asked again, filters apply, and clone URLs that are not
// https to the forge's own host are refused.
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { enumerateRepos, listFileText, type EnumerateRequest } from '../../src/sweep/enumerate/enumerate.js';
import type { RepoFilters } from '../../src/sweep/enumerate/filters.js';
import { cloneUrlProblem, webHost } from '../../src/sweep/enumerate/forge-repo.js';
import { parseRateLimit } from '../../src/sweep/enumerate/huggingface.js';
import { readRepoList } from '../../src/sweep/repo-list.js';
import { fakeClock, fakeGithub, fakeGitlab, fakeHuggingface, manyRepos, type Fake } from './forge-fakes.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ALL: RepoFilters = { archived: true, forks: true, visibility: [], topics: [], names: [] };
let fakes: Fake[] = [];
afterEach(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  fakes = [];
});

function request(over: Partial<EnumerateRequest>): EnumerateRequest & { warnings: string[] } {
  const warnings: string[] = [];
  return { githubOrgs: [], githubUsers: [], gitlabGroups: [], huggingface: [], filters: ALL, env: {}, warn: (l) => warnings.push(l), warnings, ...over };
}

describe('GitHub', () => {
  it('lists an organisation of 1,000 repositories over 10 pages, waiting out a primary and a secondary rate limit and resuming', async () => {
    const clock = fakeClock();
    // Request 4 hits the primary limit (403, remaining 0, reset in 30 s), request 7 a secondary
    // one (429, retry-after 7), request 9 answers with no budget left (reset in 45 s).
    const gh = await fakeGithub(manyRepos(1000), { clock, token: 'ghp_test_token', trouble: { 4: 'primary', 7: 'secondary', 9: 'spent' } });
    fakes.push(gh);
    const r = request({ githubOrgs: ['acme'], githubApi: gh.base, env: { GITHUB_TOKEN: 'ghp_test_token' }, clock });
    const e = await enumerateRepos(r);
    expect(e.repos).toHaveLength(1000);
    expect(e.repos[0]).toEqual({ id: `https://${gh.host}/acme/repo-0000.git`, kind: 'url', location: `https://${gh.host}/acme/repo-0000.git` });
    expect(new Set(e.repos.map((x) => x.id)).size).toBe(1000);
    expect(clock.waits).toEqual([30_000, 7_000, 45_000]);
    // 10 pages + 2 refused requests, each refused page asked again (not restarted from page 1).
    expect(gh.requests).toHaveLength(12);
    const pages = gh.requests.map((q) => new URL(q.path, 'http://x').searchParams.get('page') ?? '1');
    expect(pages).toEqual(['1', '2', '3', '4', '4', '5', '6', '6', '7', '8', '9', '10']);
    expect(gh.requests.every((q) => q.headers.authorization === 'Bearer ghp_test_token' && q.headers['x-github-api-version'] === '2022-11-28')).toBe(true);
    expect(e.sources).toEqual([{ source: 'github org acme', api: gh.base, listed: 1000 }]);
    // Clones get the token as a header for the forge's host only, never in a URL.
    expect(e.gitConfig).toEqual([[`http.https://${gh.host}/.extraHeader`, `Authorization: Basic ${Buffer.from('x-access-token:ghp_test_token').toString('base64')}`]]);
    expect(e.repos.some((x) => x.id.includes('ghp_'))).toBe(false);
  });

  it('takes the API base from GITHUB_API_URL and the token from GH_TOKEN; a user is listed by /users/', async () => {
    const clock = fakeClock();
    const gh = await fakeGithub(manyRepos(3), { clock, token: 'gho_x' });
    fakes.push(gh);
    const e = await enumerateRepos(request({ githubUsers: ['octo'], env: { GITHUB_API_URL: gh.base, GH_TOKEN: 'gho_x' }, clock }));
    expect(e.repos.map((x) => x.id)).toEqual([0, 1, 2].map((i) => `https://${gh.host}/octo/repo-000${i}.git`));
    expect(gh.requests[0].path).toMatch(/^\/api\/v3\/users\/octo\/repos\?type=owner&per_page=100$/);
  });

  it('a secondary limit without retry-after waits a minute; 5xx is retried with back-off', async () => {
    const clock = fakeClock();
    const gh = await fakeGithub(manyRepos(5), { clock, trouble: { 1: '502', 2: '502' } });
    fakes.push(gh);
    await enumerateRepos(request({ githubOrgs: ['acme'], githubApi: gh.base, clock }));
    expect(clock.waits).toEqual([1000, 2000]);
    const clock2 = fakeClock();
    const gh2 = await fakeGithub(manyRepos(5), { clock: clock2, trouble: { 1: 'secondary-no-header' } });
    fakes.push(gh2);
    // A 403 without rate-limit headers is a permission error, not a limit: it fails with GitHub's message.
    await expect(enumerateRepos(request({ githubOrgs: ['acme'], githubApi: gh2.base, clock: clock2 }))).rejects.toThrow(/HTTP 403 \(You have exceeded a secondary rate limit\)/);
  });

  it('a bad token fails with one line naming the API and GitHub\'s message, without the token', async () => {
    const clock = fakeClock();
    const gh = await fakeGithub(manyRepos(5), { clock, token: 'right' });
    fakes.push(gh);
    const err = await enumerateRepos(request({ githubOrgs: ['acme'], githubApi: gh.base, env: { GITHUB_TOKEN: 'wrong-token-value' }, clock })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe(`${gh.base}/orgs/acme/repos: HTTP 401 (Bad credentials)`);
  });

  it('refuses clone URLs that are not https to the forge host, and next pages on another host', async () => {
    const clock = fakeClock();
    const bad = ['http://HOST/acme/a.git', 'https://evil.example/acme/b.git', 'https://user:pw@HOST/acme/c.git', 'https://HOST/acme/../../etc.git', 'ext::sh -c touch% /tmp/pwned'];
    const gh = await fakeGithub(manyRepos(6), { clock, cloneUrl: (r, host) => (bad[Number(r.name.slice(-1))] ?? `https://${host}/acme/${r.name}.git`).replace('HOST', host) });
    fakes.push(gh);
    const r = request({ githubOrgs: ['acme'], githubApi: gh.base, clock });
    const e = await enumerateRepos(r);
    expect(e.repos.map((x) => x.id)).toEqual([`https://${gh.host}/acme/repo-0005.git`]);
    expect(r.warnings).toEqual([
      'acme/repo-0000: clone URL not https (http): skipped',
      `acme/repo-0001: clone URL on another host (evil.example, expected ${gh.host}): skipped`,
      'acme/repo-0002: clone URL holds credentials: skipped',
      'acme/repo-0003: clone URL has an unexpected path: skipped',
      'acme/repo-0004: clone URL not https (ext): skipped',
    ]);
    const gh2 = await fakeGithub(manyRepos(150), { clock, foreignNext: true });
    fakes.push(gh2);
    await expect(enumerateRepos(request({ githubOrgs: ['acme'], githubApi: gh2.base, clock }))).rejects.toThrow(/next page is on another host \(https:\/\/evil\.example\): refused/);
  });

  it('filters: archived, forks, visibility, topic, name globs', async () => {
    const clock = fakeClock();
    const gh = await fakeGithub(manyRepos(100), { clock });
    fakes.push(gh);
    const run = (filters: Partial<RepoFilters>) => enumerateRepos(request({ githubOrgs: ['acme'], githubApi: gh.base, clock, filters: { ...ALL, ...filters } })).then((e) => e.repos.length);
    expect(await run({})).toBe(100);
    expect(await run({ archived: false })).toBe(90);
    expect(await run({ forks: false })).toBe(86);
    expect(await run({ visibility: ['private'] })).toBe(34);
    expect(await run({ topics: ['agents'] })).toBe(50);
    expect(await run({ names: ['repo-00[0-9]'] })).toBe(0); // no character classes: a literal bracket
    expect(await run({ names: ['repo-000?'] })).toBe(10);
    expect(await run({ names: ['acme/repo-00*', '!repo-0000'] })).toBe(99);
  });
});

describe('GitLab', () => {
  const projects = [...manyRepos(230), { name: 'platform/api' }, { name: 'platform/agents/bot', topics: ['agents'] }];

  it('lists a group with its subgroups over offset pages (Link, else x-next-page), waiting out 429 Retry-After and a spent budget', async () => {
    for (const noLink of [false, true]) {
      const clock = fakeClock();
      const gl = await fakeGitlab('acme', projects, { clock, token: 'glpat-x', noLink, trouble: { 2: 'gitlab-429', 3: 'gitlab-spent' } });
      fakes.push(gl);
      const e = await enumerateRepos(request({ gitlabGroups: ['acme'], gitlabApi: gl.base, env: { GITLAB_TOKEN: 'glpat-x' }, clock }));
      expect(e.repos).toHaveLength(232);
      expect(e.repos.map((x) => x.id)).toContain(`https://${gl.host}/acme/platform/agents/bot.git`);
      expect(clock.waits).toEqual([11_000, 60_000]);
      expect(gl.requests.map((q) => new URL(q.path, 'http://x').searchParams.get('page') ?? '1')).toEqual(['1', '2', '2', '3']);
      expect(gl.requests.every((q) => q.headers['private-token'] === 'glpat-x')).toBe(true);
      expect(e.gitConfig[0][1]).toBe(`Authorization: Basic ${Buffer.from('oauth2:glpat-x').toString('base64')}`);
    }
  });

  it('takes CI_API_V4_URL and CI_JOB_TOKEN (sent as JOB-TOKEN) from a GitLab runner; group paths are URL-encoded', async () => {
    const clock = fakeClock();
    const gl = await fakeGitlab('acme/platform', [{ name: 'x' }], { clock, token: 'job-tok' });
    fakes.push(gl);
    const e = await enumerateRepos(request({ gitlabGroups: ['acme/platform'], env: { CI_API_V4_URL: gl.base, CI_JOB_TOKEN: 'job-tok' }, clock }));
    expect(e.repos.map((x) => x.id)).toEqual([`https://${gl.host}/acme/platform/x.git`]);
    expect(gl.requests[0].path).toContain('/groups/acme%2Fplatform/projects?include_subgroups=true');
    expect(gl.requests[0].headers['job-token']).toBe('job-tok');
    expect(e.gitConfig[0][1]).toBe(`Authorization: Basic ${Buffer.from('gitlab-ci-token:job-tok').toString('base64')}`);
  });

  it('a missing group fails with GitLab\'s message', async () => {
    const clock = fakeClock();
    const gl = await fakeGitlab('acme', [], { clock });
    fakes.push(gl);
    await expect(enumerateRepos(request({ gitlabGroups: ['nope'], gitlabApi: gl.base, clock }))).rejects.toThrow(/HTTP 404 \(404 Group Not Found\)/);
  });
});

describe('Hugging Face', () => {
  it('lists models, datasets and Spaces by author with Link cursors, waiting out 429 RateLimit t=', async () => {
    const clock = fakeClock();
    const hf = await fakeHuggingface('acme-ai', { models: manyRepos(250), datasets: manyRepos(3), spaces: [{ name: 'demo', visibility: 'private' }] }, { clock, token: 'hf_x', trouble: { 2: 'hf-429', 4: 'hf-spent' } });
    fakes.push(hf);
    const e = await enumerateRepos(request({ huggingface: ['acme-ai'], huggingfaceApi: hf.base, env: { HF_TOKEN: 'hf_x' }, clock }));
    expect(e.repos).toHaveLength(254);
    const ids = e.repos.map((x) => x.id);
    expect(ids).toContain(`https://${hf.host}/acme-ai/repo-0249`);
    expect(ids).toContain(`https://${hf.host}/datasets/acme-ai/repo-0002`);
    expect(ids).toContain(`https://${hf.host}/spaces/acme-ai/demo`);
    expect(clock.waits).toEqual([42_000, 20_000]);
    expect(hf.requests.map((q) => q.path.replace(/\?.*/, ''))).toEqual(['/api/models', '/api/models', '/api/models', '/api/models', '/api/datasets', '/api/spaces']);
    expect(hf.requests.every((q) => q.headers.authorization === 'Bearer hf_x')).toBe(true);
  });

  it('parses the RateLimit header', () => {
    expect(parseRateLimit('"api";r=0;t=55')).toEqual({ remaining: 0, resetMs: 55_000 });
    expect(parseRateLimit(null)).toEqual({});
  });
});

describe('clone URLs and the written list', () => {
  it('webHost and cloneUrlProblem', () => {
    expect(webHost('https://api.github.com')).toBe('github.com');
    expect(webHost('https://ghe.example.com/api/v3')).toBe('ghe.example.com');
    expect(cloneUrlProblem('https://github.com/a/b.git', 'github.com')).toBeUndefined();
    expect(cloneUrlProblem('https://github.com/a/b.git?x=1', 'github.com')).toBe('has a query or fragment');
    expect(cloneUrlProblem('git@github.com:a/b.git', 'github.com')).toBe('not a URL');
  });

  it('the list file reads back as the same repository ids', async () => {
    const clock = fakeClock();
    const gh = await fakeGithub(manyRepos(120), { clock });
    fakes.push(gh);
    const e = await enumerateRepos(request({ githubOrgs: ['acme'], githubApi: gh.base, clock }));
    const dir = mkdtempSync(join(tmpdir(), 'keysprawl-list-'));
    const file = join(dir, 'repos.txt');
    writeFileSync(file, listFileText(e, new Date('2026-12-07T00:00:00Z'), '--no-forks'));
    expect(readRepoList(file).map((r) => r.id)).toEqual(e.repos.map((r) => r.id));
  });

  it('refuses a plain-http API on a real host (the token would travel in clear)', async () => {
    await expect(enumerateRepos(request({ githubOrgs: ['acme'], githubApi: 'http://ghe.example.com/api/v3' }))).rejects.toThrow('--github-api-url http://ghe.example.com: must be https (the token is sent to it)');
  });
});
