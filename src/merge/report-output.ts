// Writing a sweep's or a merge's reports: the same formats as `scan` (text, json, sarif, html),
// with the text report opened by the lists a sweep is run for: what changed since the previous
// sweep (with --store), the keys shared across repositories, then every repository's status.
import { planOutputs } from '../cli/outputs.js';
import { writeFileAtomic } from '../cli/write-file.js';
import type { Io } from '../cli/io.js';
import { historyText } from '../history/text.js';
import { render } from '../report/index.js';
import type { ReportResult } from '../report/json.js';
import { sanitize } from '../report/text.js';
import type { Secret } from '../types.js';
import { SEVERITIES } from '../types.js';

export interface OutputFlags {
  format: string[];
  output: string[];
  forceFormat?: boolean;
  verbose?: boolean;
}

/** Keys shared across repositories listed at most (all of them with verbose). */
const MAX_SHARED = 20;

function sharedLines(result: ReportResult, verbose: boolean): string[] {
  const shared = result.sweep?.shared ?? [];
  const byId = new Map<string, Secret>(result.secrets.map((s) => [s.id, s]));
  const lines = [`Keys shared across repositories: ${shared.length}`];
  const shown = verbose ? shared : shared.slice(0, MAX_SHARED);
  for (const k of shown) {
    const s = byId.get(k.id);
    if (!s) continue;
    lines.push(`  ${s.severity.toUpperCase().padEnd(8)} ${String(s.score).padStart(3)}  ${sanitize(s.ruleId)}  ${sanitize(s.redacted)}  in ${k.repos.length} repositories: ${k.repos.map(sanitize).join(', ')}  (id ${s.id.slice(0, 12)})`);
  }
  if (shown.length < shared.length) lines.push(`  … ${shared.length - shown.length} more (--verbose lists all)`);
  return lines;
}

function repoLines(result: ReportResult): string[] {
  const repos = result.sweep?.repos ?? [];
  const failed = repos.filter((r) => r.status === 'failed').length;
  const lines = [`Repositories: ${repos.length - failed} scanned, ${failed} failed`];
  const width = Math.min(60, Math.max(10, ...repos.map((r) => r.id.length)));
  for (const r of repos) {
    const id = sanitize(r.id).padEnd(width);
    if (r.status === 'failed') {
      lines.push(`  ${id}  FAILED  ${sanitize(r.error ?? '')}`);
      continue;
    }
    const sev = SEVERITIES.filter((s) => r.bySeverity?.[s]).map((s) => `${r.bySeverity[s]} ${s}`).join(', ');
    lines.push(`  ${id}  ok      ${r.findings} finding${r.findings === 1 ? '' : 's'}${sev ? ` (${sev})` : ''}, ${r.filesScanned} files${r.resumed ? ', resumed from --state' : ''}`);
  }
  return lines;
}

/** The sweep preamble of the text report (empty for a report that is not a sweep). */
export function sweepText(result: ReportResult, verbose = false): string {
  if (!result.sweep) return '';
  return `${[...sharedLines(result, verbose), '', ...repoLines(result), ''].join('\n')}\n`;
}

/** Render every requested report; files are written atomically, at most one goes to stdout. */
export async function writeReports(result: ReportResult, flags: OutputFlags, io: Io): Promise<void> {
  const plans = planOutputs(flags.format, flags.output, { force: flags.forceFormat });
  for (const plan of plans) {
    let text = render(plan.format, result, { color: false, verbose: !!flags.verbose });
    if (plan.format === 'text') text = (result.history ? historyText(result.history, !!flags.verbose) : '') + sweepText(result, !!flags.verbose) + text;
    if (plan.file) await writeFileAtomic(plan.file, text, { private: !result.redacted });
    else io.stdout.write(text);
  }
}
