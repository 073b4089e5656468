// Golden files: every output format, byte for byte. One scan of a tree generated here (fake keys
// from fixed seeds, a fixed salt) by the built CLI; its JSON report read back with the run's
// root, start time, duration and version fixed; then each format of src/report/registry.ts
// rendered and compared with fixtures/expected/report/scan.<its first extension> (the text
// report twice: default and --verbose). `UPDATE_SNAPSHOT=1 npx vitest run test/report/golden.test.ts`
// rewrites them after an intended change; review the diff like code.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandFakes } from '../../src/rules/fake.js';
import { render } from '../../src/report/index.js';
import type { ReportResult } from '../../src/report/json.js';
import { parseJsonReport } from '../../src/report/json-read.js';
import { REPORTERS } from '../../src/report/registry.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { makeTree, type Tree } from '../helpers/tree.js';

const EXPECTED = join(REPO_ROOT, 'fixtures', 'expected', 'report');
const UPDATE = process.env.UPDATE_SNAPSHOT === '1';

// Fixed seeds: the same values on every run and machine, never committed (the tree is a temp dir).
const KEY = {
  openai: expandFakes('sk-proj-<<b62:40>>T3BlbkFJ<<b62:40>>', 101),
  github: expandFakes('<<github:ghp_>>', 102),
  anthropic: expandFakes('sk-ant-api03-<<b64url:93>>AA', 103),
  slack: expandFakes('xoxb-<<digits:12>>-<<digits:12>>-<<b62:24>>', 104),
  stripeTest: expandFakes('sk_test_<<b62:32>>', 105),
  allowed: expandFakes('sk-proj-<<b62:40>>T3BlbkFJ<<b62:40>>', 106),
};

const notebook = JSON.stringify(
  {
    cells: [
      { cell_type: 'markdown', metadata: {}, source: ['# Evaluation run\n'] },
      {
        cell_type: 'code', execution_count: 1, metadata: {}, source: ['import os\n', 'print(os.environ)\n'],
        outputs: [{ name: 'stdout', output_type: 'stream', text: [`{'HOME': '/home/dev', 'OPENAI_API_KEY': '${KEY.openai}'}\n`] }],
      },
    ],
    metadata: {}, nbformat: 4, nbformat_minor: 5,
  },
  null,
  1,
);

const FILES: Record<string, string | Buffer> = {
  '.env': `OPENAI_API_KEY=${KEY.openai}\nGITHUB_TOKEN=${KEY.github}\n`,
  'notebooks/eval.ipynb': notebook,
  'prompts/agent.md': `# Agent\n\nCall the tools with ${KEY.openai} as the bearer token.\n`,
  '.cursor/mcp.json': JSON.stringify({ mcpServers: { claude: { command: 'npx', args: ['mcp-anthropic'], env: { ANTHROPIC_API_KEY: KEY.anthropic } } } }, null, 2),
  '.github/workflows/deploy.yml': [
    'on: push',
    'jobs:',
    '  deploy:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: aws-actions/configure-aws-credentials@v4',
    '        with:',
    '          aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}',
    '          aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}',
    '          aws-region: us-east-1',
    `      - run: ./deploy.sh --notify ${KEY.slack}`,
    '',
  ].join('\n'),
  'src/billing.py': `import stripe\nstripe.api_key = "${KEY.stripeTest}"\nDEMO = "${KEY.allowed}"  # keysprawl:allow reason="public demo key, revoked"\n`,
  'docs/setup guide.md': `Export the token first:\n\n    export GITHUB_TOKEN=${KEY.github}\n`,
  'assets/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1]),
};

/** What depends on the machine and the moment, fixed (the root has a space: URIs are encoded). */
function normalised(r: ReportResult): ReportResult {
  return { ...r, root: '/home/dev/agent repo', startedAt: '2026-01-02T03:04:05.000Z', tool: { ...r.tool, version: '1.2.3' }, stats: { ...r.stats, elapsedMs: 1234 } };
}

const VIEWS = REPORTERS.flatMap((r) => [
  { file: `scan${r.extensions[0]}`, format: r.name, verbose: false },
  ...(r.name === 'text' ? [{ file: `scan-verbose${r.extensions[0]}`, format: r.name, verbose: true }] : []),
]);

describe('golden files (fixtures/expected/report/)', () => {
  let tree: Tree;
  let result: ReportResult;
  beforeAll(() => {
    tree = makeTree(FILES);
    const run = runCli(['scan', '.', '--format', 'json', '--no-config', '--threads', '1'], { cwd: tree.dir, env: { KEYSPRAWL_HASH_SALT: 'keysprawl golden files' } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    result = normalised(parseJsonReport(run.stdout));
  });
  afterAll(() => tree?.cleanup());

  it('cover the content kinds, a posture finding, a suppressed key and a skipped file', () => {
    const kinds = new Set(result.secrets.flatMap((s) => s.occurrences.map((o) => o.contentKind)));
    for (const k of ['env-file', 'notebook-output', 'prompt', 'agent-config', 'ci-config', 'code', 'doc']) expect(kinds).toContain(k);
    expect(result.secrets.some((s) => s.kind === 'posture')).toBe(true);
    expect(result.secrets.some((s) => s.suppressed)).toBe(true);
    expect(result.secrets.some((s) => s.occurrences.length >= 3)).toBe(true);
    expect(Object.values(result.stats.skipped).some((n) => (n ?? 0) > 0)).toBe(true);
  });

  for (const view of VIEWS) {
    it(`${view.file}: ${view.format}${view.verbose ? ' --verbose' : ''}, byte for byte`, () => {
      const out = render(view.format, result, { color: false, verbose: view.verbose });
      for (const value of Object.values(KEY)) expect(out).not.toContain(value);
      const path = join(EXPECTED, view.file);
      if (UPDATE) {
        mkdirSync(EXPECTED, { recursive: true });
        writeFileSync(path, out);
      }
      expect(existsSync(path), `${path} is missing: run UPDATE_SNAPSHOT=1 npx vitest run test/report/golden.test.ts`).toBe(true);
      expect(out).toBe(readFileSync(path, 'utf8'));
    });
  }
});
