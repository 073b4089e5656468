// Every rule proven where keys are really written: the rule tester (src/rules/tester.ts) wraps
// the value each positive example yields in the common syntaxes (src/rules/syntaxes.ts: env,
// shell export, JSON, YAML, TOML, Python, TypeScript, Go, Java, docker-compose, a Kubernetes
// Secret, a notebook cell and the notebook's JSON, a curl line) and the whole rule set must report
// it under the rule's id, with exactly that value at exactly its position. Prefixed tokens get
// every syntax under a neutral name; a rule bound to a name (mistral_api_key = <32 chars>) gets
// the name of its own example. What cannot be wrapped is skipped for a stated reason, counted.
import { describe, expect, it } from 'vitest';
import { compileRules } from '../../src/detect/ruleset.js';
import { builtinRules } from '../../src/rules/load.js';
import { SYNTAXES } from '../../src/rules/syntaxes.js';
import { checkRuleExamples } from '../../src/rules/tester.js';

const rules = builtinRules();
const all = compileRules(rules);
const results = rules.map((rule) => checkRuleExamples(rule, { wrappings: true, context: all, seeds: [1] }));

/** Every reason a wrapping may be skipped for; a new one is a decision, made here. */
const REASONS = new Set([
  'generic rule: the place it is written is its evidence',
  'runs only on its content kinds',
  'whole-match rule: the value includes its context',
  'another rule reports the example',
  'multi-line value',
  'a name-bound value with no one-line assignment to take its name from',
  'curl: writes no name, and the value needs one',
]);

describe('rules in common syntaxes', () => {
  it('wrap in the syntaxes the issue names, the notebook JSON included', () => {
    const names = SYNTAXES.map((s) => s.name);
    for (const s of ['env', 'shell export', 'JSON', 'YAML', 'TOML', 'Python', 'TypeScript', 'notebook JSON']) expect(names).toContain(s);
  });

  it('cover most provider rules, and every positive of most', () => {
    const candidates = results.filter((r) => r.rule.category !== 'generic' && !r.rule.contentKinds && r.rule.secretGroup >= 1);
    const proven = candidates.filter((r) => r.wrapped > 0);
    expect(proven.length / candidates.length).toBeGreaterThan(0.9);
    const forms = candidates.reduce((n, r) => n + r.rule.examples.positive.length * SYNTAXES.length, 0);
    expect(candidates.reduce((n, r) => n + r.wrapped, 0) / forms).toBeGreaterThan(0.85);
  });

  it('skip a wrapping only for a stated reason, and count it', () => {
    const skipped = new Map<string, number>();
    for (const r of results) for (const [reason, n] of Object.entries(r.skipped)) skipped.set(reason, (skipped.get(reason) ?? 0) + n);
    expect([...skipped.keys()].filter((k) => !REASONS.has(k))).toEqual([]);
    // Every positive's every syntax is either checked or skipped for a reason: nothing silently.
    for (const r of results) {
      const skips = Object.values(r.skipped).reduce((a, b) => a + b, 0);
      expect(r.wrapped + skips, r.rule.id).toBe(r.rule.examples.positive.length * SYNTAXES.length);
    }
  });

  it.each(results.map((r) => [r.rule.id, r] as const))('%s', (_id, result) => {
    expect(result.failures).toEqual([]);
  });
});
