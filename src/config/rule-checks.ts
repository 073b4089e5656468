// Custom rules in .keysprawl.yaml: the same schema as rules/*.yaml (checked with the config's
// shape), and the same proof, by the same rule tester: a rule whose regex is unsafe or whose own
// positive/negative examples (or captures) fail is rejected at load, so a typo in a regex cannot
// quietly stop a rule from firing. The syntax wrappings are `keysprawl rules test`'s: a config
// that loaded before keeps loading.
import { checkRuleExamples } from '../rules/tester.js';
import { checkRegexSafety } from '../rules/regex-safety.js';
import { parseRule } from '../rules/schema.js';
import type { ProblemList } from '../problems/problem.js';
import type { Rule } from '../contracts/rule.js';

/** Whether a problem path is `at` or inside it (`rules[1]` holds `rules[1].regex`, not `rules[10]`). */
export const under = (path: string, at: string): boolean => path === at || path.startsWith(`${at}.`) || path.startsWith(`${at}[`);

function checkOne(raw: unknown, at: string, problems: ProblemList): Rule | undefined {
  const { value: rule, problems: found } = parseRule(raw);
  problems.addAll(found, at);
  if (!rule) return undefined;
  // A user regex runs on every file of every scan: reject catastrophic backtracking at load.
  const unsafe = checkRegexSafety(rule.regex, rule.flags ?? '', { keywords: rule.keywords });
  if (unsafe) {
    problems.add(`${at}.regex`, 'regex-unsafe', { reason: unsafe });
    return undefined;
  }
  const { problems: failures } = checkRuleExamples(rule);
  problems.addAll(failures, at);
  return failures.length ? undefined : { ...rule, file: problems.file };
}

/**
 * The valid rules of the `rules` list. Rules whose shape is wrong (`shapeBad` holds the paths the
 * config schema reported) are already reported; the rest are checked further here.
 */
export function checkRules(raw: unknown, shapeBad: ReadonlySet<string>, problems: ProblemList): Rule[] {
  if (!Array.isArray(raw)) return [];
  const bad = [...shapeBad];
  const rules: Rule[] = [];
  const seen = new Map<string, number>();
  raw.forEach((r, i) => {
    const at = `rules[${i}]`;
    if (bad.some((p) => under(p, at))) return;
    const rule = checkOne(r, at, problems);
    if (!rule) return;
    const first = seen.get(rule.id);
    if (first !== undefined) {
      problems.add(`${at}.id`, 'duplicate-id', { id: rule.id, also: `rules[${first}]` });
      return;
    }
    seen.set(rule.id, i);
    rules.push(rule);
  });
  return rules;
}
