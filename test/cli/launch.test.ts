// The launcher compiles the CLI bundle with a V8 code cache kept beside it: written when there is
// none, used when it fits, and a cache that does not fit (garbage, another build) only costs the
// compile. Each load is a fresh process, as each run of the CLI is (V8 keeps compiled code in
// memory within one process, whatever cache it is given), and every way of loading runs the same CLI.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { codeCacheFile } from '../../src/cli/launch.js';
import { REPO_ROOT } from '../helpers/cli.js';

const BUILT = join(REPO_ROOT, 'dist', 'cli', 'keysprawl.cjs');
const LAUNCHER = join(REPO_ROOT, 'dist', 'cli', 'launch.cjs');

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A copy of the built bundle in a folder of its own (no cache beside it yet). */
function copyOfBundle(): string {
  dir = mkdtempSync(join(tmpdir(), 'keysprawl-launch-'));
  const bundle = join(dir, 'keysprawl.cjs');
  copyFileSync(BUILT, bundle);
  return bundle;
}

/** Load the bundle in a new process, run `--version`, then save the cache as bin/ does. */
function launch(bundle: string, env: NodeJS.ProcessEnv = {}): { cache: string; saved: boolean; code: number; version: string } {
  const script = `const l = require(${JSON.stringify(LAUNCHER)}); const c = l.loadCli(${JSON.stringify(bundle)});
    c.main(['--version']).then((code) => console.log(JSON.stringify({ cache: c.cache, saved: l.saveCodeCache(c), code })));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
  const lines = r.stdout.trim().split('\n');
  expect(r.status, r.stderr).toBe(0);
  return { ...JSON.parse(lines.pop()!), version: lines.join('\n') };
}

const idOf = (bundle: string) => /keysprawl-bundle-id=([0-9a-f]{64})/.exec(readFileSync(bundle, 'latin1').slice(-200))![1];

describe('the CLI launcher', () => {
  it('writes a code cache named for the bundle, uses it, and falls back silently when it does not fit', () => {
    const bundle = copyOfBundle();
    const first = launch(bundle);
    expect(first).toMatchObject({ cache: 'absent', saved: true, code: 0 });
    expect(first.version).toMatch(/\d+\.\d+\.\d+/);
    const file = codeCacheFile(bundle, idOf(bundle));
    expect(readdirSync(dir!).sort()).toEqual([file.split(/[\\/]/).pop(), 'keysprawl.cjs'].sort());

    expect(launch(bundle)).toEqual({ ...first, cache: 'accepted', saved: false });

    // Garbage where the cache was: rejected by V8, the bundle compiled from source, the cache rewritten.
    writeFileSync(file, Buffer.alloc(4096, 7));
    expect(launch(bundle)).toEqual({ ...first, cache: 'rejected', saved: true });
    expect(launch(bundle).cache).toBe('accepted');
  });

  it('never reads the cache of another build, and loads without one when told or without a bundle id', () => {
    const bundle = copyOfBundle();
    const want = launch(bundle);
    // The same bundle one byte longer is another build: another id, so another cache file.
    const text = readFileSync(bundle, 'latin1');
    const at = text.lastIndexOf('//# keysprawl-bundle-id=');
    writeFileSync(bundle, `${text.slice(0, at)};\n//# keysprawl-bundle-id=${'0'.repeat(64)}\n`, 'latin1');
    expect(existsSync(codeCacheFile(bundle, '0'.repeat(64)))).toBe(false);
    expect(launch(bundle)).toMatchObject({ cache: 'absent', version: want.version });

    expect(launch(bundle, { KEYSPRAWL_NO_CODE_CACHE: '1' })).toMatchObject({ cache: 'off', saved: false, version: want.version });
    writeFileSync(bundle, text.slice(0, at), 'latin1');
    expect(launch(bundle)).toMatchObject({ cache: 'off', saved: false, version: want.version });
  });
});
