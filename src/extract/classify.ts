// Path → content kind (DESIGN.md §3). The first matching entry wins, so specific kinds
// (agent configs, CI files, prompts) come before the broad ones (test, doc, code). Only the
// path is known here; the config extractor may still recognise a litellm `config.yaml` by its
// `model_list`.
import type { ContentKind } from '../contracts/fragment.js';

interface KindRule {
  kind: ContentKind;
  test: (path: string, base: string) => boolean;
}

const lowerBase = (p: string) => (p.split('/').pop() ?? p).toLowerCase();
/** `dir/` as a whole path segment, anywhere in the path. */
const inDir = (p: string, dir: string) => new RegExp(`(^|/)${dir}/`, 'i').test(p);

/** MCP client configs and agent framework configs, by exact file name. */
const AGENT_CONFIG_NAMES = new Set([
  'mcp.json', '.mcp.json', 'mcp_config.json', 'cline_mcp_settings.json', 'claude_desktop_config.json',
  'langgraph.json', '.aider.conf.yml', '.aider.conf.yaml',
]);
/** Instructions files read by coding agents on every request. */
const PROMPT_NAMES = new Set([
  'claude.md', 'claude.local.md', 'agents.md', 'gemini.md', '.cursorrules', '.windsurfrules', '.clinerules',
  '.roorules', 'copilot-instructions.md', '.aider.chat.history.md', '.aider.input.history',
]);
const CI_NAMES = new Set(['.gitlab-ci.yml', 'bitbucket-pipelines.yml', 'jenkinsfile', '.travis.yml', '.drone.yml', 'buildkite.yml', '.buildkite.yml']);

export const KIND_RULES: KindRule[] = [
  { kind: 'notebook-cell', test: (_p, b) => b.endsWith('.ipynb') },
  {
    kind: 'agent-config',
    test: (p, b) =>
      AGENT_CONFIG_NAMES.has(b) ||
      b.startsWith('oai_config_list') ||
      /^litellm[-_.]?(proxy[-_.]?)?config\.ya?ml$/.test(b) ||
      /(^|\/)\.continue\/(config\.[a-z]+$|.+\.(ya?ml|json)$)/i.test(p) ||
      /(^|\/)\.(claude|gemini|qwen)\/settings(\.local)?\.json$/i.test(p) ||
      /(^|\/)\.codex\/config\.toml$/i.test(p) ||
      // crewAI keeps agents.yaml and tasks.yaml side by side in a config/ folder.
      /^agents\.ya?ml$/.test(b) || /(^|\/)config\/tasks\.ya?ml$/i.test(p),
  },
  {
    kind: 'ci-config',
    test: (p, b) =>
      /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(p) ||
      /(^|\/)\.github\/actions\/.+\/action\.ya?ml$/i.test(p) ||
      CI_NAMES.has(b) ||
      b.endsWith('.gitlab-ci.yml') || /(^|\/)\.gitlab\/ci\/.+\.ya?ml$/i.test(p) ||
      /^azure-pipelines.*\.ya?ml$/.test(b) || /(^|\/)\.azure-pipelines\/.+\.ya?ml$/i.test(p) ||
      /(^|\/)\.circleci\/[^/]+\.ya?ml$/i.test(p) ||
      b.startsWith('jenkinsfile.') || b.endsWith('.jenkinsfile') ||
      inDir(p, '\\.buildkite'),
  },
  { kind: 'env-file', test: (_p, b) => b === '.env' || b.startsWith('.env.') || b.endsWith('.env') || b === '.envrc' },
  {
    kind: 'prompt',
    test: (p, b) =>
      inDir(p, 'prompts') ||
      /\.prompt(\.(md|ya?ml|txt|json))?$/.test(b) ||
      b.endsWith('.prompty') ||
      b.endsWith('.mdc') ||
      b.endsWith('.instructions.md') ||
      PROMPT_NAMES.has(b) ||
      // Agent transcripts and logs: what was said to a model, tool outputs included.
      b.endsWith('.jsonl') ||
      inDir(p, '\\.claude'),
  },
  {
    kind: 'test',
    test: (p) => /(^|\/)(test|tests|__tests__|spec|fixtures|testdata|__fixtures__)\//i.test(p) || /\.(test|spec)\.[a-z]+$/i.test(p),
  },
  { kind: 'doc', test: (_p, b) => /\.(md|markdown|rst|adoc|txt)$/.test(b) || /^(readme|changelog|contributing)/.test(b) },
];

const TEST_DIR = /(^|\/)(test|tests|__tests__|spec|fixtures|testdata|__fixtures__)\//i;

export function classify(fullPath: string): ContentKind {
  // A file inside an archive (`bundle.zip!config/.env`) is classified by its own path.
  const path = fullPath.slice(fullPath.lastIndexOf('!') + 1);
  const base = lowerBase(path);
  // Inside a test or fixture folder a workflow, agent config or .env is test data: GitHub does
  // not run a workflow from fixtures/, and no agent reads tests/mcp.json. Notebooks keep their
  // own kinds (their extractor reads cells either way).
  if (TEST_DIR.test(path) && !base.endsWith('.ipynb')) return 'test';
  for (const r of KIND_RULES) if (r.test(path, base)) return r.kind;
  return 'code';
}
