// The hook configuration each AI client documents, as data (docs/agents.md has the sources):
// which file, which events, and the shape of one hook entry. `install` adds keysprawl's entries
// (replacing its own earlier ones), `uninstall` removes exactly the entries whose command runs
// keysprawl's guard, and the groups, events and file that only existed to hold them.
import { isObj } from '../problems/problem.js';
import type { GuardClient } from './reply.js';

/** Every command keysprawl installs runs this file: how its entries are recognised. */
export const GUARD_MARKER = 'keysprawl-guard.mjs';

export interface HookLayout {
  /** The settings file, relative to the home (user) or the project folder (project). */
  userFile: string;
  projectFile: string;
  /** Events and, for tool events, the matcher that selects every tool. */
  events: Array<{ event: string; matcher?: string }>;
  /** `grouped`: Claude Code / Codex / Gemini `{hooks: {E: [{matcher, hooks: [{type, command}]}]}}`; `flat`: Cursor `{version: 1, hooks: {E: [{command}]}}`. */
  shape: 'grouped' | 'flat';
  /** Extra fields of one hook entry (timeouts are in seconds for Claude/Codex, ms for Gemini/Cursor). */
  entry: Record<string, unknown>;
}

export const HOOK_LAYOUTS: Record<GuardClient, HookLayout> = {
  'claude-code': {
    userFile: '.claude/settings.json',
    projectFile: '.claude/settings.json',
    events: [{ event: 'UserPromptSubmit' }, { event: 'PreToolUse', matcher: '*' }],
    shape: 'grouped',
    entry: { timeout: 30 },
  },
  codex: {
    userFile: '.codex/hooks.json',
    projectFile: '.codex/hooks.json',
    events: [{ event: 'UserPromptSubmit' }, { event: 'PreToolUse' }],
    shape: 'grouped',
    entry: { timeout: 30 },
  },
  'gemini-cli': {
    userFile: '.gemini/settings.json',
    projectFile: '.gemini/settings.json',
    events: [{ event: 'BeforeAgent' }, { event: 'BeforeTool', matcher: '.*' }],
    shape: 'grouped',
    entry: { name: 'keysprawl-guard', timeout: 30000 },
  },
  cursor: {
    userFile: '.cursor/hooks.json',
    projectFile: '.cursor/hooks.json',
    events: [{ event: 'beforeSubmitPrompt' }, { event: 'beforeShellExecution' }, { event: 'beforeMCPExecution' }],
    shape: 'flat',
    entry: { timeout: 30000, failClosed: true },
  },
};

type Json = Record<string, unknown>;
const ours = (h: unknown) => isObj(h) && typeof h.command === 'string' && h.command.includes(GUARD_MARKER);

/** The config without keysprawl's entries (and without what became empty because of it). */
export function removeGuard(config: Json, layout: HookLayout): Json {
  if (!isObj(config.hooks)) return config;
  const hooks: Json = { ...config.hooks };
  for (const [event, list] of Object.entries(hooks)) {
    if (!Array.isArray(list)) continue;
    let kept: unknown[];
    if (layout.shape === 'flat') kept = list.filter((h) => !ours(h));
    else {
      kept = list
        .map((g) => (isObj(g) && Array.isArray(g.hooks) && g.hooks.some(ours) ? { ...g, hooks: g.hooks.filter((h) => !ours(h)) } : g))
        .filter((g) => !(isObj(g) && Array.isArray(g.hooks) && g.hooks.length === 0));
    }
    if (kept.length === list.length) continue;
    if (kept.length) hooks[event] = kept;
    else delete hooks[event];
  }
  const out: Json = { ...config, hooks };
  if (!Object.keys(hooks).length) delete out.hooks;
  return out;
}

/** The config with keysprawl's guard on every event of the layout (earlier keysprawl entries replaced). */
export function addGuard(config: Json, layout: HookLayout, command: string): Json {
  const base = removeGuard(config, layout);
  const hooks: Json = isObj(base.hooks) ? { ...base.hooks } : {};
  for (const { event, matcher } of layout.events) {
    const list = Array.isArray(hooks[event]) ? [...(hooks[event] as unknown[])] : [];
    if (layout.shape === 'flat') list.push({ command, ...layout.entry });
    else list.push({ ...(matcher !== undefined ? { matcher } : {}), hooks: [{ type: 'command', command, ...layout.entry }] });
    hooks[event] = list;
  }
  const out: Json = { ...base, hooks };
  if (layout.shape === 'flat' && out.version === undefined) return { version: 1, ...out };
  return out;
}

/** Whether a config holds nothing but what install would have created. */
export function isEmptyConfig(config: Json, layout: HookLayout): boolean {
  const keys = Object.keys(config).filter((k) => !(layout.shape === 'flat' && k === 'version'));
  return keys.length === 0;
}
