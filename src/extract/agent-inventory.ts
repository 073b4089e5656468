// The machine inventory of `scan --agents`: which clients have files here, which MCP servers
// their configs name, and how many distinct keys each client's files hold. Names and counts
// only, never a value.
import { readFileSync, statSync } from 'node:fs';
import { childString, parseJsonTree, parseYamlTrees, type CNode } from './config-tree.js';
import type { MachineInventory } from '../contracts/result.js';
import type { Secret } from '../contracts/scored.js';
import type { AgentFile } from '../sources/agents/discover.js';
import { CLIENT_NAMES } from '../sources/agents/locations.js';

const SERVER_KEYS = new Set(['mcpServers', 'mcp_servers', 'servers', 'context_servers']);
const MAX_CONFIG = 4 * 1024 * 1024;

/** Keys of every server map in a tree (`mcpServers`, VS Code `servers`, Zed `context_servers`), any depth. */
function serversIn(node: CNode, out: Set<string>, depth = 0): void {
  if (depth > 64 || node.kind === 'scalar') return;
  if (node.kind === 'seq') {
    for (const i of node.items) serversIn(i, out, depth + 1);
    return;
  }
  for (const e of node.entries) {
    if (SERVER_KEYS.has(e.key) && e.value.kind === 'map') for (const s of e.value.entries) out.add(s.key);
    // Continue's config.yaml lists them: `mcpServers: [{name: ...}]`.
    if (SERVER_KEYS.has(e.key) && e.value.kind === 'seq') {
      for (const item of e.value.items) {
        const name = childString(item, 'name');
        if (name) out.add(name);
      }
    }
    serversIn(e.value, out, depth + 1);
  }
}

/** MCP server names in one config file; an unreadable or malformed file names none. */
export function mcpServerNames(f: AgentFile): string[] {
  if (f.role !== 'mcp-config' && f.role !== 'settings') return [];
  const out = new Set<string>();
  try {
    if (statSync(f.abs).size > MAX_CONFIG) return [];
    const text = readFileSync(f.abs, 'utf8');
    if (/\.toml$/i.test(f.abs)) {
      for (const m of text.matchAll(/^\s*\[\s*mcp_servers\.("[^"]+"|[\w-]+)\s*\]/gm)) out.add(m[1].replace(/"/g, ''));
    } else {
      const trees = /\.ya?ml$/i.test(f.abs) ? parseYamlTrees(text) : [parseJsonTree(text)];
      for (const t of trees) serversIn(t, out);
    }
  } catch {
    // reported by the scan itself when it reads the file
  }
  return [...out];
}

export function buildInventory(home: string, files: AgentFile[], secrets: Secret[]): MachineInventory {
  const order = Object.keys(CLIENT_NAMES);
  const clients = [...new Set(files.map((f) => f.client))].sort((a, b) => order.indexOf(a) - order.indexOf(b) || a.localeCompare(b));
  return {
    home,
    clients: clients.map((client) => {
      const own = files.filter((f) => f.client === client);
      const servers = new Set(own.flatMap(mcpServerNames));
      const keys = secrets.filter((s) => !s.suppressed && s.kind === 'secret' && s.occurrences.some((o) => o.origin.agent?.client === client)).length;
      return {
        client,
        name: CLIENT_NAMES[client] ?? client,
        files: own.map((f) => ({ path: f.path, role: f.role, scope: f.scope })),
        mcpServers: [...servers].sort(),
        keys,
      };
    }),
  };
}
