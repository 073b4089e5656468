// `merge`: n shards of a sweep merge into the same report as the unsharded sweep; reports made
// with different salts are refused; re-scoring comes from the merged occurrences.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { secretId } from '../../src/redaction/secret-id.js';
import { mergeResults } from '../../src/merge/merge.js';
import { type ReportResult } from '../../src/report/json.js';
import { parseJsonReport } from '../../src/report/json-read.js';
import { shardOf } from '../../src/sweep/shard.js';
import { buildOrg, type Org } from '../sweep/org-fixture.js';
import { makeTree } from '../helpers/tree.js';
import { memoryIo } from '../sweep/memory-io.js';

let org: Org;
const savedSalt = process.env.KEYSPRAWL_HASH_SALT;
beforeAll(() => {
  org = buildOrg(23);
  // `scan` reads the salt from the process environment.
  process.env.KEYSPRAWL_HASH_SALT = 'sweep-test-salt';
});
afterAll(() => {
  org.cleanup();
  if (savedSalt === undefined) delete process.env.KEYSPRAWL_HASH_SALT;
  else process.env.KEYSPRAWL_HASH_SALT = savedSalt;
});

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; err: string; out: string }> {
  const io = memoryIo(env);
  const code = await main(args, io);
  return { code, err: io.err(), out: io.out() };
}

function load(file: string): ReportResult {
  return parseJsonReport(readFileSync(file, 'utf8'), file);
}

/** What must be equal between a sharded and an unsharded run (timings and shard labels aside). */
function essence(r: ReportResult) {
  return {
    secrets: r.secrets.map((s) => ({ id: s.id, score: s.score, severity: s.severity, factors: s.factors, nhi: s.nhi, remediation: s.remediation, action: s.action, occurrences: s.occurrences })),
    repos: r.sweep!.repos.map(({ elapsedMs: _e, ...rest }) => rest),
    shared: r.sweep!.shared,
    rules: r.rules.map((x) => x.id),
    files: r.stats.filesScanned,
  };
}

describe('sharded sweep + merge', () => {
  it('the merge of --shard 0/2 and 1/2 equals the unsharded sweep (same secrets, scores, occurrences)', async () => {
    // The fixture's two repositories sharing a key fall in different shards: only the merge can see it.
    expect(shardOf('org/alpha', 2)).not.toBe(shardOf('org/bravo', 2));
    for (const depth of ['head', 'history']) {
      const full = join(org.base, `full-${depth}.json`);
      expect((await cli(['sweep', '--repos', org.list, '--depth', depth, '-o', full, '-q'])).code).toBe(0);
      const shards = [0, 1].map((i) => join(org.base, `shard-${depth}-${i}.json`));
      for (const [i, file] of shards.entries()) {
        expect((await cli(['sweep', '--repos', org.list, '--depth', depth, '--shard', `${i}/2`, '-o', file, '-q'])).code).toBe(0);
      }
      const one = load(shards[0]);
      expect(one.sweep?.shards).toEqual({ count: 2, indexes: [0] });
      expect(one.sweep?.shared).toEqual([]); // no shard alone sees the sharing
      const merged = join(org.base, `merged-${depth}.json`);
      const run = await cli(['merge', ...shards, '-o', merged]);
      expect(run.code).toBe(0);
      expect(run.err).toBe('');
      const a = load(full);
      const b = load(merged);
      expect(b.sweep?.shards).toEqual({ count: 2, indexes: [0, 1] });
      expect(essence(b)).toEqual(essence(a));
      expect(b.sweep?.shared[0]).toEqual({ id: secretId(org.keys.shared, 'sweep-test-salt'), repos: ['org/alpha', 'org/bravo'] });
    }
  });

  it('an empty shard still writes a report, and a merge missing a shard says which', async () => {
    // With 3 shards, shard 0 holds none of the fixture's repositories.
    expect(['alpha', 'bravo', 'charlie', 'missing', 'corrupt'].some((n) => shardOf(`org/${n}`, 3) === 0)).toBe(false);
    const files = [0, 1, 2].map((i) => join(org.base, `s3-${i}.json`));
    for (const [i, f] of files.entries()) expect((await cli(['sweep', '--repos', org.list, '--shard', `${i}/3`, '-o', f, '-q'])).code).toBe(0);
    expect(load(files[0]).sweep?.repos).toEqual([]);
    const partial = await cli(['merge', files[0], files[1], '-f', 'json']);
    expect(partial.err).toMatch(/shard 2 of 3 is missing/);
    const mixed = await cli(['merge', files[1], join(org.base, 'shard-head-0.json'), '-f', 'json']);
    expect(mixed.code).toBe(2);
    expect(mixed.err).toMatch(/different shard splits/);
  });

  it('refuses to merge reports written with different KEYSPRAWL_HASH_SALT values', async () => {
    const a = join(org.base, 'salt-a.json');
    const b = join(org.base, 'salt-b.json');
    await cli(['sweep', '--repos', org.list, '--shard', '0/2', '-o', a, '-q'], { KEYSPRAWL_HASH_SALT: 'salt-one' });
    await cli(['sweep', '--repos', org.list, '--shard', '1/2', '-o', b, '-q'], { KEYSPRAWL_HASH_SALT: 'salt-two' });
    const run = await cli(['merge', a, b]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/salt-a\.json and .*salt-b\.json were written with different KEYSPRAWL_HASH_SALT values/);
    expect(run.err).not.toMatch(/salt-one|salt-two/);
  });

  it('rejects a file that is not a keysprawl report, naming it', async () => {
    const junk = join(org.base, 'junk.json');
    writeFileSync(junk, '{"hello": 1}');
    const run = await cli(['merge', junk]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/junk\.json: not a keysprawl JSON report/);
  });
});

describe('mergeResults', () => {
  it('scores a merged key from all its occurrences (spread across repositories), not an average', async () => {
    const a = join(org.base, 'ma.json');
    const b = join(org.base, 'mb.json');
    // Plain scans of two checkouts: merge names each report's repository after its root folder.
    await cli(['scan', join(org.checkouts, 'alpha'), '-f', 'json', '-o', a, '--fail-on', 'none', '--no-config']);
    await cli(['scan', join(org.checkouts, 'bravo'), '-f', 'json', '-o', b, '--fail-on', 'none', '--no-config']);
    const [ra, rb] = [load(a), load(b)];
    const id = secretId(org.keys.shared, 'sweep-test-salt');
    const before = Math.max(ra.secrets.find((s) => s.id === id)!.score, rb.secrets.find((s) => s.id === id)!.score);
    const merged = mergeResults([ra, rb]);
    const key = merged.secrets.find((s) => s.id === id)!;
    expect(key.factors.find((f) => f.factor === 'spread.repos')?.value).toBe(2);
    expect(key.score).toBeGreaterThan(before);
    expect(key.occurrences.map((o) => o.origin.repo)).toEqual(['alpha', 'bravo']);
    // Merging is order-independent and idempotent.
    const again = mergeResults([rb, ra, rb]);
    expect(again.secrets.map((s) => [s.id, s.score, s.occurrences.length])).toEqual(merged.secrets.map((s) => [s.id, s.score, s.occurrences.length]));
  });

  it('gives a merged key the one-line action of its most exposed place across reports, as a scan of both would', async () => {
    // The same generated GitHub token: in a test fixture in one checkout, in a workflow in the other.
    const fixture = makeTree({ 'test/fixtures/token.txt': 'token: <<github:ghp_>>\n' }, 41);
    const token = fixture.files['test/fixtures/token.txt'].slice('token: '.length).trim();
    const workflow = makeTree({ '.github/workflows/ci.yml': `env:\n  GH_TOKEN: ${token}\n` });
    const together = makeTree({ '.github/workflows/ci.yml': `env:\n  GH_TOKEN: ${token}\n`, 'test/fixtures/token.txt': `token: ${token}\n` });
    try {
      const a = join(org.base, 'act-a.json');
      const b = join(org.base, 'act-b.json');
      const both = join(org.base, 'act-both.json');
      await cli(['scan', fixture.dir, '-f', 'json', '-o', a, '--fail-on', 'none', '--no-config']);
      await cli(['scan', workflow.dir, '-f', 'json', '-o', b, '--fail-on', 'none', '--no-config']);
      await cli(['scan', together.dir, '-f', 'json', '-o', both, '--fail-on', 'none', '--no-config']);
      const id = secretId(token, 'sweep-test-salt');
      const actionIn = (r: ReportResult) => r.secrets.find((s) => s.id === id)!.action;
      const [ra, rb, rboth] = [load(a), load(b), load(both)];
      expect(actionIn(ra)).not.toBe(actionIn(rboth)); // the fixture alone has no CI place
      expect(actionIn(mergeResults([ra, rb]))).toBe(actionIn(rboth));
      expect(actionIn(mergeResults([rb, ra]))).toBe(actionIn(rboth));
    } finally {
      fixture.cleanup();
      workflow.cleanup();
      together.cleanup();
    }
  });
});
