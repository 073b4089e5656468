// Repositories listed by git URL: cloned into the cache (partial clone for HEAD, mirror for
// history), updated on the next sweep, and a clone failure recorded without leaking credentials.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretId } from '../../src/redaction/secret-id.js';
import { expandFakes } from '../../src/rules/fake.js';
import { cacheName } from '../../src/sweep/clone-cache.js';
import { readRepoList } from '../../src/sweep/repo-list.js';
import { sweep } from '../../src/sweep/sweep.js';
import { TEST_SALT } from './memory-io.js';
import { buildOrg, git, type Org } from './org-fixture.js';

let org: Org;
let cache: string;
beforeAll(() => {
  org = buildOrg(41);
  cache = join(org.base, 'cache');
});
afterAll(() => org.cleanup());

function urlList(name: string, lines: string[]): string {
  const file = join(org.base, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('sweep of git URLs', () => {
  it('--depth head: a blob-less partial clone in the cache, HEAD scanned, updated on the next run', async () => {
    const url = `file://${join(org.checkouts, 'bravo')}`;
    const repos = readRepoList(urlList('urls.txt', [url]));
    const first = await sweep({ repos, depth: 'head', root: org.base, cache, engine: { salt: TEST_SALT } });
    expect(first.sweep!.repos[0]).toMatchObject({ id: url, status: 'ok', findings: 2 });
    const dir = join(cache, cacheName(url, 'head'));
    expect(git(dir, ['config', 'remote.origin.partialclonefilter']).trim()).toBe('blob:none');
    expect(first.secrets.every((s) => s.occurrences.every((o) => o.origin.repo === url))).toBe(true);

    // A new commit upstream is picked up by the next sweep from the same cache.
    const extra = expandFakes('gsk_<<b62:52>>', 99);
    writeFileSync(join(org.checkouts, 'bravo', 'late.env'), `GROQ_API_KEY=${extra}\n`);
    git(join(org.checkouts, 'bravo'), ['add', '-A']);
    git(join(org.checkouts, 'bravo'), ['commit', '-q', '-m', 'late'], '2024-02-01T00:00:00Z');
    const second = await sweep({ repos, depth: 'head', root: org.base, cache, engine: { salt: TEST_SALT } });
    expect(second.secrets.map((s) => s.id)).toContain(secretId(extra, TEST_SALT));
  });

  it('--depth history: a mirror clone, the key removed from HEAD found in history', async () => {
    const url = `file://${join(org.checkouts, 'charlie')}`;
    const result = await sweep({ repos: readRepoList(urlList('hist.txt', [url])), depth: 'history', root: org.base, cache, engine: { salt: TEST_SALT } });
    expect(result.sweep!.repos[0].error).toBeUndefined();
    expect(existsSync(join(cache, cacheName(url, 'history'), 'HEAD'))).toBe(true);
    const removed = result.secrets.find((s) => s.id === secretId(org.keys.historyC, TEST_SALT));
    expect(removed?.occurrences[0].origin).toMatchObject({ repo: url, path: 'deploy.env', presentAtHead: false });
  });

  it('records a clone failure with the URL stripped of credentials, and goes on', async () => {
    const secretUrl = 'https://ci-bot:hunter2-token@127.0.0.1:9/org/private.git';
    const good = `file://${join(org.checkouts, 'alpha')}`;
    const warnings: string[] = [];
    const result = await sweep({ repos: readRepoList(urlList('bad.txt', [secretUrl, good])), depth: 'head', root: org.base, cache, engine: { salt: TEST_SALT }, warn: (l) => warnings.push(l) });
    const [bad, ok] = [...result.sweep!.repos].sort((a, b) => (a.status < b.status ? -1 : 1));
    expect(bad).toMatchObject({ id: 'https://127.0.0.1:9/org/private.git', status: 'failed' });
    expect(bad.error).toMatch(/git clone failed/);
    expect(ok).toMatchObject({ id: good, status: 'ok', findings: 2 });
    expect(JSON.stringify(result) + warnings.join('\n')).not.toContain('hunter2');
  });
});
