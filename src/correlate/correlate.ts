// Hits → CorrelatedSecrets: group every match of the same value (by salted hash) into one secret with
// all its occurrences. Raw values stop here: what is kept is the id and the redacted form, so
// memory grows with the number of distinct secrets and occurrences, not with the input.
import type { OccurrenceFacts } from '../contracts/secret.js';
import type { Hit } from '../contracts/match.js';
import type { RuleMeta } from '../contracts/rule.js';
import type { CorrelatedSecret, Occurrence } from '../contracts/secret.js';
import { redact, snippetFor } from '../redaction/redact.js';
import { secretId } from '../redaction/secret-id.js';

export interface CorrelateOptions {
  salt: string;
  redact: boolean;
}

function occurrenceOf(hit: Hit, shown: string): Occurrence {
  const { match, fragment } = hit;
  const masked = shown ? fragment.snippetLine?.(match) : undefined;
  const lineText = masked?.text ?? fragment.fileLineText?.(match.line) ?? '';
  const props: OccurrenceFacts = { ...fragment.place, ...match.facts };
  return {
    origin: fragment.origin,
    contentKind: fragment.contentKind,
    line: match.line,
    column: match.column,
    endLine: match.endLine,
    endColumn: match.endColumn,
    snippet: shown ? snippetFor(lineText, match.secret, shown, masked?.at) : lineText.trim().slice(0, 200),
    ...(Object.keys(props).length ? { properties: props } : {}),
  };
}

// The blob keeps versions of one file apart in --history (git's enrich step then maps each to its commit).
const occKey = (o: Occurrence) =>
  `${o.origin.repo ?? ''}\0${o.origin.commit ?? ''}\0${o.origin.blob ?? ''}\0${o.origin.path}\0${o.line}\0${o.column}`;

export class Correlator {
  private readonly byId = new Map<string, CorrelatedSecret>();
  private readonly seen = new Set<string>();

  constructor(private readonly rules: ReadonlyMap<string, RuleMeta>, private readonly opts: CorrelateOptions) {}

  add(hit: Hit, suppressed?: Occurrence['suppressed']): void {
    const { match } = hit;
    const rule = this.rules.get(match.ruleId);
    const posture = rule?.category === 'posture';
    // Posture findings have no value: their "secret" is a stable description of the place.
    const id = secretId(posture ? `posture\0${match.ruleId}\0${match.secret}` : match.secret, this.opts.salt);
    const shown = posture ? '' : this.opts.redact ? redact(match.secret) : match.secret;
    let secret = this.byId.get(id);
    if (!secret) {
      secret = {
        id,
        ruleId: match.ruleId,
        provider: rule?.provider ?? 'unknown',
        redacted: shown,
        confidence: match.confidence,
        occurrences: [],
        kind: posture ? 'posture' : 'secret',
        ...(match.derived ? { derived: match.derived } : {}),
      };
      this.byId.set(id, secret);
    }
    const occ = occurrenceOf(hit, shown);
    if (suppressed) occ.suppressed = suppressed;
    const key = `${id}\0${occKey(occ)}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    secret.occurrences.push(occ);
  }

  /** The secrets; one whose every occurrence is suppressed is marked suppressed. */
  secrets(): CorrelatedSecret[] {
    const out = [...this.byId.values()];
    for (const s of out) {
      const first = s.occurrences[0]?.suppressed;
      if (first && s.occurrences.every((o) => o.suppressed)) s.suppressed = first;
    }
    return out;
  }
}

/** Convenience for tests and library users: correlate a finished list of hits. */
export function correlate(hits: Iterable<Hit>, rules: Map<string, RuleMeta>, opts: CorrelateOptions): CorrelatedSecret[] {
  const c = new Correlator(rules, opts);
  for (const h of hits) c.add(h);
  return c.secrets();
}
