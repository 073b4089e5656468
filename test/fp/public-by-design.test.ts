// The false-positive classes measured on public AI repositories (issue 15), each rebuilt as a
// small tree: values public by design, JWTs that are not credentials, key material that cannot be
// used, identifiers that share a rule's prefix, badge tokens, and CI secrets that are not
// actionable shared keys. None is a finding; the default gate passes on all of them together.
import { afterEach, describe, expect, it } from 'vitest';
import { expandFakes, fakePem, prng, randomString } from '../../src/rules/fake.js';
import { builtinRules } from '../../src/rules/load.js';
import { scan } from '../../src/scan.js';
import type { Blob } from '../../src/contracts/blob.js';
import { runCli } from '../helpers/cli.js';
import { makeTree, type Tree } from '../helpers/tree.js';

let tree: Tree | undefined;
afterEach(() => tree?.cleanup());

const b64url = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
const rnd = prng(15);
const unsignedJwt = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: 'testId', email: 'test@example.com', exp: 1899578924 })}.`;
const claimlessJwt = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ name: 'Test User', theme: 'dark' })}.${randomString('abcdefghijklmnopqrstuvwxyz0123456789', 43, rnd)}`;
// A PKCS#8 header declaring 1,218 bytes, followed by only 96: a fixture trimmed to three lines.
const truncatedBody = Buffer.concat([Buffer.from([0x30, 0x82, 0x04, 0xbe, 0x02, 0x01, 0x00]), Buffer.from(randomString('abcdefghij', 96, rnd))]).toString('base64');
const truncatedPem = `-----BEGIN PRIVATE KEY-----\n${truncatedBody.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----`;

const wf = (jobs: string[], perms = '') => `on: push\n${perms}jobs:\n${jobs.map((j, i) => `  j${i}:\n    runs-on: ubuntu-latest\n${j}`).join('')}`;
const envStep = (vars: Record<string, string>) => `    steps:\n      - run: ./go.sh\n        env:\n${Object.entries(vars).map(([k, v]) => `          ${k}: \${{ secrets.${v} }}\n`).join('')}`;

const CASES: Record<string, Record<string, string>> = {
  'Supabase anon JWT': {
    '.env': expandFakes('SUPABASE_URL=https://abc.supabase.co\nSUPABASE_ANON_KEY=<<jwt:role=anon,iss=supabase,noexp>>\n', 1),
    'src/db.ts': expandFakes('export const supabase = createClient(url, "<<jwt:role=anon,iss=supabase,noexp>>");\n', 2),
  },
  'unsigned JWT (alg none)': { 'tests/configs/providers.json': JSON.stringify({ auth: { accessToken: `workos:${unsignedJwt}` } }, null, 2) },
  'JWT without a credential claim': { 'src/theme.ts': `const state = "${claimlessJwt}";\n` },
  'truncated private key': { 'src/fetch.e2e.test.ts': `const key = \`${truncatedPem}\`;\n` },
  'encrypted private key': { 'deploy/key.pem': `${fakePem(prng(16), 'ENCRYPTED PRIVATE KEY')}\n` },
  'identifier after a provider keyword': { 'src/provider-keys.ts': 'export const defaults = {\n\t"vercel-ai-gateway": openRouterDefaultModelId,\n\tvercel: vercelDefaultModelIdentity,\n};\n' },
  'token in a README badge': {
    'README.md': expandFakes('# tool\n\n[![codecov](https://codecov.io/gh/o/r/graph/badge.svg?token=<<b62:10>>)](https://codecov.io/gh/o/r)\n<img src="https://img.shields.io/badge/x-y-green?token=<<b62:24>>" />\n', 3),
  },
  'Stripe publishable key': { 'web/.env': expandFakes('STRIPE_PUBLISHABLE_KEY=pk_live_<<b62:24>>\n', 4) },
  'Mapbox public token': { 'web/map.js': expandFakes('mapboxgl.accessToken = "pk.eyJ1IjoiYWNtZSIsImEiOiJ<<b62:20>>"+".<<b62:22>>";\nconst MAPBOX_ACCESS_TOKEN = "pk.eyJ1IjoiYWNtZSIsImEiOiJ<<b62:16>>.<<b62:22>>";\n', 5) },
  'Algolia search-only key': { 'docs/.env': expandFakes('ALGOLIA_APP_ID=<<upper:10>>\nALGOLIA_SEARCH_API_KEY=<<hex:32>>\n', 6) },
  'Segment write key': { 'web/analytics.js': expandFakes('analytics.load("<<b62:32>>");\nconst SEGMENT_WRITE_KEY = "<<b62:32>>";\n', 7) },
  'CI secrets that are not actionable shared keys': {
    // A setting, identifiers used with OIDC login, a user name, an app id, an LLM API key, and
    // AWS-named keys for an S3-compatible store: each read by three jobs.
    '.github/workflows/a.yml': wf([
      envStep({ OTEL_TELEMETRY_ENABLED: 'OTEL_TELEMETRY_ENABLED', DOCKERHUB_USERNAME: 'DOCKERHUB_USERNAME', APP_ID: 'GH_APP_ID', ANTHROPIC_API_KEY: 'ANTHROPIC_API_KEY' }),
      envStep({ OTEL_TELEMETRY_ENABLED: 'OTEL_TELEMETRY_ENABLED', DOCKERHUB_USERNAME: 'DOCKERHUB_USERNAME', APP_ID: 'GH_APP_ID', ANTHROPIC_API_KEY: 'ANTHROPIC_API_KEY' }),
      envStep({ OTEL_TELEMETRY_ENABLED: 'OTEL_TELEMETRY_ENABLED', DOCKERHUB_USERNAME: 'DOCKERHUB_USERNAME', APP_ID: 'GH_APP_ID', ANTHROPIC_API_KEY: 'ANTHROPIC_API_KEY' }),
    ]),
    '.github/workflows/azure.yml': wf(
      [1, 2, 3].map(() => '    steps:\n      - uses: azure/login@v2\n        with:\n          client-id: ${{ secrets.AZURE_CLIENT_ID }}\n          tenant-id: ${{ secrets.AZURE_TENANT_ID }}\n          subscription-id: ${{ secrets.AZURE_SUBSCRIPTION_ID }}\n'),
      'permissions:\n  id-token: write\n',
    ),
    '.github/workflows/r2.yml': wf([1, 2, 3].map(() => '    steps:\n      - run: aws s3 sync dist s3://site --endpoint-url https://acct.r2.cloudflarestorage.com\n        env:\n          AWS_SECRET_ACCESS_KEY: ${{ secrets.R2_AWS_SECRET_ACCESS_KEY }}\n')),
  },
};

describe('public-by-design values and non-credentials are not findings', () => {
  for (const [name, spec] of Object.entries(CASES)) {
    it(`${name}: no secret finding, no shared-secret advice`, async () => {
      tree = makeTree(spec);
      const result = await scan({ paths: [tree.dir], rules: builtinRules(), threads: 1 });
      const found = result.secrets.filter((s) => s.kind === 'secret' || s.ruleId === 'ci/shared-secret').map((s) => `${s.ruleId} ${s.occurrences[0].origin.path}`);
      expect(found).toEqual([]);
    });
  }

  it('the default scan of all of them together exits 0', () => {
    tree = makeTree(Object.assign({}, ...Object.values(CASES).map((spec, i) => Object.fromEntries(Object.entries(spec).map(([p, c]) => [p.startsWith('.github/') ? p : `case${i}/${p}`, c]))), { 'NOTE.txt': Object.keys(CASES).join('\n') }));
    const run = runCli(['scan', tree.dir, '--no-config']);
    expect(run.stdout).not.toMatch(/ci\/shared-secret/);
    expect(run.code).toBe(0);
  });
});

describe('ci/shared-secret', () => {
  const job = '    steps:\n      - run: ./deploy.sh\n        env:\n          AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n';
  const blobs = (repos: Record<string, number>) => async function* (): AsyncGenerator<Blob> {
    for (const [repo, jobs] of Object.entries(repos)) {
      for (let i = 0; i < jobs; i++) {
        yield { origin: { kind: 'file', path: `.github/workflows/w${i}.yml`, repo }, bytes: Buffer.from(wf([job])) };
      }
    }
  };

  it('names the cloud key, one finding per name, the jobs as its places, at most medium', async () => {
    const result = await scan({ source: { root: process.cwd(), blobs: blobs({ 'acme/app': 3 }) }, rules: [], threads: 1 });
    const shared = result.secrets.filter((s) => s.ruleId === 'ci/shared-secret');
    expect(shared).toHaveLength(1);
    expect(shared[0].occurrences).toHaveLength(3);
    expect(shared[0].occurrences.map((o) => o.properties?.secretName)).toEqual(['AWS_SECRET_ACCESS_KEY', 'AWS_SECRET_ACCESS_KEY', 'AWS_SECRET_ACCESS_KEY']);
    expect(shared[0].severity).toBe('medium');
    expect(shared[0].factors.find((f) => f.factor === 'confidence')?.reason).not.toMatch(/checksum|verified/);
    expect(shared[0].action).toMatch(/id-token: write/);
  });

  it('counts jobs within one repository, never across repositories', async () => {
    const result = await scan({ source: { root: process.cwd(), blobs: blobs({ 'acme/a': 2, 'acme/b': 2, 'acme/c': 2 }) }, rules: [], threads: 1 });
    expect(result.secrets.filter((s) => s.ruleId === 'ci/shared-secret')).toEqual([]);
  });

  it('does not count a job that already federates with the cloud', async () => {
    tree = makeTree({ '.github/workflows/x.yml': wf([job, job, job], 'permissions:\n  id-token: write\n') });
    const result = await scan({ paths: [tree.dir], rules: [], threads: 1 });
    expect(result.secrets.filter((s) => s.ruleId === 'ci/shared-secret')).toEqual([]);
  });
});
