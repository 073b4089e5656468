import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { looksLikeCredential } from '../../src/detect/agent-structure.js';
import { render } from '../../src/report/index.js';
import { FIXTURES, fixtureSpec, occurrencesIn, positionOf, scanTree, type Scanned } from './support.js';

let scanned: Scanned | undefined;
afterEach(() => scanned?.tree.cleanup());

/** The value after `"<key>": "` (or `<key>: `) in a generated file. */
function valueAfter(text: string, key: string): string {
  const m = new RegExp(`${key}"?\\s*:\\s*"?(?:Bearer )?([A-Za-z0-9_]+)`).exec(text);
  if (!m) throw new Error(`no ${key}`);
  return m[1];
}

describe('agent configs', () => {
  it('reports prefix-less keys under credential-named keys with their key path, server or model, and file position', async () => {
    scanned = await scanTree(fixtureSpec(join(FIXTURES, 'agent-configs')));
    const { files } = scanned.tree;
    const expectAt = (path: string, value: string, ruleId: string, props: Record<string, unknown>) => {
      const hit = occurrencesIn(scanned!.result, path).find((f) => f.occ.line === positionOf(files[path], value).line && f.secret.ruleId === ruleId);
      expect(hit, `${ruleId} in ${path}`).toBeDefined();
      expect(hit!.occ).toMatchObject({ ...positionOf(files[path], value), contentKind: 'agent-config' });
      expect(hit!.occ.properties).toMatchObject(props);
    };
    const cursor = files['.cursor/mcp.json'];
    expectAt('.cursor/mcp.json', valueAfter(cursor, 'GITHUB_PERSONAL_ACCESS_TOKEN'), 'agent-config-credential', {
      keyPath: 'mcpServers.github.env.GITHUB_PERSONAL_ACCESS_TOKEN', server: 'github', credentialName: 'GITHUB_PERSONAL_ACCESS_TOKEN', providerHint: 'github',
    });
    // Only the token after "Bearer " is the secret.
    expectAt('.cursor/mcp.json', valueAfter(cursor, 'Authorization'), 'agent-config-credential', { keyPath: 'mcpServers.remote.headers.Authorization', server: 'remote' });
    expectAt('.cursor/mcp.json', JSON.parse(cursor).mcpServers.search.args[3], 'agent-config-credential', {
      keyPath: 'mcpServers.search.args[3]', server: 'search', credentialName: '--api-key',
    });
    // A provider-prefixed key keeps its provider rule, and still carries the key path.
    expectAt('.cursor/mcp.json', valueAfter(cursor, 'TESTER_TOKEN'), 'test-token', { keyPath: 'mcpServers.tester.env.TESTER_TOKEN', server: 'tester' });
    expectAt('.vscode/mcp.json', valueAfter(files['.vscode/mcp.json'], 'DB_PASSWORD'), 'agent-config-credential', { keyPath: 'servers.db.env.DB_PASSWORD', server: 'db' });
    expectAt('OAI_CONFIG_LIST', valueAfter(files.OAI_CONFIG_LIST, 'api_key'), 'agent-config-credential', { keyPath: '[0].api_key', model: 'gpt-4o' });
    // litellm's config.yaml is recognised by its model_list, not its name.
    expectAt('litellm/config.yaml', valueAfter(files['litellm/config.yaml'], 'api_key'), 'agent-config-credential', {
      keyPath: 'model_list[0].litellm_params.api_key', model: 'claude',
    });
    expectAt('claude_desktop_config.json', valueAfter(files['claude_desktop_config.json'], 'SLACK_BOT_TOKEN'), 'agent-config-credential', {
      keyPath: 'mcpServers.slack.env.SLACK_BOT_TOKEN', server: 'slack',
    });
    // References and placeholders (${input:...}, ${env:...}, os.environ/..., <your ... here>) are not keys.
    expect(scanned.result.secrets).toHaveLength(8);
    expect(scanned.result.secrets.every((s) => s.occurrences.length === 1)).toBe(true);
    expect(scanned.warnings).toEqual([]);
  });

  it('never prints a raw value in any report format', async () => {
    scanned = await scanTree(fixtureSpec(join(FIXTURES, 'agent-configs')));
    const raw = valueAfter(scanned.tree.files['.cursor/mcp.json'], 'GITHUB_PERSONAL_ACCESS_TOKEN');
    for (const format of ['json', 'sarif', 'text'] as const) {
      expect(render(format, scanned.result, { color: false, verbose: true })).not.toContain(raw);
    }
    const sarif = JSON.parse(render('sarif', scanned.result, { color: false, verbose: false }));
    const ids = sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toContain('agent-config-credential');
  });

  it('warns once and scans as plain text when an agent config is not valid JSON', async () => {
    scanned = await scanTree({ '.mcp.json': '{"mcpServers": {"x": {"env": {"T": "tst_<<b62:32>>"}}}' });
    const end = scanned.tree.files['.mcp.json'].length + 1;
    expect(scanned.warnings).toEqual([`.mcp.json: not valid JSON (expected "," or "}", found end of input at line 1 column ${end}), scanned as plain text`]);
    expect(scanned.result.secrets.map((s) => s.ruleId)).toEqual(['test-token']);
  });

  it('refuses hostile nesting with a warning instead of exhausting the YAML parser, and scans on', async () => {
    const deep = `models: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`;
    scanned = await scanTree({ '.continue/config.yaml': deep, '.github/workflows/deep.yml': deep, 'k.txt': 'tst_<<b62:32>>' });
    expect(scanned.warnings.sort()).toEqual([
      '.continue/config.yaml: not valid YAML (nesting deeper than 256 levels at line 1 column 265), scanned as plain text',
      '.github/workflows/deep.yml: not valid YAML (nesting deeper than 256 levels at line 1 column 265), scanned as plain text',
    ]);
    expect(scanned.result.secrets).toHaveLength(1);
  });
});

describe('looksLikeCredential', () => {
  it('accepts random tokens and rejects references, paths, words and placeholders', () => {
    for (const yes of ['q8Zr3vT1xK9mW2pL7nB4', 'a3f9c2e81b7d4f60a3f9c2e81b7d4f61', 'Zx81_kq-P0vbn3Lw9sTq']) expect(looksLikeCredential(yes), yes).toBe(true);
    for (const no of [
      '${input:github_token}', 'os.environ/OPENAI_API_KEY', 'op://vault/openai/key', '/home/me/.config/key.json',
      'https://api.example.com/v1', '<your-api-key-here>', 'production-settings', 'sk-xxxxxxxxxxxxxxxxxxxx', '12345678901234567890',
    ]) expect(looksLikeCredential(no), no).toBe(false);
  });
});
