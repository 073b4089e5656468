// Inline SVG charts for the HTML report: drawn here as markup, so they render with no script and
// no network. Every label is escaped; every bar carries its count as data (tests and screen
// readers read it, a <title> shows it on hover).
import { SEVERITIES, type Severity } from '../contracts/scored.js';
import { SEVERITY_COLORS } from './html-style.js';

/** Escape text for HTML element content and double- or single-quoted attributes. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const PROVIDER_COLOR = '#1f6feb';

/** Vertical bars, one per severity, most severe first. */
export function severityChart(counts: Record<Severity, number>): string {
  const w = 420;
  const h = 220;
  const top = 24;
  const base = h - 30;
  const max = Math.max(1, ...SEVERITIES.map((s) => counts[s] ?? 0));
  const slot = w / SEVERITIES.length;
  const barW = Math.round(slot * 0.56);
  const bars = SEVERITIES.map((sev, i) => {
    const n = counts[sev] ?? 0;
    const bh = n ? Math.max(2, Math.round(((base - top) * n) / max)) : 0;
    const x = Math.round(i * slot + (slot - barW) / 2);
    const cx = Math.round(i * slot + slot / 2);
    return [
      `<rect class="bar" data-severity="${sev}" data-count="${n}" x="${x}" y="${base - bh}" width="${barW}" height="${bh}" rx="3" fill="${SEVERITY_COLORS[sev]}"><title>${sev}: ${n}</title></rect>`,
      `<text x="${cx}" y="${base - bh - 6}" text-anchor="middle">${n}</text>`,
      `<text x="${cx}" y="${h - 10}" text-anchor="middle">${sev}</text>`,
    ].join('');
  });
  const label = SEVERITIES.map((s) => `${s} ${counts[s] ?? 0}`).join(', ');
  return (
    `<svg class="chart" data-chart="severity" role="img" aria-label="Findings by severity: ${esc(label)}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg">` +
    `<line x1="0" y1="${base}" x2="${w}" y2="${base}" stroke="#c9d1d9"/>${bars.join('')}</svg>`
  );
}

/** Horizontal bars, one per provider (most findings first), the rest folded into "other". */
export function providerChart(byProvider: Record<string, number>, limit = 12): string {
  let rows = Object.entries(byProvider).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  if (rows.length > limit) {
    const rest = rows.slice(limit - 1).reduce((sum, [, n]) => sum + n, 0);
    rows = [...rows.slice(0, limit - 1), ['other providers', rest]];
  }
  const w = 460;
  const labelW = 150;
  const rowH = 24;
  const h = Math.max(1, rows.length) * rowH + 8;
  const max = Math.max(1, ...rows.map(([, n]) => n));
  const barMax = w - labelW - 50;
  const bars = rows.map(([name, n], i) => {
    const y = 4 + i * rowH;
    const bw = Math.max(2, Math.round((barMax * n) / max));
    const shown = name.length > 22 ? `${name.slice(0, 21)}…` : name;
    return [
      `<text x="${labelW - 8}" y="${y + 16}" text-anchor="end">${esc(shown)}</text>`,
      `<rect class="bar" data-provider="${esc(name)}" data-count="${n}" x="${labelW}" y="${y + 3}" width="${bw}" height="${rowH - 8}" rx="3" fill="${PROVIDER_COLOR}"><title>${esc(name)}: ${n}</title></rect>`,
      `<text x="${labelW + bw + 6}" y="${y + 16}">${n}</text>`,
    ].join('');
  });
  const label = rows.map(([name, n]) => `${name} ${n}`).join(', ') || 'none';
  const body = rows.length ? bars.join('') : `<text x="${labelW}" y="20">no findings</text>`;
  return `<svg class="chart" data-chart="providers" role="img" aria-label="Findings by provider: ${esc(label)}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg">${body}</svg>`;
}
