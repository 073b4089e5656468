// The history part of the HTML report, shown first: what changed since the previous sweep (new,
// reintroduced, still open, resolved), the trend of keys open after each sweep as an inline SVG
// line, and the time keys took to be resolved; and the page `keysprawl history -f html` writes.
// Everything is escaped; no script, no network.
import type { HistorySummary, KeyHistory, TrendPoint } from '../contracts/history.js';
import { duration } from './history-text.js';
import { esc } from './html-charts.js';
import { htmlHead } from './html-page.js';
import { badge, card } from './html-sections.js';

const MAX_ROWS = 200;
const day = (iso: string) => iso.slice(0, 10);

function keyTable(status: string, keys: KeyHistory[], when: (k: KeyHistory) => string): string {
  if (!keys.length) return '';
  const rows = keys.slice(0, MAX_ROWS).map(
    (k) =>
      `<tr data-status="${esc(status)}" data-secret-id="${esc(k.id)}"><td>${badge(k.severity)} <span class="score">${k.score}</span></td>` +
      `<td><code>${esc(k.redacted)}</code><div class="muted">${esc(k.ruleId)}</div></td><td>${esc(day(k.firstSeen))}</td><td>${esc(when(k))}</td>` +
      `<td>${esc(k.repos.slice(0, 5).join(', '))}${k.repos.length > 5 ? ` and ${k.repos.length - 5} more` : ''}</td></tr>`,
  );
  const more = keys.length > MAX_ROWS ? `<p class="muted">${keys.length - MAX_ROWS} more in the JSON report.</p>` : '';
  return `<h3>${esc(status)}: ${keys.length}</h3><table class="history" data-list="${esc(status)}"><thead><tr><th>Severity</th><th>Key</th><th>First seen</th><th>Since</th><th>Repositories</th></tr></thead><tbody>${rows.join('')}</tbody></table>${more}`;
}

/** Keys open after each sweep: a polyline with one labelled point per sweep. */
export function trendChart(points: TrendPoint[]): string {
  const w = 560;
  const h = 220;
  const left = 40;
  const top = 20;
  const base = h - 36;
  const max = Math.max(1, ...points.map((p) => p.open));
  const step = points.length > 1 ? (w - left - 20) / (points.length - 1) : 0;
  const xy = points.map((p, i) => [Math.round(left + i * step), Math.round(base - ((base - top) * p.open) / max)] as const);
  const dots = points.map(
    (p, i) =>
      `<circle class="point" data-at="${esc(p.at)}" data-open="${p.open}" data-new="${p.new}" data-resolved="${p.resolved}" cx="${xy[i][0]}" cy="${xy[i][1]}" r="4" fill="#1f6feb"><title>${esc(day(p.at))}: ${p.open} open, ${p.new} new, ${p.resolved} resolved</title></circle>`,
  );
  const labels = points.length <= 12 ? points.map((p, i) => `<text x="${xy[i][0]}" y="${h - 14}" text-anchor="middle">${esc(p.at.slice(5, 10))}</text>`) : [];
  const line = xy.length > 1 ? `<polyline fill="none" stroke="#1f6feb" stroke-width="2" points="${xy.map(([x, y]) => `${x},${y}`).join(' ')}"/>` : '';
  const label = points.map((p) => `${day(p.at)} ${p.open} open`).join(', ') || 'no sweeps';
  return (
    `<svg class="chart" data-chart="trend" role="img" aria-label="Keys open after each sweep: ${esc(label)}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg">` +
    `<line x1="${left}" y1="${base}" x2="${w}" y2="${base}" stroke="#c9d1d9"/><text x="4" y="${top + 4}">${max}</text><text x="4" y="${base}">0</text>${line}${dots.join('')}${labels.join('')}</svg>`
  );
}

function resolvePanel(h: HistorySummary): string {
  const t = h.timeToResolve;
  if (!t.count) return '<p class="empty">No key resolved yet.</p>';
  return `<table class="history" data-list="time-to-resolve"><tbody><tr><td>Keys resolved</td><td class="num">${t.count}</td></tr><tr><td>Median days to resolve</td><td class="num">${t.medianDays}</td></tr><tr><td>Mean days</td><td class="num">${t.meanDays}</td></tr><tr><td>Longest</td><td class="num">${t.maxDays}</td></tr></tbody></table>`;
}

/** The section, or '' for a report without history. */
export function historySection(h: HistorySummary | undefined): string {
  if (!h) return '';
  const at = h.sweep.at;
  const since = h.period ? `from ${day(h.period.from)} to ${day(h.period.to)}` : h.previous ? `since the previous sweep (${day(h.previous.at)})` : 'first recorded sweep';
  const cards = [card('new', h.new.length, 'new', true), card('reintroduced', h.reintroduced.length, 'reintroduced', true), card('open', h.open.length, 'still open'), card('resolved', h.resolved.length, 'resolved'), card('unchecked', h.unchecked.length, 'not checked')].join('');
  const tables = [
    keyTable('new', h.new, () => 'new'),
    keyTable('reintroduced', h.reintroduced, (k) => `back since ${day(k.openSince)}`),
    keyTable('still open', h.open, (k) => `open for ${duration(k.openSince, at)}`),
    keyTable('resolved', h.resolved, (k) => `resolved ${day(k.resolvedAt ?? at)} after ${duration(k.openSince, k.resolvedAt ?? at)}`),
    keyTable('not checked', h.unchecked, (k) => `last seen ${day(k.lastSeen)}`),
  ].join('');
  return (
    `<section id="history"><h2>What changed ${esc(since)}</h2><div class="cards">${cards}</div>` +
    `<div class="charts"><div class="panel"><h2>Keys open over time</h2>${trendChart(h.trend)}</div><div class="panel"><h2>Time to resolve</h2>${resolvePanel(h)}</div></div>` +
    `${tables}</section>`
  );
}

/** The page of `keysprawl history --format html`: the history section alone. */
export function historyPage(h: HistorySummary): string {
  return `${htmlHead('keysprawl sweep history')}
<body>
<header><h1>keysprawl: sweep history</h1></header>
<main>
${historySection(h)}
</main>
<footer>Values are redacted. Secret ids are salted hashes.</footer>
</body>
</html>
`;
}
