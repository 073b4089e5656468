// The AI-client guard as the clients run it: `hook install --agent` writes the client's hook
// config in a temp home (or project), the test reads the command back from that file and runs
// it through the shell with each client's documented JSON payload on stdin.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandFakes } from '../../src/rules/fake.js';
import { runCli } from '../helpers/cli.js';

let base: string;
let home: string;
let project: string;
const GH = expandFakes('<<github:ghp_>>', 7);
const ANT = expandFakes('sk-ant-api03-<<b64url:93>>AA', 8);
const GENERIC = expandFakes('<<b62:40>>', 9);

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'keysprawl-guard-'));
  home = join(base, 'home');
  project = join(base, 'project');
  mkdirSync(home, { recursive: true });
  mkdirSync(project, { recursive: true });
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function install(agent: string, extra: string[] = []): string {
  const r = runCli(['hook', 'install', '--agent', agent, '--home', home, ...extra], { cwd: project });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

/** Every command the config registers for `event` (grouped: Claude/Codex/Gemini; flat: Cursor). */
function commandsFor(config: Json, event: string): string[] {
  const list = (config.hooks?.[event] ?? []) as Json[];
  return list.flatMap((g) => (Array.isArray(g.hooks) ? g.hooks.map((h: Json) => h.command) : [g.command]));
}

/** Run a hook command the way the clients do: through the shell, payload on stdin. */
function runHook(command: string, payload: unknown) {
  const r = spawnSync('/bin/sh', ['-c', command], { input: typeof payload === 'string' ? payload : JSON.stringify(payload), encoding: 'utf8', cwd: project });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const noKeyIn = (text: string) => {
  for (const k of [GH, ANT, GENERIC]) expect(text).not.toContain(k.slice(0, 12));
};

describe('Claude Code guard', () => {
  const common = { session_id: 'abc123', transcript_path: '/home/u/.claude/projects/x/abc123.jsonl', cwd: '/work/app', permission_mode: 'default' };
  let prompt: string;
  let tool: string;
  beforeAll(() => {
    mkdirSync(join(home, '.claude'), { recursive: true });
    writeFileSync(join(home, '.claude', 'settings.json'), JSON.stringify({ model: 'opus', hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'echo mine' }] }] } }, null, 2));
    install('claude-code');
    const config = JSON.parse(readFileSync(join(home, '.claude', 'settings.json'), 'utf8')) as Json;
    [prompt] = commandsFor(config, 'UserPromptSubmit');
    tool = commandsFor(config, 'PreToolUse').find((c) => c.includes('keysprawl-guard'))!;
    expect(config.model).toBe('opus');
    expect(commandsFor(config, 'PreToolUse')).toContain('echo mine');
  });

  it('blocks a prompt carrying a key with exit 2 and the reason on stderr, never the key', () => {
    const r = runHook(prompt, { ...common, hook_event_name: 'UserPromptSubmit', prompt: `deploy with ${ANT} please` });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Anthropic/i);
    expect(r.stderr).toContain('in prompt');
    expect(r.stderr).toMatch(/Instead:/);
    noKeyIn(r.stdout + r.stderr);
  });

  it('blocks a tool call carrying a key (Bash and MCP tool input)', () => {
    const bash = runHook(tool, { ...common, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: `curl -H "Authorization: token ${GH}" https://api.github.com/user`, description: 'call api' } });
    expect(bash.code).toBe(2);
    expect(bash.stderr).toContain('tool_input.command');
    expect(bash.stderr).toMatch(/GitHub/);
    const mcp = runHook(tool, { ...common, hook_event_name: 'PreToolUse', tool_name: 'mcp__slack__post', tool_input: { channel: 'ops', api_key: GENERIC } });
    expect(mcp.code).toBe(2);
    expect(mcp.stderr).toContain('tool_input.api_key');
    noKeyIn(bash.stderr + mcp.stderr);
  });

  it('passes clean prompts and tool calls', () => {
    expect(runHook(prompt, { ...common, hook_event_name: 'UserPromptSubmit', prompt: 'Why does the deploy fail? Use $ANTHROPIC_API_KEY from the env.' })).toMatchObject({ code: 0, stderr: '' });
    expect(runHook(tool, { ...common, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'npm test -- --token-file ~/.config/token' } })).toMatchObject({ code: 0, stderr: '' });
  });

  it('fails closed on a payload it cannot read', () => {
    const r = runHook(prompt, '{"prompt": "unterminated');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/could not check/);
  });

  it('fails closed when the guard cannot even start (the bundle moved)', () => {
    const moved = prompt.replace('keysprawl-guard.mjs', 'keysprawl-guard-moved.mjs');
    const r = runHook(moved, { ...common, hook_event_name: 'UserPromptSubmit', prompt: 'hello there' });
    expect(r.code).toBe(2);
  });

  it('installing again replaces its own entries instead of adding more', () => {
    install('claude-code');
    const config = JSON.parse(readFileSync(join(home, '.claude', 'settings.json'), 'utf8')) as Json;
    expect(commandsFor(config, 'UserPromptSubmit').filter((c) => c.includes('keysprawl-guard'))).toHaveLength(1);
    expect(commandsFor(config, 'PreToolUse').filter((c) => c.includes('keysprawl-guard'))).toHaveLength(1);
  });

  it('uninstall removes exactly what install added', () => {
    const r = runCli(['hook', 'uninstall', '--agent', 'claude-code', '--home', home], { cwd: project });
    expect(r.code).toBe(0);
    const config = JSON.parse(readFileSync(join(home, '.claude', 'settings.json'), 'utf8')) as Json;
    expect(config).toEqual({ model: 'opus', hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'echo mine' }] }] } });
  });
});

describe('Cursor guard (project level)', () => {
  const common = { conversation_id: 'c1', generation_id: 'g1', workspace_roots: ['/work/app'], cursor_version: '1.7.2' };
  let cmd: (event: string) => string;
  beforeAll(() => {
    install('cursor', ['--project', project]);
    const config = JSON.parse(readFileSync(join(project, '.cursor', 'hooks.json'), 'utf8')) as Json;
    expect(config.version).toBe(1);
    cmd = (event) => commandsFor(config, event)[0];
  });

  it('blocks a prompt with {"continue": false} and a message naming the key kind', () => {
    const r = runHook(cmd('beforeSubmitPrompt'), { ...common, hook_event_name: 'beforeSubmitPrompt', prompt: `token: ${GH}`, attachments: [] });
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.stdout) as Json;
    expect(answer.continue).toBe(false);
    expect(answer.user_message).toMatch(/GitHub/);
    noKeyIn(r.stdout + r.stderr);
  });

  it('denies a shell command and an MCP call (input sent as a JSON string) carrying a key', () => {
    const shell = runHook(cmd('beforeShellExecution'), { ...common, hook_event_name: 'beforeShellExecution', command: `export ANTHROPIC_API_KEY=${ANT}`, cwd: '/work/app' });
    expect(JSON.parse(shell.stdout)).toMatchObject({ permission: 'deny' });
    const mcp = runHook(cmd('beforeMCPExecution'), { ...common, hook_event_name: 'beforeMCPExecution', tool_name: 'create_issue', tool_input: JSON.stringify({ title: 'bug', body: `repro with ${GH}` }), command: 'npx github-mcp' });
    const answer = JSON.parse(mcp.stdout) as Json;
    expect(answer).toMatchObject({ permission: 'deny' });
    expect(answer.agent_message).toContain('tool_input.body');
    noKeyIn(shell.stdout + mcp.stdout);
  });

  it('allows clean ones', () => {
    expect(JSON.parse(runHook(cmd('beforeSubmitPrompt'), { ...common, hook_event_name: 'beforeSubmitPrompt', prompt: 'refactor main.ts', attachments: [] }).stdout)).toEqual({ continue: true });
    expect(JSON.parse(runHook(cmd('beforeShellExecution'), { ...common, hook_event_name: 'beforeShellExecution', command: 'git status', cwd: '/work/app' }).stdout)).toEqual({ permission: 'allow' });
  });

  it('fails closed: a payload it cannot read is denied', () => {
    const r = runHook(cmd('beforeShellExecution'), 'not json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ permission: 'deny', continue: false });
  });

  it('uninstall removes the file it created', () => {
    runCli(['hook', 'uninstall', '--agent', 'cursor', '--project', project], { cwd: project });
    expect(existsSync(join(project, '.cursor', 'hooks.json'))).toBe(false);
  });
});

describe('Codex and Gemini CLI guards', () => {
  it('Codex: UserPromptSubmit with a key exits 2', () => {
    install('codex');
    const config = JSON.parse(readFileSync(join(home, '.codex', 'hooks.json'), 'utf8')) as Json;
    const r = runHook(commandsFor(config, 'UserPromptSubmit')[0], { session_id: 's', transcript_path: null, cwd: '/w', hook_event_name: 'UserPromptSubmit', model: 'gpt-5-codex', turn_id: 't', prompt: `use ${GH}` });
    expect(r.code).toBe(2);
    noKeyIn(r.stderr);
  });

  it('Gemini CLI: BeforeTool with a key exits 2, a clean BeforeAgent gets {}', () => {
    install('gemini-cli');
    const config = JSON.parse(readFileSync(join(home, '.gemini', 'settings.json'), 'utf8')) as Json;
    const common = { session_id: 's', transcript_path: '/t', cwd: '/w', timestamp: '2026-01-02T10:00:00Z' };
    const tool = runHook(commandsFor(config, 'BeforeTool')[0], { ...common, hook_event_name: 'BeforeTool', tool_name: 'run_shell_command', tool_input: { command: `curl -u x:${GH} https://api.github.com` } });
    expect(tool.code).toBe(2);
    const clean = runHook(commandsFor(config, 'BeforeAgent')[0], { ...common, hook_event_name: 'BeforeAgent', prompt: 'hello' });
    expect(clean).toMatchObject({ code: 0, stdout: '{}\n' });
  });
});
