// The history part of the text report: the lists a scheduled sweep is run for (new since the
// previous sweep, reintroduced, still open and for how long, resolved), then the time to resolve.
import type { HistorySummary, KeyHistory } from '../contracts/history.js';
import { sanitize } from './sanitize.js';

/** Keys listed at most per list (all of them with verbose). */
const MAX_LISTED = 20;

/** "3 days", "5 hours", "under an hour": how long between two ISO times. */
export function duration(fromIso: string, toIso: string): string {
  const ms = Math.max(0, Date.parse(toIso) - Date.parse(fromIso));
  const days = Math.floor(ms / 86_400_000);
  if (days >= 1) return `${days} day${days === 1 ? '' : 's'}`;
  const hours = Math.floor(ms / 3_600_000);
  return hours >= 1 ? `${hours} hour${hours === 1 ? '' : 's'}` : 'under an hour';
}

const day = (iso: string) => iso.slice(0, 10);

function keyLine(k: KeyHistory, what: string): string {
  const repos = k.repos.length ? `  in ${k.repos.slice(0, 3).map(sanitize).join(', ')}${k.repos.length > 3 ? ` and ${k.repos.length - 3} more` : ''}` : '';
  return `  ${k.severity.toUpperCase().padEnd(8)} ${String(k.score).padStart(3)}  ${sanitize(k.ruleId)}  ${sanitize(k.redacted)}  ${what}${repos}  (id ${k.id.slice(0, 12)})`;
}

function list(title: string, keys: KeyHistory[], what: (k: KeyHistory) => string, verbose: boolean): string[] {
  const shown = verbose ? keys : keys.slice(0, MAX_LISTED);
  const lines = [`${title}: ${keys.length}`, ...shown.map((k) => keyLine(k, what(k)))];
  if (shown.length < keys.length) lines.push(`  … ${keys.length - shown.length} more (--verbose lists all)`);
  return lines;
}

function headline(h: HistorySummary): string {
  const counts = `${h.new.length} new, ${h.reintroduced.length} reintroduced, ${h.open.length} still open, ${h.resolved.length} resolved`;
  if (h.period) return `History from ${h.period.from} to ${h.period.to} (${h.period.sweeps} sweep${h.period.sweeps === 1 ? '' : 's'}): ${counts}`;
  if (!h.previous) return `First recorded sweep (${h.sweep.at}): ${counts}`;
  return `Since the previous sweep (${h.previous.at}): ${counts}`;
}

function resolveLine(h: HistorySummary): string {
  const t = h.timeToResolve;
  if (!t.count) return 'Time to resolve: no key resolved yet';
  return `Time to resolve: ${t.count} key${t.count === 1 ? '' : 's'} resolved, median ${t.medianDays} days, mean ${t.meanDays} days, longest ${t.maxDays} days`;
}

/** The history preamble of a text report (also `keysprawl history`). */
export function historyText(h: HistorySummary, verbose = false): string {
  const at = h.sweep.at;
  const lines = [
    headline(h),
    ...list('New keys', h.new, (k) => `first seen ${day(k.firstSeen)}`, verbose),
    ...list('Reintroduced keys', h.reintroduced, (k) => `first seen ${day(k.firstSeen)}, back since ${day(k.openSince)}`, verbose),
    ...list('Still open', h.open, (k) => `first seen ${day(k.firstSeen)}, open for ${duration(k.openSince, at)}`, verbose),
    ...list('Resolved', h.resolved, (k) => `first seen ${day(k.firstSeen)}, resolved ${day(k.resolvedAt ?? at)} after ${duration(k.openSince, k.resolvedAt ?? at)}`, verbose),
  ];
  if (h.unchecked.length) lines.push(...list('Not checked (a repository that held them was not scanned): still open', h.unchecked, (k) => `last seen ${day(k.lastSeen)}`, verbose));
  lines.push(resolveLine(h));
  return `${lines.join('\n')}\n\n`;
}
