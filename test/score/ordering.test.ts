// Table-driven blast-radius orderings: each row scans two situations through the real engine and
// asserts which key ranks higher and which factor explains it, not the exact numbers (those are
// the weights table's business and may be tuned).
import { describe, expect, it } from 'vitest';
import { fakeJwt, prng } from '../../src/rules/fake.js';
import { mergeWeights, DEFAULT_WEIGHTS } from '../../src/score/weights.js';
import type { ScanResult } from '../../src/contracts/result.js';
import type { Secret } from '../../src/contracts/scored.js';
import { daysAgo, key, only, points, scanBlobs, scanFiles, type FakeBlob } from './setup.js';

type Setup = { files: Record<string, string> } | { blobs: FakeBlob[] };

interface Row {
  name: string;
  ruleId: string;
  higher: Setup;
  lower: Setup;
  /** The factor whose points differ in favour of `higher`. */
  factor: string;
  /** Optional: severity the lower one must be at most. */
  lowerSeverityAtMost?: Secret['severity'];
}

const proj = key('sk-proj-<<b62:32>>', 11);
const admin = key('sk-admin-<<b62:32>>', 12);
const ro = key('sk-ro-<<b62:32>>', 13);
const akia = `AKIA${key('<<upper:16>>', 14).replace(/[0189]/g, 'Q')}`;
const asia = `ASIA${key('<<upper:16>>', 15).replace(/[0189]/g, 'Q')}`;
const secretKey = key('<<b62:40>>', 16);
const gh = key('<<github:ghp_>>', 17);
const ghx = `ghx_${key('<<b62:36>>', 18)}`;
const generic = key('<<b62:36>>', 19);
const liveJwt = fakeJwt(prng(20), { expIn: 30 * 86400 });
const deadJwt = fakeJwt(prng(21), { expIn: -3600 });

const env = (v: string) => `OPENAI_API_KEY=${v}\n`;
const workflow = (v: string) => `jobs:\n  build:\n    env:\n      OPENAI_API_KEY: ${v}\n`;
const mcp = (v: string) => JSON.stringify({ mcpServers: { ai: { command: 'x', env: { OPENAI_API_KEY: v } } } }, null, 2);

const ROWS: Row[] = [
  {
    name: 'same key in three files beats one file',
    ruleId: 't-project-key',
    higher: { files: { 'a.py': env(proj), 'b.py': env(proj), 'c.py': env(proj) } },
    lower: { files: { 'a.py': env(proj) } },
    factor: 'spread.files',
  },
  {
    name: 'three kinds of content beat three files of one kind',
    ruleId: 't-project-key',
    higher: { files: { 'app/.env': env(proj), 'src/app.py': env(proj), 'docs/setup.txt': env(proj) } },
    lower: { files: { 'a.py': env(proj), 'b.py': env(proj), 'c.py': env(proj) } },
    factor: 'spread.kinds',
  },
  {
    name: 'admin key beats project key',
    ruleId: '*',
    higher: { files: { '.env': env(admin) } },
    lower: { files: { '.env': env(proj) } },
    factor: 'privilege',
  },
  {
    name: 'project key beats read-only key',
    ruleId: '*',
    higher: { files: { '.env': env(proj) } },
    lower: { files: { '.env': env(ro) } },
    factor: 'privilege',
  },
  {
    name: 'live JWT beats expired JWT',
    ruleId: 't-jwt',
    higher: { files: { '.env': `TOKEN=${liveJwt}\n` } },
    lower: { files: { '.env': `TOKEN=${deadJwt}\n` } },
    factor: 'lifetime',
    lowerSeverityAtMost: 'low',
  },
  {
    name: 'AKIA (long-lived IAM user key) beats ASIA (temporary STS)',
    ruleId: 'aws-access-key-id',
    higher: { files: { 'deploy.sh': `export AWS_ACCESS_KEY_ID=${akia}\n` } },
    lower: { files: { 'deploy.sh': `export AWS_ACCESS_KEY_ID=${asia}\n` } },
    factor: 'lifetime',
  },
  {
    name: 'a secret key paired with AKIA beats one paired with ASIA',
    ruleId: 'aws-secret-access-key',
    higher: { files: { 'creds.ini': `aws_access_key_id = ${akia}\naws_secret_access_key = ${secretKey}\n` } },
    lower: { files: { 'creds.ini': `aws_access_key_id = ${asia}\naws_secret_access_key = ${secretKey}\n` } },
    factor: 'lifetime',
  },
  {
    name: 'still at HEAD beats history only',
    ruleId: 't-project-key',
    higher: { blobs: [{ path: 'a.py', text: env(proj), origin: { commit: 'a'.repeat(40), presentAtHead: true } }] },
    lower: { blobs: [{ path: 'a.py', text: env(proj), origin: { commit: 'a'.repeat(40), presentAtHead: false } }] },
    factor: 'exposure.history-only',
  },
  {
    name: 'CI config beats a test fixture',
    ruleId: 't-project-key',
    higher: { files: { '.github/workflows/ci.yml': workflow(proj) } },
    lower: { files: { 'test/fixtures/keys.py': env(proj) } },
    factor: 'exposure',
  },
  {
    name: 'MCP agent config beats plain code',
    ruleId: 't-project-key',
    higher: { files: { '.mcp.json': mcp(proj) } },
    lower: { files: { 'src/client.py': env(proj) } },
    factor: 'exposure',
  },
  {
    name: 'introduced a year ago beats introduced last week',
    ruleId: 't-project-key',
    higher: { blobs: [{ path: 'a.py', text: env(proj), origin: { commit: 'b'.repeat(40), date: daysAgo(400) } }] },
    lower: { blobs: [{ path: 'a.py', text: env(proj), origin: { commit: 'b'.repeat(40), date: daysAgo(5) } }] },
    factor: 'persistence',
  },
  {
    name: 'in two repositories beats one',
    ruleId: 't-project-key',
    higher: { blobs: [{ path: 'a.py', text: env(proj), origin: { repo: 'org/one' } }, { path: 'a.py', text: env(proj), origin: { repo: 'org/two' } }] },
    lower: { blobs: [{ path: 'a.py', text: env(proj), origin: { repo: 'org/one' } }, { path: 'b.py', text: env(proj), origin: { repo: 'org/one' } }] },
    factor: 'spread.repos',
  },
  {
    name: 'checksum-valid token beats prefix-only token',
    ruleId: '*',
    higher: { files: { 'a.py': `TOKEN = "${gh}"\n` } },
    lower: { files: { 'a.py': `TOKEN = "${ghx}"\n` } },
    factor: 'confidence',
  },
  {
    name: 'prefix-only token beats a generic entropy match',
    ruleId: '*',
    higher: { files: { 'a.py': `x = "${ghx}"\n` } },
    lower: { files: { 'a.py': `token = "${generic}"\n` } },
    factor: 'confidence',
  },
  {
    name: 'secret key with its key id beats the secret key alone',
    ruleId: 'aws-secret-access-key',
    higher: { files: { 'creds.ini': `aws_access_key_id = ${akia}\naws_secret_access_key = ${secretKey}\n` } },
    lower: { files: { 'creds.ini': `aws_secret_access_key = ${secretKey}\n` } },
    factor: 'paired',
  },
];

async function run(setup: Setup): Promise<ScanResult> {
  return 'files' in setup ? scanFiles(setup.files) : scanBlobs(setup.blobs);
}

function pick(result: ScanResult, ruleId: string): Secret {
  if (ruleId !== '*') return only(result, ruleId);
  expect(result.secrets).toHaveLength(1);
  return result.secrets[0];
}

const SEVERITY_ORDER = ['low', 'medium', 'high', 'critical'];

describe('blast-radius ordering', () => {
  it.each(ROWS)('$name (explained by $factor)', async (row) => {
    const hi = pick(await run(row.higher), row.ruleId);
    const lo = pick(await run(row.lower), row.ruleId);
    expect(hi.score).toBeGreaterThan(lo.score);
    expect(points(hi, row.factor)).toBeGreaterThan(points(lo, row.factor));
    if (row.lowerSeverityAtMost) {
      expect(SEVERITY_ORDER.indexOf(lo.severity)).toBeLessThanOrEqual(SEVERITY_ORDER.indexOf(row.lowerSeverityAtMost));
    }
  });

  it('the factor list explains the whole score: points sum (clamped to 0–100) to the score', async () => {
    const result = await scanFiles({ '.env': env(admin), '.mcp.json': mcp(admin), 'a.py': env(proj), 'b.txt': `token = "${generic}"\n` });
    expect(result.secrets.length).toBe(3);
    for (const s of result.secrets) {
      const sum = s.factors.reduce((a, f) => a + f.points, 0);
      expect(s.score).toBe(Math.max(0, Math.min(100, sum)));
      for (const f of s.factors) expect(f.reason.length).toBeGreaterThan(0);
    }
  });

  it('lists a shared key above single keys, most damaging first', async () => {
    const result = await scanFiles({
      '.env': env(admin) + `GITHUB_TOKEN=${gh}\n`,
      '.mcp.json': mcp(admin),
      'notebooks/setup.txt': env(admin),
      'src/client.py': env(ro),
    });
    expect(result.secrets.map((s) => s.ruleId)).toEqual(['t-admin-key', 'github-pat', 't-readonly-key']);
    const scores = result.secrets.map((s) => s.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(result.secrets[0].severity).toBe('critical');
  });

  it('weights from config change the ranking (a test fixture weighted above CI)', async () => {
    const weights = mergeWeights(DEFAULT_WEIGHTS, { exposure: { test: 40 } });
    const ci = only(await scanFiles({ '.github/workflows/ci.yml': workflow(proj) }, { weights }), 't-project-key');
    const fixture = only(await scanFiles({ 'test/fixtures/keys.py': env(proj) }, { weights }), 't-project-key');
    expect(fixture.score).toBeGreaterThan(ci.score);
    expect(points(fixture, 'exposure')).toBe(40);
  });
});
