// Config → engine options: the rule list (built-in, extended or replaced, minus disabled ids),
// the structured detectors, the noise filters, the per-path content kinds and the weights.
import type { StructuredDetector } from '../detect/structured.js';
import type { ExtractOptions } from '../extract/index.js';
import { allowlistFilter, disabledRulesFilter, globMatcher } from '../filter/allowlist.js';
import type { HitFilter } from '../filter/index.js';
import { DEFAULT_WEIGHTS, mergeWeights, type Weights } from '../score/weights.js';
import type { ContentKind } from '../contracts/fragment.js';
import type { Rule } from '../contracts/rule.js';
import { ProblemError, ProblemList } from '../problems/problem.js';
import type { KeysprawlConfig } from './schema.js';

export interface AppliedConfig {
  rules: Rule[];
  structured: readonly StructuredDetector[];
  /** Drop filters (disabled structured rules, allowlists), run before any suppression. */
  filters: HitFilter[];
  extract?: ExtractOptions;
  weights?: Weights;
}

/** Custom rules replace built-in ones with the same id and add the rest; `extends: none` keeps only them. */
export function mergeRules(base: readonly Rule[], custom: readonly Rule[], mode: KeysprawlConfig['extends']): Rule[] {
  if (mode === 'none') return [...custom];
  const overridden = new Set(custom.map((r) => r.id));
  return [...base.filter((r) => !overridden.has(r.id)), ...custom];
}

/** Per-path content kinds: the first `kinds` entry whose globs match wins. */
export function kindResolver(kinds: KeysprawlConfig['kinds']): ((path: string) => ContentKind | undefined) | undefined {
  if (!kinds.length) return undefined;
  const compiled = kinds.map((k) => ({ matches: globMatcher(k.paths), kind: k.kind }));
  return (path) => compiled.find((c) => c.matches(path))?.kind;
}

/**
 * Apply a config on top of the base rules and structured detectors. Disabling an id that no
 * rule has is an error: a typo would otherwise leave the noisy rule running with no hint why.
 */
export function applyConfig(config: KeysprawlConfig, base: readonly Rule[], structured: readonly StructuredDetector[]): AppliedConfig {
  const problems = new ProblemList(config.file);
  const structuredIds = new Set(structured.flatMap((d) => d.ruleIds));
  const known = new Set([...base.map((r) => r.id), ...config.rules.map((r) => r.id), ...structuredIds]);
  config.disable.forEach((id, i) => {
    if (!known.has(id)) problems.add(`disable[${i}]`, 'unknown-rule-id', { id });
  });
  if (problems.count) throw new ProblemError(problems.list);
  const disabled = new Set(config.disable);
  const rules = mergeRules(base, config.rules, config.extends).filter((r) => !disabled.has(r.id));
  const filters: HitFilter[] = [];
  const disabledStructured = new Set([...disabled].filter((id) => structuredIds.has(id)));
  if (disabledStructured.size) filters.push(disabledRulesFilter(disabledStructured));
  const { paths, values, stopwords } = config.allowlist;
  if (paths.length || values.length || stopwords.length) filters.push(allowlistFilter(config.allowlist));
  const kindFor = kindResolver(config.kinds);
  return {
    rules,
    structured: config.extends === 'none' ? [] : structured,
    filters,
    ...(kindFor ? { extract: { kindFor } } : {}),
    ...(config.weights ? { weights: mergeWeights(DEFAULT_WEIGHTS, config.weights, config.file) } : {}),
  };
}
