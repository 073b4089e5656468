// The generic detector's context features, one at a time: the assignment name, the file, the
// line and the value. Values come from the fake generator; public keys from node:crypto.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/detect.js';
import { expandFakes } from '../../src/rules/fake.js';
import { assignedName, classifyName, dictionaryRatio } from '../../src/detect/generic-context.js';
import { builtinRules } from '../../src/rules/load.js';
import { compileRules } from '../../src/detect/ruleset.js';
import { plainFragment } from '../../src/extract/plain.js';
import type { ContentKind } from '../../src/contracts/fragment.js';

const GENERIC = compileRules(builtinRules().filter((r) => r.id.startsWith('generic-')));
const SEEDS = [1, 2, 3, 4, 5];

/** Generic findings for a line of text in a file at `path`. */
function found(template: string, path = 'config/app.yaml', kind: ContentKind = 'code', seed = 1): string[] {
  const text = expandFakes(template, seed);
  return detect(plainFragment({ kind: 'file', path }, kind, text), GENERIC).map((m) => m.ruleId);
}

const fires = (template: string, path?: string, kind?: ContentKind) => SEEDS.every((s) => found(template, path, kind, s).length > 0);
const quiet = (template: string, path?: string, kind?: ContentKind) => SEEDS.every((s) => found(template, path, kind, s).length === 0);

describe('assignment name', () => {
  it.each([
    ['OPENAI_API_KEY=', 'OPENAI_API_KEY'],
    ['  "client_secret": "', 'client_secret'],
    ['password          = "', 'password'],
    ['os.environ["DB_TOKEN"] = "', 'DB_TOKEN'],
    ['const s = process.env.JWT_SECRET || \'', 'process.env.JWT_SECRET'],
    ['--api-key=', 'api-key'],
    ['https://mcp.example.dev/mcp?exaApiKey=', 'exaApiKey'],
    ['Authorization: Bearer ', 'bearer'],
    ['use the token ', 'token'],
    ['the password is ', 'password'],
  ])('%s → %s', (before, name) => {
    expect(assignedName(`${before}VALUE`, before.length)).toBe(name);
  });

  it.each([
    ['OPENAI_API_KEY', 'credential'], ['db_password', 'credential'], ['clientSecret', 'credential'], ['apikey', 'credential'],
    ['accesstoken', 'credential'], ['authorization', 'credential'], ['SLACK_BOT_TOKEN', 'credential'],
    ['api_key_id', 'not-secret'], ['token_url', 'not-secret'], ['max_tokens', 'not-secret'], ['public_key', 'not-secret'],
    ['NEXT_PUBLIC_ANON_KEY', 'not-secret'], ['cache_key', 'not-secret'], ['nextPageToken', 'not-secret'], ['csrf_token', 'not-secret'],
    ['API_KEY_SHA256', 'not-secret'], ['password_hash', 'not-secret'], ['RECAPTCHA_SITE_KEY', 'not-secret'], ['checksum/secret', 'not-secret'],
    ['author', 'neutral'], ['monkey', 'neutral'], ['key', 'neutral'], ['CreatePersonalAccessToken', 'neutral'], [undefined, 'neutral'],
  ] as const)('%s is %s', (name, cls) => {
    expect(classifyName(name)).toBe(cls);
  });
});

describe('value', () => {
  it('dictionary-word ratio separates typed names from generated strings', () => {
    expect(dictionaryRatio('ProjectInferenceTokensReadOnly')).toBeGreaterThan(0.6);
    expect(dictionaryRatio('changeme')).toBeGreaterThan(0.5);
    for (const seed of SEEDS) expect(dictionaryRatio(expandFakes('<<b62:32>>', seed))).toBeLessThan(0.35);
  });

  it('hex and UUID values count only under a credential name', () => {
    expect(fires('REPORTING_API_KEY = "<<hex:32>>"')).toBe(true);
    expect(fires('HEROKU_API_KEY = "<<uuid>>"')).toBe(true);
    expect(quiet('checksum = "<<hex:32>>"')).toBe(true);
    expect(quiet('token_hash = "<<hex:64>>"')).toBe(true);
    expect(quiet('"idempotency_key": "<<uuid>>"')).toBe(true);
    expect(quiet('"integrity": "sha512-<<b64:86>>=="')).toBe(true);
  });

  it('short passwords pass an entropy floor scaled to their length; words do not', () => {
    expect(fires('MINIO_ROOT_PASSWORD: <<b62:6>>4<<b62:5>>')).toBe(true);
    expect(fires('ADMIN_PASSWORD=<<alpha:14>>')).toBe(true);
    expect(quiet('password = "Password123"')).toBe(true);
    expect(quiet('secret = "mysecret123"')).toBe(true);
    expect(quiet('api_key = "getApiKeyFromVault2"')).toBe(true);
  });

  it('public keys and public identifiers are not secrets', () => {
    const der = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    expect(found(`signing_key: ${der}`)).toEqual([]);
    expect(quiet("publishableKey: 'pk_live_<<b62:99>>'")).toBe(true);
    expect(quiet("stripe_key = 'price_<<b62:24>>'")).toBe(true);
    expect(quiet('GITHUB_APP_KEY = "Iv1.<<hex:16>>"')).toBe(true);
    expect(quiet('OPENAI_ORG_KEY=org-<<b62:24>>')).toBe(true);
  });

  it('a Basic header must decode to user:password', () => {
    expect(fires('Authorization: Basic Y2ktYm90QGFjbWUuaW86<<b64:32>>')).toBe(true); // ci-bot@acme.io:...
    expect(quiet('Authorization: Basic <<b64:48>>')).toBe(true);
  });
});

describe('line and file', () => {
  it('an example note on the line silences it; a host name in a URL does not', () => {
    expect(quiet('api_key = "<<b62:12>>7<<b62:12>>"  # example')).toBe(true);
    expect(quiet('token: <<b62:12>>7<<b62:12>> (placeholder)')).toBe(true);
    expect(fires('curl -H "Authorization: Bearer <<b62:12>>7<<b62:12>>" https://api.example.com')).toBe(true);
  });

  it('data URIs, digests and the first word of a quoted phrase are not tokens', () => {
    expect(quiet('auth_icon = "data:image/png;base64,iVBORw0KGgo<<b64:200>>"')).toBe(true);
    expect(quiet('ssh_authorized_key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI<<b64:43>> deploy@ci"')).toBe(true);
    expect(quiet('public static final int password_toggle=0x7f0a01c2;')).toBe(true);
  });

  it('in source code a secret is a quoted literal: an unquoted value is a variable (unless in a comment)', () => {
    expect(fires('api_key = "<<b62:12>>7<<b62:12>>"', 'src/app.py')).toBe(true);
    expect(quiet('api_key = furthestBlock7Idx', 'src/app.py')).toBe(true);
    expect(quiet('this.keyNext[keyPrev] = <<b62:12>>7<<b62:12>>;', 'src/dist.js')).toBe(true);
    expect(fires('# old api_key = <<b62:12>>7<<b62:12>>', 'src/app.py')).toBe(true);
    expect(fires('API_KEY=<<b62:12>>7<<b62:12>>', 'deploy.sh')).toBe(true);
  });

  it('the literal prefix of a template or pattern is not a secret', () => {
    expect(quiet('secret: "sk9Xq2LmN4pR7tQw[0-9a-f]{32}"')).toBe(true);
    expect(quiet('token: "IQoJb3JpZ2luX2VjE{{ .Values.suffix }}"')).toBe(true);
    expect(quiet('[![codecov](https://codecov.io/gh/acme/app/graph/badge.svg?token=<<b62:10>>)](https://codecov.io/gh/acme/app)', 'README.md', 'doc')).toBe(true);
  });

  it('lockfiles, source maps and minified lines get no generic findings', () => {
    const line = 'var api_key = "<<b62:12>>7<<b62:12>>";';
    expect(fires(line, 'src/app.js')).toBe(true);
    for (const path of ['package-lock.json', 'yarn.lock', 'poetry.lock', 'dist/app.js.map', 'dist/app.min.js', 'go.sum']) {
      expect(quiet(line, path), path).toBe(true);
    }
    expect(quiet(`${'x=1;'.repeat(400)}${line}`, 'dist/bundle.js')).toBe(true);
  });

  it('the prose rule reads prompts and documents, not code', () => {
    const text = 'Vercel deploys: token <<b62:12>>4<<b62:11>> (team acme)';
    expect(fires(text, 'prompts/deploy.md', 'prompt')).toBe(true);
    expect(quiet(text, 'src/deploy.py', 'code')).toBe(true);
    expect(quiet('Rotate the key regularly and keep the token short-lived.', 'README.md', 'doc')).toBe(true);
  });
});
