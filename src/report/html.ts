// HTML reporter (DESIGN.md §5): one self-contained page for a sweep or a scan: summary cards,
// severity and provider charts (inline SVG), the most-shared keys, a per-repository table, the
// posture findings, and every finding with its blast-radius factors and remediation. No script,
// no external resource: a Content-Security-Policy forbids both, so the page makes no request
// when opened. Values are always shown redacted, even from a --no-redact result.
import { redact } from '../redaction/redact.js';
import type { Secret, Severity } from '../contracts/scored.js';
import type { SweepRepo } from '../contracts/sweep.js';
import { esc, providerChart, severityChart } from './html-charts.js';
import { card, findingArticle, postureSection, reposOf, reposSection, sharedSection } from './html-sections.js';
import { historySection } from './history-html.js';
import { htmlHead } from './html-page.js';
import { inventorySection } from './inventory.js';
import type { ReportResult } from './json.js';
import { sortedSecrets } from './order.js';
import { countBySeverity } from './severity.js';
import { verificationNote } from './verification-text.js';

/** Findings listed in full; the rest are counted (the JSON report has them all). */
export const MAX_HTML_FINDINGS = 1000;

/** A --no-redact result still shows only the redacted form (values in snippets replaced too). */
export function redactedSecrets(result: ReportResult): Secret[] {
  if (result.redacted) return result.secrets;
  return result.secrets.map((s) => {
    if (s.kind === 'posture' || !s.redacted) return s;
    const raw = s.redacted;
    const shown = redact(raw);
    return { ...s, redacted: shown, occurrences: s.occurrences.map((o) => ({ ...o, snippet: o.snippet.split(raw).join(shown) })) };
  });
}

/** The repository rows: the sweep's, or one row for a plain scan. */
function repoRows(result: ReportResult, active: Secret[]): SweepRepo[] {
  if (result.sweep) return result.sweep.repos;
  const bySeverity = countBySeverity(active);
  const git = active.some((s) => s.occurrences.some((o) => o.origin.kind === 'git'));
  return [{
    id: result.root, status: 'ok', depth: git ? 'history' : 'head', findings: active.length, bySeverity,
    filesScanned: result.stats.filesScanned, bytesScanned: result.stats.bytesScanned, elapsedMs: result.stats.elapsedMs,
  }];
}

function summaryCards(active: Secret[], repos: SweepRepo[], result: ReportResult): string {
  const sev = (s: Severity) => active.filter((x) => x.severity === s).length;
  const crossRepo = active.filter((s) => s.kind === 'secret' && reposOf(s).length > 1).length;
  const failed = repos.filter((r) => r.status === 'failed').length;
  return [
    card('findings', active.length, 'findings'),
    card('critical', sev('critical'), 'critical', true),
    card('high', sev('high'), 'high', true),
    card('shared-across-repos', crossRepo, 'keys shared across repos', true),
    card('posture', active.filter((s) => s.kind === 'posture').length, 'posture findings'),
    card('repos-scanned', repos.length - failed, 'repositories scanned'),
    card('repos-failed', failed, 'repositories failed', true),
    card('files', result.stats.filesScanned, 'files scanned'),
  ].join('');
}

function byProvider(active: Secret[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of active) out[s.provider] = (out[s.provider] ?? 0) + 1;
  return out;
}

function findingsSection(active: Secret[], names: Map<string, string>): string {
  const shown = active.slice(0, MAX_HTML_FINDINGS).map((s) => findingArticle(s, names.get(s.ruleId)));
  const more = active.length > MAX_HTML_FINDINGS ? `<p class="muted">${active.length - MAX_HTML_FINDINGS} more findings are in the JSON report.</p>` : '';
  const body = shown.length ? shown.join('') : '<p class="empty">No findings.</p>';
  return `<section id="findings"><h2>Findings, worst first</h2>${body}${more}</section>`;
}

function subtitle(result: ReportResult, repos: SweepRepo[]): string {
  const parts = [`${repos.length} repositor${repos.length === 1 ? 'y' : 'ies'}`, `started ${result.startedAt}`, `keysprawl ${result.tool.version}`];
  const shards = result.sweep?.shards;
  if (shards) parts.push(`shards ${shards.indexes.join(', ')} of ${shards.count}`);
  if (result.sweep) parts.push(`depth ${result.sweep.depth}`);
  return parts.map(esc).join(' · ');
}

/** The HTML report. Deterministic: the same result gives the same page. */
export function renderHtml(result: ReportResult, _opts?: unknown): string {
  const secrets = sortedSecrets(redactedSecrets(result));
  const active = secrets.filter((s) => !s.suppressed);
  const repos = repoRows(result, active);
  const counts = countBySeverity(active);
  const names = new Map(result.rules.map((r) => [r.id, r.name]));
  const suppressed = secrets.length - active.length;
  return `${htmlHead(`keysprawl report: ${active.length} findings`)}
<body>
<header><h1>keysprawl: secret sprawl report</h1><p>${subtitle(result, repos)}</p></header>
<main>
${historySection(result.history)}
<section id="summary"><h2>Summary</h2><div class="cards">${summaryCards(active, repos, result)}</div>${suppressed ? `<p class="muted">${suppressed} suppressed finding(s) not shown.</p>` : ''}<p class="muted" id="verification-note">${esc(verificationNote(active))}</p></section>
<section id="charts" class="charts">
<div class="panel"><h2>Severity distribution</h2>${severityChart(counts)}</div>
<div class="panel"><h2>Providers</h2>${providerChart(byProvider(active))}</div>
</section>
${inventorySection(result.machine)}
${sharedSection(active)}
${reposSection(repos)}
${postureSection(active)}
${findingsSection(active, names)}
</main>
<footer>Values are redacted (at most the first 4 and last 2 characters). Secret ids are salted hashes: the same id is the same key in every report made with the same KEYSPRAWL_HASH_SALT.</footer>
</body>
</html>
`;
}
