// Shared pieces of the hostile-input suite: a temp dir per case, a known key to prove the rest
// of the tree is still scanned, and a CLI runner with a capped heap, so "memory stays bounded"
// is checked by the process surviving rather than by a timing or RSS reading.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { secretId } from '../../src/redaction/secret-id.js';
import { fakeGithubToken, prng } from '../../src/rules/fake.js';
import type { ScanResult } from '../../src/contracts/result.js';
import { REPO_ROOT } from '../helpers/cli.js';

/** Heavy cases run in CI (CI=true) or with KEYSPRAWL_HEAVY=1; locally they are skipped. */
export const HEAVY = !!(process.env.CI || process.env.KEYSPRAWL_HEAVY);

export interface Dir {
  dir: string;
  write(rel: string, content: string | Buffer): string;
  cleanup(): void;
}

export function tempDir(): Dir {
  const dir = mkdtempSync(join(tmpdir(), 'keysprawl-hostile-'));
  return {
    dir,
    write(rel, content) {
      const abs = join(dir, rel);
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, content);
      return abs;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A checksum-valid fake GitHub token: found with high confidence wherever it is. */
export function knownKey(seed: number): string {
  return fakeGithubToken('ghp_', prng(seed));
}

export function found(result: ScanResult, raw: string): boolean {
  return result.secrets.some((s) => s.id === secretId(raw));
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The built CLI in a child process with its heap capped at `heapMb` (default 512 MB). */
/** A child still running after this long has hung (generous: only a stall reaches it). */
export const HANG_MS = 300_000;

export function runCapped(args: string[], opts: { cwd?: string; heapMb?: number; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<Run> {
  const heap = opts.heapMb ?? 512;
  return new Promise((resolve) => {
    execFile(process.execPath, [`--max-old-space-size=${heap}`, join(REPO_ROOT, 'bin', 'keysprawl.js'), ...args], {
      cwd: opts.cwd ?? REPO_ROOT,
      env: { ...process.env, CI: 'true', FORCE_COLOR: '0', ...opts.env },
      maxBuffer: 256 * 1024 * 1024,
      // Hang protection only: a run killed after this long fails its test (exit -1).
      timeout: opts.timeoutMs ?? HANG_MS,
    }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export interface JsonReport {
  secrets: Array<{ id: string; ruleId: string; occurrences: Array<{ origin: { path: string }; line: number; column: number; snippet: string }> }>;
  stats: ScanResult['stats'];
}

export function parseReport(run: Run): JsonReport {
  try {
    return JSON.parse(run.stdout) as JsonReport;
  } catch {
    throw new Error(`not a JSON report (exit ${run.code}): ${run.stderr.slice(0, 2000)}`);
  }
}

/** Every skip and warning line that names `path`. */
export function linesNaming(stats: ScanResult['stats'], path: string): string[] {
  return [...stats.skippedItems.map((s) => s.message), ...stats.warnings].filter((l) => l.includes(path));
}

/** No stack trace, no "internal error" on stderr. */
export function noCrash(run: Run): void {
  if (/internal error|\n\s+at .+:\d+:\d+|RangeError|TypeError/.test(run.stderr)) {
    throw new Error(`crash output on stderr:\n${run.stderr.slice(0, 3000)}`);
  }
}

/** Neither stdout nor stderr holds `raw` (the full secret value). */
export function noLeak(run: Run, raw: string): void {
  if (run.stdout.includes(raw) || run.stderr.includes(raw)) throw new Error('the raw secret value is in the output');
}
