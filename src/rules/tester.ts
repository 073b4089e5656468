// Runs a rule's own examples: every positive must fire the rule, every negative must not.
// Used by `keysprawl rules test` and at config load for user rules.
import type { ContentKind, Fragment, Rule } from '../types.js';
import { plainFragment } from '../extract/plain.js';
import { detect } from '../detect/detect.js';
import { expandFakes } from './fake.js';
import { compileRules, type RuleSet } from '../detect/ruleset.js';

export interface ExampleResult {
  rule: Rule;
  passed: number;
  failures: string[];
}

function fragmentFor(text: string, kind: ContentKind): Fragment {
  return plainFragment({ kind: 'file', path: 'example' }, kind, text);
}

/** Check one rule's examples, alone (so another rule's overlap cannot hide a miss). */
export function checkRuleExamples(rule: Rule, seeds: number[] = [1, 2, 3]): ExampleResult {
  let set: RuleSet;
  const failures: string[] = [];
  try {
    set = compileRules([rule]);
  } catch (err) {
    return { rule, passed: 0, failures: [`regex does not compile: ${(err as Error).message}`] };
  }
  const kind: ContentKind = rule.contentKinds?.[0] ?? 'code';
  let passed = 0;
  for (const [label, list, want] of [['positive', rule.examples.positive, true], ['negative', rule.examples.negative, false]] as const) {
    list.forEach((template, i) => {
      for (const seed of seeds) {
        let text: string;
        try {
          text = expandFakes(template, seed);
        } catch (err) {
          failures.push(`examples.${label}[${i}]: ${(err as Error).message}`);
          return;
        }
        const fired = detect(fragmentFor(text, kind), set).some((m) => m.ruleId === rule.id);
        if (fired !== want) {
          failures.push(`examples.${label}[${i}]: ${want ? 'did not match' : 'matched'} (${JSON.stringify(template).slice(0, 80)})`);
          return;
        }
      }
      passed++;
    });
  }
  return { rule, passed, failures };
}
