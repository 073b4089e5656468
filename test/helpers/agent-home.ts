// A temporary home holding every client's files in their real formats (docs/agents.md), each
// with a fake key planted in it (generated at test time, src/rules/fake.ts), and a project
// repository whose .env shares one key with Cursor's MCP config. `clean: true` writes the same
// files with environment references where the keys were.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expandFakes } from '../../src/rules/fake.js';

export interface Planted {
  client: string;
  /** As reported: `~/...` for the home, relative to the repository for project files. */
  path: string;
  value: string;
  /** 1-based line of the file the key is on. */
  line: number;
}

export interface AgentHome {
  home: string;
  repo: string;
  planted: Planted[];
  /** The key in both ~/.cursor/mcp.json and the repository's .env. */
  shared: string;
  cleanup(): void;
}

let seed = 100;
const fake = (template: string) => expandFakes(template, seed++);

export function buildAgentHome(opts: { clean?: boolean } = {}): AgentHome {
  const base = mkdtempSync(join(tmpdir(), 'keysprawl-agents-'));
  const home = join(base, 'home');
  const repo = join(base, 'repo');
  const planted: Planted[] = [];
  const clean = !!opts.clean;
  /** A fake key from `template`, planted in `client`'s file (or an env reference when clean). */
  const key = (client: string, path: string, template: string, ref = '${API_KEY}') => {
    const value = clean ? ref : fake(template);
    if (!clean) planted.push({ client, path, value, line: 0 });
    return value;
  };
  const write = (root: string, display: string, rel: string, text: string) => {
    const abs = join(root, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    for (const p of planted) if (p.path === display && p.line === 0) p.line = text.slice(0, text.indexOf(p.value)).split('\n').length;
  };
  const h = (rel: string, text: string) => write(home, `~/${rel}`, rel, text);
  const j = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
  const b62 = '<<b62:40>>';

  // Claude Desktop: macOS config (stdio server env + mcp-remote header arg), Windows config, macOS MCP log.
  let p = '~/Library/Application Support/Claude/claude_desktop_config.json';
  h(p.slice(2), j({ mcpServers: {
    github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: key('claude-desktop', p, '<<github:ghp_>>') } },
    linear: { command: 'npx', args: ['mcp-remote', 'https://mcp.linear.app/sse', '--header', `Authorization: Bearer ${key('claude-desktop', p, b62)}`] },
  } }));
  p = '~/AppData/Roaming/Claude/claude_desktop_config.json';
  h(p.slice(2), j({ mcpServers: { claude: { command: 'uvx', args: ['some-server'], env: { ANTHROPIC_API_KEY: key('claude-desktop', p, 'sk-ant-api03-<<b64url:93>>AA') } } } }));
  p = '~/Library/Logs/Claude/mcp-server-openai.log';
  h(p.slice(2), `2026-01-02T10:00:00.000Z [openai] [info] Initializing server...\n2026-01-02T10:00:00.100Z [openai] [info] Message from client: {"method":"tools/call","params":{"arguments":{"key":"${key('claude-desktop', p, 'sk-proj-<<b64url:74>>T3BlbkFJ<<b64url:74>>')}"}}}\n`);

  // Claude Code: ~/.claude.json with a remote HTTP server and its Authorization header; settings env; a transcript.
  p = '~/.claude.json';
  h(p.slice(2), j({ numStartups: 3, projects: { '/work/app': { mcpServers: { sentry: { type: 'http', url: 'https://mcp.sentry.dev/mcp', headers: { Authorization: `Bearer ${key('claude-code', p, b62)}` } } } } } }));
  p = '~/.claude/settings.json';
  h(p.slice(2), j({ env: { OPENAI_API_KEY: key('claude-code', p, 'sk-proj-<<b64url:74>>T3BlbkFJ<<b64url:74>>') }, permissions: { allow: ['Bash(npm test)'] } }));
  p = '~/.claude/projects/-work-app/5f2c7d1e-1111-4222-8333-944445555666.jsonl';
  const pasted = key('claude-code', p, 'sk-ant-api03-<<b64url:93>>AA');
  const inTool = key('claude-code', p, '<<github:ghp_>>');
  h(p.slice(2), [
    { type: 'user', message: { role: 'user', content: 'Why does the deploy fail?' }, uuid: 'a1', timestamp: '2026-01-02T10:00:00Z' },
    { type: 'assistant', message: { role: 'assistant', content: [{ type: 'text', text: 'Let me look at the logs.' }] }, uuid: 'a2' },
    { type: 'user', message: { role: 'user', content: `It says unauthorized. Here is the key I use: ${pasted}\nCan you try it?` }, uuid: 'a3' },
    { type: 'assistant', message: { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'Bash', input: { command: `curl -H "Authorization: token ${inTool}" https://api.github.com/user` } }] }, uuid: 'a4' },
  ].map((r) => JSON.stringify(r)).join('\n') + '\n');

  // Cursor: the key shared with the repository's .env.
  const shared = clean ? '${env:OPENAI_API_KEY}' : fake('sk-proj-<<b64url:74>>T3BlbkFJ<<b64url:74>>');
  p = '~/.cursor/mcp.json';
  if (!clean) planted.push({ client: 'cursor', path: p, value: shared, line: 0 });
  h(p.slice(2), j({ mcpServers: { openai: { command: 'npx', args: ['openai-mcp'], env: { OPENAI_API_KEY: shared } } } }));

  // VS Code: Linux mcp.json with a key in the server URL; Windows settings.json (JSONC) with an env key.
  p = '~/.config/Code/User/mcp.json';
  h(p.slice(2), j({ inputs: [], servers: { search: { type: 'http', url: `https://search.example.com/mcp?api_key=${key('vscode', p, b62)}` } } }));
  p = '~/AppData/Roaming/Code/User/settings.json';
  h(p.slice(2), `{\n  // editor\n  "editor.fontSize": 14,\n  "mcp": {\n    "servers": {\n      "brave": { "command": "npx", "args": ["-y", "brave-search"], "env": { "BRAVE_API_KEY": "${key('vscode', p, b62)}" } }\n    }\n  }\n}\n`);

  // Windsurf: --api-key in args.
  p = '~/.codeium/windsurf/mcp_config.json';
  h(p.slice(2), j({ mcpServers: { firecrawl: { command: 'npx', args: ['-y', 'firecrawl-mcp', '--api-key', key('windsurf', p, b62)] } } }));

  // Cline: MCP settings and a task's conversation history (in VS Code's globalStorage, macOS layout).
  const cline = 'Library/Application Support/Code/User/globalStorage/saoudrizwan.claude-dev';
  p = `~/${cline}/settings/cline_mcp_settings.json`;
  h(p.slice(2), j({ mcpServers: { slack: { command: 'npx', args: ['slack-mcp'], env: { SLACK_BOT_TOKEN: key('cline', p, b62) }, disabled: false, autoApprove: [] } } }));
  p = `~/${cline}/tasks/1736000000000/api_conversation_history.json`;
  h(p.slice(2), j([
    { role: 'user', content: [{ type: 'text', text: '<task>Set up the client</task>' }] },
    { role: 'assistant', content: [{ type: 'text', text: 'What key should I use?' }] },
    { role: 'user', content: [{ type: 'text', text: `Use ${key('cline', p, '<<github:ghp_>>')} for now` }] },
  ]));

  // Continue: config.yaml (model apiKey, mcpServers list).
  p = '~/.continue/config.yaml';
  h(p.slice(2), `name: Local Assistant\nversion: 1.0.0\nschema: v1\nmodels:\n  - name: Claude\n    provider: anthropic\n    model: claude-sonnet-4\n    apiKey: ${key('continue', p, 'sk-ant-api03-<<b64url:93>>AA', '${{ secrets.ANTHROPIC_API_KEY }}')}\nmcpServers:\n  - name: sqlite\n    command: npx\n    args: ["-y", "mcp-sqlite", "/tmp/db.sqlite"]\n`);

  // Zed: context_servers in ~/.config/zed/settings.json.
  p = '~/.config/zed/settings.json';
  h(p.slice(2), `// Zed settings\n{\n  "theme": "One Dark",\n  "context_servers": {\n    "postgres": { "command": "npx", "args": ["pg-mcp"], "env": { "PG_API_TOKEN": "${key('zed', p, b62)}" } }\n  }\n}\n`);

  // Codex: config.toml env table and a session rollout.
  p = '~/.codex/config.toml';
  h(p.slice(2), `model = "gpt-5-codex"\n\n[mcp_servers.github]\ncommand = "npx"\nargs = ["-y", "@modelcontextprotocol/server-github"]\n\n[mcp_servers.github.env]\nGITHUB_PERSONAL_ACCESS_TOKEN = "${key('codex', p, '<<github:ghp_>>')}"\n`);
  p = '~/.codex/sessions/2026/01/02/rollout-2026-01-02T10-00-00-abc.jsonl';
  h(p.slice(2), [
    { timestamp: '2026-01-02T10:00:00Z', type: 'session_meta', payload: { id: 'abc', cwd: '/work/app' } },
    { timestamp: '2026-01-02T10:00:01Z', type: 'response_item', payload: { type: 'message', role: 'user', content: [{ type: 'input_text', text: `export STRIPE_KEY=${key('codex', p, 'sk_live_<<b62:99>>', '$STRIPE_KEY')}` }] } },
  ].map((r) => JSON.stringify(r)).join('\n') + '\n');

  // Gemini CLI: a remote server with a header, and a saved chat.
  p = '~/.gemini/settings.json';
  h(p.slice(2), j({ mcpServers: { remote: { httpUrl: 'https://mcp.example.com/mcp', headers: { Authorization: `Bearer ${key('gemini-cli', p, b62)}` } } } }));
  p = '~/.gemini/tmp/0f1e2d3c/chats/session-2026-01-02T10-00-abc.json';
  h(p.slice(2), j({ sessionId: 'abc', messages: [
    { id: '1', type: 'user', content: 'hello' },
    { id: '2', type: 'user', content: `my token is ${key('gemini-cli', p, '<<github:ghp_>>')}` },
  ] }));

  // Credential files and shell histories.
  p = '~/.aws/credentials';
  const akid = clean ? '' : fake('AKIA<<upper:16>>');
  h(p.slice(2), `[default]\naws_access_key_id = ${akid}\naws_secret_access_key = ${key('aws', p, '<<b64:40>>', '')}\n`);
  p = '~/.config/gh/hosts.yml';
  h(p.slice(2), `github.com:\n    user: octocat\n    oauth_token: ${key('gh', p, '<<github:gho_>>', '')}\n    git_protocol: https\n`);
  p = '~/.npmrc';
  h(p.slice(2), `//registry.npmjs.org/:_authToken=${key('npm', p, '<<github:npm_>>', '${NPM_TOKEN}')}\n`);
  p = '~/.netrc';
  h(p.slice(2), `machine api.github.com\n  login octocat\n  password ${key('netrc', p, '<<github:ghp_>>', '')}\n`);
  p = '~/.kube/config';
  h(p.slice(2), `apiVersion: v1\nkind: Config\nclusters:\n- name: prod\n  cluster:\n    server: https://k8s.example.com\nusers:\n- name: admin\n  user:\n    token: ${key('kubectl', p, '<<github:glpat->>', '""')}\n`);
  p = '~/.docker/config.json';
  const dockerKey = clean ? '' : fake('<<github:ghp_>>');
  if (!clean) planted.push({ client: 'docker', path: p, value: dockerKey, line: 0 });
  const auth = Buffer.from(`octocat:${dockerKey}`).toString('base64');
  h(p.slice(2), j(clean ? { auths: { 'ghcr.io': {} }, credsStore: 'desktop' } : { auths: { 'ghcr.io': { auth } } }));
  // The base64 form is on the line, not the key: point the expectation at that line.
  for (const x of planted) if (x.path === p) x.line = 4;
  p = '~/.codex/auth.json';
  h(p.slice(2), j({ OPENAI_API_KEY: key('codex', p, 'sk-proj-<<b64url:74>>T3BlbkFJ<<b64url:74>>', ''), tokens: null }));
  p = '~/.gemini/.env';
  h(p.slice(2), `GEMINI_API_KEY=${key('gemini-cli', p, 'AIza<<b64url:35>>', '')}\n`);
  p = '~/.local/share/fish/fish_history';
  h(p.slice(2), `- cmd: ls\n  when: 1736000000\n- cmd: set -x OPENAI_API_KEY ${key('shell', p, 'sk-proj-<<b64url:74>>T3BlbkFJ<<b64url:74>>', '(op read op://dev/openai)')}\n  when: 1736000100\n`);
  p = '~/AppData/Roaming/Microsoft/Windows/PowerShell/PSReadLine/ConsoleHost_history.txt';
  h(p.slice(2), `Get-ChildItem\r\n$env:GITHUB_TOKEN = "${key('shell', p, '<<github:ghp_>>', '')}"\r\n`);
  p = '~/.bash_history';
  h(p.slice(2), `ls\ncd app\nexport ANTHROPIC_API_KEY=${key('shell', p, 'sk-ant-api03-<<b64url:93>>AA', '$(op read op://dev/anthropic/key)')}\nnpm test\n`);

  // The project: .env shares the Cursor key; .mcp.json and a gitignored .claude/settings.local.json hold their own.
  const r = (display: string, text: string) => write(repo, display, display, text);
  r('.env', `OPENAI_API_KEY=${shared}\n`);
  if (!clean) planted.push({ client: '', path: '.env', value: shared, line: 1 });
  p = '.mcp.json';
  r(p, j({ mcpServers: { notion: { command: 'npx', args: ['notion-mcp'], env: { NOTION_TOKEN: key('claude-code', p, b62) } } } }));
  r('.gitignore', '.claude/settings.local.json\n');
  p = '.claude/settings.local.json';
  r(p, j({ env: { HF_TOKEN: key('claude-code', p, 'hf_<<alpha:34>>', '') } }));
  return { home, repo, planted, shared, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}
