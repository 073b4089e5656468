// Endpoint overrides: only this machine, unless the user explicitly allows another https host.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { ALLOW_ANY_HOST, endpoints } from '../../src/verify/endpoints.js';
import { PROVIDERS } from '../../src/verify/providers.js';
import { runCli } from '../helpers/cli.js';
import { makeTree } from '../helpers/tree.js';
import { fakeKey } from './keys.js';

describe('KEYSPRAWL_VERIFY_<VERIFIER>_URL', () => {
  it('defaults every verifier to its provider\'s own https URL', () => {
    const urls = endpoints({});
    for (const p of PROVIDERS) expect(urls.get(p.name)).toBe(p.defaultUrl);
  });

  it.each(['http://127.0.0.1:8080/user', 'http://localhost/user', 'http://[::1]:9/user'])('accepts this machine: %s', (url) => {
    expect(endpoints({ KEYSPRAWL_VERIFY_GITHUB_URL: url }).get('github')).toBe(url);
  });

  it('keeps a {key} placeholder as given', () => {
    const url = 'http://127.0.0.1:1/telegram/bot{key}/getMe';
    expect(endpoints({ KEYSPRAWL_VERIFY_TELEGRAM_URL: url }).get('telegram')).toBe(url);
  });

  it('refuses another host, naming the variable and the way to allow it', () => {
    expect(() => endpoints({ KEYSPRAWL_VERIFY_OPENAI_URL: 'https://proxy.example.com/v1/models' })).toThrow(UsageError);
    expect(() => endpoints({ KEYSPRAWL_VERIFY_OPENAI_URL: 'https://proxy.example.com/v1/models' })).toThrow(/KEYSPRAWL_VERIFY_OPENAI_URL: proxy\.example\.com is not this machine.*KEYSPRAWL_VERIFY_ALLOW_ANY_HOST=1/);
  });

  it('with the explicit allowance, accepts another host over https only', () => {
    expect(endpoints({ KEYSPRAWL_VERIFY_OPENAI_URL: 'https://proxy.example.com/v1/models', [ALLOW_ANY_HOST]: '1' }).get('openai')).toBe('https://proxy.example.com/v1/models');
    expect(() => endpoints({ KEYSPRAWL_VERIFY_OPENAI_URL: 'http://proxy.example.com/v1/models', [ALLOW_ANY_HOST]: '1' })).toThrow(/must use https/);
  });

  it('scan --verify with a remote override exits 2 before sending anything', () => {
    const t = makeTree({ '.env': `GITHUB_TOKEN=${fakeKey('github', 5)}\n` });
    try {
      const run = runCli(['scan', t.dir, '--verify', '--format', 'json'], { env: { KEYSPRAWL_VERIFY_GITHUB_URL: 'https://attacker.example/user' } });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/KEYSPRAWL_VERIFY_GITHUB_URL: attacker\.example is not this machine/);
    } finally {
      t.cleanup();
    }
  });
});
