// The package as a user gets it: `npm pack` of this checkout, installed into an empty project
// (no .gitignore), where `npx keysprawl scan .` finds a key in the project, does not report
// keysprawl's own installed files (counted as a skip instead), and uses the precompiled rule set
// even though npm rewrote every file time.
//
// The install is offline from the local npm cache (filled by `npm ci` of this checkout), so it
// needs no network: the empty project gets a lockfile naming the tarball and, from this
// checkout's package-lock.json, every package the tarball's dependencies resolve to, so `npm ci
// --offline` needs only the cached tarballs (no registry metadata, which `npm ci` does not cache).
// When npm cannot install (an empty cache), the test is skipped with one line, and with
// KEYSPRAWL_REQUIRE_REAL=1 (.ci/run) it fails instead.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeGithubToken, prng } from '../../src/rules/fake.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { REQUIRE_REAL } from '../helpers/real-component.js';

const npm = (args: string[], cwd: string) =>
  spawnSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });

/** package.json and package-lock.json of a project that depends on the tarball alone, resolved as this checkout resolves it. */
function writeLockedProject(dir: string, tarball: string): void {
  const own = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string; license: string; dependencies: Record<string, string>; bin: Record<string, string>; engines: Record<string, string> };
  const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  const spec = `file:${tarball}`;
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  const packages: Record<string, unknown> = {
    '': { name: 'empty-project', version: '1.0.0', dependencies: { keysprawl: spec } },
    'node_modules/keysprawl': { version: own.version, resolved: spec, integrity, license: own.license, dependencies: own.dependencies, bin: own.bin, engines: own.engines },
  };
  // The runtime packages only: a dev dependency of this checkout is not installed with the package.
  for (const [path, entry] of Object.entries(lock.packages)) if (path.startsWith('node_modules/') && !entry.dev) packages[path] = entry;
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'empty-project', version: '1.0.0', private: true, dependencies: { keysprawl: spec } }, null, 2)}\n`);
  writeFileSync(join(dir, 'package-lock.json'), `${JSON.stringify({ name: 'empty-project', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`);
}

let base: string;
let project: string;
let installed: string | undefined;
let why = '';

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'keysprawl-install-'));
  // dist/ is already built (npm test builds first); --ignore-scripts packs it as it is.
  const pack = npm(['pack', '--ignore-scripts', '--pack-destination', base], REPO_ROOT);
  const tarball = readdirSync(base).find((f) => f.endsWith('.tgz'));
  if (pack.status !== 0 || !tarball) {
    why = `npm pack failed: ${pack.stderr.trim().split('\n')[0]}`;
    return;
  }
  project = join(base, 'project');
  mkdirSync(project);
  writeLockedProject(project, join(base, tarball));
  const install = npm(['ci', '--offline'], project);
  if (install.status !== 0) {
    why = `npm could not install the tarball offline: ${install.stderr.trim().split('\n')[0]}`;
    return;
  }
  installed = join(project, 'node_modules', 'keysprawl');
}, 300_000);

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('npm pack → npm install → npx keysprawl scan .', () => {
  it('installs into an empty project', () => {
    if (!installed && !REQUIRE_REAL) {
      process.stderr.write(`skipped: install test (${why})\n`);
      return;
    }
    expect(why).toBe('');
    expect(existsSync(join(installed!, 'dist', 'rules.json'))).toBe(true);
    expect(existsSync(join(installed!, 'rules'))).toBe(true);
    expect(existsSync(join(installed!, 'examples', 'ci', 'keysprawl-ci.sh'))).toBe(true);
  });

  it('finds the project key, not its own files, and uses the precompiled rules', () => {
    if (!installed) return; // said once above
    const token = fakeGithubToken('ghp_', prng(1401));
    writeFileSync(join(project, 'app.py'), `TOKEN = "${token}"\n`);
    const run = spawnSync('npx', ['--no-install', 'keysprawl', 'scan', '.', '-f', 'json'], { cwd: project, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    expect(run.status, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as { secrets: Array<{ occurrences: Array<{ origin: { path: string } }> }>; stats: { skipped: Record<string, number>; skippedItems: Array<{ path: string; reason: string }> } };
    expect(report.secrets.flatMap((s) => s.occurrences.map((o) => o.origin.path))).toEqual(['app.py']);
    expect(report.stats.skipped['keysprawl-itself']).toBe(1);
    expect(report.stats.skippedItems.find((i) => i.reason === 'keysprawl-itself')?.path).toBe('node_modules/keysprawl');
    expect(run.stdout).not.toContain(token);

    // npm set every file time on install: the rule set is still the precompiled one.
    const fresh = spawnSync(process.execPath, ['--input-type=module', '-e',
      "const m = await import('./node_modules/keysprawl/dist/rules/load.js'); console.log(m.readPrecompiled(m.BUILTIN_RULES_DIR)?.length ?? 'stale');"],
    { cwd: project, encoding: 'utf8' });
    expect(Number(fresh.stdout.trim()), fresh.stderr).toBeGreaterThan(100);
  });
});
