// The suppression policy of a plan and the one filter it becomes for a run: an inline allow
// comment (`keysprawl:allow`, gitleaks' and detect-secrets' markers) wins, and only hits it
// leaves reach the baseline, so `baseline create` never records a finding the source already
// allows. Suppressed hits stay in the report, marked; noise filters (allowlists) run before.
import { BaselineMatcher, saltCheck, type Baseline } from '../filter/baseline.js';
import type { HitFilter } from '../filter/index.js';
import { inlineFilter } from '../filter/inline.js';
import type { RuleMeta } from '../contracts/rule.js';

export interface BaselineInput {
  readonly data: Baseline;
  /** The suppression's justification in reports, e.g. "baseline .keysprawl-baseline.json". */
  readonly label: string;
}

export interface SuppressionPolicy {
  /** Honour inline allow comments (default true). */
  readonly inline: boolean;
  readonly baseline?: BaselineInput;
}

/** One run's suppression: its filter, the baseline matcher (what it saw and matched), its warnings. */
export interface Suppressor {
  readonly filter: HitFilter;
  readonly baseline?: BaselineMatcher;
  /** Expired or unreadable inline expiries, a baseline written with another salt: said once the scan ends. */
  readonly warnings: string[];
}

export function suppressor(policy: SuppressionPolicy, salt: string, rules: ReadonlyMap<string, RuleMeta>): Suppressor {
  const warnings: string[] = [];
  const bl = policy.baseline;
  if (bl?.data.saltCheck && bl.data.saltCheck !== saltCheck(salt)) {
    warnings.push(`${bl.label.replace(/^baseline /, '')}: written with a different KEYSPRAWL_HASH_SALT, so none of its fingerprints can match: every finding is reported`);
  }
  const inline = policy.inline ? inlineFilter({ warn: (line) => warnings.push(line) }) : undefined;
  const baseline = bl ? new BaselineMatcher(bl.data, { salt, rules, label: bl.label }) : undefined;
  const filter: HitFilter = (hit) => {
    const v = inline?.(hit) ?? 'keep';
    return v !== 'keep' || !baseline ? v : baseline.filter(hit);
  };
  return { filter, ...(baseline ? { baseline } : {}), warnings };
}
