// Path → content kind (DESIGN.md §3). The first matching entry wins, so specific kinds
// (agent configs, CI files, prompts) come before the broad ones (test, doc, code).
import type { ContentKind } from '../types.js';

interface KindRule {
  kind: ContentKind;
  test: (path: string, base: string) => boolean;
}

const lowerBase = (p: string) => (p.split('/').pop() ?? p).toLowerCase();

export const KIND_RULES: KindRule[] = [
  { kind: 'notebook-cell', test: (_p, b) => b.endsWith('.ipynb') },
  {
    kind: 'agent-config',
    test: (p, b) =>
      ['mcp.json', '.mcp.json', 'claude_desktop_config.json', 'langgraph.json', '.aider.conf.yml'].includes(b) ||
      b.startsWith('oai_config_list') ||
      /(^|\/)\.continue\/config\.[a-z]+$/i.test(p),
  },
  {
    kind: 'ci-config',
    test: (p, b) =>
      /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(p) ||
      /(^|\/)\.github\/actions\/.+\/action\.ya?ml$/i.test(p) ||
      ['.gitlab-ci.yml', 'azure-pipelines.yml', 'bitbucket-pipelines.yml', 'jenkinsfile', '.travis.yml'].includes(b) ||
      /(^|\/)\.circleci\/config\.ya?ml$/i.test(p) ||
      /(^|\/)\.buildkite\//i.test(p),
  },
  { kind: 'env-file', test: (_p, b) => b === '.env' || b.startsWith('.env.') || b.endsWith('.env') },
  {
    kind: 'prompt',
    test: (p, b) =>
      /(^|\/)prompts\//i.test(p) ||
      /\.prompt(\.(md|ya?ml|txt|json))?$/.test(b) ||
      b.endsWith('.prompty') ||
      ['claude.md', 'agents.md', 'gemini.md', '.cursorrules', '.windsurfrules', 'copilot-instructions.md'].includes(b) ||
      /(^|\/)\.cursor\/rules\/[^/]+\.mdc$/i.test(p),
  },
  {
    kind: 'test',
    test: (p) => /(^|\/)(test|tests|__tests__|spec|fixtures|testdata|__fixtures__)\//i.test(p) || /\.(test|spec)\.[a-z]+$/i.test(p),
  },
  { kind: 'doc', test: (_p, b) => /\.(md|markdown|rst|adoc|txt)$/.test(b) || /^(readme|changelog|contributing)/.test(b) },
];

export function classify(path: string): ContentKind {
  const base = lowerBase(path);
  for (const r of KIND_RULES) if (r.test(path, base)) return r.kind;
  return 'code';
}
