// The sweep command's enumeration and history options, in-process: usage errors are one line
// with exit 2, a listing goes to standard output, and clone credentials go to git's environment
// after the user's own configuration.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseWhen } from '../../src/cli/history-command.js';
import { gitConfigEnv } from '../../src/sweep/clone-cache.js';
import { fakeClock, fakeGithub, manyRepos, type Fake } from './forge-fakes.js';
import { memoryIo } from './memory-io.js';

let fakes: Fake[] = [];
afterEach(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  fakes = [];
});

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const io = memoryIo(env);
  const code = await main(args, { ...io, clock: fakeClock() });
  return { code, out: io.out(), err: io.err() };
}

describe('sweep: enumeration and history options', () => {
  it('--list-only prints the filtered list with where it came from', async () => {
    const gh = await fakeGithub(manyRepos(30), { clock: fakeClock() });
    fakes.push(gh);
    const r = await run(['sweep', '--github-org', 'acme', '--github-api-url', gh.base, '--list-only', '--no-forks', '--topic', 'AGENTS', '--name', '!*-0001']);
    expect(r.code, r.err).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^# keysprawl: repositories enumerated \d{4}-/);
    expect(lines[1]).toBe(`# github org acme (${gh.base}): 30 repositories listed`.replace('30 repositories listed', '30 listed'));
    const urls = lines.filter((l) => l.startsWith('https://'));
    // Odd indexes have the "agents" topic; 13 and 27 are forks; 1 is excluded by name.
    expect(urls).toEqual([3, 5, 7, 9, 11, 15, 17, 19, 21, 23, 25, 29].map((i) => `https://${gh.host}/acme/repo-${String(i).padStart(4, '0')}.git`));
    expect(r.err).toContain('keysprawl: 12 repositories to sweep (--no-forks --topic agents --name !*-0001)');
  });

  it('one-line usage errors (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keysprawl-forge-cli-'));
    try {
      const list = join(dir, 'repos.txt');
      const cases: Array<[string[], string]> = [
        [['sweep', '--repos', list, '--list-only'], '--list-only and --save-list write the list enumerated from'],
        [['sweep', '--github-org', 'acme', '--repos', list], 'give either a folder of checkouts or --repos FILE or forges to enumerate'],
        [['sweep', '--github-org', 'acme', '--github-api-url', 'http://ghe.example.com/api/v3'], 'must be https'],
        [['sweep', '--github-org', 'acme', '--visibility', 'secret'], '--visibility secret: expected public, private, internal'],
        [['sweep', '--github-org', 'bad/name', '--github-api-url', 'https://127.0.0.1:1/api/v3'], 'not a GitHub organisation name'],
        [['history', join(dir, 'none.db')], 'no such history store'],
        [['history', join(dir, 'none.db'), '--since', 'last tuesday'], '--since last tuesday: expected a date'],
      ];
      for (const [args, message] of cases) {
        const r = await run(args);
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.err.trim().split('\n')).toHaveLength(1);
        expect(r.err).toContain(message);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--shard with --store needs --run; --run must be printable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keysprawl-forge-cli-'));
    try {
      const r = await run(['sweep', dir, '--shard', '0/2', '--store', join(dir, 'h.db')]);
      expect(r.err).toContain('--shard with --store needs --run NAME');
      const bad = await run(['sweep', dir, '--run', 'a\nb']);
      expect(bad.err).toContain('expected 1 to 200 printable ASCII characters');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('history periods: dates, ISO times and days or weeks back', () => {
    const now = new Date('2026-12-07T12:00:00Z');
    expect(parseWhen('--since', '30d', now)).toBe('2026-11-07T12:00:00.000Z');
    expect(parseWhen('--since', '2w', now)).toBe('2026-11-23T12:00:00.000Z');
    expect(parseWhen('--since', '2026-11-01', now)).toBe('2026-11-01T00:00:00.000Z');
    expect(parseWhen('--until', '2026-11-30', now, true)).toBe('2026-11-30T23:59:59.999Z');
  });

  it('clone credentials are appended to git configuration the user already gives in the environment', () => {
    const env = gitConfigEnv([['http.https://github.com/.extraHeader', 'Authorization: Basic eA==']], { GIT_CONFIG_COUNT: '2' });
    expect(env).toEqual({ GIT_CONFIG_COUNT: '3', GIT_CONFIG_KEY_2: 'http.https://github.com/.extraHeader', GIT_CONFIG_VALUE_2: 'Authorization: Basic eA==' });
    expect(gitConfigEnv([], {})).toEqual({});
  });
});
