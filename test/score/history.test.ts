// Blast radius over real git history: a key removed from HEAD still scores (it needs rotation),
// a little lower than one still there, and `explain --history` finds it as `scan --history` did.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type Io } from '../../src/cli/main.js';
import type { Secret } from '../../src/contracts/scored.js';
import { Repo } from '../git/git-fixture.js';
import { key, points, testRules } from './setup.js';

function io(): Io & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = '';
  let e = '';
  stdout.on('data', (b: Buffer) => (o += b.toString()));
  stderr.on('data', (b: Buffer) => (e += b.toString()));
  return { stdout, stderr, stdin: new PassThrough(), env: {}, out: () => o, err: () => e };
}

const removed = key('sk-proj-<<b62:32>>', 71);
const kept = key('sk-proj-<<b62:32>>', 72);
const repo = new Repo();
repo.commit({ 'src/old.py': `KEY = "${removed}"\n`, 'src/live.py': `KEY = "${kept}"\n` }, 'add clients');
repo.commit({ 'src/old.py': null }, 'remove old client');
const rulesDir = mkdtempSync(join(tmpdir(), 'keysprawl-rules-'));
writeFileSync(join(rulesDir, 'test.yaml'), JSON.stringify(testRules().map(({ file: _f, ...r }) => r)));
afterAll(() => {
  repo.cleanup();
  rmSync(rulesDir, { recursive: true, force: true });
});

const common = ['--rules', rulesDir, '--no-config'];

async function historyScan(): Promise<Secret[]> {
  const t = io();
  expect(await main(['scan', repo.dir, '--history', '-f', 'json', ...common], t)).toBe(1);
  return JSON.parse(t.out()).secrets as Secret[];
}

describe('blast radius over git history', () => {
  it('ranks a key still at HEAD above the same kind of key removed from HEAD, explained by history-only', async () => {
    const secrets = await historyScan();
    const gone = secrets.find((s) => s.redacted === `${removed.slice(0, 4)}…${removed.slice(-2)}`)!;
    const live = secrets.find((s) => s.redacted === `${kept.slice(0, 4)}…${kept.slice(-2)}`)!;
    expect(live.score).toBeGreaterThan(gone.score);
    expect(points(gone, 'exposure.history-only')).toBeLessThan(0);
    expect(points(live, 'exposure.history-only')).toBe(0);
    // Both were introduced by the same (2024) commit: persistence counts its age for both.
    expect(points(gone, 'persistence')).toBeGreaterThan(0);
    expect(points(gone, 'persistence')).toBe(points(live, 'persistence'));
    expect(gone.remediation).toMatch(/gone from HEAD but still in git history: rotate it/);
  });

  it('explain --history finds the removed key and says it is not at HEAD', async () => {
    const secrets = await historyScan();
    const gone = secrets.find((s) => s.factors.some((f) => f.factor === 'exposure.history-only'))!;
    const t = io();
    expect(await main(['explain', gone.id.slice(0, 8), repo.dir, '--history', ...common], t)).toBe(0);
    expect(t.out()).toMatch(/src\/old\.py:1:\d+\s+code, commit [0-9a-f]{7}, 2024-01-01, not at HEAD/);
    expect(t.out()).toMatch(/exposure\.history-only\s+true\s+-\d+/);
    expect(t.out()).toMatch(/persistence\s+\d+\s+\+\d+\s+first committed \d+ day\(s\) ago/);
  });
});
