// The baseline through the real engine: fingerprints survive lines moving, a key in a new place
// is new, the file holds no secret, and gitleaks / detect-secrets entries match what they name.
import { createHash, createHmac } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBaseline, renderBaseline, sortFindings } from '../../src/config/baseline-file.js';
import { parseDetectSecretsBaseline, parseGitleaksIgnore } from '../../src/config/baseline-import.js';
import { parseRuleList } from '../../src/rules/load.js';
import { renderProblem } from '../../src/problems/messages.js';
import { must } from '../../src/problems/problem.js';
import { BaselineMatcher, fingerprint, saltCheck, type Baseline } from '../../src/filter/baseline.js';
import { DEFAULT_SALT } from '../../src/redaction/secret-id.js';
import { scan } from '../../src/scan.js';
import type { Rule } from '../../src/contracts/rule.js';
import { makeTree, TEST_RULE_YAML, type Tree } from '../helpers/tree.js';

const GH_RULE = `
- id: test-gh
  name: Test GitHub token
  provider: github
  category: scm
  keywords: [ghp_]
  regex: '\\b(ghp_[A-Za-z0-9]{36})\\b'
  secretGroup: 1
  remediation: Rotate it.
  examples:
    positive: ['<<github:ghp_>>']
    negative: ['ghp_short']
`;
const SALT = 'baseline test salt';
let rules: Rule[];
let tree: Tree;

const keyIn = (file: string, re = /tst_[A-Za-z0-9]{32}/) => re.exec(tree.files[file])![0];

async function scanWith(baseline: Baseline, salt = SALT, dir = tree.dir) {
  const matcher = new BaselineMatcher(baseline, { salt, rules: new Map(rules.map((r) => [r.id, r])), label: 'baseline b.json' });
  const result = await scan({ paths: [dir], rules, structured: [], salt, filters: [matcher.filter] });
  return { matcher, result };
}

const EMPTY: Baseline = { findings: [], imported: [] };

beforeAll(() => {
  rules = must(parseRuleList(TEST_RULE_YAML + GH_RULE, 'test.yaml'));
  tree = makeTree({
    'app.py': 'API = "tst_<<b62:32>>"\n',
    'deploy/.env': 'TOKEN=tst_<<b62:32>>\n',
    'src/gh.py': '\n\nGH = "<<github:ghp_>>"\n',
    'src/other.py': '# other\nk = "tst_<<b62:32>>"\n',
  });
});
afterAll(() => tree.cleanup());

describe('baseline fingerprints', () => {
  it('are rule + secret id + path: the same as correlate gives, one per place', async () => {
    const { matcher, result } = await scanWith(EMPTY);
    const fromSecrets = result.secrets.flatMap((s) => s.occurrences.map((o) => fingerprint(s.id, s.ruleId, o.origin.path)));
    expect([...matcher.seen.keys()].sort()).toEqual(fromSecrets.sort());
    expect(matcher.seen.size).toBe(4);
  });

  it('survive lines moving and the file being edited around the key', async () => {
    const { matcher } = await scanWith(EMPTY);
    const baseline: Baseline = { findings: sortFindings(matcher.seen.values()), imported: [] };
    const original = tree.files['app.py'];
    writeFileSync(join(tree.dir, 'app.py'), `${'# padding\n'.repeat(20)}def f():\n    ${original.trim()}  # moved\n`);
    try {
      const { result } = await scanWith(baseline);
      expect(result.secrets).toHaveLength(4);
      for (const s of result.secrets) expect(s.suppressed).toEqual({ kind: 'external', justification: 'baseline b.json' });
      expect(result.secrets.find((s) => s.occurrences[0].origin.path === 'app.py')!.occurrences[0].line).toBe(22);
    } finally {
      writeFileSync(join(tree.dir, 'app.py'), original);
    }
  });

  it('treat a baselined key copied to a new file as new there', async () => {
    const { matcher } = await scanWith(EMPTY);
    const baseline: Baseline = { findings: sortFindings(matcher.seen.values()), imported: [] };
    writeFileSync(join(tree.dir, 'copy.py'), `again = "${keyIn('app.py')}"\n`);
    try {
      const { result } = await scanWith(baseline);
      const secret = result.secrets.find((s) => s.occurrences.some((o) => o.origin.path === 'copy.py'))!;
      expect(secret.suppressed).toBeUndefined(); // not every place is accepted, so it still fails the gate
      const byPath = Object.fromEntries(secret.occurrences.map((o) => [o.origin.path, o.suppressed?.kind]));
      expect(byPath).toEqual({ 'app.py': 'external', 'copy.py': undefined });
    } finally {
      rmSync(join(tree.dir, 'copy.py'));
    }
  });
});

describe('baseline file', () => {
  it('renders sorted, byte-identical on re-render, with no secret value or redacted form', async () => {
    const { matcher, result } = await scanWith(EMPTY);
    const b: Baseline = { findings: [...matcher.seen.values()].reverse(), imported: [], saltCheck: saltCheck(SALT) };
    const text = renderBaseline(b);
    expect(renderBaseline(must(parseBaseline(text, 'b.json')))).toBe(text);
    expect(JSON.parse(text).findings.map((f: { path: string }) => f.path)).toEqual(['app.py', 'deploy/.env', 'src/gh.py', 'src/other.py']);
    for (const s of result.secrets) expect(text).not.toContain(s.redacted);
    expect(text).not.toContain(keyIn('app.py'));
    expect(text).not.toMatch(/"line"/);
  });

  it('matches nothing under a different KEYSPRAWL_HASH_SALT, and says which salt wrote it', async () => {
    const { matcher } = await scanWith(EMPTY);
    const { result } = await scanWith({ findings: [...matcher.seen.values()], imported: [] }, 'another salt');
    expect(result.secrets.every((s) => !s.suppressed)).toBe(true);
    expect(saltCheck('another salt')).not.toBe(saltCheck(SALT));
  });

  it('gives the default salt the check its HMAC gives (written out so a clean scan loads no crypto)', () => {
    const hmac = (salt: string) => createHmac('sha256', salt).update('keysprawl-baseline salt check', 'utf8').digest('hex').slice(0, 16);
    expect(saltCheck(DEFAULT_SALT)).toBe(hmac(DEFAULT_SALT));
    expect(saltCheck('another salt')).toBe(hmac('another salt'));
  });

  it('rejects a malformed file naming the key path', () => {
    const bad = JSON.stringify({
      schema: 'keysprawl-baseline/v1',
      findings: [{ fingerprint: 'abc', ruleId: 'r', path: 'a' }, { fingerprint: 'f'.repeat(64), ruleId: '', path: 'a' }],
      imported: [{ from: 'trufflehog', path: 'x' }],
      extra: 1,
    });
    expect(() => must(parseBaseline(bad, 'b.json'))).toThrow(
      [
        'b.json: extra: unknown key (expected schema, generatedBy, saltCheck, findings, imported)',
        'b.json: findings[0].fingerprint: must be 64 lower-case hex characters',
        'b.json: findings[1].ruleId: must be a non-empty string',
        'b.json: imported[0].from: must be "detect-secrets" or "gitleaks"',
      ].join('\n'),
    );
    expect(() => must(parseBaseline('{"schema":"other"}', 'b.json'))).toThrow('b.json: schema: expected "keysprawl-baseline/v1", found a string of 5 characters');
    expect(() => must(parseBaseline('{', 'b.json'))).toThrow(/^b\.json: not a keysprawl baseline: invalid JSON/);
  });
});

describe('imports', () => {
  let imp: Tree;
  const impKey = (file: string) => /tst_[A-Za-z0-9]{32}/.exec(imp.files[file])![0];
  afterAll(() => imp.cleanup());
  beforeAll(() => {
    imp = makeTree({
      'app.py': 'API = "tst_<<b62:32>>"\n',
      'src/gh.py': '\n\n\n\nGH = "<<github:ghp_>>"\n',
      'src/other.py': '# other\nk = "tst_<<b62:32>>"\n',
      'src/moved.py': '\n\nk = "tst_<<b62:32>>"\n',
    });
  });

  it('reads a detect-secrets .secrets.baseline and matches the exact value at the path', async () => {
    const sha1 = (v: string) => createHash('sha1').update(v).digest('hex');
    const file = join(imp.dir, '.secrets.baseline');
    writeFileSync(file, JSON.stringify({
      version: '1.5.0',
      plugins_used: [{ name: 'KeywordDetector' }],
      results: {
        'app.py': [{ type: 'Secret Keyword', filename: 'app.py', hashed_secret: sha1(impKey('app.py')), is_verified: false, line_number: 1 }],
        'src/other.py': [{ type: 'Secret Keyword', filename: 'src/other.py', hashed_secret: sha1('some other value'), is_secret: true, line_number: 2 }],
        'broken.py': [{ type: 'x', line_number: 1 }],
      },
      generated_at: '2024-01-01T00:00:00Z',
    }));
    const { value: entries, warnings } = parseDetectSecretsBaseline(readFileSync(file, 'utf8'), '.secrets.baseline');
    expect(entries).toHaveLength(2);
    expect(warnings.map(renderProblem)).toEqual([
      '.secrets.baseline: results["broken.py"][0].hashed_secret: expected a sha1 (40 hex characters), skipped',
      '.secrets.baseline: 1 entry was audited as real secrets (is_secret: true): baselined, but rotate them',
    ]);
    const { matcher, result } = await scanWith({ findings: [], imported: entries }, SALT, imp.dir);
    const suppressed = result.secrets.filter((s) => s.suppressed).map((s) => s.occurrences[0].origin.path);
    expect(suppressed).toEqual(['app.py']);
    expect([...matcher.matchedImports]).toEqual([0]);
    expect([...matcher.fromImports.values()].map((f) => f.path)).toEqual(['app.py']);
  });

  it('reads a .gitleaksignore: mapped rules match by path and provider, others by path and line', async () => {
    const text = [
      '# accepted in the 2024 audit',
      `${'ab12'.repeat(10)}:src/gh.py:github-pat:3`,
      'src/other.py:generic-api-key:2',
      'src/moved.py:generic-api-key:1',
      'not a fingerprint',
      '',
    ].join('\n');
    const { value: entries, warnings } = parseGitleaksIgnore(text, '.gitleaksignore');
    expect(entries).toEqual([
      { from: 'gitleaks', path: 'src/gh.py', ruleId: 'github-pat', provider: 'github', commit: 'ab12'.repeat(10), line: 3 },
      { from: 'gitleaks', path: 'src/other.py', ruleId: 'generic-api-key', line: 2 },
      { from: 'gitleaks', path: 'src/moved.py', ruleId: 'generic-api-key', line: 1 },
    ]);
    expect(warnings.map(renderProblem)).toEqual(['.gitleaksignore:5: not a gitleaks fingerprint (expected [commit:]file:rule-id:line), skipped']);
    const { matcher, result } = await scanWith({ findings: [], imported: entries }, SALT, imp.dir);
    const suppressed = result.secrets.filter((s) => s.suppressed).map((s) => s.occurrences[0].origin.path).sort();
    // gh.py's key moved from line 3 to 5 (provider still matches); moved.py's generic entry names line 1, the key is on 3.
    expect(suppressed).toEqual(['src/gh.py', 'src/other.py']);
    expect([...matcher.matchedImports].sort()).toEqual([0, 1]);
  });
});
