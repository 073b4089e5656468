// Sweeps over real git repositories built in a temp dir: cross-repository sharing, failures
// recorded without stopping the sweep, HEAD vs history depth, and the CLI's reports.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { secretId } from '../../src/redaction/secret-id.js';
import { parseJsonReport } from '../../src/report/json-read.js';
import { readRepoList, reposInFolder } from '../../src/sweep/repo-list.js';
import { sweep } from '../../src/sweep/sweep.js';
import { memoryIo, TEST_SALT } from './memory-io.js';
import { buildOrg, type Org } from './org-fixture.js';

const SALT = TEST_SALT;

let org: Org;
beforeAll(() => {
  org = buildOrg();
});
afterAll(() => org.cleanup());

describe('sweep over a list of local repositories', () => {
  it('lists the key shared by two repositories first, with the repositories it lives in', async () => {
    const warnings: string[] = [];
    const result = await sweep({ repos: readRepoList(org.list), depth: 'head', root: org.base, engine: { salt: SALT }, warn: (l) => warnings.push(l) });
    const sharedId = secretId(org.keys.shared, SALT);
    expect(result.sweep?.shared[0]).toEqual({ id: sharedId, repos: ['org/alpha', 'org/bravo'] });
    const shared = result.secrets.find((s) => s.id === sharedId)!;
    expect(shared.factors.find((f) => f.factor === 'spread.repos')).toMatchObject({ value: 2, points: 10 });
    expect(new Set(shared.occurrences.map((o) => `${o.origin.repo}:${o.origin.path}`))).toEqual(new Set(['org/alpha:.env', 'org/bravo:config/settings.py']));
    // A key in one repository only is not "shared across repositories".
    expect(result.sweep?.shared).toHaveLength(1);
  });

  it('records a missing and a corrupt repository with their errors and scans the others', async () => {
    const warnings: string[] = [];
    const result = await sweep({ repos: readRepoList(org.list), depth: 'head', root: org.base, engine: { salt: SALT }, warn: (l) => warnings.push(l) });
    const byId = new Map(result.sweep!.repos.map((r) => [r.id, r]));
    expect([...byId.keys()]).toEqual(['org/alpha', 'org/bravo', 'org/charlie', 'org/corrupt', 'org/missing']);
    expect(byId.get('org/missing')).toMatchObject({ status: 'failed' });
    expect(byId.get('org/missing')!.error).toMatch(/no such folder/);
    expect(byId.get('org/corrupt')).toMatchObject({ status: 'failed' });
    expect(byId.get('org/corrupt')!.error).toMatch(/git/i);
    expect(byId.get('org/alpha')).toMatchObject({ status: 'ok', findings: 2 });
    expect(byId.get('org/bravo')).toMatchObject({ status: 'ok', findings: 2 });
    expect(warnings.filter((w) => w.includes('not scanned'))).toHaveLength(2);
  });

  it('--depth head scans HEAD only; --depth history also finds the key removed from HEAD', async () => {
    const repos = readRepoList(org.list).filter((r) => r.id === 'org/charlie');
    const head = await sweep({ repos, depth: 'head', root: org.base, engine: { salt: SALT } });
    expect(head.secrets).toHaveLength(0);
    const history = await sweep({ repos, depth: 'history', root: org.base, engine: { salt: SALT } });
    const removed = history.secrets.find((s) => s.id === secretId(org.keys.historyC, SALT))!;
    expect(removed.occurrences[0].origin).toMatchObject({ repo: 'org/charlie', path: 'deploy.env', presentAtHead: false });
    expect(removed.factors.map((f) => f.factor)).toContain('exposure.history-only');
  });

  it('sweep DIR finds the checkouts in a folder, named by folder', () => {
    expect(reposInFolder(org.checkouts).map((r) => r.id)).toEqual(['alpha', 'bravo', 'charlie', 'corrupt']);
  });
});

describe('keysprawl sweep (CLI)', () => {
  it('prints the shared keys first, then the repositories, and writes a redacted JSON report', async () => {
    const io = memoryIo();
    const json = join(org.base, 'sweep.json');
    const code = await main(['sweep', '--repos', org.list, '-f', 'json', '-o', json, '-f', 'text', '--fail-on', 'high'], io);
    expect(code).toBe(1); // the shared OpenAI key is high or worse
    const text = io.out();
    expect(text.split('\n')[0]).toBe('Keys shared across repositories: 1');
    expect(text.split('\n')[1]).toContain('in 2 repositories: org/alpha, org/bravo');
    expect(text).toMatch(/Repositories: 3 scanned, 2 failed/);
    expect(text).toMatch(/org\/missing\s+FAILED/);
    expect(io.err()).toMatch(/\[\d\/5\] org\/alpha: 2 findings/);
    const raw = readFileSync(json, 'utf8');
    for (const key of Object.values(org.keys)) expect(raw).not.toContain(key);
    const report = parseJsonReport(raw, json);
    expect(report.sweep?.shared[0].repos).toEqual(['org/alpha', 'org/bravo']);
    expect(report.saltCheck).toMatch(/^[0-9a-f]{16}$/);
  });

  it('sweeps a folder of checkouts and exits 2 on usage errors', async () => {
    const io = memoryIo();
    expect(await main(['sweep', org.checkouts, '-f', 'json', '-q'], io)).toBe(0);
    expect(parseJsonReport(io.out()).sweep?.repos.map((r) => `${r.id}:${r.status}`)).toEqual(['alpha:ok', 'bravo:ok', 'charlie:ok', 'corrupt:failed']);
    const bad = memoryIo();
    expect(await main(['sweep', org.checkouts, '--repos', org.list], bad)).toBe(2);
    expect(bad.err()).toMatch(/either a folder of checkouts or --repos FILE/);
    const shard = memoryIo();
    expect(await main(['sweep', '--repos', org.list, '--shard', '2/2'], shard)).toBe(2);
    expect(shard.err()).toMatch(/shards are numbered 0 to 1/);
  });
});
