// Repository lists and shards: what a line means, ids without credentials, and a split that is
// stable, complete and disjoint.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { parseRepoLine, readRepoList, scrubCredentials, stripCredentials } from '../../src/sweep/repo-list.js';
import { inShard, parseShard, shardOf } from '../../src/sweep/shard.js';

describe('repository list', () => {
  it('reads paths (relative to the list file) and git URLs, skipping comments and blank lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keysprawl-list-'));
    try {
      const file = join(dir, 'repos.txt');
      writeFileSync(file, '# org\n\n./svc/api/\nsvc/api\n/abs/web\nhttps://tok:x@github.com/o/r.git\ngit@github.com:o/s.git\n');
      const warnings: string[] = [];
      const specs = readRepoList(file, (l) => warnings.push(l));
      expect(specs.map((s) => [s.id, s.kind])).toEqual([
        ['svc/api', 'path'], ['/abs/web', 'path'], ['https://github.com/o/r.git', 'url'], ['git@github.com:o/s.git', 'url'],
      ]);
      expect(specs[0].location).toBe(join(dir, 'svc', 'api'));
      // The clone still gets the credentials; nothing shown or hashed does.
      expect(specs[2].location).toBe('https://tok:x@github.com/o/r.git');
      expect(warnings).toEqual([`${file}:4: svc/api is listed twice, scanned once`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says what is wrong with an empty or unreadable list', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keysprawl-list-'));
    try {
      writeFileSync(join(dir, 'empty.txt'), '# nothing\n');
      expect(() => readRepoList(join(dir, 'empty.txt'))).toThrow(/lists no repositories/);
      expect(() => readRepoList(join(dir, 'nope.txt'))).toThrow(UsageError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never keeps credentials in ids or messages', () => {
    expect(stripCredentials('https://user:pa55@host.example/o/r.git')).toBe('https://host.example/o/r.git');
    expect(stripCredentials('ssh://git@host.example/o/r.git')).toBe('ssh://host.example/o/r.git');
    expect(scrubCredentials("fatal: unable to access 'https://x-access-token:ghs_abc@github.com/o/r/'")).toBe("fatal: unable to access 'https://***@github.com/o/r/'");
    expect(parseRepoLine('  # comment', '/')).toBeUndefined();
  });
});

describe('--shard i/n', () => {
  it('parses i/n and rejects what is not a shard of n', () => {
    expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
    expect(() => parseShard('8/8')).toThrow(/numbered 0 to 7/);
    expect(() => parseShard('1')).toThrow(/expected i\/n/);
    expect(() => parseShard('0/0')).toThrow(/from 1 to 10000/);
  });

  it('puts every repository in exactly one shard, the same one on every run, reasonably balanced', () => {
    const ids = Array.from({ length: 400 }, (_, i) => `https://git.example/org/repo-${i}.git`);
    const n = 4;
    const sizes = Array.from({ length: n }, (_, i) => ids.filter((id) => inShard(id, { index: i, count: n })).length);
    expect(sizes.reduce((a, b) => a + b)).toBe(ids.length);
    for (const s of sizes) expect(s).toBeGreaterThan(60); // 100 expected each
    expect(shardOf(ids[7], n)).toBe(shardOf(ids[7], n));
    expect(shardOf('org/alpha', 2)).toBe(0); // pinned: a change would reshuffle every sweep's shards
    expect(inShard('anything', undefined)).toBe(true);
  });
});
