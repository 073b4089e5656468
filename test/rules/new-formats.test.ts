// Structure checks and fake generators of the formats added for issue 18: Cloudflare's CRC32
// suffix, GitHub's stateless installation tokens, NATS NKEYs (CRC16), and the password-literal
// verdict of the context rules.
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/detect.js';
import { expandFakes } from '../../src/rules/fake.js';
import { builtinRules } from '../../src/rules/load.js';
import { nkeyPublic, nkeySeed } from '../../src/detect/nkey.js';
import { passwordLiteral } from '../../src/detect/password-context.js';
import { compileRules } from '../../src/detect/ruleset.js';
import { cloudflareCrc32, githubStatelessToken } from '../../src/detect/validators.js';
import { plainFragment } from '../../src/extract/plain.js';
import { placeholderVerdict, restOfLineSaysFake } from '../../src/detect/placeholders.js';

const set = compileRules(builtinRules());
const scan = (text: string, path = 'app.py') => detect(plainFragment({ kind: 'file', path }, 'code', text), set);

describe('Cloudflare scannable tokens', () => {
  it('accept the CRC32 of the 40-character body and reject any other suffix', () => {
    for (const prefix of ['cfut_', 'cfat_', 'cfk_']) {
      const token = expandFakes(`<<cloudflare:${prefix}>>`, 5);
      expect(token).toMatch(new RegExp(`^${prefix}[A-Za-z0-9]{40}[a-f0-9]{8}$`));
      expect(cloudflareCrc32(token)).toBe(true);
      const flipped = token.slice(0, -1) + (token.endsWith('0') ? '1' : '0');
      expect(cloudflareCrc32(flipped)).toBe(false);
    }
  });
});

describe('GitHub stateless installation tokens', () => {
  it('are ghs_<app id>_<JWT> and reported whole', () => {
    const token = expandFakes('<<ghs-jwt>>', 3);
    expect(githubStatelessToken(token)).toBe(true);
    expect(githubStatelessToken(token.replace(/_eyJ/, '_eyX'))).toBe(false);
    const hits = scan(`GITHUB_TOKEN=${token}\n`);
    expect(hits.map((h) => [h.ruleId, h.secret])).toEqual([['github-installation-token-stateless', token]]);
  });
});

describe('NATS NKEYs', () => {
  it('tell a seed (private) from a public key by type and checksum', () => {
    for (const type of ['U', 'A', 'N', 'O', 'C']) {
      const seed = expandFakes(`<<nkey-seed:${type}>>`, 9);
      const pub = expandFakes(`<<nkey-public:${type}>>`, 9);
      expect(seed).toMatch(new RegExp(`^S${type}A[A-Z2-7]{55}$`));
      expect([nkeySeed(seed), nkeyPublic(seed)]).toEqual([true, false]);
      expect([nkeySeed(pub), nkeyPublic(pub)]).toEqual([false, true]);
      const i = 20; // a character in the key bytes (the last one also holds padding bits)
      expect(nkeySeed(seed.slice(0, i) + (seed[i] === 'A' ? 'B' : 'A') + seed.slice(i + 1))).toBe(false);
    }
  });

  it('report a seed and stay quiet on a public key, even in an env file', () => {
    const seed = expandFakes('<<nkey-seed:U>>', 4);
    const pub = expandFakes('<<nkey-public:U>>', 4);
    const env = detect(plainFragment({ kind: 'file', path: '.env' }, 'env-file', `NATS_SEED=${seed}\nNATS_PUBLIC=${pub}\n`), set);
    expect(env.map((h) => [h.ruleId, h.line])).toEqual([['nats-nkey-seed', 1]]);
  });
});

describe('password-literal', () => {
  it('takes a typed password and drops variables, defaults, leet defaults and words', () => {
    expect(passwordLiteral('Tr7kq2Lm9xZa')).toBe(true);
    expect(passwordLiteral('q8#Vt2mWz!rK')).toBe(true);
    for (const v of ['password', 'P@ssw0rd', 'admin123', '$DB_PASSWORD', '${PASS}', '%PASSWORD%', 'changeme', 'abc12', '--password-stdin', 'x-oauth-basic', 'hunter', 'hunter2-token', 'admin_password_1'])
      expect(passwordLiteral(v), v).toBe(false);
  });
});

describe('false positives removed', () => {
  it('drops provider tokens that say they are fake in the body; a comment after them drops only a generic match', () => {
    expect(placeholderVerdict(expandFakes('ghp_<<b62:20>>EXAMPLE<<b62:9>>', 1)).placeholder).toBe(true);
    expect(restOfLineSaysFake('"  # fake key for tests')).toBe(true);
    expect(restOfLineSaysFake('" // not a real token')).toBe(true);
    expect(restOfLineSaysFake('" https://api.example.com/v1')).toBe(false);
    expect(restOfLineSaysFake('"\n# fake, on the next line')).toBe(false);
    // A pull request writes the comment: a provider-format key stays a finding whatever it says.
    const key = expandFakes('sk-proj-<<b64url:74>>T3BlbkFJ<<b64url:74>>', 2);
    expect(scan(`OPENAI_API_KEY = "${key}"  # fake key for the parser tests\n`).map((h) => h.ruleId)).toEqual(['openai-project-key']);
    expect(scan(`OPENAI_API_KEY = "${key}"\n`).map((h) => h.ruleId)).toEqual(['openai-project-key']);
    // A formatless value is only evidence by its context: the comment excuses it.
    const generic = expandFakes('<<b62:40>>', 3);
    expect(scan(`service_token = "${generic}"\n`).map((h) => h.confidence)).toEqual(['low']);
    expect(scan(`service_token = "${generic}"  # fake token for the parser tests\n`)).toEqual([]);
  });

  it('does not take a type name made of words for a key bound to a provider name', () => {
    expect(scan('mistral_settings = "MistralAIPromptExecutionSettings"\n')).toEqual([]);
    expect(scan(expandFakes('mistral_api_key = "<<b62:32>>"', 3)).map((h) => h.ruleId)).toEqual(['mistral-api-key']);
  });

  it('does not report encrypted private keys', () => {
    expect(scan(expandFakes('<<pem:ENCRYPTED PRIVATE KEY>>', 1))).toEqual([]);
    expect(scan(expandFakes('<<pem:PRIVATE KEY>>', 1)).map((h) => h.ruleId)).toEqual(['pem-private-key']);
  });
});
