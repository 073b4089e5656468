// The verifiable providers as rows: for `keysprawl verify list` and the table in docs/verify.md
// (a test checks the doc holds exactly verifyTable(), so the docs cannot drift from the code).
import { PROVIDERS } from './providers.js';
import type { ProviderVerifier } from './spec.js';

/** Fields that say what a key may do or until when (identity alone is not an access map). */
const ACCESS_FIELDS = new Set(['scopes', 'role', 'privilege', 'expiresAt', 'limits']);

export interface VerifierRow {
  name: string;
  call: string;
  rules: readonly string[];
  /** Access-map fields recorded beyond live/revoked (empty: verdict only). */
  records: readonly string[];
  /** True when the provider reports what the key may do or until when: scopes, role, privilege, expiry or limits. */
  accessMap: boolean;
}

export function verifierRows(list: readonly ProviderVerifier[] = PROVIDERS): VerifierRow[] {
  return list.map((p) => ({
    name: p.name, call: p.call, rules: p.rules, records: p.records,
    accessMap: p.records.some((f) => ACCESS_FIELDS.has(f)),
  }));
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The markdown table of docs/verify.md. */
export function verifyTable(list: readonly ProviderVerifier[] = PROVIDERS): string {
  const rows = verifierRows(list).map((r) =>
    `| ${r.name} | \`${cell(r.call)}\` | ${r.rules.map((id) => `\`${id}\``).join(', ')} | ${r.records.length ? r.records.join(', ') : 'verdict only'} |`);
  return ['| verifier | call | rules | access map records |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** Counts for listings and docs: verifiers, distinct providers, providers with an access map. */
export function verifyCounts(list: readonly ProviderVerifier[] = PROVIDERS): { verifiers: number; providers: number; accessMaps: number; rules: number } {
  const provider = (n: string) => n.replace(/-admin$/, '');
  const rows = verifierRows(list);
  return {
    verifiers: rows.length,
    providers: new Set(rows.map((r) => provider(r.name))).size,
    accessMaps: new Set(rows.filter((r) => r.accessMap).map((r) => provider(r.name))).size,
    rules: rows.reduce((n, r) => n + r.rules.length, 0),
  };
}
