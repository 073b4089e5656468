// Unit tests of the named validators rules refer to (validate: ...), with values from the fake
// generator so no real-looking token is stored here.
import { describe, expect, it } from 'vitest';
import { expandFakes, fakePem, prng } from '../../src/detect/fake.js';
import { crc32Base62Valid, genericSecretShape, jwtStructure, VALIDATORS } from '../../src/detect/validators.js';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const b62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Change the character at `pos` to another base62 character. */
function flip(s: string, pos: number): string {
  const i = pos < 0 ? s.length + pos : pos;
  return s.slice(0, i) + b62[(b62.indexOf(s[i]) + 17) % 62] + s.slice(i + 1);
}

const v = (name: string) => {
  const f = VALIDATORS[name];
  if (!f) throw new Error(`no validator ${name}`);
  return f;
};

describe('validator registry', () => {
  it('keeps the names existing rules use and adds generic-secret', () => {
    for (const name of ['github-crc32', 'npm-crc32', 'github-fine-grained', 'jwt', 'aws-key-id', 'openai-marker', 'pem-body', 'generic-secret']) {
      expect(typeof VALIDATORS[name], name).toBe('function');
    }
  });
});

describe('github-crc32 / npm-crc32', () => {
  it.each(['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'npm_'])('accepts generated %s tokens and rejects any changed character', (prefix) => {
    for (const seed of SEEDS) {
      const token = expandFakes(`<<github:${prefix}>>`, seed);
      expect(token).toMatch(new RegExp(`^${prefix}[A-Za-z0-9]{36}$`));
      expect(v('github-crc32')(token)).toBe(true);
      expect(v('npm-crc32')(token)).toBe(true);
      for (const pos of [prefix.length, prefix.length + 10, -6, -3, -1]) expect(crc32Base62Valid(flip(token, pos)), `${token} @${pos}`).toBe(false);
    }
  });

  it('rejects random bodies, short tokens and a bare prefix', () => {
    for (const seed of SEEDS) expect(v('github-crc32')(expandFakes('ghp_<<b62:36>>', seed))).toBe(false);
    expect(v('github-crc32')('ghp_abc')).toBe(false);
    expect(v('npm-crc32')('npm_')).toBe(false);
  });
});

describe('github-fine-grained', () => {
  it('accepts github_pat_ + 22 + _ + 59 and nothing else', () => {
    for (const seed of SEEDS) {
      expect(v('github-fine-grained')(expandFakes('github_pat_<<b62:22>>_<<b62:59>>', seed))).toBe(true);
      expect(v('github-fine-grained')(expandFakes('github_pat_<<b62:22>>_<<b62:58>>', seed))).toBe(false);
      expect(v('github-fine-grained')(expandFakes('github_pat_<<b62:21>>_<<b62:59>>', seed))).toBe(false);
      expect(v('github-fine-grained')(expandFakes('github_pat_<<b62:82>>', seed))).toBe(false);
    }
  });
});

describe('jwt', () => {
  it('accepts generated JWTs with and without exp', () => {
    for (const seed of SEEDS) {
      for (const t of ['<<jwt>>', '<<jwt:noexp>>', '<<jwt:exp=-3600>>', '<<jwt:exp=+60>>']) {
        const token = expandFakes(t, seed);
        expect(jwtStructure(token), token).toBe(true);
        expect(v('jwt')(token)).toBe(true);
      }
    }
  });

  it('rejects random base64url parts, missing parts and headers without alg', () => {
    const noAlg = `${Buffer.from('{"typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.sig`;
    const arrayPayload = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('[1,2]').toString('base64url')}.`;
    expect(v('jwt')(noAlg)).toBe(false);
    expect(v('jwt')(arrayPayload)).toBe(false);
    for (const seed of SEEDS) {
      expect(v('jwt')(expandFakes('eyJ<<b64url:20>>.eyJ<<b64url:30>>.<<b64url:43>>', seed))).toBe(false);
      const [h, p] = expandFakes('<<jwt>>', seed).split('.');
      expect(v('jwt')(`${h}.${p}`)).toBe(false);
    }
  });
});

describe('aws-key-id', () => {
  it('accepts the four-letter type prefixes followed by 16 base32 characters', () => {
    for (const seed of SEEDS) {
      for (const prefix of ['AKIA', 'ASIA', 'AROA', 'AIDA']) expect(v('aws-key-id')(expandFakes(`${prefix}<<b32:16>>`, seed))).toBe(true);
    }
  });

  it('rejects other prefixes, wrong lengths, lower case and non-base32 digits', () => {
    for (const seed of SEEDS) {
      expect(v('aws-key-id')(expandFakes('AKIA<<b32:15>>', seed))).toBe(false);
      expect(v('aws-key-id')(expandFakes('AKIA<<b32:17>>', seed))).toBe(false);
      expect(v('aws-key-id')(expandFakes('AXYZ<<b32:16>>', seed))).toBe(false);
      expect(v('aws-key-id')(expandFakes('AKIA<<b32:16>>', seed).toLowerCase())).toBe(false);
    }
    expect(v('aws-key-id')('AKIA0189ABCDEFGHIJKL')).toBe(false);
  });
});

describe('openai-marker', () => {
  it('requires the T3BlbkFJ marker', () => {
    for (const seed of SEEDS) {
      expect(v('openai-marker')(expandFakes('sk-proj-<<b64url:74>>T3BlbkFJ<<b64url:74>>', seed))).toBe(true);
      expect(v('openai-marker')(expandFakes('sk-proj-<<b64url:156>>', seed).replace(/T3BlbkFJ/g, ''))).toBe(false);
    }
  });
});

describe('pem-body', () => {
  it('accepts generated PEM blocks, multi-line and JSON-escaped', () => {
    for (const seed of SEEDS) {
      for (const t of ['<<pem>>', '<<pem:RSA PRIVATE KEY>>', '<<pem:OPENSSH PRIVATE KEY>>', '<<pem-escaped>>', '<<pem-escaped:EC PRIVATE KEY>>']) {
        const block = expandFakes(t, seed);
        expect(v('pem-body')(block), t).toBe(true);
      }
    }
  });

  it('generates 64-character lines between the armour lines', () => {
    const lines = expandFakes('<<pem:RSA PRIVATE KEY>>', 3).split('\n');
    expect(lines[0]).toBe('-----BEGIN RSA PRIVATE KEY-----');
    expect(lines.at(-1)).toBe('-----END RSA PRIVATE KEY-----');
    expect(lines.slice(1, -2).every((l) => l.length === 64)).toBe(true);
    const escaped = expandFakes('<<pem-escaped>>', 3);
    expect(escaped).not.toContain('\n');
    expect(escaped.endsWith('-----END PRIVATE KEY-----\\n')).toBe(true);
  });

  it('accepts RFC 1421 headers of encrypted legacy keys', () => {
    const block = fakePem(prng(42), 'RSA PRIVATE KEY').replace(
      '-----\n',
      '-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0A1B2C3D4E5F60718293A4B5C6D7E8F9\n\n',
    );
    expect(v('pem-body')(block)).toBe(true);
  });

  it('rejects short bodies, ellipses and non-base64 bodies', () => {
    expect(v('pem-body')('-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----')).toBe(false);
    expect(v('pem-body')('-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----')).toBe(false);
    const body = expandFakes('<<b64:80>>', 1);
    expect(v('pem-body')(`-----BEGIN PRIVATE KEY-----\n${body}!!\n-----END PRIVATE KEY-----`)).toBe(false);
  });
});

describe('fake generator', () => {
  it('terminates with a degenerate random source', () => {
    expect(fakePem(() => 0.42, 'PRIVATE KEY', 128)).toContain('-----END PRIVATE KEY-----');
  });
});

describe('generic-secret', () => {
  it('accepts random mixed values', () => {
    for (const seed of SEEDS) {
      for (const t of ['<<b62:10>>7<<b62:9>>', '<<b64url:16>>3<<b64url:15>>', '<<b64:20>>9<<b64:19>>', '<<hex:12>>f<<hex:11>>', '<<lower:24>>']) {
        const value = expandFakes(t, seed);
        if (value.startsWith('/') || !/\d/.test(value) || !/[a-z]/i.test(value)) continue; // not this check's business
        expect(genericSecretShape(value), value).toBe(true);
      }
    }
  });

  it.each([
    ['letters only', 'correcthorsebatterystaple'],
    ['digits only', '1234567890123'],
    ['a path', './certs/key2048.pem'],
    ['an absolute path', '/etc/ssl/private/server1'],
    ['a Windows path', 'C:\\keys\\id_rsa2'],
    ['a file name', 'service-account-2.json'],
    ['a version', '1.24.3-rc1'],
    ['snake_case words', 'prod_db_password_v2'],
    ['kebab-case words', 'my-service-token-2024'],
    ['dotted words', 'config.secrets.db2'],
    ['CamelCase words', 'OAuth2ClientCredentials'],
    ['camelCase words', 'getApiKeyFromVault2'],
    ['a member expression', 'forge.pbe.generatePkcs12Key'],
  ])('rejects %s (%s)', (_label, value) => {
    expect(genericSecretShape(value)).toBe(false);
  });
});
