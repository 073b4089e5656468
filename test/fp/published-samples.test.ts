// Credentials that providers and RFCs publish as examples (src/detect/published-samples.ts):
// never reported, matched exactly. Each case is written where such a value is really found
// (a Maps script tag, a Firebase config, an OAuth token request, a JOSE test) and scanned twice:
// with the published value (no finding) and with one character of it changed (a finding, by the
// rule that would report a real key there), so the list excuses the sample and nothing near it.
import { afterEach, describe, expect, it } from 'vitest';
import { PUBLISHED_SAMPLES } from '../../src/detect/published-samples.js';
import { isPublishedSample, placeholderVerdict } from '../../src/detect/placeholders.js';
import { builtinRules } from '../../src/rules/load.js';
import { scan } from '../../src/scan.js';
import { makeTree, type Tree } from '../helpers/tree.js';

let tree: Tree | undefined;
afterEach(() => tree?.cleanup());

/** The value with one character near its middle replaced by another of the same class. */
function variant(value: string, from = Math.floor(value.length / 2)): string {
  for (let i = from; i < value.length; i++) {
    const c = value[i]!;
    const next = /[0-8]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 1) : c === '9' ? '3'
      : /[a-y]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 1) : c === 'z' ? 'q'
        : /[A-Y]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 1) : c === 'Z' ? 'Q' : undefined;
    if (next) return value.slice(0, i) + next + value.slice(i + 1);
  }
  throw new Error(`no letter or digit to change in ${value}`);
}

const sample = (what: string): string => {
  const found = PUBLISHED_SAMPLES.filter((s) => s.what === what || s.value.startsWith(what));
  if (found.length !== 1) throw new Error(`${found.length} samples for ${what}`);
  return found[0]!.value;
};

/** A file where the sample is written, the rule a real key there is reported by. */
const CASES: Array<{ name: string; value: string; path: string; text: (v: string) => string; ruleId: string; changeFrom?: number }> = [
  {
    name: 'Google Maps sample key in a script tag', value: sample('AIzaSyB41'), path: 'web/index.html', ruleId: 'google-api-key',
    text: (v) => `<script src="https://maps.googleapis.com/maps/api/js?key=${v}&callback=initMap&v=weekly" defer></script>\n`,
  },
  { name: 'older Maps sample key in an env file', value: sample('AIzaSyBIwz'), path: '.env', ruleId: 'google-api-key', text: (v) => `VITE_GOOGLE_MAPS_API_KEY=${v}\n` },
  { name: 'Firebase SDK test API key in a google-services config', value: sample('AIzaSyAnLA7'), path: 'app/google-services.json', ruleId: 'google-api-key', text: (v) => `{"client": [{"api_key": [{"current_key": "${v}"}]}]}\n` },
  { name: 'Firebase example API key', value: sample('AIzaSyDOC'), path: 'src/config.py', ruleId: 'generic-secret-assignment', text: (v) => `GOOGLE_API_KEY = "${v}"\n` },
  { name: 'RFC 6749 client secret', value: sample('OAuth 2.0 client secret'), path: 'src/oauth.py', ruleId: 'generic-secret-assignment', text: (v) => `client_secret = "${v}"\n` },
  { name: 'RFC 6749 access token', value: sample('OAuth 2.0 access token'), path: 'src/oauth.py', ruleId: 'generic-secret-assignment', text: (v) => `access_token = "${v}"\n` },
  { name: 'RFC 5849 token secret', value: sample('pfkkdhi9'), path: 'src/oauth1.py', ruleId: 'generic-secret-assignment', text: (v) => `oauth_token_secret = "${v}"\n` },
  { name: 'RFC 7515 HMAC key', value: sample('HMAC key (JWK k) that signs the sample JWT'), path: 'src/jws.py', ruleId: 'generic-secret-assignment', text: (v) => `hmac_secret = "${v}"\n` },
  { name: 'RFC 7519 sample JWT', value: sample('sample JWT'), path: 'src/jwt.py', ruleId: 'jwt', text: (v) => `token = "${v}"\n`, changeFrom: sample('sample JWT').lastIndexOf('.') + 1 },
];

async function findings(files: Record<string, string>): Promise<string[]> {
  tree = makeTree(files);
  const result = await scan({ paths: [tree.dir], rules: builtinRules(), threads: 1 });
  tree.cleanup();
  tree = undefined;
  return result.secrets.flatMap((s) => s.occurrences.map((o) => `${s.ruleId} ${o.origin.path}:${o.line}`));
}

describe('published samples', () => {
  it('are data with a source each, listed once', () => {
    const values = PUBLISHED_SAMPLES.map((s) => s.value);
    expect(new Set(values).size).toBe(values.length);
    for (const s of PUBLISHED_SAMPLES) {
      expect(s.source.length, s.value).toBeGreaterThan(5);
      expect(s.what.length, s.value).toBeGreaterThan(5);
    }
  });

  it('are placeholders to every rule, matched exactly', () => {
    for (const { value } of PUBLISHED_SAMPLES) {
      expect(isPublishedSample(value), value).toBe(true);
      expect(placeholderVerdict(value), value).toEqual({ placeholder: true, reason: 'documented example' });
      expect(isPublishedSample(variant(value)), value).toBe(false);
      expect(isPublishedSample(` ${value}`), value).toBe(false);
      expect(isPublishedSample(value.toLowerCase() === value ? value.toUpperCase() : value.toLowerCase()), value).toBe(false);
    }
  });

  for (const c of CASES) {
    it(`${c.name}: the sample is not reported, a one-character variant is`, async () => {
      const changed = variant(c.value, c.changeFrom);
      expect(changed).not.toBe(c.value);
      expect(await findings({ [c.path]: c.text(c.value) })).toEqual([]);
      expect(await findings({ [c.path]: c.text(changed) })).toEqual([`${c.ruleId} ${c.path}:1`]);
    });
  }
});
