// Text reporter (DESIGN.md §5): findings grouped by severity, worst first, one block per secret
// with its blast-radius factors, every place holding it and the one-line replacement, then a
// one-line summary; a sweep or merge report opens with its history and sweep lists. Colour only
// when asked (the CLI asks on a TTY), written by ./ansi.ts as chalk writes it, so output never
// depends on the environment.
import { style, type Style } from './ansi.js';
import { SEVERITIES, type Secret, type Severity } from '../contracts/scored.js';
import type { Occurrence } from '../contracts/secret.js';
import { skippedTotal, summarize, type ReportResult, type ReportRule } from './json.js';
import { describeOccurrence, formatScore, occurrenceCell, plural, position, postureSubject, TEXT_VIEW } from './describe.js';
import { cmp, historyOnly, otherOccurrences, primaryOccurrence, sortedSecrets } from './order.js';
import { sanitize } from './sanitize.js';
import { sweepText } from './sweep-text.js';
import { historyText } from './history-text.js';
import { inventoryLines } from './inventory.js';
import { basisText, verificationNote, verificationText } from './verification-text.js';

export interface TextOptions {
  color: boolean;
  verbose: boolean;
  /** What follows the id in the `keysprawl explain <id>` hint, so it works when pasted (e.g. " --history"). */
  explainArgs?: string;
}

/** Bytes as megabytes (10^6) with one decimal; "<0.1 MB" for a little. */
export function formatMegabytes(bytes: number): string {
  const mb = (Number(bytes) || 0) / 1_000_000;
  if (mb > 0 && mb < 0.1) return '<0.1 MB';
  return `${mb.toFixed(1)} MB`;
}

function occurrenceNote(o: Occurrence): string {
  return describeOccurrence(o, TEXT_VIEW);
}

function factorLine(points: number, factor: string, reason: string): string {
  const p = Number(points) || 0;
  const n = Math.round(p * 10) / 10;
  return `${n < 0 ? '-' : '+'}${Math.abs(n)} ${sanitize(factor)}: ${sanitize(reason)}`;
}

interface Palette {
  c: Record<'bold' | 'dim' | 'italic' | 'magenta' | 'cyan' | 'yellow' | 'green', Style>;
  sev: Record<Severity, Style>;
}

function palette(color: boolean): Palette {
  return {
    c: {
      bold: style(color, 'bold'),
      dim: style(color, 'dim'),
      italic: style(color, 'italic'),
      magenta: style(color, 'magenta'),
      cyan: style(color, 'cyan'),
      yellow: style(color, 'yellow'),
      green: style(color, 'green'),
    },
    sev: {
      critical: style(color, 'bold', 'red'),
      high: style(color, 'red'),
      medium: style(color, 'yellow'),
      low: style(color, 'blue'),
    },
  };
}

function findingLines(secret: Secret, rule: ReportRule | undefined, p: Palette, verbose: boolean, explainArgs = ''): string[] {
  const { c } = p;
  const primary = primaryOccurrence(secret);
  const sev = p.sev[secret.severity] ?? ((s: string) => s);
  const subject = secret.kind === 'posture' ? postureSubject(secret) : undefined;
  const what =
    secret.kind === 'posture' || !secret.redacted
      ? c.italic(sanitize(`${rule?.name ?? secret.ruleId}${subject ? `: ${subject}` : ''}`))
      : c.magenta(sanitize(secret.redacted));
  const head = [
    c.bold(primary ? position(primary) : '(no location)'),
    sanitize(secret.ruleId),
    c.cyan(sanitize(secret.provider)),
    what,
    sev(`score ${formatScore(secret.score)} (${secret.severity})`),
    plural(secret.occurrences.length, 'occurrence'),
  ].join('  ');
  const lines = [`  ${head}`];
  const indent = '      ';
  if (secret.suppressed) {
    lines.push(`${indent}${c.dim(`suppressed (${secret.suppressed.kind})${secret.suppressed.justification ? `: ${sanitize(secret.suppressed.justification)}` : ''}`)}`);
  }
  if (primary && (primary.origin.commit || primary.contentKind !== 'code' || occurrenceCell(primary) !== undefined)) {
    lines.push(`${indent}${c.dim(`in ${occurrenceNote(primary)}`)}`);
  }
  if (historyOnly(secret)) {
    lines.push(`${indent}${c.yellow(`removed from HEAD${removedIn(secret)}, still needs rotation`)}`);
  }
  for (const f of secret.factors ?? []) lines.push(`${indent}${c.dim(factorLine(f.points, f.factor, f.reason))}`);
  if (secret.verification) {
    lines.push(`${indent}${sanitize(verificationText(secret.verification))}`, `${indent}${c.dim(sanitize(basisText(secret)))}`);
  }
  // Every place holding the key: each one is a file to clean.
  const others = otherOccurrences(secret);
  if (others.length) lines.push(`${indent}also at:`);
  for (const o of others) lines.push(`${indent}  ${position(o)} ${c.dim(`(${occurrenceNote(o)})`)}`);
  const action = secret.action ?? secret.remediation?.split('\n').find((l) => l.trim());
  if (action) lines.push(`${indent}${c.green(`→ ${sanitize(action)}`)}`);
  // The replacement and rotation steps are long: all of them with verbose, else where to find them.
  if (verbose && secret.remediation) {
    lines.push(`${indent}what to do:`);
    for (const l of secret.remediation.split('\n').filter((x) => x.trim())) lines.push(`${indent}  ${sanitize(l)}`);
  }
  const agents = secret.occurrences.some((o) => o.origin.agent) && !explainArgs.includes(' --agents') ? ' --agents' : '';
  lines.push(`${indent}${c.dim(`keysprawl explain ${sanitize(secret.id.slice(0, 12))}${sanitize(explainArgs)}${agents}`)}`);
  return lines;
}

/** The one-line summary: files, skipped by reason, findings by severity, suppressed, time. */
export function summaryLine(result: ReportResult): string {
  const s = summarize(result);
  const skipped = Object.entries(result.stats.skipped ?? {})
    .filter(([, n]) => (n ?? 0) > 0)
    .sort(([ra, a], [rb, b]) => (b ?? 0) - (a ?? 0) || cmp(ra, rb))
    .map(([r, n]) => `${r} ${n}`);
  const sev = SEVERITIES.map((v) => `${v} ${s.bySeverity[v]}`).join(', ');
  const parts = [
    `${plural(s.filesScanned, 'file')} scanned (${formatMegabytes(s.bytesScanned)})`,
    `${skippedTotal(result.stats)} skipped${skipped.length ? ` (${skipped.join(', ')})` : ''}`,
    `${plural(s.secrets, 'finding')} (${sev})`,
    ...(s.suppressed ? [`${s.suppressed} suppressed`] : []),
    `${((Number(s.elapsedMs) || 0) / 1000).toFixed(1)} s`,
  ];
  return parts.join(', ');
}

/** The text report. Ends with a newline. */
export function renderText(result: ReportResult, opts: TextOptions): string {
  const p = palette(opts.color);
  const { c } = p;
  const rules = new Map(result.rules.map((r) => [r.id, r]));
  const secrets = sortedSecrets(result.secrets);
  const active = secrets.filter((s) => !s.suppressed);
  const suppressed = secrets.filter((s) => s.suppressed);
  const out: string[] = [];

  if (!active.length) out.push('No secrets found.', '');
  for (const sev of SEVERITIES) {
    const group = active.filter((s) => s.severity === sev);
    if (!group.length) continue;
    out.push(p.sev[sev](`${sev.toUpperCase()} (${group.length})`), '');
    for (const s of group) out.push(...findingLines(s, rules.get(s.ruleId), p, opts.verbose, opts.explainArgs), '');
  }
  if (opts.verbose && suppressed.length) {
    out.push(c.dim(`SUPPRESSED (${suppressed.length})`), '');
    for (const s of suppressed) out.push(...findingLines(s, rules.get(s.ruleId), p, opts.verbose, opts.explainArgs), '');
  }
  if (opts.verbose) {
    const items = [...(result.stats.skippedItems ?? [])].sort((a, b) => cmp(a.path, b.path) || cmp(a.reason, b.reason));
    if (items.length) {
      out.push(`Skipped (${items.length}):`);
      for (const it of items) out.push(`  ${sanitize(it.path)} (${it.reason})${it.message ? `: ${sanitize(it.message)}` : ''}`);
      out.push('');
    }
    const warnings = result.stats.warnings ?? [];
    if (warnings.length) {
      out.push(`Warnings (${warnings.length}):`);
      for (const w of warnings) out.push(`  ${c.yellow(sanitize(w))}`);
      out.push('');
    }
  }
  if (result.machine) out.push(...inventoryLines(result.machine, sanitize), '');
  if (active.some((s) => s.kind === 'secret')) out.push(c.dim(sanitize(verificationNote(active))));
  out.push(c.bold(summaryLine(result)));
  // A sweep or merge opens with what it is run for: changes since the last sweep, shared keys, repositories.
  const preamble = (result.history ? historyText(result.history, opts.verbose) : '') + sweepText(result, opts.verbose);
  return `${preamble}${out.join('\n')}\n`;
}

/** " in <short sha>" when git recorded the commit that removed the key from HEAD's history. */
function removedIn(secret: Secret): string {
  for (const o of secret.occurrences) {
    const sha = o.properties?.removedIn;
    if (typeof sha === 'string' && /^[0-9a-f]{7,40}$/.test(sha)) return ` in ${sha.slice(0, 12)}`;
  }
  return '';
}
