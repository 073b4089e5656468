// The pieces of agent configs that carry a key without a credential-named key of their own:
// Codex's TOML (env tables inline or not, `--api-key` in args, http_headers), keys in URLs.
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { extractTomlConfig } from '../../src/extract/toml-config.js';
import { urlCredential } from '../../src/extract/structured-config.js';

const V1 = 'a1B2c3D4e5F6g7H8i9J0kLmN';
const V2 = 'Zq9Xw8Vu7Ts6Rp5On4Ml3Kj2';
const V3 = 'Hg1Fe2Dc3Ba4Zy5Xw6Vu7Ts8';

describe('Codex config.toml', () => {
  const text = [
    'model = "gpt-5-codex"',
    '[mcp_servers.search]',
    'command = "npx"',
    `args = ["-y", "search-mcp", "--api-key", "${V1}"]`,
    `env = { SEARCH_TOKEN = "${V2}", MODE = "fast" }`,
    '',
    '[mcp_servers.remote]',
    'url = "https://mcp.example.com/mcp"',
    `http_headers = { "Authorization" = "Bearer ${V3}" }`,
    'bearer_token_env_var = "REMOTE_TOKEN"',
  ].join('\n');
  const frags = extractTomlConfig({ origin: { kind: 'file', path: '.codex/config.toml' }, bytes: Buffer.from(text) }, text, 'agent-config', new Diagnostics());
  const values = frags.filter((f) => f.credentialContext);

  it('reports each credential value with its key path, server and position', () => {
    expect(values.map((f) => [f.text, f.place?.keyPath, f.place?.server])).toEqual([
      [V1, 'mcp_servers.search.args[3]', 'search'],
      [V2, 'mcp_servers.search.env.SEARCH_TOKEN', 'search'],
      [`Bearer ${V3}`, 'mcp_servers.remote.http_headers.Authorization', 'remote'],
    ]);
    const at = values[1].toFileLine(0);
    expect(at).toEqual({ line: 5, column: text.split('\n')[4].indexOf(V2) + 1 });
  });

  it('leaves names of variables alone and still scans the whole file as text', () => {
    expect(values.some((f) => f.text === 'REMOTE_TOKEN')).toBe(false);
    expect(frags[frags.length - 1].text).toBe(text);
  });
});

describe('keys in URLs', () => {
  it('finds a credential-named query parameter and a URL password, and nothing in a plain URL', () => {
    const q = `https://api.example.com/sse?region=eu&api_key=${V1}&x=1`;
    const u = urlCredential(q)!;
    expect([u.name, q.slice(u.offset, u.end)]).toEqual(['api_key', V1]);
    const p = `https://user:${V2}@mcp.example.com/mcp`;
    const w = urlCredential(p)!;
    expect(p.slice(w.offset, w.end)).toBe(V2);
    expect(urlCredential('https://mcp.example.com/mcp?session_id=abc123456789')).toBeUndefined();
    expect(urlCredential('not a url api_key=x')).toBeUndefined();
  });
});
