// The environment every git process runs with (src/sources/git/run-git.ts): offline, and with
// pack windows and the delta cache bounded, appended after the caller's own GIT_CONFIG_COUNT
// entries so a user's configuration through the environment still applies.
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { gitEnv, gitRecords, WALK_PACK_LIMITS } from '../../src/sources/git/run-git.js';
import { Repo } from './git-fixture.js';

const repos: Repo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
  delete process.env.GIT_CONFIG_COUNT;
  delete process.env.GIT_CONFIG_KEY_0;
  delete process.env.GIT_CONFIG_VALUE_0;
});

const config = (dir: string, env: NodeJS.ProcessEnv, key: string) => execFileSync('git', ['config', '--get', key], { cwd: dir, env, encoding: 'utf8' }).trim();

describe('gitEnv', () => {
  it("bounds the pack windows and delta cache of offline git, after the caller's own config entries", () => {
    const r = new Repo();
    repos.push(r);
    process.env.GIT_CONFIG_COUNT = '1';
    process.env.GIT_CONFIG_KEY_0 = 'user.name';
    process.env.GIT_CONFIG_VALUE_0 = 'From The Environment';
    const env = gitEnv();
    expect(config(r.dir, env, 'user.name')).toBe('From The Environment');
    expect(config(r.dir, env, 'core.packedGitLimit')).toBe('64m');
    expect(config(r.dir, env, 'core.packedGitWindowSize')).toBe('16m');
    expect(config(r.dir, env, 'core.deltaBaseCacheLimit')).toBe('16m');
    expect(env.GIT_NO_LAZY_FETCH).toBe('1');
    // The commit walk spooled beside the scan reads small objects once: tighter still.
    const walk = gitEnv(false, WALK_PACK_LIMITS);
    expect(config(r.dir, walk, 'user.name')).toBe('From The Environment');
    expect(config(r.dir, walk, 'core.packedGitLimit')).toBe('16m');
    expect(config(r.dir, walk, 'core.deltaBaseCacheLimit')).toBe('4m');
  });

  it('gives a streamed git command the pack limits it is asked for (the end-of-scan rev-list of HEAD)', async () => {
    const r = new Repo();
    repos.push(r);
    const read = async (packs?: typeof WALK_PACK_LIMITS) => {
      const out: string[] = [];
      for await (const line of gitRecords(r.dir, ['config', '--get', 'core.packedGitLimit'], '\n', { packs })) out.push(line);
      return out;
    };
    expect(await read(WALK_PACK_LIMITS)).toEqual(['16m']);
    expect(await read()).toEqual(['64m']);
  });

  it('leaves clone and fetch (network) with git defaults', () => {
    const env = gitEnv(true);
    expect(env.GIT_CONFIG_COUNT).toBe(process.env.GIT_CONFIG_COUNT);
    expect(env.GIT_NO_LAZY_FETCH).toBeUndefined();
  });
});
