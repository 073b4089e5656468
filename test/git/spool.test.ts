// The commit walk of --history runs beside the scan with its output on disk (src/sources/git/spool.ts):
// read back, it must give what the same git command streamed live gives; past its limit it
// gives up and leaves nothing behind; git's failure reaches the reader as it would live.
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { blobHistory, spooledBlobLog } from '../../src/sources/git/introductions.js';
import { openRepo } from '../../src/sources/git/repo.js';
import { historyScanSource } from '../../src/sources/git/scan-source.js';
import { GitCommandError, gitRecords } from '../../src/sources/git/run-git.js';
import { SpooledGit } from '../../src/sources/git/spool.js';
import { Repo } from './git-fixture.js';

let repo: Repo;
beforeAll(() => {
  repo = history();
});
afterAll(() => repo.cleanup());

function history(): Repo {
  const r = new Repo();
  for (let i = 0; i < 16; i++) r.commit({ [`f${i % 7}.txt`]: `version ${i}\n`, [`dir ${i % 3}/n\u00e9${i % 5}.txt`]: `x${i}\n` }, `commit ${i}`);
  r.git('checkout', '-q', '-b', 'side', 'HEAD~6');
  r.commit({ 'side.txt': 'side\n' }, 'side');
  r.git('checkout', '-q', 'main');
  r.git('merge', '-q', '--no-edit', 'side');
  return r;
}

async function all(records: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const r of records) out.push(r);
  return out;
}

const spools = () => readdirSync(tmpdir()).filter((n) => n.startsWith('keysprawl-spool-'));

describe('a spooled git command', () => {
  it('reads back the records git streams live, and deletes its file when disposed', async () => {
    const r = repo;
    const args = ['log', '--raw', '-z', '--no-abbrev', '--format=%x01%H%x02%an', '--all'];
    const before = spools().length;
    const spool = new SpooledGit(r.dir, args);
    spool.start();
    expect(spools().length).toBe(before + 1);
    const read = await spool.records('\0');
    expect(read).toBeDefined();
    const live = await all(gitRecords(r.dir, args, '\0'));
    expect(live.length).toBeGreaterThan(50);
    expect(await all(read!)).toEqual(live);
    // Read twice (the missing blobs' paths, then provenance): the same records.
    expect(await all((await spool.records('\0'))!)).toEqual(live);
    spool.dispose();
    expect(spools().length).toBe(before);
  });

  it('gives up past its limit: no records, no file left, and the reader walks live', async () => {
    const r = repo;
    const before = spools().length;
    const spool = new SpooledGit(r.dir, ['log', '--raw', '-z', '--all'], { limit: 1000 });
    spool.start();
    expect(await spool.records('\0')).toBeUndefined();
    expect(spools().length).toBe(before);
  });

  it('throws git\'s failure when read, as the live command would', async () => {
    const r = repo;
    const spool = new SpooledGit(r.dir, ['log', '--end-of-options', 'no-such-branch']);
    spool.start();
    await expect(spool.records('\n')).rejects.toBeInstanceOf(GitCommandError);
    spool.dispose();
  });

  it('maps blobs to commits from the spool exactly as from a live walk, and ignores a spool of other revisions', async () => {
    const r = repo;
    const blobs = new Set(r.git('rev-list', '--objects', '--filter=object:type=blob', '--all').split('\n').filter((l) => l.includes(' ')).map((l) => l.split(' ')[0]));
    expect(blobs.size).toBeGreaterThan(10);
    const live = await blobHistory(r.dir, ['--all'], blobs);
    const spool = spooledBlobLog(r.dir, ['--all']);
    spool.start();
    const read = await blobHistory(r.dir, ['--all'], blobs, undefined, spool);
    expect([...read.intros].map(([b, m]) => [b, [...m]])).toEqual([...live.intros].map(([b, m]) => [b, [...m]]));
    expect(read.removals).toEqual(live.removals);
    spool.dispose();

    // A spool of main only is not read for --all: the side branch's blob is still placed.
    const mainOnly = spooledBlobLog(r.dir, ['main~3']);
    mainOnly.start();
    const other = await blobHistory(r.dir, ['--all'], blobs, undefined, mainOnly);
    expect([...other.intros.keys()].sort()).toEqual([...live.intros.keys()].sort());
    mainOnly.dispose();
    expect(existsSync(r.dir)).toBe(true);
  });

  it('is no spool without a usable temporary folder: nothing to read back, the walk runs live', async () => {
    const r = repo;
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = join(r.dir, 'no-such-folder');
    try {
      const spool = spooledBlobLog(r.dir, ['--all']);
      expect(() => spool.start()).not.toThrow();
      expect(await spool.records('\0')).toBeUndefined();
      const blobs = new Set(r.git('rev-list', '--objects', '--filter=object:type=blob', '--all').split('\n').filter((l) => l.includes(' ')).map((l) => l.split(' ')[0]));
      const read = await blobHistory(r.dir, ['--all'], blobs, undefined, spool);
      const live = await blobHistory(r.dir, ['--all'], blobs);
      expect([...read.intros.keys()].sort()).toEqual([...live.intros.keys()].sort());
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });

  it('is stopped and deleted when a history scan ends early, not left until the process exits', async () => {
    const before = spools().length;
    const source = historyScanSource(await openRepo(repo.dir), { filter: {}, maxFileSize: 1024 * 1024 });
    let seen = 0;
    for await (const blob of source.blobs(new Diagnostics())) {
      expect(blob.bytes.length).toBeGreaterThan(0);
      // The walk starts once rev-list has listed every blob; the fixture's 33 blobs are more than
      // one window (32), so the first blob may come out just before rev-list's exit is seen.
      await vi.waitFor(() => expect(spools().length).toBe(before + 1));
      if (++seen === 2) break;
    }
    expect(seen).toBe(2);
    expect(spools().length).toBe(before);
  });
});
