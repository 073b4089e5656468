// `keysprawl explain <secret-id> [paths...]`: one secret in full — every place it was found, the
// blast-radius factor table that produced its score, the OWASP NHI risks it evidences and what
// to replace it with. It scans the paths (default .) or reads a JSON report (--from).
import { UsageError, errorMessage } from '../errors.js';
import { parseJsonReport, type ReportResult, type ReportRule } from '../report/json.js';
import { sanitize } from '../report/text.js';
import { basisText, verificationText } from '../report/verification-text.js';
import { scan } from '../scan.js';
import { NHI_TITLES } from '../score/nhi.js';
import { primaryOccurrence } from '../score/score.js';
import type { Factor, Occurrence, Secret } from '../types.js';
import type { GitFlags } from './git-options.js';
import type { Io } from './io.js';
import { setUpScan } from './scan-setup.js';
import { planAgentScan, type AgentFlags } from './agents-options.js';
import { OWN_FILE_LIMITS, readOwnFile } from '../own-file.js';

/** The scan flags that change which secrets exist and how they score, as `scan` takes them. */
export interface ExplainFlags extends GitFlags, AgentFlags {
  from?: string;
  rules?: string;
  config?: string | false;
  gitignore: boolean;
  redact: boolean;
  maxFileSize: string;
  json?: boolean;
  quiet?: boolean;
}

/** How much of an id is printed in headers (the full id is accepted and shown too). */
export const SHORT_ID = 12;
const MIN_PREFIX = 4;

async function loadResult(paths: string[], flags: ExplainFlags, io: Io): Promise<ReportResult> {
  if (flags.from) {
    if (paths.length) throw new UsageError('explain: give either --from REPORT or paths to scan, not both');
    let text: string;
    try {
      text = readOwnFile(flags.from, OWN_FILE_LIMITS.report);
    } catch (err) {
      throw new UsageError(`${flags.from}: cannot read report (${errorMessage(err)})`);
    }
    return parseJsonReport(text, flags.from);
  }
  // The same setup as `scan` (config, suppressions, git modes), so ids and scores match its report.
  const warn = (line: string) => {
    if (!flags.quiet) io.stderr.write(`keysprawl: warning: ${line}\n`);
  };
  const { options } = await setUpScan(paths, flags, { stdin: io.stdin, onWarning: warn });
  const agents = flags.agents ? planAgentScan(paths, flags, options, io.env) : undefined;
  return scan({ ...options, ...(agents ? { source: agents.source } : {}) });
}

/** The one secret whose id starts with `prefix`; a UsageError when none or several do. */
export function findSecret(secrets: readonly Secret[], prefix: string): Secret {
  const p = prefix.trim().toLowerCase();
  if (!new RegExp(`^[0-9a-f]{${MIN_PREFIX},64}$`).test(p)) {
    throw new UsageError(`explain: "${sanitize(prefix)}" is not a secret id: give at least ${MIN_PREFIX} hex characters of the id a report shows`);
  }
  const found = secrets.filter((s) => s.id.startsWith(p));
  if (found.length === 1) return found[0];
  if (!found.length) throw new UsageError(`explain: no secret id starts with ${p} (${secrets.length} secret(s) found)`);
  const list = found.slice(0, 5).map((s) => `${s.id.slice(0, SHORT_ID)} ${s.ruleId}`).join(', ');
  throw new UsageError(`explain: ${found.length} secrets start with ${p} (${list}${found.length > 5 ? ', …' : ''}): give more characters`);
}

function where(o: Occurrence): string {
  const pos = o.line >= 1 ? `:${o.line}${o.column >= 1 ? `:${o.column}` : ''}` : '';
  return `${sanitize(o.origin.path)}${pos}`;
}

function occurrenceFacts(o: Occurrence): string {
  const parts: string[] = [o.contentKind];
  const cell = o.properties?.cell ?? o.properties?.cellIndex;
  if (cell !== undefined) parts.push(`cell ${sanitize(String(cell))}`);
  if (o.origin.commit) parts.push(`commit ${sanitize(o.origin.commit.slice(0, 7))}`);
  if (o.origin.repo) parts.push(`repo ${sanitize(o.origin.repo)}`);
  if (o.origin.date) parts.push(sanitize(o.origin.date.slice(0, 10)));
  if (o.origin.kind === 'staged') parts.push('staged');
  if (o.origin.presentAtHead === false) parts.push('not at HEAD');
  if (o.suppressed) parts.push(`suppressed (${o.suppressed.kind})`);
  return parts.join(', ');
}

function occurrenceLines(secret: Secret): string[] {
  const primary = primaryOccurrence(secret);
  const lines = [`Occurrences (${secret.occurrences.length})`];
  for (const o of secret.occurrences) {
    lines.push(`  ${o === primary ? '*' : ' '} ${where(o).padEnd(40)} ${occurrenceFacts(o)}`);
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

export async function runExplain(id: string, paths: string[], flags: ExplainFlags, io: Io): Promise<number> {
  const result = await loadResult(paths, flags, io);
  const secret = findSecret(result.secrets, id);
  const rule = result.rules.find((r) => r.id === secret.ruleId);
  io.stdout.write(flags.json ? `${JSON.stringify(secret, null, 2)}\n` : renderExplain(secret, rule));
  return 0;
}
