// Where AI clients and the credential tools agents lean on keep their files, on Linux, macOS
// and Windows, at user level (under a base folder of the home) and at project level (in a
// project folder). Data, not code: docs/agents.md lists the same table with each source.
import type { AgentFileRole } from '../../contracts/blob.js';
import type { ContentKind } from '../../contracts/fragment.js';

/**
 * Base folders a pattern is relative to (src/sources/agents/platform.ts resolves them):
 * home; appdata/localappdata (Windows); xdgconfig/xdgdata (Linux, also ~/.config on macOS for
 * some tools); macsupport (~/Library/Application Support); maclogs (~/Library/Logs);
 * codexhome (CODEX_HOME, else ~/.codex); vscodeuser (each VS Code–family User folder);
 * project (each project folder scanned).
 */
export type Base = 'home' | 'appdata' | 'localappdata' | 'xdgconfig' | 'xdgdata' | 'macsupport' | 'maclogs' | 'codexhome' | 'vscodeuser' | 'project';

export interface Location {
  client: string;
  role: AgentFileRole;
  base: Base;
  /** fast-glob pattern relative to the base (dot files allowed). */
  pattern: string;
}

/** Display names of the clients and tools, in report order. */
export const CLIENT_NAMES: Record<string, string> = {
  'claude-desktop': 'Claude Desktop',
  'claude-code': 'Claude Code',
  cursor: 'Cursor',
  vscode: 'VS Code (Copilot)',
  windsurf: 'Windsurf',
  cline: 'Cline',
  continue: 'Continue',
  zed: 'Zed',
  codex: 'Codex CLI',
  'gemini-cli': 'Gemini CLI',
  aws: 'AWS CLI',
  gh: 'GitHub CLI',
  npm: 'npm',
  netrc: 'netrc',
  docker: 'Docker',
  kubectl: 'kubectl',
  shell: 'Shell history',
};

const loc = (client: string, role: AgentFileRole, base: Base, ...patterns: string[]): Location[] =>
  patterns.map((pattern) => ({ client, role, base, pattern }));

/** The folder names of VS Code–family editors under the OS settings folder (…/<name>/User). */
export const VSCODE_FAMILY = ['Code', 'Code - Insiders', 'VSCodium', 'Cursor', 'Windsurf'];
const CLINE = 'globalStorage/saoudrizwan.claude-dev';

export const LOCATIONS: Location[] = [
  // Claude Desktop: one config per OS, MCP logs beside it.
  ...loc('claude-desktop', 'mcp-config', 'macsupport', 'Claude/claude_desktop_config.json'),
  ...loc('claude-desktop', 'mcp-config', 'appdata', 'Claude/claude_desktop_config.json'),
  ...loc('claude-desktop', 'mcp-config', 'xdgconfig', 'Claude/claude_desktop_config.json'),
  ...loc('claude-desktop', 'log', 'maclogs', 'Claude/mcp*.log'),
  ...loc('claude-desktop', 'log', 'appdata', 'Claude/logs/mcp*.log'),
  // Claude Code: ~/.claude.json (user and per-project MCP servers), settings, transcripts.
  ...loc('claude-code', 'mcp-config', 'home', '.claude.json'),
  ...loc('claude-code', 'settings', 'home', '.claude/settings.json', '.claude/settings.local.json'),
  ...loc('claude-code', 'transcript', 'home', '.claude/projects/*/*.jsonl', '.claude/history.jsonl'),
  ...loc('claude-code', 'mcp-config', 'project', '.mcp.json'),
  ...loc('claude-code', 'settings', 'project', '.claude/settings.json', '.claude/settings.local.json'),
  // Cursor
  ...loc('cursor', 'mcp-config', 'home', '.cursor/mcp.json'),
  ...loc('cursor', 'mcp-config', 'project', '.cursor/mcp.json'),
  // VS Code family (the User folder of Code, Insiders, VSCodium; Cursor and Windsurf are forks).
  ...loc('vscode', 'mcp-config', 'vscodeuser', 'mcp.json'),
  ...loc('vscode', 'settings', 'vscodeuser', 'settings.json'),
  ...loc('vscode', 'transcript', 'vscodeuser', 'workspaceStorage/*/chatSessions/*.json'),
  ...loc('vscode', 'mcp-config', 'project', '.vscode/mcp.json'),
  ...loc('vscode', 'settings', 'project', '.vscode/settings.json'),
  // Windsurf
  ...loc('windsurf', 'mcp-config', 'home', '.codeium/windsurf/mcp_config.json'),
  // Cline (a VS Code extension: its files live in the editor's globalStorage).
  ...loc('cline', 'mcp-config', 'vscodeuser', `${CLINE}/settings/cline_mcp_settings.json`),
  ...loc('cline', 'transcript', 'vscodeuser', `${CLINE}/tasks/*/api_conversation_history.json`, `${CLINE}/tasks/*/ui_messages.json`),
  // Continue
  ...loc('continue', 'mcp-config', 'home', '.continue/config.yaml', '.continue/config.json', '.continue/mcpServers/*.{yaml,yml,json}'),
  ...loc('continue', 'transcript', 'home', '.continue/sessions/*.json'),
  ...loc('continue', 'mcp-config', 'project', '.continue/mcpServers/*.{yaml,yml,json}'),
  // Zed: ~/.config/zed on Linux and macOS, %APPDATA%\Zed on Windows.
  ...loc('zed', 'settings', 'xdgconfig', 'zed/settings.json'),
  ...loc('zed', 'settings', 'appdata', 'Zed/settings.json'),
  ...loc('zed', 'transcript', 'xdgconfig', 'zed/conversations/*.json'),
  ...loc('zed', 'transcript', 'xdgdata', 'zed/conversations/*.json'),
  ...loc('zed', 'settings', 'project', '.zed/settings.json'),
  // Codex CLI (CODEX_HOME, default ~/.codex)
  ...loc('codex', 'mcp-config', 'codexhome', 'config.toml'),
  ...loc('codex', 'credentials', 'codexhome', 'auth.json'),
  ...loc('codex', 'transcript', 'codexhome', 'sessions/**/*.jsonl', 'history.jsonl'),
  ...loc('codex', 'mcp-config', 'project', '.codex/config.toml'),
  // Gemini CLI
  ...loc('gemini-cli', 'settings', 'home', '.gemini/settings.json'),
  ...loc('gemini-cli', 'credentials', 'home', '.gemini/.env'),
  ...loc('gemini-cli', 'transcript', 'home', '.gemini/tmp/*/chats/*.json', '.gemini/tmp/*/logs.json'),
  ...loc('gemini-cli', 'settings', 'project', '.gemini/settings.json'),
  ...loc('gemini-cli', 'credentials', 'project', '.gemini/.env'),
  // The credential files agents are handed as tools.
  ...loc('aws', 'credentials', 'home', '.aws/credentials', '.aws/config'),
  ...loc('gh', 'credentials', 'xdgconfig', 'gh/hosts.yml'),
  ...loc('gh', 'credentials', 'appdata', 'GitHub CLI/hosts.yml'),
  ...loc('npm', 'credentials', 'home', '.npmrc'),
  ...loc('netrc', 'credentials', 'home', '.netrc', '_netrc'),
  ...loc('docker', 'credentials', 'home', '.docker/config.json'),
  ...loc('kubectl', 'credentials', 'home', '.kube/config'),
  // Shell histories: every key typed or pasted at a prompt.
  ...loc('shell', 'shell-history', 'home', '.bash_history', '.zsh_history', '.history', '.sh_history'),
  ...loc('shell', 'shell-history', 'xdgdata', 'fish/fish_history'),
  ...loc('shell', 'shell-history', 'appdata', 'Microsoft/Windows/PowerShell/PSReadLine/ConsoleHost_history.txt'),
];

/** The content kind each role is scanned as (it weighs the finding's exposure). */
export const ROLE_KIND: Record<AgentFileRole, ContentKind> = {
  'mcp-config': 'agent-config',
  settings: 'agent-config',
  transcript: 'prompt',
  log: 'prompt',
  credentials: 'env-file',
  'shell-history': 'other',
};
