// Loads and validates rule packs (rules/*.yaml). A broken pack is a UsageError (exit 2)
// naming file, rule id and field.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { UsageError } from '../errors.js';
import type { Rule } from '../types.js';
import { validateRule } from './rule-schema.js';

/** The rules/ folder shipped with the package (dist/detect/ → ../../rules). */
export const BUILTIN_RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

export function parseRuleList(text: string, file: string, problems: string[]): Rule[] {
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 100 });
  } catch (err) {
    problems.push(`${file}: invalid YAML: ${(err as Error).message.split('\n')[0]}`);
    return [];
  }
  if (!Array.isArray(doc)) {
    problems.push(`${file}: expected a list of rules at the top level`);
    return [];
  }
  const rules: Rule[] = [];
  doc.forEach((raw, i) => {
    const rule = validateRule(raw, `${file}: rules[${i}]`, problems);
    if (rule) rules.push({ ...rule, file });
  });
  return rules;
}

/** Checks ids are unique across all packs. */
export function checkUniqueIds(rules: Rule[], problems: string[]): void {
  const seen = new Map<string, string>();
  for (const rule of rules) {
    const other = seen.get(rule.id);
    if (other) problems.push(`${rule.file}: ${rule.id}: id: duplicate (also in ${other})`);
    else seen.set(rule.id, rule.file ?? '?');
  }
}

export function loadRulePacks(dir: string = BUILTIN_RULES_DIR): Rule[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort();
  } catch (err) {
    throw new UsageError(`${dir}: cannot read rules folder: ${(err as Error).message}`);
  }
  const problems: string[] = [];
  const rules: Rule[] = [];
  for (const f of files) {
    const path = join(dir, f);
    rules.push(...parseRuleList(readFileSync(path, 'utf8'), `rules/${basename(f)}`, problems));
  }
  checkUniqueIds(rules, problems);
  if (problems.length) {
    throw new UsageError(problems.length === 1 ? problems[0] : `${problems[0]} (and ${problems.length - 1} more problem(s))`);
  }
  return rules;
}

let cached: Rule[] | undefined;
/** Built-in rules, loaded once per process. */
export function builtinRules(): Rule[] {
  cached ??= loadRulePacks();
  return cached;
}
