// The score stage's whole output for one secret: the blast radius (score.ts), then what to do
// about it (remediation.ts) and the OWASP NHI tags (nhi.ts), as one complete ScoredSecret. The
// fields are laid out in the JSON report's order (docs/output.md), whatever order the earlier
// stages added theirs in, so a report reads the same however the secret was built.
import type { RuleMeta } from '../contracts/rule.js';
import type { ScoredSecret } from '../contracts/scored.js';
import type { CorrelatedSecret } from '../contracts/secret.js';
import { nhiTags } from './nhi.js';
import { actionFor, remediationFor } from './remediation.js';
import { scoreSecret } from './score.js';
import type { Weights } from './weights.js';

export function scored(secret: CorrelatedSecret, rule: RuleMeta | undefined, weights: Weights, now?: Date): ScoredSecret {
  const s = scoreSecret(secret, rule, weights, now);
  // Taken out so they land in place below; what stays in `later` keeps its own order.
  const { id, ruleId, provider, redacted, confidence, occurrences, score, factors, severity, kind, remediation: _r, nhi: _n, action: _a, ...later } = s as ScoredSecret;
  return {
    id, ruleId, provider, redacted, confidence, occurrences, score, factors, severity,
    remediation: remediationFor(s, rule, weights),
    nhi: nhiTags(s, rule),
    kind,
    ...later,
    action: actionFor(s, rule, weights),
  };
}
