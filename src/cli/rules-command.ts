// `keysprawl rules list` and `keysprawl rules test`.
import { parse } from 'yaml';
import { UsageError } from '../errors.js';
import { builtinRules, builtinStructuredRules, duplicateIds, loadRulePacks, parseRuleItems, parseRuleList } from '../rules/load.js';
import { SYNTAXES } from '../rules/syntaxes.js';
import { checkRuleExamples } from '../rules/tester.js';
import { isStructuredRule } from '../rules/schema.js';
import { allKeywords, compileRules } from '../detect/ruleset.js';
import { STRUCTURED_DETECTORS } from '../detect/structured-detectors.js';
import type { Rule, StructuredRule } from '../contracts/rule.js';
import { verifierRows } from '../verify/listing.js';
import type { Io } from './io.js';
import { OWN_FILE_LIMITS, readOwnFile } from '../own-file.js';
import { must, ProblemError, type Parsed } from '../problems/problem.js';

export async function runRulesList(opts: { keywords?: boolean; rules?: string; json?: boolean }, io: Io): Promise<number> {
  const rules = opts.rules ? loadRulePacks(opts.rules) : builtinRules();
  if (opts.keywords) {
    for (const k of allKeywords(compileRules(rules))) io.stdout.write(`${k}\n`);
    return 0;
  }
  // Structured detectors (agent-config structure, CI posture): their rules' metadata is in the built-in packs.
  const structured = opts.rules ? [] : builtinStructuredRules(STRUCTURED_DETECTORS);
  const all = [...rules, ...structured];
  const verifierByRule = new Map(verifierRows().flatMap((v) => v.rules.map((id) => [id, v] as const)));
  if (opts.json) {
    // Each verifiable rule carries its check: the verifier, the call, what its access map records.
    const withVerify = all.map(({ file: _file, ...r }) => {
      const v = verifierByRule.get(r.id);
      return v ? { ...r, verify: { verifier: v.name, call: v.call, records: v.records } } : r;
    });
    io.stdout.write(`${JSON.stringify(withVerify, null, 2)}\n`);
    return 0;
  }
  const byCategory = new Map<string, Array<Rule | StructuredRule>>();
  for (const r of all) byCategory.set(r.category, [...(byCategory.get(r.category) ?? []), r]);
  const providers = new Set(all.map((r) => r.provider));
  for (const cat of [...byCategory.keys()].sort()) {
    const list = byCategory.get(cat)!.sort((a, b) => a.id.localeCompare(b.id));
    io.stdout.write(`${cat} (${list.length})\n`);
    for (const r of list) {
      const ex = `${r.examples.positive.length}+/${r.examples.negative.length}-`;
      const check = isStructuredRule(r) ? ' structured' : r.validate !== 'none' ? ` validate=${r.validate}` : '';
      io.stdout.write(`  ${r.id.padEnd(36)} ${r.provider.padEnd(16)} examples ${ex}${check}\n`);
    }
  }
  const ai = new Set(all.filter((r) => AI_CATEGORIES.has(r.category)).map((r) => r.provider));
  io.stdout.write(`${all.length} rules (${rules.length} pattern rules, ${structured.length} structured), ${providers.size} providers ` +
    `(${ai.size} of them model, AI-tooling, agent-platform or vector-db providers), ${byCategory.size} categories\n`);
  return 0;
}

/** Categories whose providers count as model, AI-tooling, agent-platform or vector-db providers. */
const AI_CATEGORIES = new Set(['llm', 'agent-platform', 'vector-db']);

/**
 * The rules of a file: a rule pack (a list, like rules/*.yaml) or a config file whose `rules` key
 * holds the list (.keysprawl.yaml), so a user can test the rules where they keep them.
 */
function rulesFromFile(file: string): Rule[] {
  let text: string;
  try {
    text = readOwnFile(file, OWN_FILE_LIMITS.rules);
  } catch (err) {
    throw new UsageError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 100 });
  } catch {
    doc = undefined; // parseRuleList reports the YAML error with its position
  }
  let parsed: Parsed<Rule[]>;
  if (typeof doc === 'object' && doc !== null && !Array.isArray(doc)) {
    const list = (doc as Record<string, unknown>).rules;
    if (!Array.isArray(list)) throw new UsageError(`${file}: no rules to test (expected a list of rules, or a mapping with a "rules" list)`);
    parsed = parseRuleItems(list, file);
  } else {
    parsed = parseRuleList(text, file);
  }
  const rules = must(parsed);
  const duplicates = duplicateIds(rules);
  if (duplicates.length) throw new ProblemError(duplicates);
  if (!rules.length) throw new UsageError(`${file}: no rules to test`);
  return rules;
}

export async function runRulesTest(file: string | undefined, io: Io): Promise<number> {
  const rules = file ? rulesFromFile(file) : builtinRules();
  // The built-in rules' wrapped forms are read with the whole set, so each also wins its overlaps.
  const context = file ? undefined : compileRules(rules);
  let failed = 0;
  let examples = 0;
  let wrapped = 0;
  const skipped = new Map<string, number>();
  for (const rule of rules) {
    const res = checkRuleExamples(rule, { wrappings: true, context });
    examples += res.passed + res.failures.length;
    wrapped += res.wrapped;
    for (const [reason, n] of Object.entries(res.skipped)) skipped.set(reason, (skipped.get(reason) ?? 0) + n);
    if (res.failures.length) {
      failed++;
      for (const f of res.failures) io.stdout.write(`FAIL ${rule.id}: ${f}\n`);
    } else {
      io.stdout.write(`ok   ${rule.id} (${res.passed} examples)\n`);
    }
  }
  if (skipped.size) {
    const reasons = [...skipped].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([r, n]) => `${n} ${r}`);
    io.stdout.write(`wrapped in ${SYNTAXES.length} syntaxes: ${wrapped} forms checked, ${[...skipped.values()].reduce((a, b) => a + b, 0)} skipped (${reasons.join('; ')})\n`);
  }
  io.stdout.write(`${rules.length - failed} passed, ${failed} failed (${rules.length} rules, ${examples} examples)\n`);
  return failed ? 1 : 0;
}
