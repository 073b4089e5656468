// `keysprawl hook install|uninstall --agent <client> [--project]`: writes (or removes) the AI
// client's documented hook configuration so that every prompt and tool call runs keysprawl's
// guard first (src/guard/). User level (the home's settings) by default; `--project` writes the
// project's settings in the folder given (default .).
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.js';
import { addGuard, HOOK_LAYOUTS, isEmptyConfig, removeGuard } from '../guard/hook-config.js';
import { GUARD_CLIENTS, type GuardClient } from '../guard/reply.js';
import { homeFor } from '../sources/agents/platform.js';
import type { Io } from './io.js';
import { writeFileAtomic } from './write-file.js';

export interface AgentHookFlags {
  agent: string;
  project?: boolean;
  home?: string;
  force?: boolean;
  husky?: boolean;
  lefthook?: boolean;
}

const posixQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const winQuote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * The command the client runs: this installation's node and guard bundle, by absolute path.
 * `|| exit 2` fails closed when the guard cannot even start (node or the bundle moved): the
 * shell's "not found" exits 127, which every client would otherwise treat as "let it through".
 */
export function guardCommand(client: GuardClient, platform: NodeJS.Platform = process.platform): string {
  const script = fileURLToPath(new URL('../../dist/cli/keysprawl-guard.mjs', import.meta.url));
  const q = platform === 'win32' ? winQuote : posixQuote;
  return `${q(process.execPath)} ${q(script)} --agent ${client} || exit 2`;
}

function clientOf(name: string): GuardClient {
  if ((GUARD_CLIENTS as readonly string[]).includes(name)) return name as GuardClient;
  throw new UsageError(`--agent ${name}: expected one of ${GUARD_CLIENTS.join(', ')} (these document a hook that can block a prompt or tool call)`);
}

/** Keep a settings file that only its owner could read that way (0600). */
const isPrivate = (path: string) => existsSync(path) && (statSync(path).mode & 0o077) === 0;

function readConfig(path: string): Record<string, unknown> {
  if (!existsSync(path)) return {};
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new UsageError(`${path}: not valid JSON; fix it before keysprawl adds its hook (nothing was changed)`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new UsageError(`${path}: expected a JSON object at the top level (nothing was changed)`);
  return data as Record<string, unknown>;
}

export async function runAgentHook(action: 'install' | 'uninstall', dir: string, flags: AgentHookFlags, io: Io): Promise<number> {
  const client = clientOf(flags.agent);
  const gitOnly = (['force', 'husky', 'lefthook'] as const).find((f) => flags[f]);
  if (gitOnly) throw new UsageError(`--${gitOnly}: only for the git pre-commit hook, not with --agent`);
  const layout = HOOK_LAYOUTS[client];
  const path = flags.project ? join(resolve(dir), layout.projectFile) : join(homeFor(flags.home, io.env), layout.userFile);
  const config = readConfig(path);
  if (action === 'install') {
    mkdirSync(dirname(path), { recursive: true });
    await writeFileAtomic(path, `${JSON.stringify(addGuard(config, layout, guardCommand(client)), null, 2)}\n`, { private: isPrivate(path) });
    io.stdout.write(`keysprawl: ${client} now runs keysprawl's guard before ${layout.events.map((e) => e.event).join(', ')} (${path})\n`);
    return 0;
  }
  if (!existsSync(path)) {
    io.stdout.write(`keysprawl: no ${path}, nothing to remove\n`);
    return 0;
  }
  const next = removeGuard(config, layout);
  if (JSON.stringify(next) === JSON.stringify(config)) {
    io.stdout.write(`keysprawl: ${path} has no keysprawl guard, nothing to remove\n`);
  } else if (isEmptyConfig(next, layout)) {
    rmSync(path);
    io.stdout.write(`keysprawl: removed ${path} (it held only keysprawl's guard)\n`);
  } else {
    await writeFileAtomic(path, `${JSON.stringify(next, null, 2)}\n`, { private: isPrivate(path) });
    io.stdout.write(`keysprawl: removed keysprawl's guard from ${path}\n`);
  }
  return 0;
}
