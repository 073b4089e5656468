// A fresh fake key for a rule, made from the rule's own positive example (expanded per seed,
// never committed) and found in it by the rule itself, with the text that holds it.
import { builtinRules } from '../../src/rules/load.js';
import { detect } from '../../src/detect/detect.js';
import { expandFakes } from '../../src/rules/fake.js';
import { compileRules } from '../../src/detect/ruleset.js';
import { plainFragment } from '../../src/extract/plain.js';
import type { Rule } from '../../src/contracts/rule.js';

export function ruleById(id: string): Rule | undefined {
  return builtinRules().find((r) => r.id === id);
}

export interface RuleKey {
  rule: Rule;
  text: string;
  secret: string;
}

export function ruleKey(id: string, seed: number): RuleKey | undefined {
  const rule = ruleById(id);
  if (!rule) return undefined;
  const set = compileRules([rule]);
  for (const template of rule.examples.positive) {
    const text = expandFakes(template, seed);
    const m = detect(plainFragment({ kind: 'file', path: 'example' }, rule.contentKinds?.[0] ?? 'code', text), set).find((x) => x.ruleId === id);
    if (m) return { rule, text, secret: m.secret };
  }
  return undefined;
}
