// The machine inventory of `scan --agents` (clients, MCP servers, key counts; never a value)
// as text lines and as an HTML section.
import type { MachineInventory } from '../contracts/result.js';
import { plural } from './describe.js';
import { esc } from './html-charts.js';

export function inventoryLines(inv: MachineInventory, sanitize: (s: string) => string): string[] {
  const out = [`Machine inventory (AI clients and tools with files here: ${inv.clients.length}):`];
  for (const c of inv.clients) {
    const servers = c.mcpServers.length ? `, MCP servers: ${c.mcpServers.map(sanitize).join(', ')}` : '';
    out.push(`  ${sanitize(c.name)}: ${plural(c.files.length, 'file')}, ${plural(c.keys, 'key')}${servers}`);
  }
  if (!inv.clients.length) out.push('  (no client files found)');
  return out;
}

export function inventorySection(inv: MachineInventory | undefined): string {
  if (!inv) return '';
  const rows = inv.clients
    .map((c) => `<tr><td>${esc(c.name)}</td><td>${c.files.length}</td><td>${esc(c.mcpServers.join(', ') || '—')}</td><td>${c.keys}</td><td>${c.files.map((f) => esc(`${f.path} (${f.role})`)).join('<br>')}</td></tr>`)
    .join('');
  const body = rows ? `<table><thead><tr><th>client</th><th>files</th><th>MCP servers</th><th>keys</th><th>where</th></tr></thead><tbody>${rows}</tbody></table>` : '<p class="empty">No client files found.</p>';
  return `<section id="machine"><h2>Machine inventory</h2><p class="muted">AI clients and credential tools with files on this machine; key counts only, no values.</p>${body}</section>`;
}
