// The hard-negative suite: fixtures/hard-negatives holds what real repositories are full of and
// scanners keep flagging (lockfiles, minified bundles, source maps, base64 images and fonts,
// digests, git SHAs, UUIDs and other ids, public keys and certificates, doc placeholders, i18n
// strings, generated code, configs that reference secrets without holding them). The built CLI
// must report nothing there. Provider test keys are the exception that proves the rule: a
// Stripe sk_test_ key (made here, never committed) is a finding, scored low.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/contracts/result.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { makeTree, type Tree } from '../helpers/tree.js';

const FIXTURES = join(REPO_ROOT, 'fixtures', 'hard-negatives');

function countFiles(dir: string): number {
  return readdirSync(dir).reduce((n, name) => {
    const abs = join(dir, name);
    return n + (statSync(abs).isDirectory() ? countFiles(abs) : 1);
  }, 0);
}

function scanJson(dir: string, extra: string[] = []): { code: number; result: ScanResult; stderr: string } {
  // The folder is its own scan root, so content kinds are what they would be in a real
  // repository (config/.env.production is an env file, not test data under fixtures/).
  const run = runCli(['scan', dir, '--format', 'json', '--no-config', ...extra]);
  return { code: run.code, result: JSON.parse(run.stdout) as ScanResult, stderr: run.stderr };
}

describe('hard negatives', () => {
  const { code, result, stderr } = scanJson(FIXTURES);

  it('scans every file, skipping none and warning about none', () => {
    expect(result.stats.filesScanned).toBe(countFiles(FIXTURES));
    expect(result.stats.skipped).toEqual({});
    expect(result.stats.warnings).toEqual([]);
    expect(stderr).not.toMatch(/warning/i);
  });

  it('reports no finding at all, so none above low', () => {
    const found = result.secrets.flatMap((s) => s.occurrences.map((o) => `${s.severity} ${s.ruleId} ${o.origin.path}:${o.line} ${o.snippet}`));
    expect(found).toEqual([]);
    expect(code).toBe(0); // --fail-on defaults to low: nothing at or above it
  });

  it('covers each kind of noise the suite is named for', () => {
    const files = new Set<string>();
    const walk = (dir: string, rel = ''): void => {
      for (const name of readdirSync(dir)) {
        const abs = join(dir, name);
        if (statSync(abs).isDirectory()) walk(abs, `${rel}${name}/`);
        else files.add(`${rel}${name}`);
      }
    };
    walk(FIXTURES);
    for (const f of [
      'lockfiles/package-lock.json', 'lockfiles/yarn.lock', 'lockfiles/poetry.lock', 'web/static/vendor.min.js', 'web/static/vendor.min.js.map',
      'web/styles.css', 'web/index.html', 'keys/rsa_public.pem', 'keys/tls.crt', 'keys/authorized_keys', 'keys/jwks.json',
      'keys/release-signing-key.asc', 'hashes/SHA256SUMS', 'git/CHANGELOG.md', 'ids/records.json', 'docs/quickstart.md',
      'i18n/locales/en.json', 'generated/auth_pb2.py', 'config/.env.example', 'config/.vscode/mcp.json', 'notebooks/plot-latency.ipynb',
    ]) expect(files, f).toContain(f);
  });
});

describe('provider test keys', () => {
  let tree: Tree | undefined;
  afterAll(() => tree?.cleanup());

  it('a Stripe sk_test_ key is a finding with a low score, wherever it sits; a publishable key is none', () => {
    tree = makeTree({
      '.env': 'STRIPE_SECRET_KEY=sk_test_<<b62:99>>\nSTRIPE_PUBLISHABLE_KEY=pk_test_<<b62:99>>\n',
      'src/billing.ts': "export const stripe = new Stripe('sk_test_<<b62:99>>');\n",
      '.cursor/mcp.json': '{"mcpServers": {"stripe": {"command": "npx", "args": ["-y", "@stripe/mcp", "--api-key=sk_test_<<b62:99>>"]}}}\n',
      'notebooks/checkout.ipynb': JSON.stringify({ cells: [{ cell_type: 'code', metadata: {}, outputs: [], source: ['stripe.api_key = "sk_test_<<b62:24>>"'] }], metadata: {}, nbformat: 4, nbformat_minor: 5 }),
    });
    const { result } = scanJson(tree.dir);
    const tests = result.secrets.filter((s) => s.ruleId === 'stripe-test-secret-key');
    expect(tests.map((s) => s.occurrences[0].origin.path).sort()).toEqual(['.cursor/mcp.json', '.env', 'notebooks/checkout.ipynb', 'src/billing.ts']);
    for (const s of tests) {
      expect(s.severity, `${s.occurrences[0].origin.path}: score ${s.score}`).toBe('low');
      expect(s.score).toBeLessThan(40);
    }
    expect(result.secrets.filter((s) => s.ruleId !== 'stripe-test-secret-key').map((s) => `${s.ruleId} ${s.occurrences[0].origin.path}`)).toEqual([]);
  });

  it('a live key in the same places is not low', () => {
    const live = makeTree({ '.env': 'STRIPE_SECRET_KEY=sk_live_<<b62:99>>\n' });
    try {
      const { result } = scanJson(live.dir);
      expect(result.secrets.map((s) => s.ruleId)).toEqual(['stripe-live-secret-key']);
      expect(result.secrets[0].severity).not.toBe('low');
    } finally {
      live.cleanup();
    }
  });
});
