import { describe, expect, it } from 'vitest';
import { correlate } from '../../src/correlate/correlate.js';
import { redact, snippetFor } from '../../src/redaction/redact.js';
import { DEFAULT_SALT, hashSalt, secretId } from '../../src/redaction/secret-id.js';
import { parseRuleList } from '../../src/rules/load.js';
import { must } from '../../src/problems/problem.js';
import { expandFakes } from '../../src/rules/fake.js';
import { plainFragment } from '../../src/extract/plain.js';
import { TEST_RULE_YAML } from '../helpers/tree.js';
import { detect } from '../../src/detect/detect.js';
import { compileRules } from '../../src/detect/ruleset.js';
import type { ContentKind } from '../../src/contracts/fragment.js';
import type { Hit } from '../../src/contracts/match.js';

describe('redaction', () => {
  it('shows at most the first 4 and last 2 characters', () => {
    const v = expandFakes('<<b62:40>>', 1);
    expect(redact(v)).toBe(`${v.slice(0, 4)}…${v.slice(-2)}`);
  });
  it('shows fewer characters of short values', () => {
    expect(redact('abcdefghijklmn')).toBe('ab…n');
    expect(redact('abcdefgh')).toBe('********');
    expect(redact('abc')).not.toContain('a');
  });
  it('replaces the secret in the snippet and cuts long lines around it', () => {
    const v = expandFakes('<<b62:40>>', 2);
    const line = `${'x'.repeat(300)} key=${v} ${'y'.repeat(300)}`;
    const s = snippetFor(line, v, redact(v));
    expect(s).not.toContain(v);
    expect(s).toContain(redact(v));
    expect(s.length).toBeLessThanOrEqual(202);
  });
});

describe('secret ids', () => {
  it('are an HMAC-SHA-256 keyed by KEYSPRAWL_HASH_SALT, with a fixed default', () => {
    expect(hashSalt({})).toBe(DEFAULT_SALT);
    expect(hashSalt({ KEYSPRAWL_HASH_SALT: 'org' })).toBe('org');
    expect(secretId('v', 'a')).toMatch(/^[0-9a-f]{64}$/);
    expect(secretId('v', 'a')).toBe(secretId('v', 'a'));
    expect(secretId('v', 'a')).not.toBe(secretId('v', 'b'));
  });
});

describe('correlate', () => {
  const rules = must(parseRuleList(TEST_RULE_YAML, 't.yaml'));
  const set = compileRules(rules);
  const byId = new Map(rules.map((r) => [r.id, r]));
  const key = expandFakes('tst_<<b62:32>>', 5);
  const hits = (path: string, kind: ContentKind, text: string): Hit[] => {
    const fragment = plainFragment({ kind: 'file', path }, kind, text);
    return detect(fragment, set).map((match) => ({ match, fragment }));
  };

  it('groups the same key in several files into one secret with every occurrence', () => {
    const all = [...hits('.env', 'env-file', `K=${key}\n`), ...hits('a.py', 'code', `k = "${key}"\nagain = "${key}"`)];
    const secrets = correlate(all, byId, { salt: 's', redact: true });
    expect(secrets).toHaveLength(1);
    expect(secrets[0].occurrences.map((o) => `${o.origin.path}:${o.line}`)).toEqual(['.env:1', 'a.py:1', 'a.py:2']);
    expect(secrets[0].id).toBe(secretId(key, 's'));
    expect(JSON.stringify(secrets)).not.toContain(key);
  });

  it('keeps the raw value only with redaction off', () => {
    const secrets = correlate(hits('a', 'code', key), byId, { salt: 's', redact: false });
    expect(secrets[0].redacted).toBe(key);
  });
});
