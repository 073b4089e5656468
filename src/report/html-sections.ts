// The sections of the HTML report, each a pure function of the (redacted) result to markup.
// Every value from the report goes through esc(): paths, snippets and rule text are untrusted.
import { SEVERITIES, type Secret } from '../contracts/scored.js';
import type { Occurrence } from '../contracts/secret.js';
import type { SweepRepo } from '../contracts/sweep.js';
import { esc } from './html-charts.js';
import { describeOccurrence, HTML_VIEW, shortSha } from './describe.js';
import { cmp } from './order.js';
import { basisText, verificationText } from './verification-text.js';

export function badge(severity: string): string {
  return `<span class="badge sev-${esc(severity)}">${esc(severity)}</span>`;
}

export function card(metric: string, value: number, label: string, alert = false): string {
  return `<div class="card${alert && value > 0 ? ' alert' : ''}" data-metric="${esc(metric)}"><span class="value">${value}</span><span class="label">${esc(label)}</span></div>`;
}

/** "repo: path:line (kind, commit abc1234, not at HEAD)" */
export function placeText(o: Occurrence): string {
  const where = `${o.origin.repo ? `${o.origin.repo}: ` : ''}${o.origin.path}${o.line >= 1 ? `:${o.line}` : ''}`;
  return `${where} (${describeOccurrence(o, HTML_VIEW)})`;
}

function placeList(occ: Occurrence[], max: number): string {
  const items = occ.slice(0, max).map((o) => `<li><code>${esc(placeText(o))}</code></li>`);
  const more = occ.length > max ? `<li class="muted">and ${occ.length - max} more</li>` : '';
  return `<ul class="where">${items.join('')}${more}</ul>`;
}

export const reposOf = (s: Secret): string[] => [...new Set(s.occurrences.map((o) => o.origin.repo).filter((r): r is string => !!r))].sort(cmp);
const placesOf = (s: Secret): number => new Set(s.occurrences.map((o) => `${o.origin.repo ?? ''}\0${o.origin.path}`)).size;

/** Keys in more than one place: across repositories first, then across files, then by score. */
export function mostShared(secrets: Secret[], limit = 20): Secret[] {
  return secrets
    .filter((s) => s.kind === 'secret' && placesOf(s) > 1)
    .sort((a, b) => reposOf(b).length - reposOf(a).length || placesOf(b) - placesOf(a) || b.score - a.score || cmp(a.id, b.id))
    .slice(0, limit);
}

export function sharedSection(secrets: Secret[]): string {
  const rows = mostShared(secrets).map((s) => {
    const repos = reposOf(s);
    return (
      `<tr data-secret-id="${esc(s.id)}" class="${repos.length > 1 ? 'cross-repo' : 'cross-file'}">` +
      `<td>${badge(s.severity)} <span class="score">${s.score}</span></td>` +
      `<td><a href="#f-${esc(s.id.slice(0, 16))}"><code>${esc(s.redacted)}</code></a><div class="muted">${esc(s.ruleId)}</div></td>` +
      `<td>${esc(s.provider)}</td><td class="num">${repos.length}</td><td class="num">${placesOf(s)}</td>` +
      `<td>${placeList(s.occurrences, 6)}</td></tr>`
    );
  });
  const body = rows.length
    ? `<table id="shared-keys"><thead><tr><th>Severity</th><th>Key</th><th>Provider</th><th class="num">Repositories</th><th class="num">Places</th><th>Where it lives</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
    : '<p class="empty">No key was found in more than one place.</p>';
  return `<section id="shared"><h2>Most-shared keys</h2><p class="muted">Keys shared across repositories first: one key in many places cannot be revoked without breaking all of them.</p>${body}</section>`;
}

export function reposSection(repos: SweepRepo[]): string {
  const rows = repos.map((r) => {
    const sev = SEVERITIES.map((s) => `<td class="num">${r.bySeverity?.[s] ?? 0}</td>`).join('');
    const status = r.status === 'ok'
      ? `<span class="status-ok">scanned</span>${r.resumed ? ' <span class="muted">(resumed)</span>' : ''}`
      : `<span class="status-failed">failed</span><div class="muted">${esc(r.error ?? '')}</div>`;
    return (
      `<tr data-repo="${esc(r.id)}" data-status="${esc(r.status)}"><td><code>${esc(r.id)}</code></td><td>${status}</td>` +
      `<td class="num">${r.findings ?? 0}</td>${sev}<td class="num">${r.filesScanned ?? 0}</td>` +
      `<td>${esc(r.depth)}${r.head ? ` <code class="muted">${esc(shortSha(r.head))}</code>` : ''}</td></tr>`
    );
  });
  const head = `<tr><th>Repository</th><th>Status</th><th class="num">Findings</th>${SEVERITIES.map((s) => `<th class="num">${s}</th>`).join('')}<th class="num">Files</th><th>Depth</th></tr>`;
  return `<section id="repositories"><h2>Repositories</h2><table id="repos"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></section>`;
}

export function postureSection(secrets: Secret[]): string {
  const posture = secrets.filter((s) => s.kind === 'posture');
  const rows = posture.map(
    (s) =>
      `<tr data-secret-id="${esc(s.id)}"><td>${badge(s.severity)} <span class="score">${s.score}</span></td>` +
      `<td><a href="#f-${esc(s.id.slice(0, 16))}">${esc(s.ruleId)}</a></td><td>${placeList(s.occurrences, 4)}</td>` +
      `<td>${esc((s.remediation.split('\n')[0] ?? '').slice(0, 300))}</td></tr>`,
  );
  const body = rows.length
    ? `<table id="posture-findings"><thead><tr><th>Severity</th><th>Check</th><th>Where</th><th>Fix</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
    : '<p class="empty">No posture findings (static credentials used where federation is available).</p>';
  return `<section id="posture"><h2>Posture findings</h2>${body}</section>`;
}

function factorRows(s: Secret): string {
  return s.factors
    .map((f) => {
      const cls = f.points > 0 ? 'pos' : f.points < 0 ? 'neg' : '';
      const pts = `${f.points > 0 ? '+' : ''}${f.points}`;
      const basis = f.observed ? ' <span class="observed">observed</span>' : '';
      return `<tr data-factor="${esc(f.factor)}"${f.observed ? ' data-observed="true"' : ''}><td>${esc(f.factor)}${basis}</td><td>${esc(f.reason)}</td><td class="points ${cls}">${esc(pts)}</td></tr>`;
    })
    .join('');
}

export function findingArticle(s: Secret, name: string | undefined): string {
  const title = name ? `${name}` : s.ruleId;
  const key = s.kind === 'posture' ? '' : ` <code>${esc(s.redacted)}</code>`;
  const remediation = s.remediation.split('\n').filter(Boolean).map((l) => `<li>${esc(l)}</li>`).join('');
  const where = s.occurrences.length > 5
    ? `${placeList(s.occurrences.slice(0, 5), 5)}<details><summary>${s.occurrences.length - 5} more places</summary>${placeList(s.occurrences.slice(5), 200)}</details>`
    : placeList(s.occurrences, 5);
  return (
    `<article class="finding" id="f-${esc(s.id.slice(0, 16))}" data-secret-id="${esc(s.id)}" data-severity="${esc(s.severity)}">` +
    `<header>${badge(s.severity)} <span class="score">${s.score}</span><h3>${esc(title)}</h3>${key}` +
    `<span class="muted">${esc(s.provider)} · ${esc(s.ruleId)}${s.nhi.length ? ` · ${esc(s.nhi.join(', '))}` : ''}</span></header>` +
    where +
    `<table class="factors"><thead><tr><th>Blast-radius factor</th><th>Why</th><th class="num">Points</th></tr></thead><tbody>${factorRows(s)}` +
    `<tr><td><strong>score</strong></td><td>sum, clamped to 0–100</td><td class="points"><strong>${s.score}</strong></td></tr></tbody></table>` +
    (s.verification ? `<p class="verification" data-verdict="${esc(s.verification.verdict)}">${esc(verificationText(s.verification))}</p><p class="muted">${esc(basisText(s))}</p>` : '') +
    (remediation ? `<h4>Remediation</h4><ul class="remediation">${remediation}</ul>` : '') +
    `</article>`
  );
}
