// Config allowlists (noise tuning): hits in allowed paths, values matching an allowed regex or
// containing a stopword are dropped. Unlike inline allows and baselines these are not kept as
// suppressed findings: they say "this is not a secret", not "this secret is accepted".
import ignore from 'ignore';
import type { HitFilter } from './index.js';

export interface AllowlistSpec {
  /** gitignore-syntax globs, relative to the scan root. */
  paths?: readonly string[];
  /** Regular expressions tested (unanchored) against the secret value. */
  values?: readonly string[];
  /** Case-insensitive substrings of the secret value. */
  stopwords?: readonly string[];
}

/**
 * A matcher for gitignore-syntax globs over scan-root-relative paths ("vendor/", "*.lock",
 * "/build", "docs/**\/*.md", "!keep.me"). Paths the `ignore` package cannot take (absolute,
 * "../") never match, so an odd path is reported rather than silently allowed.
 */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  const ig = ignore().add([...globs]);
  return (path: string) => {
    const p = path.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
    if (!p || !ignore.isPathValid(p)) return false;
    return ig.ignores(p);
  };
}

export function allowlistFilter(spec: AllowlistSpec): HitFilter {
  const inPath = spec.paths?.length ? globMatcher(spec.paths) : () => false;
  const values = (spec.values ?? []).map((v) => new RegExp(v));
  const stopwords = (spec.stopwords ?? []).map((s) => s.toLowerCase());
  return ({ match, fragment }) => {
    if (inPath(fragment.origin.path)) return 'drop';
    if (values.some((re) => re.test(match.secret))) return 'drop';
    if (stopwords.length) {
      const lower = match.secret.toLowerCase();
      if (stopwords.some((s) => lower.includes(s))) return 'drop';
    }
    return 'keep';
  };
}

/** Drops hits of rules disabled by id (structured detectors' rules cannot be unloaded). */
export function disabledRulesFilter(ids: ReadonlySet<string>): HitFilter {
  return ({ match }) => (ids.has(match.ruleId) ? 'drop' : 'keep');
}
