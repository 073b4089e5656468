// Where `scan --agents` looks without --home: HOME, and the platform variables that move a
// client's folder (XDG_CONFIG_HOME, APPDATA, CODEX_HOME, KUBECONFIG); and with --home, a
// variable pointing outside that home is not followed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandFakes } from '../../src/rules/fake.js';
import type { JsonReport } from '../../src/report/json.js';
import { runCli } from '../helpers/cli.js';

let base: string;
let home: string;
let outside: string;
const keys = { zed: expandFakes('<<github:ghp_>>', 21), claude: expandFakes('<<github:ghp_>>', 22), codex: expandFakes('<<github:ghp_>>', 23), kube: expandFakes('<<github:ghp_>>', 24), stray: expandFakes('<<github:ghp_>>', 25) };

function put(path: string, text: string) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'keysprawl-agents-env-'));
  home = join(base, 'home');
  outside = join(base, 'elsewhere');
  put(join(home, 'cfg', 'zed', 'settings.json'), JSON.stringify({ context_servers: { gh: { command: 'x', env: { GITHUB_TOKEN: keys.zed } } } }));
  put(join(home, 'Roaming', 'Claude', 'claude_desktop_config.json'), JSON.stringify({ mcpServers: { gh: { command: 'x', env: { GITHUB_TOKEN: keys.claude } } } }));
  put(join(home, 'codex-home', 'config.toml'), `[mcp_servers.gh.env]\nGITHUB_TOKEN = "${keys.codex}"\n`);
  put(join(home, 'kube', 'prod.yaml'), `users:\n- name: a\n  user:\n    token: ${keys.kube}\n`);
  put(join(outside, 'zed', 'settings.json'), JSON.stringify({ context_servers: { gh: { env: { GITHUB_TOKEN: keys.stray } } } }));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const found = (r: JsonReport) => new Map(r.secrets.flatMap((s) => s.occurrences.map((o) => [o.origin.path, o.origin.agent?.client])));

describe('scan --agents: the home and the platform variables', () => {
  it('follows HOME, XDG_CONFIG_HOME, APPDATA, CODEX_HOME and KUBECONFIG without --home', () => {
    const env = { HOME: home, XDG_CONFIG_HOME: join(home, 'cfg'), APPDATA: join(home, 'Roaming'), CODEX_HOME: join(home, 'codex-home'), KUBECONFIG: join(home, 'kube', 'prod.yaml') };
    const r = runCli(['scan', '--agents', '-f', 'json', '--fail-on', 'none'], { cwd: base, env });
    const at = found(JSON.parse(r.stdout) as JsonReport);
    expect(at.get('~/cfg/zed/settings.json')).toBe('zed');
    expect(at.get('~/Roaming/Claude/claude_desktop_config.json')).toBe('claude-desktop');
    expect(at.get('~/codex-home/config.toml')).toBe('codex');
    expect(at.get('~/kube/prod.yaml')).toBe('kubectl');
  });

  it('with --home, ignores a variable that points outside that home', () => {
    const r = runCli(['scan', '--agents', '--home', home, '-f', 'json', '--fail-on', 'none'], { cwd: base, env: { HOME: outside, XDG_CONFIG_HOME: outside } });
    const report = JSON.parse(r.stdout) as JsonReport;
    expect([...found(report).keys()].some((p) => p.includes('elsewhere'))).toBe(false);
    expect(r.stdout).not.toContain(keys.stray.slice(0, 12));
  });

  it('rejects --home without --agents, and a --home that is not a folder', () => {
    expect(runCli(['scan', '--home', home], { cwd: base }).code).toBe(2);
    const r = runCli(['scan', '--agents', '--home', join(base, 'nope')], { cwd: base });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a folder');
  });
});
