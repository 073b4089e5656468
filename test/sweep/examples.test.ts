// The shipped scheduled-sweep examples stay consistent and only use options keysprawl has: the
// GitHub Actions matrix and the Kubernetes Indexed Job cover shards 0..n-1 of the same n, and the
// merge step waits for exactly those shards.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { main } from '../../src/cli/main.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { memoryIo } from './memory-io.js';

const read = (rel: string) => readFileSync(join(REPO_ROOT, 'examples', rel), 'utf8');

/** Every `keysprawl <command> ...` invocation in a text, as [command, long options used]. */
function invocations(text: string): Array<[string, string[]]> {
  const flat = text.replace(/\\\n/g, ' ').replace(/\n\s+--/g, ' --');
  return [...flat.matchAll(/keysprawl(?:@[\w.${}]+)? (sweep|merge)\b([^\n]*)/g)].map((m) => [m[1], [...m[2].matchAll(/(?<![\w-])(--[a-z][a-z-]*)/g)].map((x) => x[1])]);
}

async function helpOf(command: string): Promise<string> {
  const io = memoryIo();
  expect(await main([command, '--help'], io)).toBe(0);
  return io.out();
}

async function expectKnownOptions(text: string, mustUse: string[]): Promise<void> {
  const calls = invocations(text);
  expect(calls.flatMap(([, flags]) => flags)).toEqual(expect.arrayContaining(mustUse));
  for (const [command, flags] of calls) {
    const help = await helpOf(command);
    for (const flag of flags) expect(help, `${command} ${flag}`).toMatch(new RegExp(`${flag}\\b`));
  }
}

describe('examples/github-actions/keysprawl-sweep.yml', () => {
  const text = read('github-actions/keysprawl-sweep.yml');
  const wf = parse(text);

  it('runs on a cron schedule: a matrix of shards 0..n-1, then a merge job', () => {
    expect(wf.on.schedule[0].cron).toMatch(/^(\S+\s+){4}\S+$/);
    const shards = Number(wf.env.SHARDS);
    expect(wf.jobs.sweep.strategy.matrix.shard).toEqual(Array.from({ length: shards }, (_, i) => i));
    expect(wf.jobs.sweep.strategy['fail-fast']).toBe(false);
    const sweepStep = wf.jobs.sweep.steps.find((s: { run?: string }) => s.run?.includes(' sweep'));
    expect(sweepStep.run).toContain('--shard ${{ matrix.shard }}/${SHARDS}');
    expect(sweepStep.env.KEYSPRAWL_HASH_SALT).toBe('${{ secrets.KEYSPRAWL_HASH_SALT }}');
    expect(wf.jobs.merge.needs).toBe('sweep');
    const download = wf.jobs.merge.steps.find((s: { uses?: string }) => s.uses?.startsWith('actions/download-artifact'));
    expect(download.with.pattern).toBe('keysprawl-shard-*');
  });

  it('uses only options keysprawl sweep and merge accept', async () => {
    await expectKnownOptions(text, ['--repos', '--shard', '--state', '--format', '--output', '--github-org', '--list-only', '--save-list', '--store', '--run']);
  });

  it('lists the organisation once for every shard, and keeps the history store between nights in a cache', () => {
    const list = wf.jobs.list.steps.find((s: { run?: string }) => s.run?.includes('--list-only'));
    expect(list.run).toContain('--save-list keysprawl-repos.txt');
    expect(wf.jobs.sweep.needs).toBe('list');
    const sweepStep = wf.jobs.sweep.steps.find((s: { run?: string }) => s.run?.includes(' sweep'));
    expect(sweepStep.run).toContain('--repos keysprawl-repos.txt');
    const steps = wf.jobs.merge.steps as Array<{ uses?: string; run?: string; with?: Record<string, string> }>;
    const restore = steps.findIndex((s) => s.uses?.startsWith('actions/cache/restore'));
    const merge = steps.findIndex((s) => s.run?.includes(' merge'));
    const save = steps.findIndex((s) => s.uses?.startsWith('actions/cache/save'));
    expect(restore).toBeGreaterThanOrEqual(0);
    expect(restore < merge && merge < save).toBe(true);
    expect(steps[merge].run).toContain('--store keysprawl-history.db');
    expect(steps[restore].with!.path).toBe('keysprawl-history.db');
    expect(steps[save].with!.path).toBe('keysprawl-history.db');
    // Restored by prefix (the newest entry), saved under a key of its own: cache entries are immutable.
    expect(steps[save].with!.key.startsWith(steps[restore].with!['restore-keys'])).toBe(true);
  });
});

describe('examples/kubernetes', () => {
  const sweepText = read('kubernetes/keysprawl-sweep-job.yaml');
  const mergeText = read('kubernetes/keysprawl-merge-job.yaml');
  const docs = parseAllDocuments(sweepText).map((d) => d.toJS());
  const job = docs.find((d) => d.kind === 'Job');
  const merge = parse(mergeText);
  const env = (c: { env: Array<{ name: string; value?: string }> }, name: string) => c.env.find((e) => e.name === name)?.value;

  it('is an Indexed Job whose pods take their shard from JOB_COMPLETION_INDEX', () => {
    expect(job.spec.completionMode).toBe('Indexed');
    const container = job.spec.template.spec.containers[0];
    expect(Number(env(container, 'SHARDS'))).toBe(job.spec.completions);
    expect(container.args.join(' ')).toContain('--shard "${JOB_COMPLETION_INDEX}/${SHARDS}"');
    expect(container.env.find((e: { name: string }) => e.name === 'KEYSPRAWL_HASH_SALT').valueFrom.secretKeyRef.key).toBe('hash-salt');
  });

  it('the merge Job waits for the same number of shards on the same volume', () => {
    expect(merge.kind).toBe('Job');
    const container = merge.spec.template.spec.containers[0];
    expect(Number(env(container, 'SHARDS'))).toBe(job.spec.completions);
    expect(merge.spec.template.spec.volumes[0].persistentVolumeClaim.claimName).toBe(job.spec.template.spec.volumes.find((v: { name: string }) => v.name === 'results').persistentVolumeClaim.claimName);
  });

  it('uses only options keysprawl sweep and merge accept', async () => {
    await expectKnownOptions(sweepText, ['--repos', '--shard', '--state', '--cache']);
    await expectKnownOptions(mergeText, ['--format', '--output', '--store', '--run']);
  });

  it('the merge Job records into a history store on the volume and never removes it', () => {
    const script = merge.spec.template.spec.containers[0].args.join('\n');
    expect(script).toContain('--store /results/history/keysprawl-history.db');
    const cleanup = script.split('\n').find((l: string) => l.trim().startsWith('rm '));
    expect(cleanup).toBeDefined();
    expect(cleanup).not.toMatch(/\/results\/history|\/results\/\*|\/results\s*$/);
  });
});
