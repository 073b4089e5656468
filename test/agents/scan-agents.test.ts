// `scan --agents` end to end: the built CLI run as a user would, on a temp home holding every
// client's files with fake keys planted in each kind of place (test/helpers/agent-home.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgentHome, type AgentHome } from '../helpers/agent-home.js';
import { runCli } from '../helpers/cli.js';
import type { JsonReport } from '../../src/report/json.js';

let planted: AgentHome;
let report: JsonReport;

function scanArgs(h: AgentHome, ...extra: string[]): string[] {
  return ['scan', '--agents', '--home', h.home, h.repo, '--fail-on', 'none', '--threads', '1', ...extra];
}
/** The environment points elsewhere: --home alone decides, and a variable outside it is ignored. */
const env = (h: AgentHome) => ({ HOME: '/nonexistent', XDG_CONFIG_HOME: '/nonexistent/.config', APPDATA: h.repo });

beforeAll(() => {
  planted = buildAgentHome();
  const run = runCli(scanArgs(planted, '-f', 'json'), { cwd: planted.repo, env: env(planted) });
  expect(run.stderr).toBe('');
  report = JSON.parse(run.stdout) as JsonReport;
});
afterAll(() => planted.cleanup());

describe('scan --agents on a home with every client', () => {
  it('finds every planted key with its client, file and line', () => {
    expect(planted.planted.length).toBeGreaterThanOrEqual(33);
    const missing: string[] = [];
    for (const p of planted.planted) {
      const found = report.secrets.some((s) =>
        s.occurrences.some((o) => o.origin.path === p.path && o.line === p.line && (p.client === '' || o.origin.agent?.client === p.client)),
      );
      if (!found) missing.push(`${p.client || '(repo)'} ${p.path}:${p.line}`);
    }
    expect(missing).toEqual([]);
  });

  it('correlates the key in Cursor\'s MCP config with the repository\'s .env: one secret, both places', () => {
    const shared = report.secrets.filter((s) => s.occurrences.some((o) => o.origin.path === '.env'));
    expect(shared).toHaveLength(1);
    const places = shared[0].occurrences.map((o) => `${o.origin.agent?.client ?? 'repo'} ${o.origin.path}`).sort();
    expect(places).toEqual(['cursor ~/.cursor/mcp.json', 'repo .env']);
    expect(shared[0].factors.map((f) => f.factor)).toContain('spread.files');
  });

  it('reads transcripts as messages: the pasted key and the tool call are reported with message, speaker and tool', () => {
    const transcript = (value: string) =>
      report.secrets.flatMap((s) => s.occurrences).find((o) => o.origin.agent?.role === 'transcript' && o.line === planted.planted.find((p) => p.value === value)?.line && o.origin.path.includes('.claude/projects'));
    const [pasted, inTool] = planted.planted.filter((p) => p.path.includes('.claude/projects'));
    expect(transcript(pasted.value)?.properties).toMatchObject({ structure: 'transcript', message: 3, role: 'user' });
    expect(transcript(inTool.value)?.properties).toMatchObject({ structure: 'transcript', message: 4, role: 'assistant', tool: 'Bash' });
  });

  it('scores a key in a transcript as sent to the model provider, and says how to give each client a reference instead', () => {
    const secret = report.secrets.find((s) => s.occurrences.some((o) => o.origin.path.includes('.claude/projects')))!;
    expect(secret.factors.find((f) => f.factor === 'exposure.model-provider')).toMatchObject({ points: 10 });
    const cursor = report.secrets.find((s) => s.occurrences.some((o) => o.origin.path === '~/.cursor/mcp.json'))!;
    expect(cursor.factors.map((f) => f.factor)).not.toContain('exposure.model-provider');
    expect(cursor.remediation).toContain('${env:NAME}');
    const vscode = report.secrets.find((s) => s.occurrences.some((o) => o.origin.agent?.client === 'vscode'))!;
    expect(vscode.remediation).toContain('promptString');
  });

  it('reports keys in a remote server\'s Authorization header and in its URL with their key paths', () => {
    const at = (path: string) => report.secrets.flatMap((s) => s.occurrences).find((o) => o.origin.path === path);
    expect(at('~/.claude.json')?.properties).toMatchObject({ server: 'sentry', keyPath: 'projects["/work/app"].mcpServers.sentry.headers.Authorization' });
    expect(at('~/.config/Code/User/mcp.json')?.properties).toMatchObject({ server: 'search', credentialName: 'api_key' });
  });

  it('lists the machine inventory in text and HTML, printing no key', () => {
    const text = runCli(scanArgs(planted), { cwd: planted.repo, env: env(planted) }).stdout;
    expect(text).toContain('Machine inventory');
    expect(text).toMatch(/Cursor: 1 file, 1 key, MCP servers: openai/);
    expect(text).toMatch(/Claude Code: 5 files, 6 keys, MCP servers: notion, sentry/);
    const html = runCli(scanArgs(planted, '-f', 'html'), { cwd: planted.repo, env: env(planted) }).stdout;
    expect(html).toContain('<section id="machine">');
    for (const p of planted.planted) {
      expect(text).not.toContain(p.value.slice(0, 12));
      expect(html).not.toContain(p.value.slice(0, 12));
    }
  });
});

describe('scan --agents on a clean copy', () => {
  it('finds nothing when every key is an environment or secret reference', () => {
    const clean = buildAgentHome({ clean: true });
    try {
      const run = runCli(scanArgs(clean, '-f', 'json'), { cwd: clean.repo, env: env(clean) });
      const r = JSON.parse(run.stdout) as JsonReport;
      expect(r.secrets.map((s) => `${s.ruleId} ${s.occurrences[0].origin.path}:${s.occurrences[0].line}`)).toEqual([]);
      expect(r.machine?.clients.length).toBeGreaterThanOrEqual(16);
      expect(r.stats.filesScanned).toBeGreaterThanOrEqual(33);
    } finally {
      clean.cleanup();
    }
  });
});
