// `keysprawl verify list`, the verify field of `rules list --json`, and docs/verify.md holding exactly
// the table and counts the code produces.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyCounts, verifyTable } from '../../src/verify/listing.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

describe('verify list', () => {
  it('prints every verifier with its call, rules and access map, and the counts', () => {
    const run = runCli(['verify', 'list']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^github\s+access map\s+GET https:\/\/api\.github\.com\/user/m);
    expect(run.stdout).toMatch(/^groq\s+verdict\s+GET https:\/\/api\.groq\.com\/openai\/v1\/models/m);
    const c = verifyCounts();
    expect(run.stdout).toContain(`${c.verifiers} verifiers for ${c.providers} providers (${c.rules} rules); ${c.accessMaps} providers with an access map`);
  });

  it('--json holds the counts and each verifier', () => {
    const json = JSON.parse(runCli(['verify', 'list', '--json']).stdout) as { providers: number; accessMaps: number; verifiers: Array<{ name: string; accessMap: boolean }> };
    expect(json.providers).toBeGreaterThanOrEqual(30);
    expect(json.accessMaps).toBeGreaterThanOrEqual(10);
    expect(json.verifiers.find((v) => v.name === 'gitlab')?.accessMap).toBe(true);
  });

  it('rules list --json puts each verifiable rule\'s call next to it', () => {
    const rules = JSON.parse(runCli(['rules', 'list', '--json']).stdout) as Array<{ id: string; verify?: { verifier: string; call: string; records: string[] } }>;
    expect(rules.find((r) => r.id === 'gitlab-access-token')?.verify).toMatchObject({
      verifier: 'gitlab', call: expect.stringMatching(/^GET https:\/\/gitlab\.com\/api\/v4\/personal_access_tokens\/self \(private-token: <key>\)/), records: expect.arrayContaining(['scopes', 'expiresAt']),
    });
    expect(rules.find((r) => r.id === 'generic-high-entropy-string')?.verify).toBeUndefined();
  });
});

describe('docs/verify.md', () => {
  const doc = readFileSync(join(REPO_ROOT, 'docs', 'verify.md'), 'utf8');
  it('holds the table verify list --markdown prints', () => {
    expect(doc).toContain(verifyTable());
  });
  it('states the counts the code has', () => {
    const c = verifyCounts();
    expect(doc).toContain(`${c.verifiers} verifiers for ${c.providers} providers, covering ${c.rules} rules; ${c.accessMaps} providers report an access map`);
  });
});
