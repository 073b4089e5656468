// The built CLI (bin/keysprawl.js → dist/) as a scheduled job runs it: two shard processes, then
// a merge process writing HTML, SARIF and text; real exit codes, nothing on stderr but progress.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { validateSarif } from '../helpers/sarif-schema.js';
import { TEST_SALT } from './memory-io.js';
import { buildOrg, type Org } from './org-fixture.js';

let org: Org;
beforeAll(() => {
  org = buildOrg(61);
});
afterAll(() => org.cleanup());

const env = { KEYSPRAWL_HASH_SALT: TEST_SALT };

describe('keysprawl sweep / merge (built CLI)', () => {
  it('shards in separate processes, merged into HTML, SARIF and text', () => {
    for (const i of [0, 1]) {
      const run = runCli(['sweep', '--repos', org.list, '--shard', `${i}/2`, '--format', 'json', '--output', join(org.base, `shard-${i}.json`)], { env });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    }
    const html = join(org.base, 'report.html');
    const sarif = join(org.base, 'report.sarif');
    const merge = runCli(['merge', join(org.base, 'shard-0.json'), join(org.base, 'shard-1.json'), '-f', 'html', '-o', html, '-f', 'sarif', '-o', sarif, '-f', 'text', '--fail-on', 'critical'], { env });
    expect(merge.code).toBe(1); // the key shared by two repositories is critical once merged
    expect(merge.stderr).toBe('');
    expect(merge.stdout.split('\n')[0]).toBe('Keys shared across repositories: 1');
    expect(existsSync(html)).toBe(true);
    const log = JSON.parse(readFileSync(sarif, 'utf8'));
    expect(validateSarif(log)).toEqual([]);
    for (const key of Object.values(org.keys)) {
      expect(readFileSync(html, 'utf8')).not.toContain(key);
      expect(readFileSync(sarif, 'utf8')).not.toContain(key);
    }
  });

  it('exits 2 with one line when no repository at all could be scanned', () => {
    const list = join(org.base, 'only-bad.txt');
    writeFileSync(list, 'org/missing\norg/corrupt\n');
    const run = runCli(['sweep', '--repos', list, '-q'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('keysprawl: none of the 2 repositories could be scanned');
  });
});
