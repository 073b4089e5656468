// What replaces each key, per provider and place, and the OWASP NHI tags, from real scans.
import { describe, expect, it } from 'vitest';
import { fakeJwt, prng } from '../../src/rules/fake.js';
import { key, only, scanFiles } from './setup.js';

const akia = `AKIA${key('<<upper:16>>', 51).replace(/[0189]/g, 'Z')}`;
const secretKey = key('<<b62:40>>', 52);
const gh = key('<<github:ghp_>>', 53);
const proj = key('sk-proj-<<b62:32>>', 54);
const admin = key('sk-admin-<<b62:32>>', 55);
const saKey = `-----BEGIN PRIVATE KEY-----${key('<<b64:64>>', 56)}`;
const awsPair = `aws_access_key_id: ${akia}\naws_secret_access_key: ${secretKey}\n`;
const mcp = (env: Record<string, string>) => JSON.stringify({ mcpServers: { tool: { command: 'tool', env } } }, null, 2);

interface Row {
  name: string;
  files: Record<string, string>;
  ruleId: string;
  says: RegExp[];
}

const ROWS: Row[] = [
  {
    name: 'AWS keys in GitHub Actions → OIDC role-to-assume',
    files: { '.github/workflows/deploy.yml': `jobs:\n  d:\n    env:\n      ${awsPair.replace('\n', '\n      ')}` },
    ruleId: 'aws-secret-access-key',
    says: [/In CI: .*role-to-assume/, /id-token: write/, /Rotate: IAM console/],
  },
  {
    name: 'GCP service-account key → Workload Identity Federation',
    files: { 'deploy/sa.json': JSON.stringify({ type: 'service_account', private_key: saKey }, null, 2) },
    ruleId: 'gcp-service-account-key',
    says: [/Workload Identity Federation/, /Rotate: .*keys delete/],
  },
  {
    name: 'OpenAI key in an MCP config → per-project key from a secrets manager, no admin keys for agents',
    files: { '.mcp.json': mcp({ OPENAI_API_KEY: proj }) },
    ruleId: 't-project-key',
    says: [/In an agent.*per-project .*secrets manager or a credential broker/, /admin keys are never handed to agents/, /Rotate: platform\.openai\.com/],
  },
  {
    name: 'GitHub PAT in an MCP config → GitHub App installation token',
    files: { '.vscode/mcp.json': mcp({ GITHUB_PERSONAL_ACCESS_TOKEN: gh }) },
    ruleId: 'github-pat',
    says: [/GitHub App installation token/, /Rotate: Settings → Developer settings/],
  },
  {
    name: 'a key only in a test fixture → a fake value, still rotated',
    files: { 'test/fixtures/client.py': `KEY = "${proj}"\n` },
    ruleId: 't-project-key',
    says: [/fake value generated at test time/, /Rotate:/],
  },
  {
    name: 'a key shared by several files → one credential per workload',
    files: { 'a.py': `K = "${proj}"\n`, 'b.py': `K = "${proj}"\n` },
    ruleId: 't-project-key',
    says: [/One key in 2 files: issue one credential per workload/],
  },
];

describe('remediation', () => {
  it.each(ROWS)('$name', async ({ files, ruleId, says }) => {
    const s = only(await scanFiles(files), ruleId);
    for (const re of says) expect(s.remediation).toMatch(re);
    // The rule's own advice comes first.
    expect(s.remediation.split('\n')[0].length).toBeGreaterThan(0);
  });

  it('gives a GitHub PAT in CI the workflow token, not the agent advice', async () => {
    const s = only(await scanFiles({ '.github/workflows/x.yml': `env:\n  GH: ${gh}\n` }), 'github-pat');
    expect(s.remediation).toMatch(/In CI: the workflow's own `GITHUB_TOKEN`/);
    expect(s.remediation).not.toMatch(/In an agent/);
  });
});

describe('OWASP NHI Top 10 tags', () => {
  const live = fakeJwt(prng(57), { expIn: 86400 * 30 });
  const dead = fakeJwt(prng(58), { expIn: -60 });
  const rows: { name: string; files: Record<string, string>; ruleId: string; has: string[]; not: string[] }[] = [
    { name: 'every literal secret is leakage (NHI2)', files: { 'a.py': `K = "${proj}"\n` }, ruleId: 't-project-key', has: ['NHI2', 'NHI7'], not: ['NHI5', 'NHI9'] },
    { name: 'an admin/org key is overprivileged (NHI5)', files: { '.env': `K=${admin}\n` }, ruleId: 't-admin-key', has: ['NHI5'], not: [] },
    { name: 'static cloud keys in CI (NHI6)', files: { '.github/workflows/ci.yml': `env:\n  ${awsPair.replace('\n', '\n  ')}` }, ruleId: 'aws-secret-access-key', has: ['NHI6', 'NHI7'], not: [] },
    { name: 'the same key in test and prod contexts (NHI8)', files: { 'test/x.py': `K = "${proj}"\n`, '.env': `K=${proj}\n` }, ruleId: 't-project-key', has: ['NHI8', 'NHI9'], not: [] },
    { name: 'a JWT valid for 30 days is a long-lived secret (NHI7)', files: { '.env': `T=${live}\n` }, ruleId: 't-jwt', has: ['NHI2', 'NHI7'], not: [] },
    { name: 'an expired JWT is not a long-lived secret', files: { '.env': `T=${dead}\n` }, ruleId: 't-jwt', has: ['NHI2'], not: ['NHI7'] },
  ];
  it.each(rows)('$name', async ({ files, ruleId, has, not }) => {
    const s = only(await scanFiles(files), ruleId);
    for (const t of has) expect(s.nhi).toContain(t);
    for (const t of not) expect(s.nhi).not.toContain(t);
  });
});
