import { describe, expect, it } from 'vitest';
import { classify } from '../../src/extract/classify.js';
import type { ContentKind } from '../../src/contracts/fragment.js';

const CASES: Record<ContentKind, string[]> = {
  'notebook-cell': ['analysis.ipynb', 'notebooks/Demo.IPYNB', 'tests/fixture.ipynb'],
  'agent-config': [
    'mcp.json', '.mcp.json', '.cursor/mcp.json', '.vscode/mcp.json', 'claude_desktop_config.json',
    'OAI_CONFIG_LIST', 'OAI_CONFIG_LIST.json', 'samples/OAI_CONFIG_LIST_sample', 'litellm_config.yaml',
    'deploy/litellm-proxy-config.yml', 'langgraph.json', 'src/crew/config/agents.yaml', 'src/crew/config/tasks.yaml',
    '.continue/config.json', '.continue/config.yaml', '.continue/mcpServers/github.yaml', '.aider.conf.yml',
    '.claude/settings.json', '.claude/settings.local.json', '.gemini/settings.json', '.codex/config.toml',
  ],
  'ci-config': [
    '.github/workflows/ci.yml', '.github/workflows/release.yaml', '.github/actions/setup/action.yml',
    '.gitlab-ci.yml', 'ci/deploy.gitlab-ci.yml', '.gitlab/ci/build.yml', '.circleci/config.yml',
    'azure-pipelines.yml', 'azure-pipelines-release.yml', 'bitbucket-pipelines.yml', 'Jenkinsfile',
    'jenkins/Jenkinsfile.release', '.buildkite/pipeline.yml', '.travis.yml',
  ],
  'env-file': ['.env', '.env.production', 'config/prod.env', 'app/.env.local', '.envrc'],
  prompt: [
    'prompts/system.txt', 'src/prompts/agent/planner.md', 'summarize.prompt', 'review.prompt.md', 'x.prompt.yaml',
    'chat.prompty', 'CLAUDE.md', 'docs/AGENTS.md', 'GEMINI.md', '.cursorrules', '.cursor/rules/python.mdc',
    '.github/copilot-instructions.md', '.github/instructions/ts.instructions.md', '.windsurfrules',
    'logs/session-2025-01-01.jsonl', '.claude/commands/deploy.md', '.claude/projects/x/transcript.json',
    '.aider.chat.history.md',
  ],
  test: [
    'test/app.py', 'src/__tests__/a.ts', 'pkg/testdata/input.yaml', 'fixtures/keys.txt', 'src/a.spec.ts', 'lib/x.test.js',
    // Configs inside test folders are test data: no agent or CI system reads them there.
    'test/fixtures/mcp.json', 'fixtures/posture/.github/workflows/aws.yml', 'tests/.env',
  ],
  doc: ['README.md', 'docs/setup.rst', 'CHANGELOG', 'notes.txt'],
  code: ['src/app.ts', 'main.py', 'config/settings.yaml', 'config.yaml', 'docker-compose.yml', 'k8s/secret.yaml'],
  other: [],
  'notebook-output': [], // set by the notebook extractor per output, never by path
};

describe('classify', () => {
  for (const [kind, paths] of Object.entries(CASES)) {
    for (const path of paths) {
      it(`${path} → ${kind}`, () => expect(classify(path)).toBe(kind));
    }
  }
});
