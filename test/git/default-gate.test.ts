// The shipped gate with its defaults (DESIGN.md §4): examples/ci/keysprawl-ci.sh, which
// action.yml runs, with no KEYSPRAWL_FAIL_ON, on a repository that commits one key alone. Each
// committed key fails it; CI posture advice alone does not.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { expandFakes } from '../../src/rules/fake.js';
import { fakeGithubToken, prng } from '../../src/rules/fake.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { Repo } from './git-fixture.js';

const SCRIPT = join(REPO_ROOT, 'examples', 'ci', 'keysprawl-ci.sh');
let repo: Repo | undefined;
afterEach(() => repo?.cleanup());

/** The action's scan step environment, with its input defaults substituted. */
function actionDefaults(): Record<string, string> {
  const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8'));
  const step = action.runs.steps.find((s: { run?: string }) => s.run?.includes('keysprawl-ci.sh'));
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries<string>(step.env)) {
    const input = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(value)?.[1];
    if (input) env[name] = String(action.inputs[input].default ?? '');
  }
  return env;
}

function gate(files: Record<string, string>): { status: number; stdout: string; stderr: string } {
  repo = new Repo();
  repo.commit(files, 'add one file');
  const res = spawnSync('bash', [SCRIPT], {
    cwd: repo.dir,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', FORCE_COLOR: '0', KEYSPRAWL_JS: join(REPO_ROOT, 'bin', 'keysprawl.js'), ...actionDefaults(), KEYSPRAWL_ARGS: '--no-config', KEYSPRAWL_SARIF: join(repo.dir, '..', 'out.sarif') },
  });
  return { status: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}

const notebook = (output: string) =>
  JSON.stringify({
    cells: [{ cell_type: 'code', execution_count: 1, metadata: {}, source: ['import os\n', "print(os.environ['OPENAI_API_KEY'])"], outputs: [{ name: 'stdout', output_type: 'stream', text: [`${output}\n`] }] }],
    metadata: {}, nbformat: 4, nbformat_minor: 5,
  }, null, 1);

describe('the shipped CI gate with its defaults fails each committed key', () => {
  it('the action passes no fail-on by default (the one default gate)', () => {
    expect(actionDefaults().KEYSPRAWL_FAIL_ON).toBe('');
  });

  const cases: Array<[string, () => Record<string, string>, RegExp]> = [
    ['an AWS key pair in .env', () => ({ '.env': expandFakes('AWS_ACCESS_KEY_ID=AKIA<<b32:16>>\nAWS_SECRET_ACCESS_KEY=<<b64:40>>\n', 3) }), /aws-secret-access-key.*\(critical\)/],
    ['a checksum-valid GitHub PAT in code', () => ({ 'src/client.ts': `const token = "${fakeGithubToken('ghp_', prng(7))}";\n` }), /github-classic-pat.*\((high|critical)\)/],
    ['an OpenAI project key in a notebook output', () => ({ 'analysis.ipynb': notebook(expandFakes('sk-proj-<<b64url:74>>T3BlbkFJ<<b64url:74>>', 5)) }), /openai-project-key.*\((high|critical)\)/],
    ['an Anthropic key in an MCP config', () => ({ '.cursor/mcp.json': JSON.stringify({ mcpServers: { claude: { command: 'npx', args: ['server'], env: { ANTHROPIC_API_KEY: expandFakes('sk-ant-api03-<<b64url:93>>AA', 9) } } } }, null, 2) }), /anthropic-api-key.*\((high|critical)\)/],
  ];
  for (const [name, files, line] of cases) {
    it(`${name}: exit 1, at least high`, () => {
      const r = gate(files());
      expect(r.stderr).toMatch(/findings fail the gate \(default/);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(line);
    });
  }

  it('a workflow that reads cloud keys from secrets is advice: exit 0', () => {
    const wf = 'on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}\n          aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n          aws-region: us-east-1\n';
    const r = gate({ '.github/workflows/deploy.yml': wf });
    expect(r.stdout).toMatch(/ci\/aws-static-keys/);
    expect(r.status).toBe(0);
  });
});
