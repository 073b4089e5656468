// The scheduled org sweep end to end: a GitHub organisation of 1,000 repositories (a loopback fake
// with 10 pages, a primary and a secondary rate-limit pause on a fake clock) is enumerated into a
// list, swept in 4 shard processes of the built CLI that record into one history store at once,
// merged, and recorded. The clone step reaches local bare repositories through git's own URL
// mapping (url.<dir>.insteadOf, given in the environment): nothing goes over the network. A week
// later keys were added and removed; the second sweep reports exactly the new, resolved and
// still-open keys with their first-seen dates, and the store never holds a key.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { expandFakes } from '../../src/rules/fake.js';
import type { HistorySummary } from '../../src/contracts/history.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { fakeClock, fakeGithub, type Fake, type FakeRepo } from './forge-fakes.js';
import { memoryIo, TEST_SALT } from './memory-io.js';
import { git, gitRepo } from './org-fixture.js';

// 250 repositories by default (3 pages, both pauses, 4 shards) keep the suite short on a shared
// machine; KEYSPRAWL_ORG_E2E_SIZE=1000 runs the full-size organisation (docs/sweep.md gives its times).
const SIZE = Number(process.env.KEYSPRAWL_ORG_E2E_SIZE) || 250;
const SHARDS = 4;
const name = (i: number) => `repo-${String(i).padStart(4, '0')}`;

let base: string;
let gh: Fake;
const clock = fakeClock();
const keys = {
  removed: expandFakes('sk-proj-<<b64url:74>>T3BlbkFJ<<b64url:74>>', 301),
  shared: expandFakes('sk-ant-api03-<<b64url:93>>AA', 302),
  kept: expandFakes('gsk_<<b62:52>>', 303),
  added: expandFakes('r8_<<b62:37>>', 304),
};

/** A bare repository at remote/acme/<name>.git made from a work tree's commits. */
function bare(work: string, repo: string): void {
  const dest = join(base, 'remote', 'acme', `${repo}.git`);
  rmSync(dest, { recursive: true, force: true });
  git(base, ['clone', '-q', '--bare', work, dest]);
}

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'keysprawl-org-e2e-'));
  // One clean repository copied 1,000 times (copying a bare repository is cheap), then the few
  // that hold keys made on their own.
  bare(gitRepo(join(base, 'work', 'clean'), [{ 'README.md': '# service\n', 'src/app.py': 'print("ok")\n' }]), name(0));
  for (let i = 1; i < SIZE; i++) cpSync(join(base, 'remote', 'acme', `${name(0)}.git`), join(base, 'remote', 'acme', `${name(i)}.git`), { recursive: true });
  bare(gitRepo(join(base, 'work', 'r1'), [{ '.env': `OPENAI_API_KEY=${keys.removed}\n` }]), name(1));
  bare(gitRepo(join(base, 'work', 'r2'), [{ 'agent/.mcp.json': `{"env": {"ANTHROPIC_API_KEY": "${keys.shared}"}}\n` }]), name(2));
  bare(gitRepo(join(base, 'work', 'rlast'), [{ 'notebooks/ANTHROPIC.env': `ANTHROPIC_API_KEY=${keys.shared}\n` }]), name(SIZE - 1));
  bare(gitRepo(join(base, 'work', 'r3'), [{ 'config/groq.env': `GROQ_API_KEY=${keys.kept}\n` }]), name(3));
  const repos: FakeRepo[] = Array.from({ length: SIZE }, (_, i) => ({ name: name(i) }));
  // Page 2 is refused twice: a secondary limit (429, retry-after 7), then the primary one (403, reset in 30 s).
  gh = await fakeGithub(repos, { clock, trouble: { 2: 'secondary', 3: 'primary' } });
}, 600_000);

afterAll(async () => {
  await gh?.close();
  if (base) rmSync(base, { recursive: true, force: true });
}, 600_000);

/** The environment of every shard: the salt, and git's URL mapping from the forge host to the local bare repositories. */
function env(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CI: 'true',
    KEYSPRAWL_HASH_SALT: TEST_SALT,
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: `url.${join(base, 'remote')}/.insteadOf`,
    GIT_CONFIG_VALUE_0: `https://${gh.host}/`,
  };
}

function cli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const p = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'keysprawl.js'), ...args], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  p.stdout.on('data', (b: Buffer) => (out += b));
  p.stderr.on('data', (b: Buffer) => (err += b));
  return new Promise((resolve) => p.on('close', (code) => resolve({ code, out, err })));
}

/** One scheduled sweep: SHARDS shard processes at once (each recording), then the merge (recording again). */
async function sweepNight(run: string): Promise<{ history: HistorySummary; text: string; secrets: Array<{ id: string; redacted: string }> }> {
  const list = join(base, 'repos.txt');
  const store = join(base, 'history.db');
  const shards = await Promise.all(
    Array.from({ length: SHARDS }, (_, i) =>
      cli(['sweep', '--repos', list, '--shard', `${i}/${SHARDS}`, '--run', run, '--store', store, '--cache', join(base, 'cache'), '--jobs', '4', '-q', '-f', 'json', '-o', join(base, `shard-${i}.json`)]),
    ),
  );
  for (const s of shards) expect(s.code, s.err).toBe(0);
  const merged = join(base, `merged-${run}.json`);
  const merge = await cli(['merge', ...Array.from({ length: SHARDS }, (_, i) => join(base, `shard-${i}.json`)), '--store', store, '-f', 'json', '-o', merged, '-f', 'text']);
  expect(merge.code, merge.err).toBe(0);
  expect(merge.err).toMatch(new RegExp(`^keysprawl: recorded sweep ${run} in .*history\\.db: 3 keys in \\d+ places, ${SIZE} repositories\\n$`));
  const report = JSON.parse(readFileSync(merged, 'utf8'));
  expect(report.sweep.repos).toHaveLength(SIZE);
  expect(report.sweep.repos.every((r: { status: string }) => r.status === 'ok')).toBe(true);
  return { history: report.history, text: merge.out, secrets: report.secrets };
}

const idOf = (secrets: Array<{ id: string; ruleId: string }>, rule: string) => secrets.find((s) => s.ruleId.startsWith(rule))!.id;

describe(`an organisation of ${SIZE} repositories, enumerated, swept in ${SHARDS} shards, merged and recorded twice`, () => {
  let first: Awaited<ReturnType<typeof sweepNight>>;

  it('enumerates the organisation through pagination and two rate-limit pauses into the list every shard uses', async () => {
    expect(SIZE).toBeGreaterThan(200); // at least 3 pages of 100
    const io = memoryIo({ GITHUB_TOKEN: 'test-token-not-a-secret' });
    const list = join(base, 'repos.txt');
    const code = await main(['sweep', '--github-org', 'acme', '--github-api-url', gh.base, '--list-only', '--save-list', list], { ...io, clock });
    expect(code, io.err()).toBe(0);
    const lines = readFileSync(list, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines).toHaveLength(SIZE);
    expect(lines[0]).toBe(`https://${gh.host}/acme/${name(0)}.git`);
    expect(clock.waits).toEqual([7_000, 30_000]);
    expect(gh.requests.map((q) => new URL(q.path, 'http://x').searchParams.get('page') ?? '1').slice(0, 5)).toEqual(['1', '2', '2', '2', '3']);
    expect(io.err()).toContain(`keysprawl: github org acme: ${SIZE} repositories listed`);
    expect(io.err()).toMatch(/rate limited \(HTTP 403\): waiting 30 s/);
    expect(readFileSync(list, 'utf8')).not.toContain('test-token');
  });

  it('night 1: every key is new', async () => {
    first = await sweepNight('night-1');
    const h = first.history;
    expect(h.previous).toBeUndefined();
    expect(h.new.map((k) => k.ruleId).sort()).toEqual(['anthropic-api-key', 'groq-api-key', 'openai-project-key'].sort());
    expect(h.new.find((k) => k.ruleId === 'anthropic-api-key')!.repos).toEqual([`https://${gh.host}/acme/${name(2)}.git`, `https://${gh.host}/acme/${name(SIZE - 1)}.git`]);
    expect(first.text.split('\n')[0]).toMatch(/^First recorded sweep \(.*\): 3 new, 0 reintroduced, 0 still open, 0 resolved$/);
  }, 900_000);

  it('night 2, after one key was removed and one added: exactly the new, resolved and still-open keys with first-seen dates', async () => {
    // repo-0001 deletes its .env; repo-0004 commits a Replicate token.
    git(join(base, 'work', 'r1'), ['rm', '-q', '.env']);
    git(join(base, 'work', 'r1'), ['commit', '-q', '-m', 'remove key'], '2024-02-01T00:00:00Z');
    bare(join(base, 'work', 'r1'), name(1));
    bare(gitRepo(join(base, 'work', 'r4'), [{ 'deploy/replicate.env': `REPLICATE_API_TOKEN=${keys.added}\n` }]), name(4));
    const second = await sweepNight('night-2');
    const h = second.history;
    const firstAt = first.history.sweep.at;
    expect(h.previous).toEqual({ run: 'night-1', at: firstAt });
    expect(h.new.map((k) => k.id)).toEqual([idOf(second.secrets as never, 'replicate')]);
    expect(h.new[0].firstSeen).toBe(h.sweep.at);
    expect(h.resolved.map((k) => k.id)).toEqual([idOf(first.secrets as never, 'openai')]);
    expect(h.resolved[0]).toMatchObject({ firstSeen: firstAt, resolvedAt: h.sweep.at });
    expect(h.open.map((k) => k.id).sort()).toEqual([idOf(first.secrets as never, 'anthropic'), idOf(first.secrets as never, 'groq')].sort());
    expect(h.open.every((k) => k.firstSeen === firstAt)).toBe(true);
    expect([h.reintroduced, h.unchecked]).toEqual([[], []]);
    expect(h.trend.map((p) => [p.run, p.open, p.new, p.resolved, p.repos])).toEqual([
      ['night-1', 3, 3, 0, SIZE],
      ['night-2', 3, 1, 1, SIZE],
    ]);
    const text = second.text.split('\n');
    expect(text[0]).toMatch(/^Since the previous sweep \(.*\): 1 new, 0 reintroduced, 2 still open, 1 resolved$/);
    expect(text[1]).toBe('New keys: 1');
    expect(second.text).toContain(`first seen ${firstAt.slice(0, 10)}, resolved ${h.sweep.at.slice(0, 10)}`);
  }, 900_000);

  it('the store holds ids and redacted forms, never a key; `keysprawl history` prints the period', async () => {
    const store = join(base, 'history.db');
    for (const f of [store, `${store}-wal`].filter(existsSync)) {
      const bytes = readFileSync(f, 'latin1');
      for (const k of Object.values(keys)) expect(bytes.includes(k)).toBe(false);
    }
    const run = await cli(['history', store]);
    expect(run.code, run.err).toBe(0);
    expect(run.out.split('\n')[0]).toMatch(/^History from .* to .* \(2 sweeps\): 3 new, 0 reintroduced, 0 still open, 1 resolved$/);
    mkdirSync(join(base, 'out'), { recursive: true });
    const html = await cli(['history', store, '-f', 'html', '-o', join(base, 'out', 'history.html')]);
    expect(html.code, html.err).toBe(0);
    expect(readFileSync(join(base, 'out', 'history.html'), 'utf8').match(/<circle class="point"/g)).toHaveLength(2);
  }, 120_000);
});
