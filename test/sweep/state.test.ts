// --state: an interrupted sweep resumes where it stopped; repositories already scanned are read
// back from the state folder, not scanned again.
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { secretId } from '../../src/redaction/secret-id.js';
import { parseJsonReport } from '../../src/report/json-read.js';
import { readRepoList } from '../../src/sweep/repo-list.js';
import { sweep, SweepInterrupted } from '../../src/sweep/sweep.js';
import { partFileName } from '../../src/sweep/state.js';
import type { SweepRepo } from '../../src/contracts/sweep.js';
import { memoryIo, TEST_SALT } from './memory-io.js';
import { buildOrg, type Org } from './org-fixture.js';

let org: Org;
beforeAll(() => {
  org = buildOrg(31);
});
afterAll(() => org.cleanup());

describe('sweep --state', () => {
  it('resumes an interrupted sweep without scanning finished repositories again', async () => {
    const repos = readRepoList(org.list).filter((r) => ['org/alpha', 'org/bravo', 'org/charlie'].includes(r.id));
    const state = join(org.base, 'state');
    const stop = new AbortController();
    const first: string[] = [];
    // Interrupt after the first repository finishes (one job at a time: a deterministic order).
    const run = sweep({
      repos, depth: 'head', root: org.base, state, jobs: 1, engine: { salt: TEST_SALT }, signal: stop.signal,
      onRepo: (r) => {
        first.push(r.id);
        stop.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(SweepInterrupted);
    await expect(run).rejects.toThrow(/interrupted after 1 of 3 repositories; run it again with --state/);
    expect(first).toEqual(['org/alpha']);
    expect(existsSync(join(state, 'repos', partFileName('org/alpha')))).toBe(true);

    // Proof it is not rescanned: the checkout is gone, yet its findings come back from the state.
    const alpha = join(org.checkouts, 'alpha');
    renameSync(alpha, `${alpha}.moved`);
    try {
      const seen: SweepRepo[] = [];
      const result = await sweep({ repos, depth: 'head', root: org.base, state, jobs: 1, engine: { salt: TEST_SALT }, onRepo: (r) => seen.push(r) });
      expect(seen.map((r) => [r.id, !!r.resumed])).toEqual([['org/alpha', true], ['org/bravo', false], ['org/charlie', false]]);
      const byId = new Map(result.sweep!.repos.map((r) => [r.id, r]));
      expect(byId.get('org/alpha')).toMatchObject({ status: 'ok', resumed: true, findings: 2 });
      expect(result.sweep!.shared[0]).toEqual({ id: secretId(org.keys.shared, TEST_SALT), repos: ['org/alpha', 'org/bravo'] });
      // The finished sweep marked the state complete: the next run starts afresh (and finds alpha gone).
      const next = await sweep({ repos, depth: 'head', root: org.base, state, jobs: 1, engine: { salt: TEST_SALT } });
      expect(next.sweep!.repos.find((r) => r.id === 'org/alpha')).toMatchObject({ status: 'failed' });
    } finally {
      renameSync(`${alpha}.moved`, alpha);
    }
  });

  it('discards saved results made with another salt or depth, with a warning', async () => {
    const repos = readRepoList(org.list).filter((r) => r.id === 'org/bravo' || r.id === 'org/charlie');
    const state = join(org.base, 'state-2');
    const stop = new AbortController();
    await expect(sweep({ repos, depth: 'head', root: org.base, state, jobs: 1, engine: { salt: TEST_SALT }, signal: stop.signal, onRepo: () => stop.abort() })).rejects.toThrow(SweepInterrupted);
    expect(readdirSync(join(state, 'repos'))).toHaveLength(1);
    const warnings: string[] = [];
    const seen: SweepRepo[] = [];
    await sweep({ repos, depth: 'history', root: org.base, state, jobs: 1, engine: { salt: TEST_SALT }, warn: (l) => warnings.push(l), onRepo: (r) => seen.push(r) });
    expect(warnings.join('\n')).toMatch(/holds results of a different sweep .*starting afresh/);
    expect(seen.every((r) => !r.resumed)).toBe(true);
  });

  it('the CLI reports resumed repositories in the text and JSON reports', async () => {
    const state = join(org.base, 'state-cli');
    const repos = readRepoList(org.list).filter((r) => r.id === 'org/alpha');
    const stop = new AbortController();
    // One repository scanned before an "interruption" (the sweep of a longer list).
    await expect(
      sweep({ repos: [...repos, ...readRepoList(org.list).filter((r) => r.id === 'org/bravo')], depth: 'head', root: org.base, state, jobs: 1, engine: { salt: TEST_SALT }, signal: stop.signal, onRepo: () => stop.abort() }),
    ).rejects.toThrow(SweepInterrupted);
    const io = memoryIo();
    const listed = ['org/alpha', 'org/bravo'];
    const file = join(org.base, 'two.txt');
    writeFileSync(file, listed.join('\n'));
    const out = join(org.base, 'resumed.json');
    expect(await main(['sweep', '--repos', file, '--state', state, '--jobs', '1', '-o', out, '-f', 'json', '-f', 'text'], io)).toBe(0);
    // (--repos two.txt lives in org.base, so its ids match the list's.)
    expect(io.err()).toMatch(/\[1\/2\] org\/alpha: 2 findings \(resumed from --state\)/);
    expect(io.out()).toMatch(/org\/alpha\s+ok\s+2 findings.*resumed from --state/);
    const report = parseJsonReport(readFileSync(out, 'utf8'));
    expect(report.sweep?.repos.find((r) => r.id === 'org/alpha')?.resumed).toBe(true);
  });
});
