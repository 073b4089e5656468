#!/usr/bin/env node
// Measures what docs/sweep.md states per 1,000 repositories: enumerating an organisation from a
// loopback fake of each forge's listing API (10 pages, one rate-limit reply waited out on a fake
// clock, so the figure is the tool's own cost, not the pause), and recording a merged sweep of
// 1,000 repositories into the history store, then summarising it against the previous one.
// Run after `npm run build`:  node scripts/bench-history.mjs [repositories] [keys]
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enumerateRepos } from '../dist/sweep/enumerate/enumerate.js';
import { openStore } from '../dist/history/store.js';
import { recordSweep } from '../dist/history/record.js';
import { summarizeSweep } from '../dist/history/summary.js';

const N = Number(process.argv[2]) || 1000;
const KEYS = Number(process.argv[3]) || 1000;
let now = Date.parse('2026-12-01T00:00:00Z');
const clock = { now: () => now, sleep: async (ms) => void (now += ms) };

function serve(handler) {
  return new Promise((resolve) => {
    const server = createServer(handler);
    server.listen(0, '127.0.0.1', () => resolve({ server, host: `127.0.0.1:${server.address().port}` }));
  });
}

const names = Array.from({ length: N }, (_, i) => `repo-${i}`);
let calls = 0;
function page(req, res, host, items, next) {
  calls++;
  if (calls === 3) {
    res.writeHead(429, { 'retry-after': '30', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(now / 1000) + 30), 'content-type': 'application/json' });
    return res.end('{"message":"rate limited"}');
  }
  res.writeHead(200, { 'content-type': 'application/json', ...(next ? { link: `<${next}>; rel="next"` } : {}) });
  res.end(JSON.stringify(items));
}

const forges = {
  github: (host) => (req, res) => {
    const u = new URL(req.url, 'http://x');
    const p = Number(u.searchParams.get('page') ?? 1);
    const items = names.slice((p - 1) * 100, p * 100).map((n) => ({ full_name: `acme/${n}`, clone_url: `https://${host}/acme/${n}.git`, visibility: 'private', topics: [] }));
    page(req, res, host, items, p * 100 < N ? `http://${host}/api/v3/orgs/acme/repos?per_page=100&page=${p + 1}` : undefined);
  },
  gitlab: (host) => (req, res) => {
    const u = new URL(req.url, 'http://x');
    const p = Number(u.searchParams.get('page') ?? 1);
    const items = names.slice((p - 1) * 100, p * 100).map((n) => ({ path_with_namespace: `acme/${n}`, http_url_to_repo: `https://${host}/acme/${n}.git`, visibility: 'private', topics: [] }));
    page(req, res, host, items, p * 100 < N ? `http://${host}${u.pathname}?include_subgroups=true&per_page=100&page=${p + 1}` : undefined);
  },
  huggingface: (host) => (req, res) => {
    const u = new URL(req.url, 'http://x');
    const kind = u.pathname.split('/').pop();
    const start = Number(u.searchParams.get('cursor') ?? 0);
    const all = kind === 'models' ? names : [];
    const items = all.slice(start, start + 100).map((n) => ({ id: `acme/${n}` }));
    page(req, res, host, items, start + 100 < all.length ? `http://${host}${u.pathname}?author=acme&limit=100&cursor=${start + 100}` : undefined);
  },
};

const filters = { archived: true, forks: true, visibility: [], topics: [], names: [] };
const figures = {};
for (const [forge, make] of Object.entries(forges)) {
  calls = 0;
  let host = '';
  const { server, host: h } = await serve((req, res) => make(host)(req, res));
  host = h;
  const api = forge === 'github' ? `http://${host}/api/v3` : forge === 'gitlab' ? `http://${host}/api/v4` : `http://${host}`;
  const req = { githubOrgs: [], githubUsers: [], gitlabGroups: [], huggingface: [], filters, env: {}, clock, warn: () => undefined };
  if (forge === 'github') Object.assign(req, { githubOrgs: ['acme'], githubApi: api });
  if (forge === 'gitlab') Object.assign(req, { gitlabGroups: ['acme'], gitlabApi: api });
  if (forge === 'huggingface') Object.assign(req, { huggingface: ['acme'], huggingfaceApi: api });
  const t0 = performance.now();
  const e = await enumerateRepos(req);
  figures[`enumerate ${forge}`] = `${e.repos.length} repositories, ${calls} requests (one 429 waited out on the fake clock), ${(performance.now() - t0).toFixed(0)} ms`;
  server.close();
}

// A merged report of N repositories: KEYS keys, each in 3 places (two repositories).
function report(at, drop = 0, add = 0) {
  const secrets = [];
  for (let k = drop; k < KEYS + add; k++) {
    const repos = [names[k % N], names[(k * 7 + 1) % N]];
    secrets.push({ id: `k${String(k).padStart(63, '0')}`, ruleId: 'openai-project-key', provider: 'openai', redacted: 'sk-p…xx', score: 80, severity: 'high', kind: 'secret',
      occurrences: [{ origin: { path: '.env', repo: repos[0] } }, { origin: { path: 'src/app.py', repo: repos[0] } }, { origin: { path: '.env', repo: repos[1] } }] });
  }
  return { schema: 'keysprawl/v1', root: '/', startedAt: at, secrets, rules: [], stats: {}, redacted: true, saltCheck: 'bench',
    sweep: { depth: 'head', shared: [], repos: names.map((id) => ({ id, status: 'ok', depth: 'head', findings: 0, bySeverity: {} })) } };
}

const dir = mkdtempSync(join(tmpdir(), 'keysprawl-bench-history-'));
const db = openStore(join(dir, 'history.db'));
for (const [i, at] of ['2026-11-24T03:17:00.000Z', '2026-12-01T03:17:00.000Z'].entries()) {
  const r = i === 0 ? report(at) : report(at, 50, 50);
  const t0 = performance.now();
  const rec = recordSweep(db, r, { run: at, at });
  const t1 = performance.now();
  const h = summarizeSweep(db, at);
  const t2 = performance.now();
  figures[`record sweep ${i + 1}`] = `${rec.repos} repositories, ${rec.keys} keys, ${rec.sightings} places: ${(t1 - t0).toFixed(0)} ms; summary (${h.new.length} new, ${h.open.length} open, ${h.resolved.length} resolved) ${(t2 - t1).toFixed(0)} ms`;
}
db.close();
rmSync(dir, { recursive: true, force: true });
for (const [k, v] of Object.entries(figures)) console.log(`${k}: ${v}`);
