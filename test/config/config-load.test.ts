// Loading a valid config and applying it: what each key does to the engine's options.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyConfig, mergeRules } from '../../src/config/apply.js';
import { findConfig, loadConfig, parseConfig } from '../../src/config/load.js';
import { STARTER_CONFIG } from '../../src/config/starter.js';
import { parseRuleList } from '../../src/rules/load.js';
import { must } from '../../src/problems/problem.js';
import { DEFAULT_WEIGHTS } from '../../src/score/weights.js';
import type { Rule } from '../../src/contracts/rule.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { TEST_RULE_YAML } from '../helpers/tree.js';

const FULL = join(REPO_ROOT, 'fixtures', 'config', 'valid', 'full.yaml');
const tmp = mkdtempSync(join(tmpdir(), 'keysprawl-config-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function baseRules(): Rule[] {
  const rules = must(parseRuleList(TEST_RULE_YAML, 'test.yaml'));
  return rules;
}

/** A stand-in for a built-in rule id the starter config names. */
const stub = (id: string): Rule => ({ ...baseRules()[0], id });

describe('loading a valid config', () => {
  it('reads every key of fixtures/config/valid/full.yaml', () => {
    const c = loadConfig(FULL);
    expect(c.extends).toBe('builtin');
    expect(c.rules.map((r) => r.id)).toEqual(['acme-token']);
    expect(c.rules[0].file).toMatch(/full\.yaml$/);
    expect(c.disable).toEqual(['acme-token']);
    expect(c.allowlist).toEqual({ paths: ['vendor/', '**/*.snap'], values: ['^tst_test'], stopwords: ['notasecret'] });
    expect(c.kinds).toEqual([
      { paths: ['agents/**/*.yaml'], kind: 'agent-config' },
      { paths: ['ops/pipelines/'], kind: 'ci-config' },
    ]);
    expect(c.failOn).toBe('high');
    expect(c.format).toEqual(['sarif', 'text']);
    expect(c.output).toEqual(['reports/keysprawl.sarif']);
    // A relative baseline path resolves from the config file's folder, not the cwd.
    expect(c.baseline).toBe(resolve(REPO_ROOT, 'fixtures', 'config', 'valid', '.keysprawl-baseline.json'));
  });

  it('applies it: disabled rules removed, kinds resolved by glob, weights merged', () => {
    const applied = applyConfig(loadConfig(FULL), baseRules(), []);
    expect(applied.rules.map((r) => r.id)).toEqual(['test-token']);
    const kindFor = applied.extract!.kindFor!;
    expect(kindFor('agents/planner/tools.yaml')).toBe('agent-config');
    expect(kindFor('ops/pipelines/deploy.groovy')).toBe('ci-config');
    expect(kindFor('src/app.ts')).toBeUndefined();
    expect(applied.weights!.exposure.test).toBe(0);
    expect(applied.weights!.exposure.prompt).toBe(DEFAULT_WEIGHTS.exposure.prompt);
    expect(applied.weights!.persistence).toEqual([{ days: 30, points: 5 }]);
    expect(applied.filters).toHaveLength(1); // the allowlist
  });

  it('lets a custom rule replace a built-in one by id, or replace them all with extends: none', () => {
    const base = baseRules();
    const mine = { ...base[0], name: 'Mine', file: '.keysprawl.yaml' };
    const other = { ...base[0], id: 'other-token' };
    expect(mergeRules(base, [mine, other], 'builtin').map((r) => [r.id, r.name])).toEqual([['test-token', 'Mine'], ['other-token', 'Test token']]);
    expect(mergeRules([...base, stub('kept')], [other], 'builtin').map((r) => r.id)).toEqual(['test-token', 'kept', 'other-token']);
    expect(mergeRules(base, [other], 'none').map((r) => r.id)).toEqual(['other-token']);
  });

  it('treats an empty file as the defaults', () => {
    const { value: c, problems } = parseConfig('# nothing yet\n', '.keysprawl.yaml', tmp);
    expect(problems).toEqual([]);
    expect(c.extends).toBe('builtin');
    expect(applyConfig(c, baseRules(), []).rules).toHaveLength(1);
  });

  it('finds .keysprawl.yaml, then .keysprawl.yml, in the scan root; --config wins', () => {
    const dir = mkdtempSync(join(tmp, 'find-'));
    expect(findConfig(dir)).toBeUndefined();
    writeFileSync(join(dir, '.keysprawl.yml'), 'fail-on: high\n');
    expect(findConfig(dir)).toBe(join(dir, '.keysprawl.yml'));
    writeFileSync(join(dir, '.keysprawl.yaml'), 'fail-on: low\n');
    expect(findConfig(dir)).toBe(join(dir, '.keysprawl.yaml'));
    expect(findConfig(dir, 'other.yaml')).toBe('other.yaml');
  });
});

describe('the starter config (keysprawl init)', () => {
  it('loads as written', () => {
    const { value: c, problems } = parseConfig(STARTER_CONFIG, '.keysprawl.yaml', tmp);
    expect(problems).toEqual([]);
    expect(c.extends).toBe('builtin');
  });

  it('still loads with every example uncommented, custom rule examples included', () => {
    const uncommented = STARTER_CONFIG.split('\n')
      .map((l) => (/^# ([a-z][a-z-]*:|\s+\S)/.test(l) ? l.slice(2) : l))
      .join('\n');
    expect(uncommented).toMatch(/^allowlist:$/m);
    expect(uncommented).toMatch(/^rules:$/m);
    const file = join(tmp, 'starter.yaml');
    writeFileSync(file, uncommented);
    const c = loadConfig(file);
    expect(c.rules.map((r) => r.id)).toEqual(['acme-internal-token']);
    expect(c.failOn).toBe('high');
    const applied = applyConfig(c, [...baseRules(), stub('generic-high-entropy-string')], []);
    expect(applied.rules.map((r) => r.id)).toEqual(['test-token', 'acme-internal-token']);
  });
});
