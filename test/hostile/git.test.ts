// Hostile input, part 4: damaged and partial git repositories. A blob object overwritten with
// garbage, and a shallow clone, scanned with --history: the scan finishes, says what is wrong in
// one line naming the file, scans every other blob, and exits 1 for the findings (never 3).
import { execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretId } from '../../src/redaction/secret-id.js';
import { knownKey, noCrash, parseReport, runCapped, tempDir, type Dir } from './hostile-helpers.js';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd, encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1', HOME: cwd },
  }).trim();
}

function commitFile(repo: string, path: string, content: string): void {
  writeFileSync(join(repo, path), content);
  git(repo, 'add', path);
  git(repo, 'commit', '-q', '-m', `add ${path}`);
}

const hasKey = (report: ReturnType<typeof parseReport>, raw: string) => report.secrets.some((s) => s.id === secretId(raw));

describe('git history with damage', () => {
  let d: Dir;
  let repo: string;
  const keys = [knownKey(300), knownKey(301), knownKey(302)];

  beforeAll(() => {
    d = tempDir();
    repo = join(d.dir, 'repo');
    git(d.dir, 'init', '-q', '-b', 'main', 'repo');
    commitFile(repo, 'a.env', `GITHUB_TOKEN=${keys[0]}\n`);
    commitFile(repo, 'b.env', `GITHUB_TOKEN=${keys[1]}\n`);
    commitFile(repo, 'c.env', `GITHUB_TOKEN=${keys[2]}\n`);
  });
  afterAll(() => d.cleanup());

  it('a shallow clone: one warning line, the visible history scanned, exit 1', async () => {
    const shallow = join(d.dir, 'shallow');
    // Keep the newest commit only; a.env and b.env are still in its tree.
    git(d.dir, 'clone', '-q', '--depth', '1', `file://${repo}`, 'shallow');
    const run = await runCapped(['scan', '--history', shallow, '--format', 'json']);
    noCrash(run);
    expect(run.code).toBe(1);
    const report = parseReport(run);
    for (const k of keys) expect(hasKey(report, k)).toBe(true);
    const lines = report.stats.warnings.filter((w) => /shallow/.test(w));
    expect(lines).toHaveLength(1);
    expect(run.stderr.split('\n').filter((l) => /shallow/.test(l))).toHaveLength(1);
  });

  it('a corrupt blob: skipped in one line naming its path, every other blob scanned, exit 1', async () => {
    const blob = git(repo, 'rev-parse', 'HEAD:b.env');
    const file = join(repo, '.git', 'objects', blob.slice(0, 2), blob.slice(2));
    chmodSync(file, 0o644);
    writeFileSync(file, Buffer.from('this is not a zlib stream at all'));
    const run = await runCapped(['scan', '--history', repo, '--format', 'json']);
    noCrash(run);
    expect(run.code).toBe(1);
    const report = parseReport(run);
    expect(hasKey(report, keys[0])).toBe(true);
    expect(hasKey(report, keys[2])).toBe(true);
    expect(hasKey(report, keys[1])).toBe(false);
    const lines = [...report.stats.skippedItems.map((s) => s.message), ...report.stats.warnings].filter((l) => l.includes('b.env'));
    expect(new Set(lines).size).toBe(1);
    expect(lines[0]).toMatch(/^b\.env \(blob [0-9a-f]{7}\): corrupt git object/);
    expect(report.stats.skipped['corrupt-object']).toBe(1);
  });

  it('the working tree of a damaged repository scans normally', async () => {
    const run = await runCapped(['scan', repo, '--format', 'json']);
    noCrash(run);
    expect(run.code).toBe(1);
    expect(parseReport(run).secrets).toHaveLength(3);
  });
});
