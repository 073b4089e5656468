// `keysprawl rules list` and `keysprawl rules test [FILE]` on the built CLI: a real process, its
// output and exit code, with rule files written to a temp dir. Rule examples are fake-token
// templates the CLI expands itself, so no key-shaped literal is stored here.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'keysprawl-rules-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One custom rule in the rules/*.yaml schema; `positive` and `negative` are example templates. */
function ruleYaml(id: string, positive: string, negative: string, indent = ''): string {
  return [
    `- id: ${id}`,
    '  name: Acme deploy token',
    '  provider: acme',
    '  category: ci',
    '  keywords: [acmedt_]',
    "  regex: '\\b(acmedt_[A-Za-z0-9]{32})\\b'",
    '  secretGroup: 1',
    '  remediation: Revoke it in the Acme console and deploy with the CI OIDC token instead of a stored key.',
    '  references: [https://example.com/acme/tokens]',
    '  examples:',
    `    positive: ['${positive}']`,
    `    negative: ['${negative}']`,
  ].map((l) => indent + l).join('\n');
}

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, `${text}\n`);
  return path;
}

describe('keysprawl rules list', () => {
  const res = runCli(['rules', 'list']);
  const lines = res.stdout.trimEnd().split('\n');

  it('prints every category with a count that matches the rules listed under it', () => {
    expect(res.code).toBe(0);
    const counts = new Map<string, { said: number; listed: number }>();
    let current: { said: number; listed: number } | undefined;
    for (const line of lines.slice(0, -1)) {
      const header = /^([a-z-]+) \((\d+)\)$/.exec(line);
      if (header) counts.set(header[1], (current = { said: Number(header[2]), listed: 0 }));
      else if (current && /^ {2}[a-z0-9][a-z0-9./-]* +\S+ +examples \d+\+\/\d+-/.test(line)) current.listed++;
      else throw new Error(`unexpected line: ${line}`);
    }
    for (const cat of ['llm', 'agent-platform', 'vector-db', 'cloud', 'scm', 'ci', 'payments', 'messaging', 'database', 'observability', 'saas', 'generic', 'posture']) {
      expect(counts.get(cat), cat).toBeDefined();
    }
    for (const [cat, c] of counts) expect(c.listed, cat).toBe(c.said);
  });

  it('ends with totals: at least 150 pattern rules and 50 model, AI-tooling, agent or vector-db providers', () => {
    const m = /^(\d+) rules \((\d+) pattern rules, (\d+) structured\), (\d+) providers \((\d+) of them model, AI-tooling, agent-platform or vector-db providers\), (\d+) categories$/.exec(lines.at(-1)!);
    expect(m, lines.at(-1)).not.toBeNull();
    const [, total, pattern, structured, , ai] = m!.map(Number);
    expect(total).toBe(pattern + structured);
    expect(pattern).toBeGreaterThanOrEqual(150);
    expect(ai).toBeGreaterThanOrEqual(50);
    expect(lines.filter((l) => l.startsWith('  ')).length).toBe(total);
  });

  it('marks checksum and structure validators', () => {
    expect(res.stdout).toMatch(/^ {2}github-classic-pat +github +examples \d+\+\/\d+- validate=github-crc32$/m);
    expect(res.stdout).toMatch(/^ {2}pypi-api-token +pypi +examples \d+\+\/\d+- validate=pypi-macaroon$/m);
    expect(res.stdout).toMatch(/^ {2}grafana-service-account-token +grafana +examples \d+\+\/\d+- validate=grafana-crc32$/m);
  });

  it('prints JSON with unique ids, and the prefilter keywords one per line', () => {
    const json = runCli(['rules', 'list', '--json']);
    expect(json.code).toBe(0);
    const rules = JSON.parse(json.stdout) as { id: string; category: string }[];
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    expect(rules.length).toBe(Number(/^(\d+) rules/.exec(lines.at(-1)!)![1]));
    const kw = runCli(['rules', 'list', '--keywords']);
    expect(kw.code).toBe(0);
    const words = kw.stdout.trimEnd().split('\n');
    expect(words).toEqual([...words].sort());
    expect(words).toEqual(expect.arrayContaining(['sk-proj-', 'jina_', 'bce-v3/altak-']));
  });

  it('lists a --rules folder alone, without the built-in packs or structured rules', () => {
    const packs = mkdtempSync(join(dir, 'packs-'));
    writeFileSync(join(packs, 'acme.yaml'), `${ruleYaml('acme-deploy-token', 'ACME_TOKEN=acmedt_<<b62:32>>', 'ACME_TOKEN=acmedt_short')}\n`);
    const res2 = runCli(['rules', 'list', '--rules', packs]);
    expect(res2.code).toBe(0);
    const out = res2.stdout.trimEnd().split('\n');
    expect(out).toHaveLength(3);
    expect(out[0]).toBe('ci (1)');
    expect(out[1]).toMatch(/^ {2}acme-deploy-token +acme +examples 1\+\/1-$/);
    expect(res2.stdout).toMatch(/^1 rules \(1 pattern rules, 0 structured\), 1 providers \(0 of them/m);
  });
});

describe('keysprawl rules test', () => {
  it('runs every built-in rule\'s examples and passes', () => {
    const res = runCli(['rules', 'test']);
    expect(res.code).toBe(0);
    const summary = /^(\d+) passed, 0 failed \((\d+) rules, (\d+) examples\)$/m.exec(res.stdout);
    expect(summary, res.stdout.split('\n').filter((l) => l.startsWith('FAIL')).join('\n')).not.toBeNull();
    expect(Number(summary![2])).toBeGreaterThanOrEqual(150);
  });

  it('passes a custom rule file whose examples hold', () => {
    const file = write('good.yaml', ruleYaml('acme-deploy-token', 'ACME_TOKEN=acmedt_<<b62:32>>', 'ACME_TOKEN=acmedt_short'));
    const res = runCli(['rules', 'test', file]);
    expect(res.stderr).toBe('');
    expect(res.stdout).toBe('ok   acme-deploy-token (2 examples)\n1 passed, 0 failed (1 rules, 2 examples)\n');
    expect(res.code).toBe(0);
  });

  it('takes the rules list of a .keysprawl.yaml config file', () => {
    const file = write('.keysprawl.yaml', `version: 1\nrules:\n${ruleYaml('acme-deploy-token', 'ACME_TOKEN=acmedt_<<b62:32>>', 'ACME_TOKEN=acmedt_short', '  ')}`);
    const res = runCli(['rules', 'test', file]);
    expect(res.stdout).toContain('ok   acme-deploy-token (2 examples)');
    expect(res.code).toBe(0);
  });

  it('exits 1 and names the rule and example when a positive misses or a negative matches', () => {
    const file = write('failing.yaml', [
      ruleYaml('acme-deploy-token', 'ACME_TOKEN=acmedt_<<b62:20>>', 'ACME_TOKEN=acmedt_short'),
      ruleYaml('acme-deploy-token-2', 'ACME_TOKEN=acmedt_<<b62:32>>', 'ACME_TOKEN=acmedt_<<b62:32>>'),
    ].join('\n'));
    const res = runCli(['rules', 'test', file]);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('FAIL acme-deploy-token: examples.positive[0]: did not match');
    expect(res.stdout).toContain('FAIL acme-deploy-token-2: examples.negative[0]: matched');
    expect(res.stdout).toMatch(/^0 passed, 2 failed \(2 rules, \d+ examples\)$/m);
  });

  it('exits 2 with one message naming the file, rule and field for a broken rule file, without a stack trace', () => {
    const broken = write('broken.yaml', "- id: acme-broken\n  name: Broken\n  provider: acme\n  category: ci\n  regex: 'acme_(unclosed'\n  remediation: x\n");
    const res = runCli(['rules', 'test', broken]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/broken\.yaml: rules\[0\]: acme-broken: regex: invalid regular expression/);
    expect(res.stderr).toMatch(/acme-broken: examples: required/);
    expect(res.stderr).not.toMatch(/\n\s+at /);
    expect(res.stdout).toBe('');
  });

  it('exits 2 for a missing file, invalid YAML, duplicate ids and a file with no rules', () => {
    const missing = runCli(['rules', 'test', join(dir, 'nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.yaml: cannot read \(ENOENT\)/);
    const yaml = runCli(['rules', 'test', write('invalid.yaml', '- id: [unclosed')]);
    expect(yaml.code).toBe(2);
    expect(yaml.stderr).toMatch(/invalid\.yaml: invalid YAML/);
    const rule = ruleYaml('acme-deploy-token', 'ACME_TOKEN=acmedt_<<b62:32>>', 'ACME_TOKEN=acmedt_short');
    const dup = runCli(['rules', 'test', write('dup.yaml', `${rule}\n${rule}`)]);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/acme-deploy-token: id: duplicate/);
    const empty = runCli(['rules', 'test', write('empty.yaml', 'version: 1\n')]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/empty\.yaml: no rules to test/);
  });
});
