// Custom rules in .keysprawl.yaml: the same schema as rules/*.yaml (validateRule), and the same
// proof, by the same rule tester: a rule whose own positive/negative examples (or captures) fail
// is rejected at load, so a typo in a regex cannot quietly stop a rule from firing. The syntax
// wrappings are `keysprawl rules test`'s: a config that loaded before keeps loading.
import { checkRuleExamples } from '../rules/tester.js';
import { checkRegexSafety } from '../rules/regex-safety.js';
import { validateRule } from '../rules/schema.js';
import type { Rule } from '../contracts/rule.js';
import { regexReason, type Problems } from './problems.js';

/**
 * validateRule writes "<where>: <id>: <field>: <what>"; config messages want the dotted path,
 * "rules[3].regex: <what>".
 */
function toKeyPath(message: string, at: string, id: string | undefined): { path: string; what: string } {
  let rest = message.startsWith(`${at}: `) ? message.slice(at.length + 2) : message;
  if (id && rest.startsWith(`${id}: `)) rest = rest.slice(id.length + 2);
  const m = /^([A-Za-z][\w]*(?:\.[A-Za-z]\w*)*(?:\[\d+\])?): ([\s\S]*)$/.exec(rest);
  return m ? { path: `${at}.${m[1]}`, what: m[2] } : { path: at, what: rest };
}

function checkOne(raw: unknown, at: string, problems: Problems): Rule | undefined {
  const local: string[] = [];
  const rule = validateRule(raw, at, local);
  const rawId = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).id : undefined;
  const id = typeof rawId === 'string' && rawId ? rawId : undefined;
  for (const msg of local) {
    const { path, what } = toKeyPath(msg, at, id);
    const m = /^invalid regular expression: ([\s\S]*)$/.exec(what);
    problems.add(path, m ? `invalid regular expression: ${regexReason(m[1])}` : what);
  }
  if (!rule) return undefined;
  // A user regex runs on every file of every scan: reject catastrophic backtracking at load.
  const unsafe = checkRegexSafety(rule.regex, rule.flags ?? '', { keywords: rule.keywords });
  if (unsafe) {
    problems.add(`${at}.regex`, unsafe);
    return undefined;
  }
  const { failures } = checkRuleExamples(rule);
  for (const f of failures) {
    const { path, what } = toKeyPath(f, '', undefined);
    problems.add(path ? `${at}${path}` : at, what);
  }
  return failures.length ? undefined : { ...rule, file: problems.file };
}

/** Validate the `rules` list; returns the valid rules (problems hold the rest). */
export function checkRules(raw: unknown, problems: Problems): Rule[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.add('rules', 'must be a list of rules (the same schema as rules/*.yaml)');
    return [];
  }
  const rules: Rule[] = [];
  const seen = new Map<string, number>();
  raw.forEach((r, i) => {
    const rule = checkOne(r, `rules[${i}]`, problems);
    if (!rule) return;
    const first = seen.get(rule.id);
    if (first !== undefined) {
      problems.add(`rules[${i}].id`, `duplicate id "${rule.id}" (also rules[${first}])`);
      return;
    }
    seen.set(rule.id, i);
    rules.push(rule);
  });
  return rules;
}
