// The text of `keysprawl explain <id>`: one secret in full — its header (id, value as redacted,
// blast radius, rule, pairing, OWASP NHI risks, verification), every place it was found with the
// most exposed one marked, the factor table that produced its score, and what to do.
import { NHI_TITLES } from '../score/nhi.js';
import type { Factor, Secret } from '../contracts/scored.js';
import { describeOccurrence, EXPLAIN_VIEW, position } from './describe.js';
import type { ReportRule } from './json.js';
import { primaryOccurrence } from './order.js';
import { sanitize } from './sanitize.js';
import { basisText, verificationText } from './verification-text.js';

/** How much of an id is printed in headers (the full id is accepted and shown too). */
export const SHORT_ID = 12;

function occurrenceLines(secret: Secret): string[] {
  const primary = primaryOccurrence(secret);
  const lines = [`Occurrences (${secret.occurrences.length})`];
  for (const o of secret.occurrences) {
    lines.push(`  ${o === primary ? '*' : ' '} ${position(o).padEnd(40)} ${describeOccurrence(o, EXPLAIN_VIEW)}`);
    if (o.snippet) lines.push(`      ${sanitize(o.snippet)}`);
  }
  if (primary) lines.push('  (* the most exposed place: where SARIF reports it)');
  return lines;
}

const signed = (n: number) => `${n < 0 ? '-' : '+'}${Math.abs(n)}`;

/** The factor table: factor, value, points, reason; then the total and the score. */
export function factorTable(factors: readonly Factor[], score: number): string[] {
  const rows = factors.map((f) => [sanitize(f.factor), sanitize(String(f.value)), signed(f.points), sanitize(f.reason)]);
  const head = ['factor', 'value', 'points', 'reason'];
  const w0 = Math.max(head[0].length, ...rows.map((r) => r[0].length));
  const w1 = Math.min(24, Math.max(head[1].length, ...rows.map((r) => r[1].length)));
  const w2 = Math.max(head[2].length, ...rows.map((r) => r[2].length));
  const fmt = (r: string[]) => `  ${r[0].padEnd(w0)}  ${r[1].padEnd(w1)}  ${r[2].padStart(w2)}  ${r[3]}`.trimEnd();
  const total = factors.reduce((a, f) => a + f.points, 0);
  const clamped = total !== score ? ` (sum ${total}, clamped to 0–100)` : '';
  return [fmt(head), ...rows.map(fmt), `  ${'score'.padEnd(w0)}  ${''.padEnd(w1)}  ${String(score).padStart(w2)}${clamped}`];
}

function headerLines(secret: Secret, rule: ReportRule | undefined): string[] {
  const name = rule ? `${sanitize(rule.name)} (${sanitize(secret.provider)}, ${sanitize(rule.category)})` : sanitize(secret.provider);
  const lines = [
    `Secret ${secret.id.slice(0, SHORT_ID)}  ${sanitize(secret.ruleId)}: ${name}`,
    `  id            ${secret.id}`,
  ];
  if (secret.kind === 'secret') lines.push(`  value         ${sanitize(secret.redacted)}`);
  else lines.push('  kind          posture (no value: a configuration that hands out a static credential)');
  lines.push(`  blast radius  ${secret.score}/100, ${secret.severity}`);
  if (rule) lines.push(`  rule          ${rule.privilege} privilege, ${rule.scope} scope, ${rule.lifetime}`);
  if (secret.derived?.note) lines.push(`  lifetime      ${sanitize(secret.derived.note)}`);
  for (const p of secret.pairedWith ?? []) {
    lines.push(`  paired with   ${sanitize(p.role)} ${sanitize(p.shown)} (${p.where.map(sanitize).join(', ')})`);
  }
  const nhi = (secret.nhi ?? []).map((t) => (NHI_TITLES[t] ? `${t} ${NHI_TITLES[t]}` : sanitize(t)));
  if (nhi.length) lines.push(`  OWASP NHI     ${nhi.join('; ')}`);
  if (secret.verification) lines.push(`  verified      ${sanitize(verificationText(secret.verification))}`);
  if (secret.kind === 'secret') lines.push(`  facts         ${sanitize(basisText(secret))}`);
  if (secret.suppressed) lines.push(`  suppressed    ${secret.suppressed.kind}${secret.suppressed.justification ? `: ${sanitize(secret.suppressed.justification)}` : ''}`);
  return lines;
}

/** The explanation of one secret as text, ending with a newline. */
export function renderExplain(secret: Secret, rule: ReportRule | undefined): string {
  const remediation = secret.remediation.split('\n').filter((l) => l.trim()).map((l) => `  - ${sanitize(l)}`);
  const sections = [
    headerLines(secret, rule),
    occurrenceLines(secret),
    ['Why this score', ...factorTable(secret.factors, secret.score)],
    ['What to do', ...(remediation.length ? remediation : ['  (no remediation recorded)'])],
  ];
  return `${sections.map((s) => s.join('\n')).join('\n\n')}\n`;
}
