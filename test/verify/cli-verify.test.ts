// `keysprawl scan --verify` as a user runs it: the built CLI in a child process, every provider
// endpoint pointed at the local fake server (the CLI runs asynchronously so the server, in this
// process, can answer).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, type CliRun } from '../helpers/cli.js';
import { makeTree, type Tree } from '../helpers/tree.js';
import { fakeProviders, type FakeProviders } from './fake-providers.js';
import { awsEnv, fakeAws, fakeKey } from './keys.js';

function runCliAsync(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(REPO_ROOT, 'bin', 'keysprawl.js'), ...args], {
      env: { ...process.env, CI: 'true', FORCE_COLOR: '0', ...env }, maxBuffer: 16 * 1024 * 1024,
    }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

let server: FakeProviders;
let tree: Tree;
const live = fakeKey('openai', 1);
const revoked = fakeKey('github', 2);
const aws = fakeAws(3);

beforeAll(async () => {
  server = await fakeProviders();
  server.key(live, 'live').key(revoked, 'revoked').awsKey(aws.id, aws.secret, 'live');
  tree = makeTree({ '.env': `OPENAI_API_KEY=${live}\nGITHUB_TOKEN=${revoked}\n`, 'deploy/.env': awsEnv(aws) });
});
afterAll(async () => {
  tree.cleanup();
  await server.stop();
});

describe('scan --verify', () => {
  it('puts each verdict in the JSON report and into the score', async () => {
    const run = await runCliAsync(['scan', tree.dir, '--verify', '--format', 'json', '--fail-on', 'none'], server.env());
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { secrets: Array<{ provider: string; verification?: { verdict: string }; factors: Array<{ factor: string }> }> };
    const verdicts = Object.fromEntries(report.secrets.map((s) => [s.provider, s.verification?.verdict]));
    expect(verdicts).toMatchObject({ openai: 'live', github: 'revoked', aws: 'live' });
    expect(report.secrets.every((s) => s.factors.some((f) => f.factor === 'liveness'))).toBe(true);
    for (const raw of [live, revoked, aws.secret]) {
      expect(run.stdout).not.toContain(raw);
      expect(run.stderr).not.toContain(raw);
    }
  });

  it('verifies AWS pairs found on worker threads (a tree large enough to use them)', async () => {
    const big = makeTree({ 'a-filler/data.txt': 'lorem ipsum dolor sit amet\n'.repeat(400_000), 'z/.env': awsEnv(aws) });
    try {
      const run = await runCliAsync(['scan', big.dir, '--verify', '--threads', '2', '--format', 'json', '--fail-on', 'none'], server.env());
      expect(run.code, run.stderr).toBe(0);
      const report = JSON.parse(run.stdout) as { stats: { threads?: number }; secrets: Array<{ provider: string; verification?: { verdict: string } }> };
      // --threads 2: the main thread and one worker (the .env file, small, goes to the worker).
      expect(report.stats.threads).toBe(1);
      expect(report.secrets.find((s) => s.provider === 'aws')?.verification?.verdict).toBe('live');
    } finally {
      big.cleanup();
    }
  });

  it('records the access map (AWS caller identity), shows it in text, and keeps it through merge', async () => {
    const run = await runCliAsync(['scan', tree.dir, '--verify', '--format', 'json', '--fail-on', 'none'], server.env());
    const report = JSON.parse(run.stdout) as { secrets: Array<{ provider: string; verification?: { access?: Record<string, unknown> } }> };
    expect(report.secrets.find((s) => s.provider === 'aws')?.verification?.access).toMatchObject({
      identity: 'arn:aws:iam::123456789012:user/ci', principal: 'iam-user', owner: '123456789012',
    });
    const text = await runCliAsync(['scan', tree.dir, '--verify', '--fail-on', 'none'], server.env());
    expect(text.stdout).toContain('Verified live by aws (POST https://sts.amazonaws.com/ Action=GetCallerIdentity)');
    // The AWS key id is a finding of its own and carries its pair's verdict: four keys, three live.
    expect(text.stdout).toMatch(/Verified 4 key\(s\) with their providers: 3 live, 1 revoked/);
    const dir = makeTree({ 'r.json': run.stdout });
    try {
      const merged = await runCliAsync(['merge', join(dir.dir, 'r.json'), '--format', 'json'], {});
      const m = JSON.parse(merged.stdout) as { secrets: Array<{ provider: string; verification?: { access?: unknown }; factors: Array<{ observed?: string }> }> };
      const aws = m.secrets.find((s) => s.provider === 'aws')!;
      expect(aws.verification?.access).toMatchObject({ principal: 'iam-user' });
      expect(aws.factors.some((f) => f.observed)).toBe(true);
      const id = (JSON.parse(run.stdout) as { secrets: Array<{ id: string; provider: string }> }).secrets.find((x) => x.provider === 'aws')!.id;
      const explained = await runCliAsync(['explain', id.slice(0, 12), '--from', join(dir.dir, 'r.json')], {});
      expect(explained.stdout).toMatch(/verified {6}Verified live by aws .*identity arn:aws:iam::123456789012:user\/ci \(iam-user\)/);
      expect(explained.stdout).toMatch(/facts {9}Observed by --verify: .*liveness/);
    } finally {
      dir.cleanup();
    }
  });

  it('sends nothing without --verify', async () => {
    const before = server.seen.length;
    const run = await runCliAsync(['scan', tree.dir, '--format', 'json', '--fail-on', 'none'], server.env());
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('"verification"');
    expect(server.seen.length).toBe(before);
  });

  it('--verify-providers limits the checks', async () => {
    const before = server.seen.length;
    const run = await runCliAsync(['scan', tree.dir, '--verify', '--verify-providers', 'github', '--format', 'json', '--fail-on', 'none'], server.env());
    expect(run.code).toBe(0);
    expect(server.seen.slice(before).map((r) => r.provider)).toEqual(['github']);
  });

  it.each([
    [['--verify-providers', 'openai,nope'], /unknown provider nope/],
    [['--verify-timeout', 'soon'], /--verify-timeout soon/],
    [['--verify-concurrency', '0'], /--verify-concurrency 0/],
  ])('rejects bad options %j with exit 2', async (extra, message) => {
    const run = await runCliAsync(['scan', tree.dir, '--verify', ...extra], server.env());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('rejects a malformed endpoint override with exit 2, naming the variable', async () => {
    const run = await runCliAsync(['scan', tree.dir, '--verify'], { ...server.env(), KEYSPRAWL_VERIFY_STRIPE_URL: 'ftp://example.test/' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/KEYSPRAWL_VERIFY_STRIPE_URL: must be an http\(s\) URL/);
  });
});
