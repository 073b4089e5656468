// The sweep part of the text report, shown before the findings: the keys shared across
// repositories, then every repository's status; and the progress line a sweep prints after each
// repository. Untrusted names (repositories, rule ids, errors) are made terminal-safe.
import { SEVERITIES, type Secret } from '../contracts/scored.js';
import type { SweepRepo } from '../contracts/sweep.js';
import type { ReportResult } from './json.js';
import { sanitize } from './sanitize.js';

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

/** The stderr line after each repository: `keysprawl: [3/40] org/repo: 2 findings`. */
export function sweepProgressLine(r: SweepRepo, done: number, total: number): string {
  const what = r.status === 'failed' ? 'FAILED (recorded in the report)' : `${r.findings} finding${r.findings === 1 ? '' : 's'}${r.resumed ? ' (resumed from --state)' : ''}`;
  return `keysprawl: [${done}/${total}] ${sanitize(r.id)}: ${what}\n`;
}
