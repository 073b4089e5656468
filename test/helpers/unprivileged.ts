// Runs the built CLI as an unprivileged user (nobody), for tests that need permission errors
// while the suite itself runs as root (root reads every file regardless of its mode).
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '..', '..');

function openUp(dir: string): void {
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p, { throwIfNoEntry: false });
    if (st?.isDirectory()) openUp(p);
    else if (st && (st.mode & 0o777) !== 0) chmodSync(p, 0o644);
  }
}

export function unprivilegedScan(dir: string, args: string[] = ['--format', 'json']): { code: number; stdout: string; stderr: string } {
  openUp(dir);
  const res = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, join(REPO, 'bin', 'keysprawl.js'), 'scan', dir, '--quiet', ...args], {
    encoding: 'utf8',
  });
  return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}
