// The text of `keysprawl verify list`: each provider --verify can check, with its call, the rules
// it covers and what its access map records, then the counts.
import type { VerifierRow } from '../verify/listing.js';

export interface VerifierCounts {
  verifiers: number;
  providers: number;
  accessMaps: number;
  rules: number;
}

export function verifierListText(rows: readonly VerifierRow[], c: VerifierCounts): string {
  const lines: string[] = [];
  for (const r of rows) {
    lines.push(`${r.name.padEnd(16)} ${r.accessMap ? 'access map' : r.records.length ? 'identity  ' : 'verdict   '}  ${r.call}`);
    lines.push(`${''.padEnd(16)} rules: ${r.rules.join(', ')}${r.records.length ? `; records: ${r.records.join(', ')}` : ''}`);
  }
  lines.push(`${c.verifiers} verifiers for ${c.providers} providers (${c.rules} rules); ${c.accessMaps} providers with an access map`);
  return `${lines.join('\n')}\n`;
}
