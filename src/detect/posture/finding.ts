// What a posture check reports before it becomes a Match: a rule, a stable description of the
// place (hashed by correlate, never shown), the raw span to point at, and facts for the report.
import type { PostureFacts } from '../../contracts/match.js';
import type { CEntry } from '../../extract/config-tree.js';
import type { Fragment } from '../../contracts/fragment.js';
import type { Match } from '../../contracts/match.js';

export interface PostureFinding {
  ruleId: string;
  /** Stable identity: `<path>#<job>#<what>`, or the secret name for the shared-secret rule. */
  key: string;
  start: number;
  end: number;
  facts: PostureFacts;
}

export const keySpan = (e: CEntry) => ({ start: e.keyStart, end: e.keyEnd });

/**
 * Whether a value is a stored credential rather than one derived in the run: a secret or
 * variable reference, or a literal. `${{ steps.x.outputs.y }}` (OIDC output) is not static.
 */
export function isStaticValue(value: string): boolean {
  if (!value.trim()) return false;
  if (!value.includes('${{')) return true;
  return /\b(?:secrets|vars)\s*[.[]/.test(value);
}

export function toMatch(fragment: Fragment, f: PostureFinding): Match {
  const from = fragment.toFileLine(f.start);
  const to = fragment.toFileLine(f.end);
  return {
    ruleId: f.ruleId,
    secret: f.key,
    start: f.start,
    end: f.end,
    line: from.line,
    column: from.column,
    endLine: to.line,
    endColumn: to.column,
    confidence: 'high',
    facts: f.facts,
  };
}
