// The HTML report of a real sweep, opened in a real headless Chromium: it loads with no console
// error and no network request, its charts render with the report's counts, its tables hold the
// expected rows, hostile names stay text, and no raw key is in the page. A screenshot is kept as
// an artifact (KEYSPRAWL_ARTIFACTS, else <tmp>/keysprawl-artifacts).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { renderHtml } from '../../src/report/html.js';
import { summarize, type ReportResult } from '../../src/report/json.js';
import { parseJsonReport } from '../../src/report/json-read.js';
import { memoryIo } from '../sweep/memory-io.js';
import { buildOrg, gitRepo, type Org } from '../sweep/org-fixture.js';
import { realComponent } from '../helpers/real-component.js';
import { Browser, type Page } from './html-browser.js';

const chromium = realComponent('chromium', 'apt-get install chromium', 'chromium', 'chromium-browser');

const HOSTILE = 'x"><img src=x onerror=alert(1)>';
const WORKFLOW = `on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          aws-access-key-id: \${{ secrets.AWS_ACCESS_KEY_ID }}
          aws-secret-access-key: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
          aws-region: us-east-1
`;

let org: Org;
let html: string;
let report: ReportResult;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  org = buildOrg(53);
  // A fourth repository: the shared key in an agent prompt, a CI posture finding, a hostile name.
  gitRepo(join(org.checkouts, HOSTILE), [
    { 'prompts/system.prompt.md': `Use this key: ${org.keys.shared}\n`, '.github/workflows/deploy.yml': WORKFLOW },
  ]);
  const htmlFile = join(org.base, 'report.html');
  const jsonFile = join(org.base, 'report.json');
  const io = memoryIo();
  expect(await main(['sweep', org.checkouts, '--depth', 'history', '-f', 'html', '-o', htmlFile, '-f', 'json', '-o', jsonFile, '-q'], io)).toBe(0);
  html = readFileSync(htmlFile, 'utf8');
  report = parseJsonReport(readFileSync(jsonFile, 'utf8'));
});

afterAll(async () => {
  await browser?.close();
  org?.cleanup();
});

const count = (selector: string) => page.evaluate<number>(`document.querySelectorAll(${JSON.stringify(selector)}).length`);

describe.skipIf(chromium.skip)('HTML report in headless Chromium', () => {
  beforeAll(async () => {
    browser = Browser.launch(chromium.assertPresent());
    page = await browser.open(pathToFileURL(join(org.base, 'report.html')).href);
  });

  it('loads without console errors, CSP violations or any network request', async () => {
    expect(page.events.consoleErrors).toEqual([]);
    expect(page.events.logErrors).toEqual([]);
    expect(page.events.requests.some((u) => u.endsWith('/report.html'))).toBe(true); // requests are seen
    expect(page.events.requests.filter((u) => !u.endsWith('/report.html'))).toEqual([]);
    expect(await page.evaluate<string>('document.title')).toMatch(/^keysprawl report: \d+ findings$/);
  });

  it('renders the severity and provider charts with the report counts', async () => {
    const summary = summarize(report);
    const sev = await page.evaluate<Array<{ severity: string; count: number; height: number }>>(
      `[...document.querySelectorAll('svg[data-chart="severity"] rect.bar')].map((r) => ({ severity: r.dataset.severity, count: Number(r.dataset.count), height: r.getBoundingClientRect().height }))`,
    );
    expect(sev.map((b) => [b.severity, b.count])).toEqual(Object.entries(summary.bySeverity));
    for (const b of sev) expect(b.height > 0).toBe(b.count > 0); // drawn, and only where there are findings
    const providers = await page.evaluate<Array<{ provider: string; count: number; width: number }>>(
      `[...document.querySelectorAll('svg[data-chart="providers"] rect.bar')].map((r) => ({ provider: r.dataset.provider, count: Number(r.dataset.count), width: r.getBoundingClientRect().width }))`,
    );
    expect(Object.fromEntries(providers.map((p) => [p.provider, p.count]))).toEqual(summary.byProvider);
    expect(providers.every((p) => p.width > 0)).toBe(true);
    const biggest = providers.reduce((a, b) => (b.count > a.count ? b : a));
    expect(providers.every((p) => p.width <= biggest.width)).toBe(true);
  });

  it('holds the expected rows: repositories, shared keys (cross-repository first), posture, findings', async () => {
    const repos = report.sweep!.repos;
    expect(await count('#repos tbody tr')).toBe(repos.length);
    expect(await count('#repos tbody tr[data-status="failed"]')).toBe(repos.filter((r) => r.status === 'failed').length);
    expect(await count('#repos tbody tr[data-status="failed"]')).toBe(1); // the corrupt checkout
    const shared = report.sweep!.shared;
    expect(shared[0].repos).toHaveLength(3);
    expect(await count('#shared-keys tbody tr.cross-repo')).toBe(shared.length);
    expect(await page.evaluate<string>(`document.querySelector('#shared-keys tbody tr').dataset.secretId`)).toBe(shared[0].id);
    const posture = report.secrets.filter((s) => s.kind === 'posture' && !s.suppressed);
    expect(posture.length).toBeGreaterThan(0);
    expect(await count('#posture-findings tbody tr')).toBe(posture.length);
    const active = report.secrets.filter((s) => !s.suppressed);
    expect(await count('article.finding')).toBe(active.length);
    expect(await count('article.finding table.factors tr[data-factor="spread.repos"]')).toBe(shared.length);
    expect(await page.evaluate<string>(`document.querySelector('[data-metric="findings"] .value').textContent`)).toBe(String(active.length));
    expect(await page.evaluate<string>(`document.querySelector('[data-metric="shared-across-repos"] .value').textContent`)).toBe(String(shared.length));
  });

  it('keeps hostile names as text and shows only redacted values', async () => {
    expect(await count('img')).toBe(0);
    expect(await count('script')).toBe(0);
    const names = await page.evaluate<string[]>(`[...document.querySelectorAll('#repos tbody tr')].map((r) => r.dataset.repo)`);
    expect(names).toContain(HOSTILE);
    for (const key of Object.values(org.keys)) expect(html).not.toContain(key);
    expect(html).not.toMatch(/<(script|link|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//i);
  });

  it('takes a screenshot artifact', async () => {
    const png = await page.screenshot();
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1280); // IHDR width: the page rendered at the emulated size
    const dir = process.env.KEYSPRAWL_ARTIFACTS ?? join(tmpdir(), 'keysprawl-artifacts');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'html-report.png'), png);
    writeFileSync(join(dir, 'html-report.html'), html);
  });
});

describe('renderHtml', () => {
  it('redacts values even from a --no-redact result', () => {
    const raw = org.keys.shared;
    const secret = { ...report.secrets.find((s) => s.id === report.sweep!.shared[0].id)! };
    secret.redacted = raw;
    secret.occurrences = secret.occurrences.map((o) => ({ ...o, snippet: `OPENAI_API_KEY=${raw}` }));
    const page = renderHtml({ ...report, redacted: false, secrets: [secret] });
    expect(page).not.toContain(raw);
    expect(page).toContain(`${raw.slice(0, 4)}…${raw.slice(-2)}`);
  });
});
