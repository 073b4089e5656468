// Shared fixtures for the blast-radius tests: a fixed rule set (so scores do not move when the
// shipped packs change) and helpers that run the real engine over temp trees or git-like blobs.
import { expandFakes } from '../../src/rules/fake.js';
import { parseRuleList } from '../../src/rules/load.js';
import { must } from '../../src/problems/problem.js';
import { scan, type ScanOptions } from '../../src/scan.js';
import type { Blob, Origin } from '../../src/contracts/blob.js';
import type { ScanResult } from '../../src/contracts/result.js';
import type { Rule } from '../../src/contracts/rule.js';
import type { Secret } from '../../src/contracts/scored.js';
import { makeTree } from '../helpers/tree.js';

const YAML = `
- id: t-admin-key
  name: Admin key
  provider: openai
  category: llm
  keywords: [sk-admin-]
  regex: '\\b(sk-admin-[A-Za-z0-9]{32})\\b'
  secretGroup: 1
  privilege: admin
  scope: org
  remediation: Admin keys manage the whole organisation.
  examples: { positive: ['sk-admin-<<b62:32>>'], negative: ['sk-admin-x'] }
- id: t-project-key
  name: Project key
  provider: openai
  category: llm
  keywords: [sk-proj-]
  regex: '\\b(sk-proj-[A-Za-z0-9]{32})\\b'
  secretGroup: 1
  privilege: write
  scope: project
  remediation: Use a project key.
  examples: { positive: ['sk-proj-<<b62:32>>'], negative: ['sk-proj-x'] }
- id: t-readonly-key
  name: Read-only key
  provider: openai
  category: llm
  keywords: [sk-ro-]
  regex: '\\b(sk-ro-[A-Za-z0-9]{32})\\b'
  secretGroup: 1
  privilege: read
  scope: resource
  remediation: Read-only.
  examples: { positive: ['sk-ro-<<b62:32>>'], negative: ['sk-ro-x'] }
- id: t-jwt
  name: JSON web token
  provider: jwt
  category: generic
  confidence: medium
  keywords: [eyj]
  regex: '\\b(eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)'
  secretGroup: 1
  validate: jwt
  lifetime: derived
  remediation: Use short-lived tokens.
  examples: { positive: ['<<jwt>>'], negative: ['eyJ.eyJ.x'] }
- id: aws-access-key-id
  name: AWS access key id
  provider: aws
  category: cloud
  keywords: [akia, asia]
  regex: '\\b((?:AKIA|ASIA)[A-Z2-7]{16})\\b'
  secretGroup: 1
  validate: aws-key-id
  lifetime: derived
  remediation: Use a role.
  examples: { positive: ['AKIA<<b32:16>>'], negative: ['AKIA'] }
- id: aws-secret-access-key
  name: AWS secret access key
  provider: aws
  category: cloud
  keywords: [aws_secret_access_key]
  regex: 'aws_secret_access_key\\s*[=:]\\s*"?([A-Za-z0-9/+]{40})'
  flags: i
  secretGroup: 1
  privilege: admin
  scope: account
  remediation: Use a role.
  examples: { positive: ['aws_secret_access_key = <<b62:40>>'], negative: ['aws_secret_access_key = x'] }
- id: gcp-service-account-key
  name: GCP service-account key
  provider: gcp
  category: cloud
  keywords: [service_account]
  regex: '"private_key":\\s*"(-----BEGIN PRIVATE KEY-----[A-Za-z0-9+/=]{40,})'
  secretGroup: 1
  privilege: write
  scope: project
  remediation: Use Workload Identity Federation.
  examples: { positive: ['"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----<<b64:64>>"'], negative: ['"private_key": "x"'] }
- id: github-pat
  name: GitHub PAT
  provider: github
  category: scm
  keywords: [ghp_]
  regex: '\\b(ghp_[A-Za-z0-9]{36})\\b'
  secretGroup: 1
  validate: github-crc32
  privilege: write
  scope: account
  remediation: Use a GitHub App.
  examples: { positive: ['<<github:ghp_>>'], negative: ['ghp_x'] }
- id: t-prefix-token
  name: Prefix-only token
  provider: github
  category: scm
  keywords: [ghx_]
  regex: '\\b(ghx_[A-Za-z0-9]{36})\\b'
  secretGroup: 1
  privilege: write
  scope: account
  remediation: Use a GitHub App.
  examples: { positive: ['ghx_<<b62:36>>'], negative: ['ghx_x'] }
- id: t-generic-token
  name: Generic token
  provider: generic
  category: generic
  keywords: [token]
  regex: 'token\\s*=\\s*"([A-Za-z0-9]{36,40})"'
  secretGroup: 1
  privilege: write
  scope: account
  remediation: Move it to a secrets manager.
  examples: { positive: ['token = "<<b62:36>>"'], negative: ['token = "x"'] }
- id: azure-client-secret
  name: Azure client secret
  provider: azure
  category: cloud
  keywords: [client_secret]
  regex: 'client_secret\\s*=\\s*"?([A-Za-z0-9~._-]{34,40})'
  flags: i
  secretGroup: 1
  privilege: write
  scope: account
  remediation: Use a managed identity.
  examples: { positive: ['AZURE_CLIENT_SECRET=<<b62:36>>'], negative: ['client_secret=x'] }
- id: postgres-uri
  name: PostgreSQL connection URI
  provider: postgres
  category: database
  keywords: [postgres]
  regex: 'postgres(?:ql)?://[A-Za-z0-9_]+:([^@\\s/]{12,})@'
  secretGroup: 1
  privilege: write
  scope: resource
  remediation: Use IAM database authentication.
  examples: { positive: ['postgres://app:<<b62:20>>@db:5432/x'], negative: ['postgres://localhost/x'] }
- id: db-password
  name: Database password
  provider: postgres
  category: database
  keywords: [db_password]
  regex: 'DB_PASSWORD\\s*=\\s*"?([A-Za-z0-9]{16,})'
  secretGroup: 1
  privilege: write
  scope: resource
  remediation: Use dynamic credentials.
  examples: { positive: ['DB_PASSWORD=<<b62:20>>'], negative: ['DB_PASSWORD=x'] }
`;

let cached: Rule[] | undefined;
export function testRules(): Rule[] {
  if (cached) return cached;
  cached = must(parseRuleList(YAML, 'test/score/setup.ts'));
  return cached;
}

/** Scan a temp tree of `files` (fake-token templates already expanded by the caller). */
export async function scanFiles(files: Record<string, string>, opts: ScanOptions = {}): Promise<ScanResult> {
  const tree = makeTree(files);
  try {
    return await scan({ paths: [tree.dir], rules: testRules(), structured: [], ...opts });
  } finally {
    tree.cleanup();
  }
}

export interface FakeBlob {
  path: string;
  text: string;
  origin?: Partial<Origin>;
}

/** Scan blobs with git-like origins (commit, date, presentAtHead, repo) through the real engine. */
export async function scanBlobs(blobs: FakeBlob[], opts: ScanOptions = {}): Promise<ScanResult> {
  async function* source(): AsyncGenerator<Blob> {
    for (const b of blobs) yield { origin: { kind: 'git', path: b.path, ...b.origin }, bytes: Buffer.from(b.text) };
  }
  return scan({ rules: testRules(), structured: [], source: { root: '/repo', blobs: () => source() }, ...opts });
}

/** A fake key for a template, e.g. key('sk-admin-<<b62:32>>', 3). Same seed, same key. */
export function key(template: string, seed = 1): string {
  return expandFakes(template, seed);
}

export function only(result: ScanResult, ruleId: string): Secret {
  const found = result.secrets.filter((s) => s.ruleId === ruleId);
  if (found.length !== 1) throw new Error(`expected one ${ruleId} secret, got ${found.length}: ${result.secrets.map((s) => s.ruleId).join(', ')}`);
  return found[0];
}

export function points(secret: Secret, factor: string): number {
  return secret.factors.filter((f) => f.factor === factor).reduce((a, f) => a + f.points, 0);
}

export const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
