// End to end: the built CLI on fixture trees built in temp dirs.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, REPO_ROOT } from '../helpers/cli.js';
import { validateSarif } from '../helpers/sarif-schema.js';
import { makeTree, TEST_RULE_YAML, type Tree } from '../helpers/tree.js';

let tree: Tree;
let rulesDir: string;
let key: string;

beforeAll(() => {
  tree = makeTree({
    'app/config.py': 'API_TOKEN = "tst_<<b62:32>>"\n',
    'README.md': '# nothing here\n',
  });
  key = /tst_[A-Za-z0-9]{32}/.exec(tree.files['app/config.py'])![0];
  writeFileSync(join(tree.dir, '.env'), `TOKEN=${key}\n`);
  rulesDir = join(tree.dir, '..', `${tree.dir.split('/').pop()}-rules`);
  mkdirSync(rulesDir, { recursive: true });
  writeFileSync(join(rulesDir, 'test.yaml'), TEST_RULE_YAML);
});
afterAll(() => tree.cleanup());

const scanArgs = (...extra: string[]) => ['scan', tree.dir, '--rules', rulesDir, ...extra];

describe('keysprawl scan (built CLI)', () => {
  it('exits 1 with findings and prints them grouped by severity with a summary', () => {
    const r = runCli(scanArgs());
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/app\/config\.py:1:\d+/);
    expect(r.stdout).toMatch(/\.env:1:7/);
    expect(r.stdout).toMatch(/files scanned/);
    expect(r.stdout).not.toContain(key);
    expect(r.stdout).not.toContain(String.fromCharCode(27));
  });

  it('exits 0 when nothing is at or above --fail-on', () => {
    expect(runCli(scanArgs('--fail-on', 'critical')).code).toBe(0);
    expect(runCli(['scan', join(tree.dir, 'README.md'), '--rules', rulesDir]).code).toBe(0);
  });

  it('writes several reports from one scan, all redacted, with the same secret id', () => {
    const out = join(tree.dir, '..', `${tree.dir.split('/').pop()}-out`);
    mkdirSync(out, { recursive: true });
    const r = runCli(scanArgs('-f', 'json', '-o', join(out, 'r.json'), '-f', 'sarif', '-o', join(out, 'r.sarif'), '-f', 'text'));
    expect(r.code).toBe(1);
    const json = JSON.parse(readFileSync(join(out, 'r.json'), 'utf8'));
    const sarif = JSON.parse(readFileSync(join(out, 'r.sarif'), 'utf8'));
    expect(json.schema).toBe('keysprawl/v1');
    expect(json.secrets).toHaveLength(1);
    expect(json.secrets[0].occurrences).toHaveLength(2);
    expect(validateSarif(sarif)).toEqual([]);
    expect(sarif.runs[0].results[0].properties.secretId).toBe(json.secrets[0].id);
    const version = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version;
    expect(sarif.runs[0].tool.driver.version).toBe(version);
    for (const text of [r.stdout, r.stderr, readFileSync(join(out, 'r.json'), 'utf8'), readFileSync(join(out, 'r.sarif'), 'utf8')]) {
      expect(text).not.toContain(key);
    }
  });

  it('gives the same secret id in every run, and another id under another salt', () => {
    const a = JSON.parse(runCli(scanArgs('-f', 'json')).stdout).secrets[0].id;
    const b = JSON.parse(runCli(scanArgs('-f', 'json')).stdout).secrets[0].id;
    const c = JSON.parse(runCli(scanArgs('-f', 'json'), { env: { KEYSPRAWL_HASH_SALT: 'other' } }).stdout).secrets[0].id;
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('shows the full value only with --no-redact', () => {
    const r = runCli(scanArgs('--no-redact'));
    expect(r.stdout).toContain(key);
  });

  it('reads standard input for "-"', () => {
    const r = runCli(['scan', '-', '--rules', rulesDir, '-f', 'json'], { input: `x = "${key}"\n` });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).secrets[0].occurrences[0].origin.path).toBe('<stdin>');
  });

  it('exits 2 with one line naming a missing path', () => {
    const r = runCli(['scan', join(tree.dir, 'does-not-exist')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/does-not-exist: no such file or directory/);
  });

  it('exits 2 on an unknown format or option', () => {
    expect(runCli(scanArgs('-f', 'xml')).code).toBe(2);
    expect(runCli(['scan', '--bogus']).code).toBe(2);
  });

  it('exits 2 naming file, rule id and field for a broken rule pack', () => {
    const r = runCli(['scan', tree.dir, '--rules', join(REPO_ROOT, 'fixtures', 'rules-broken')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rules\/bad\.yaml: rules\[0\]: broken-regex: regex: invalid regular expression/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('lists skipped files with --verbose', () => {
    writeFileSync(join(tree.dir, 'blob.bin'), Buffer.from([1, 0, 2]));
    const r = runCli(scanArgs('--verbose'));
    expect(r.stdout).toMatch(/blob\.bin/);
    expect(r.stdout).toMatch(/binary/);
  });
});
