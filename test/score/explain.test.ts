// `keysprawl explain`: run in-process through the real command table, over real temp trees and a
// real JSON report written by the JSON reporter.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type Io } from '../../src/cli/main.js';
import { renderJson } from '../../src/report/json.js';
import { scan } from '../../src/scan.js';
import type { ScanResult } from '../../src/contracts/result.js';
import { makeTree } from '../helpers/tree.js';
import { key, testRules } from './setup.js';

function io(): Io & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = '';
  let e = '';
  stdout.on('data', (b: Buffer) => (o += b.toString()));
  stderr.on('data', (b: Buffer) => (e += b.toString()));
  return { stdout, stderr, stdin: new PassThrough(), env: {}, out: () => o, err: () => e };
}

const admin = key('sk-admin-<<b62:32>>', 31);
const proj = key('sk-proj-<<b62:32>>', 32);
const tree = makeTree({
  '.env': `OPENAI_ADMIN_KEY=${admin}\nOPENAI_API_KEY=${proj}\n`,
  '.mcp.json': JSON.stringify({ mcpServers: { ai: { command: 'ai-mcp', env: { OPENAI_API_KEY: admin } } } }, null, 2),
  '.github/workflows/ci.yml': `jobs:\n  t:\n    env:\n      OPENAI_API_KEY: ${admin}\n`,
});
// explain scans with the built-in packs unless --rules: give it a folder holding our test rules.
const rulesDir = mkdtempSync(join(tmpdir(), 'keysprawl-rules-'));
writeFileSync(join(rulesDir, 'test.yaml'), JSON.stringify(testRules().map(({ file: _f, ...r }) => r)));
afterAll(() => {
  tree.cleanup();
  rmSync(rulesDir, { recursive: true, force: true });
});

async function scanned(): Promise<ScanResult> {
  return scan({ paths: [tree.dir], rules: testRules(), structured: [] });
}

describe('keysprawl explain', () => {
  it('prints every occurrence, the factor table and the remediation of one secret', async () => {
    const result = await scanned();
    const secret = result.secrets.find((s) => s.ruleId === 't-admin-key')!;
    const t = io();
    const code = await main(['explain', secret.id.slice(0, 10), tree.dir, '--rules', rulesDir], t);
    expect(t.err()).toBe('');
    expect(code).toBe(0);
    const out = t.out();
    for (const p of ['.env:1', '.mcp.json:', '.github/workflows/ci.yml:4']) expect(out).toContain(p);
    expect(out).toMatch(/^ {2}\* \.mcp\.json/m); // the most exposed place is marked
    for (const f of secret.factors) expect(out).toMatch(new RegExp(`^  ${f.factor.replace('.', '\\.')}\\s+\\S+\\s+[+-]\\d+`, 'm'));
    expect(out).toContain(`score`);
    expect(out).toContain(`${secret.score}/100, ${secret.severity}`);
    expect(out).toContain('NHI5 Overprivileged NHI');
    expect(out).toContain('Rotate:');
    expect(out).toContain('In CI:');
    expect(out).not.toContain(admin);
    expect(out).not.toContain(proj);
  });

  it('reads a JSON report with --from and prints the same explanation', async () => {
    const result = await scanned();
    const secret = result.secrets.find((s) => s.ruleId === 't-project-key')!;
    const report = join(tree.dir, '..', `${secret.id.slice(0, 8)}-report.json`);
    writeFileSync(report, renderJson(result));
    try {
      const t = io();
      expect(await main(['explain', secret.id, '--from', report], t)).toBe(0);
      expect(t.out()).toContain(`Secret ${secret.id.slice(0, 12)}  t-project-key`);
      expect(t.out()).toContain('.env:2');
      const j = io();
      expect(await main(['explain', secret.id.slice(0, 6), '--from', report, '--json'], j)).toBe(0);
      expect(JSON.parse(j.out())).toMatchObject({ id: secret.id, score: secret.score, factors: secret.factors });
    } finally {
      rmSync(report, { force: true });
    }
  });

  it.each([
    { args: ['explain', 'zz-not-hex'], message: /not a secret id/ },
    { args: ['explain', 'ffffffffffff'], message: /no secret id starts with ffffffffffff/ },
    { args: ['explain', 'abcd', '--from', '/nonexistent/report.json'], message: /report\.json: cannot read report/ },
  ])('exits 2 with one line for $args.1', async ({ args, message }) => {
    const t = io();
    const code = await main([...args, ...(args.includes('--from') ? [] : [tree.dir, '--rules', rulesDir])], t);
    expect(code).toBe(2);
    expect(t.err()).toMatch(message);
    expect(t.err().trim().split('\n')).toHaveLength(1);
  });

  it('names the candidates when a prefix is ambiguous', async () => {
    const result = await scanned();
    const ids = result.secrets.map((s) => s.id);
    const fake = { ...result, secrets: [...result.secrets, { ...result.secrets[0], id: `${ids[0].slice(0, 6)}${'0'.repeat(58)}` }] };
    const report = join(tree.dir, '..', `${ids[0].slice(0, 8)}-ambiguous.json`);
    writeFileSync(report, renderJson(fake));
    try {
      const t = io();
      expect(await main(['explain', ids[0].slice(0, 6), '--from', report], t)).toBe(2);
      expect(t.err()).toMatch(/2 secrets start with/);
    } finally {
      rmSync(report, { force: true });
    }
  });
});
