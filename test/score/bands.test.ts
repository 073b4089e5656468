// The severity bands (src/score/bands.ts, DESIGN.md §4) on representative keys, one test per
// row of the table in docs/blast-radius.md, through the real engine and the shipped rules: a
// committed credential in a live format is at least high; admin, organisation, cloud-account,
// service-role and paired cloud credentials are critical; test-mode and expired keys are low;
// CI posture advice is at most medium.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expandFakes, fakeJwt, fakeUuid, prng } from '../../src/rules/fake.js';
import { builtinRules } from '../../src/rules/load.js';
import { scan } from '../../src/scan.js';
import type { Severity } from '../../src/contracts/scored.js';
import { sortedSecrets } from '../../src/report/order.js';
import { severityRank } from '../../src/report/severity.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { makeTree, type Tree } from '../helpers/tree.js';

let tree: Tree | undefined;
afterEach(() => tree?.cleanup());

const notebook = (output: string) =>
  JSON.stringify({ cells: [{ cell_type: 'code', execution_count: 1, metadata: {}, source: ['print(cfg)'], outputs: [{ name: 'stdout', output_type: 'stream', text: [`${output}\n`] }] }], metadata: {}, nbformat: 4, nbformat_minor: 5 });
/**
 * A formatless pair in one scan (issue 15): a webhook signing secret printed in a notebook
 * output, and one UUID under a credential-ish name copied into four test fixtures. Both are
 * generic matches (no provider format), ranked by the same evidence: spread alone lifted the UUID
 * to 40 (medium) above the webhook secret's 38 (low) before the formatless bands.
 */
const FIXTURES = ['test/fixtures/x.json', 'test/fixtures/y.json', 'test/fixtures/z.json', 'test/fixtures/w.json'];
const formatlessPair = () => {
  const uuid = fakeUuid(prng(17));
  return {
    'webhooks.ipynb': notebook(`WEBHOOK_SECRET=${expandFakes('<<b64url:43>>', 16)}`),
    ...Object.fromEntries(FIXTURES.map((f) => [f, JSON.stringify({ api_token: uuid }, null, 2)])),
  };
};
const mcp = (name: string, value: string) => JSON.stringify({ mcpServers: { s: { command: 'npx', args: ['srv'], env: { [name]: value } } } }, null, 2);

interface Row {
  /** The "key" column of the docs table, verbatim. */
  key: string;
  files: () => Record<string, string>;
  ruleId: string;
  /** The finding's file, when the scan has more than one finding of the rule. */
  path?: string;
  band: Severity;
}

const ROWS: Row[] = [
  { key: 'OpenAI admin key in `.env`', files: () => ({ '.env': expandFakes('OPENAI_ADMIN_KEY=sk-admin-<<b64url:58>>T3BlbkFJ<<b64url:58>>\n', 1) }), ruleId: 'openai-admin-key', band: 'critical' },
  { key: 'Anthropic admin key in code', files: () => ({ 'ops/usage.py': expandFakes('ADMIN = "sk-ant-admin01-<<b64url:93>>AA"\n', 2) }), ruleId: 'anthropic-admin-key', band: 'critical' },
  { key: 'AWS access key id + secret access key in `.env`', files: () => ({ '.env': expandFakes('AWS_ACCESS_KEY_ID=AKIA<<b32:16>>\nAWS_SECRET_ACCESS_KEY=<<b64:40>>\n', 3) }), ruleId: 'aws-secret-access-key', band: 'critical' },
  { key: 'Supabase service_role JWT in `.env`', files: () => ({ '.env': `SUPABASE_SERVICE_ROLE_KEY=${fakeJwt(prng(4), { noExp: true, claims: { role: 'service_role', iss: 'supabase' } })}\n` }), ruleId: 'supabase-service-role-key', band: 'critical' },
  { key: 'GitHub classic PAT (checksum valid) in code', files: () => ({ 'src/gh.ts': expandFakes('const token = "<<github:ghp_>>";\n', 5) }), ruleId: 'github-classic-pat', band: 'high' },
  { key: 'OpenAI project key in a notebook output', files: () => ({ 'eval.ipynb': notebook(expandFakes('sk-proj-<<b64url:74>>T3BlbkFJ<<b64url:74>>', 6)) }), ruleId: 'openai-project-key', band: 'high' },
  { key: 'Anthropic API key in an MCP config', files: () => ({ '.cursor/mcp.json': mcp('ANTHROPIC_API_KEY', expandFakes('sk-ant-api03-<<b64url:93>>AA', 7)) }), ruleId: 'anthropic-api-key', band: 'high' },
  { key: 'Stripe webhook signing secret in a notebook output', files: () => ({ 'hooks.ipynb': notebook(expandFakes('STRIPE_WEBHOOK_SECRET=whsec_<<b62:32>>', 8)) }), ruleId: 'stripe-webhook-secret', band: 'high' },
  { key: 'OpenAI project key (checksum valid) assigned to an example name (`EXAMPLE_OPENAI_API_KEY = "sk-proj-…"`) in code', files: () => ({ 'src/demo.py': expandFakes('EXAMPLE_OPENAI_API_KEY = "sk-proj-<<b64url:74>>T3BlbkFJ<<b64url:74>>"\n', 18) }), ruleId: 'openai-project-key', band: 'high' },
  { key: 'Stripe test-mode secret key (`sk_test_`) in four places', files: () => { const k = expandFakes('sk_test_<<b62:24>>', 9); return { '.env': `STRIPE_KEY=${k}\n`, 'app/pay.py': `stripe.api_key = "${k}"\n`, '.mcp.json': mcp('STRIPE_SECRET_KEY', k), 'docs/setup.md': `STRIPE_KEY=${k}\n` }; }, ruleId: 'stripe-test-secret-key', band: 'low' },
  { key: 'Anthropic API key (no checksum) assigned to an example name (`EXAMPLE_ANTHROPIC_API_KEY = "sk-ant-api03-…"`) in code', files: () => ({ 'src/demo.py': expandFakes('EXAMPLE_ANTHROPIC_API_KEY = "sk-ant-api03-<<b64url:93>>AA"\n', 18) }), ruleId: 'anthropic-api-key', band: 'low' },
  { key: 'expired JWT in a test fixture', files: () => ({ 'test/fixtures/session.json': JSON.stringify({ access_token: fakeJwt(prng(10), { expIn: -3600 }) }) }), ruleId: 'jwt', band: 'low' },
  { key: 'webhook signing secret, no provider format (`WEBHOOK_SECRET=`), in a notebook output', files: formatlessPair, ruleId: 'generic-secret-assignment', path: 'webhooks.ipynb', band: 'medium' },
  { key: 'random-looking secret, no provider format (`SESSION_SECRET=`), in `.env`', files: () => ({ '.env': expandFakes('SESSION_SECRET=<<b62:32>>\n', 19) }), ruleId: 'generic-high-entropy-string', band: 'medium' },
  { key: 'UUID under a credential name (`api_token`) copied into four test fixtures, same scan: ranked below it', files: formatlessPair, ruleId: 'generic-secret-assignment', path: 'test/fixtures/x.json', band: 'low' },
  { key: 'CI posture: static AWS keys passed to a workflow (no value)', files: () => ({ '.github/workflows/deploy.yml': 'on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}\n          aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n          aws-region: us-east-1\n' }), ruleId: 'ci/aws-static-keys', band: 'medium' },
];

/** The band table of docs/blast-radius.md as "key | band" rows. */
function docRows(): string[] {
  const doc = readFileSync(join(REPO_ROOT, 'docs', 'blast-radius.md'), 'utf8');
  const start = doc.indexOf('<!-- bands-table');
  const table = doc.slice(start, doc.indexOf('\n\n', doc.indexOf('| key', start)));
  return table.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| key') && !l.startsWith('| ---')).map((l) => l.split('|').map((c) => c.trim()).filter(Boolean).join(' | '));
}

describe('severity bands of representative keys (docs/blast-radius.md)', () => {
  it('the docs table lists exactly these rows', () => {
    expect(docRows()).toEqual(ROWS.map((r) => `${r.key} | ${r.band}`));
  });

  for (const row of ROWS) {
    it(`${row.key}: ${row.band}`, async () => {
      tree = makeTree(row.files());
      const result = await scan({ paths: [tree.dir], rules: builtinRules(), threads: 1 });
      const found = result.secrets.find((s) => s.ruleId === row.ruleId && (!row.path || s.occurrences.some((o) => o.origin.path === row.path)));
      expect(found, result.secrets.map((s) => s.ruleId).join(', ')).toBeDefined();
      expect(found!.severity).toBe(row.band);
      // Every literal key outranks the posture advice; the band is explained by a factor.
      if (found!.kind === 'secret' && row.band !== 'low') expect(found!.factors.some((f) => f.factor === 'band')).toBe(true);
    });
  }

  it('within a band the factors still rank: the same key in three files outranks it in one', async () => {
    const k = expandFakes('sk-proj-<<b64url:74>>T3BlbkFJ<<b64url:74>>', 12);
    tree = makeTree({ 'a.py': `KEY = "${k}"\n` });
    const one = (await scan({ paths: [tree.dir], rules: builtinRules(), threads: 1 })).secrets[0];
    tree.cleanup();
    tree = makeTree({ 'a.py': `KEY = "${k}"\n`, 'b.py': `KEY = "${k}"\n`, 'c.py': `KEY = "${k}"\n` });
    const three = (await scan({ paths: [tree.dir], rules: builtinRules(), threads: 1 })).secrets[0];
    expect(one.severity).toBe('high');
    expect(three.severity).toBe('high');
    expect(three.score).toBeGreaterThan(one.score);
  });
  it('a literal AWS key in a workflow outranks the posture advice about the same workflow', async () => {
    const wf = expandFakes('on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n      AWS_ACCESS_KEY_ID: AKIA<<b32:16>>\n      AWS_SECRET_ACCESS_KEY: <<b64:40>>\n    steps:\n      - run: aws s3 sync dist s3://site\n', 13);
    tree = makeTree({ '.github/workflows/deploy.yml': wf });
    const result = await scan({ paths: [tree.dir], rules: builtinRules(), threads: 1 });
    // Both halves of the pair are findings of their own, each above the advice.
    expect(result.secrets.map((s) => s.kind)).toEqual(['secret', 'secret', 'posture']);
    const [id, key, advice] = result.secrets;
    expect([id.ruleId, key.ruleId].sort()).toEqual(['aws-access-key-id', 'aws-secret-access-key']);
    expect(key.severity).toBe('critical');
    expect(id.severity).toBe('critical');
    expect(advice.ruleId).toBe('ci/aws-static-keys');
    expect(key.score).toBeGreaterThan(advice.score);
  });

  it('a real webhook secret in a notebook output ranks above a UUID in a test fixture (one scan, no provider format)', async () => {
    tree = makeTree(formatlessPair());
    const result = await scan({ paths: [tree.dir], rules: builtinRules(), threads: 1 });
    const inFile = (path: string) => result.secrets.filter((s) => s.occurrences.every((o) => o.origin.path === path));
    const [webhook, ...more] = inFile('webhooks.ipynb');
    const fixture = result.secrets.filter((s) => s.occurrences.every((o) => FIXTURES.includes(o.origin.path)));
    const listed = result.secrets.map((s) => `${s.ruleId} ${s.occurrences[0].origin.path} ${s.score}`).join(', ');
    expect(webhook, listed).toBeDefined();
    expect(more).toEqual([]);
    expect(webhook.occurrences[0].contentKind).toBe('notebook-output');
    expect(webhook.confidence).toBe('low'); // generic: no provider format
    // The UUID is reported (a credential name holds it), once, with its four places, in the test content kind.
    expect(fixture.map((s) => s.occurrences.map((o) => o.contentKind)), listed).toEqual([['test', 'test', 'test', 'test']]);
    // Its copies are not sprawl: the cap takes the spread back, and says why.
    expect(fixture[0].derived?.shape).toBe('identifier');
    expect(fixture[0].factors.find((f) => f.factor === 'cap')?.reason).toMatch(/identifier-shaped .*copies are not sprawl/);
    expect(fixture[0].severity).toBe('low');
    // The webhook secret is random-looking in a live place: a floor, explained.
    expect(webhook.derived?.shape).toBe('random');
    expect(webhook.factors.find((f) => f.factor === 'band')?.reason).toMatch(/random-looking value .* in notebook-output/);
    expect(webhook.severity).toBe('medium');
    for (const f of fixture) {
      expect(webhook.score, listed).toBeGreaterThan(f.score);
      expect(severityRank(webhook.severity)).toBeGreaterThanOrEqual(severityRank(f.severity));
    }
    // And every report lists the webhook secret first.
    const order = sortedSecrets(result.secrets);
    expect(order.indexOf(webhook)).toBeLessThan(Math.min(...fixture.map((f) => order.indexOf(f))));
  });

  it('findings without a provider format rank by the same evidence: a secret in a notebook output above one in a test fixture', async () => {
    const v = expandFakes('<<b62:40>>', 14);
    const w = expandFakes('<<b62:40>>', 15);
    tree = makeTree({ 'hooks.ipynb': notebook(`WEBHOOK_SIGNING_SECRET=${v}`), 'test/fixtures/settings.py': `api_token = "${w}"\n` });
    const result = await scan({ paths: [tree.dir], rules: builtinRules(), threads: 1 });
    const where = (s: (typeof result.secrets)[number]) => s.occurrences[0].contentKind;
    const nb = result.secrets.find((s) => where(s) === 'notebook-output');
    const fixture = result.secrets.find((s) => where(s) === 'test');
    expect(nb, result.secrets.map((s) => `${s.ruleId} ${where(s)}`).join(', ')).toBeDefined();
    expect(fixture).toBeDefined();
    expect(nb!.score).toBeGreaterThan(fixture!.score);
  });
});
