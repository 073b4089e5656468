// A path named on the command line that cannot be read is a usage error (exit 2, one line naming
// it), never "No secrets found." with exit 0. Run as an unprivileged user: root reads any file.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

function scanAsNobody(...paths: string[]): { code: number; stdout: string; stderr: string } {
  const res = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, join(REPO_ROOT, 'bin', 'keysprawl.js'), 'scan', ...paths, '--format', 'json'], {
    encoding: 'utf8', env: { ...process.env, CI: 'true' },
  });
  return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}

describe('a path named on the command line', () => {
  it('that does not exist is exit 2 with one line', () => {
    const r = runCli(['scan', 'no/such/file.env']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining('no/such/file.env: no such file or directory')]);
  });

  it.runIf(process.getuid?.() === 0)('that cannot be read (file or folder) is exit 2 with one line, as an unprivileged user', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keysprawl-named-'));
    try {
      writeFileSync(join(dir, 'ok.txt'), 'nothing here\n');
      writeFileSync(join(dir, 'locked.env'), 'GITHUB_TOKEN=unreadable\n');
      mkdirSync(join(dir, 'locked-dir'));
      chmodSync(dir, 0o755);
      chmodSync(join(dir, 'ok.txt'), 0o644);
      for (const [name, shown] of [['locked.env', 'locked.env'], ['locked-dir', 'locked-dir']]) {
        const target = join(dir, name);
        chmodSync(target, 0o755);
        const run = scanAsNobody(join(dir, 'ok.txt'), target);
        chmodSync(target, 0o000);
        const locked = scanAsNobody(join(dir, 'ok.txt'), target);
        chmodSync(target, 0o755);
        expect(run.code, run.stderr).toBe(0);
        expect(locked.code, locked.stderr).toBe(2);
        expect(locked.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`${shown}: permission denied$`))]);
        expect(locked.stdout).toBe('');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
