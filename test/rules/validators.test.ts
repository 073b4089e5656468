// Unit tests of the named validators rules refer to (validate: ...), with values from the fake
// generator so no real-looking token is stored here.
import { describe, expect, it } from 'vitest';
import { expandFakes, fakePem, prng } from '../../src/rules/fake.js';
import { base64Json, crc32Base62Valid, genericSecretShape, gitlabRoutable, grafanaCrc32, jwtStructure, pypiMacaroon, slackToken, VALIDATORS } from '../../src/detect/validators.js';

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
    for (const name of ['github-crc32', 'npm-crc32', 'github-fine-grained', 'jwt', 'aws-key-id', 'openai-marker', 'pem-body', 'generic-secret',
      'pypi-macaroon', 'gitlab-routable', 'grafana-crc32', 'slack-token', 'base64-json', 'supabase-service-role', 'discord-bot-token']) {
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

  it('rejects encrypted keys: legacy Proc-Type headers, PKCS#8 ENCRYPTED, OpenSSH with a cipher', () => {
    const block = fakePem(prng(42), 'RSA PRIVATE KEY').replace(
      '-----\n',
      '-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0A1B2C3D4E5F60718293A4B5C6D7E8F9\n\n',
    );
    expect(v('pem-body')(block)).toBe(false);
    expect(v('pem-body')(fakePem(prng(42), 'ENCRYPTED PRIVATE KEY'))).toBe(false);
    const ssh = (cipher: string) => {
      const head = Buffer.concat([Buffer.from('openssh-key-v1\0'), Buffer.from([0, 0, 0, cipher.length]), Buffer.from(cipher), Buffer.alloc(60, 7)]);
      const body = head.toString('base64').replace(/=+$/, '');
      return `-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----`;
    };
    expect(v('pem-body')(ssh('aes256-ctr'))).toBe(false);
    expect(v('pem-body')(ssh('none'))).toBe(true);
    // Other RFC 1421 headers are still read past.
    expect(v('pem-body')(fakePem(prng(42), 'RSA PRIVATE KEY').replace('-----\n', '-----\nComment: deploy key\n\n'))).toBe(true);
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

/** Replace the character at `pos` with a different one of the same kind (digit, lower, upper). */
function bump(s: string, pos: number): string {
  const i = pos < 0 ? s.length + pos : pos;
  const c = s[i];
  const next = /\d/.test(c) ? String((Number(c) + 3) % 10) : /[a-z]/.test(c) ? String.fromCharCode(((c.charCodeAt(0) - 97 + 5) % 26) + 97) : /[A-Z]/.test(c) ? String.fromCharCode(((c.charCodeAt(0) - 65 + 5) % 26) + 65) : c === '-' ? '_' : '-';
  return s.slice(0, i) + next + s.slice(i + 1);
}

describe('pypi-macaroon', () => {
  it('accepts generated tokens: a v2 macaroon for pypi.org with a 32-byte signature', () => {
    for (const seed of SEEDS) {
      const token = expandFakes('<<pypi>>', seed);
      expect(token.startsWith('pypi-AgEIcHlwaS5vcmc')).toBe(true);
      expect(pypiMacaroon(token), token).toBe(true);
    }
  });

  it('rejects the bare public prefix, random bodies, truncated and extended tokens, another location', () => {
    expect(pypiMacaroon('pypi-AgEIcHlwaS5vcmc')).toBe(false);
    for (const seed of SEEDS) {
      expect(pypiMacaroon(expandFakes('pypi-AgEIcHlwaS5vcmc<<b64url:160>>', seed))).toBe(false);
      const token = expandFakes('<<pypi>>', seed);
      expect(pypiMacaroon(token.slice(0, -4))).toBe(false);
      expect(pypiMacaroon(`${token}AAAA`)).toBe(false);
      const raw = Buffer.from(token.slice(5), 'base64url');
      raw.write('pypj', 3, 'latin1');
      expect(pypiMacaroon(`pypi-${raw.toString('base64url')}`)).toBe(false);
    }
  });
});

describe('gitlab-routable', () => {
  it.each(['glpat-', 'glrt-t1_'])('accepts generated %s routable tokens and rejects any changed character', (prefix) => {
    for (const seed of SEEDS) {
      const token = expandFakes(`<<gitlab:${prefix}>>`, seed);
      expect(token).toMatch(/\.[0-9a-z]{9}$/);
      expect(gitlabRoutable(token), token).toBe(true);
      for (const pos of [prefix.length + 3, -12, -5, -1]) expect(gitlabRoutable(bump(token, pos)), `${token} @${pos}`).toBe(false);
    }
  });

  it('rejects legacy 20-character tokens and a length field that does not fit', () => {
    expect(gitlabRoutable(expandFakes('glpat-<<b62:20>>', 1))).toBe(false);
    const token = expandFakes('<<gitlab:glpat->>', 2);
    expect(gitlabRoutable(token.replace(/\.[0-9a-z]{2}/, '.zz'))).toBe(false);
  });
});

describe('grafana-crc32', () => {
  it('accepts generated tokens and rejects a changed random or checksum character', () => {
    for (const seed of SEEDS) {
      const token = expandFakes('<<grafana:glsa_>>', seed);
      expect(grafanaCrc32(token), token).toBe(true);
      for (const pos of [7, 20, -1, -8]) expect(grafanaCrc32(bump(token, pos)), `${token} @${pos}`).toBe(false);
      expect(grafanaCrc32(expandFakes('glsa_<<b62:32>>_<<hex:8>>', seed))).toBe(false);
    }
  });
});

describe('slack-token', () => {
  it('accepts each token type in its documented structure', () => {
    for (const seed of SEEDS) {
      for (const t of ['xoxb-<<digits:12>>-<<digits:13>>-<<b62:24>>', 'xoxp-<<digits:12>>-<<digits:12>>-<<digits:12>>-<<hex:32>>',
        'xapp-1-A<<upper:10>>-<<digits:13>>-<<hex:64>>', 'xoxe.xoxp-1-<<upper:150>>', 'xoxe-1-<<upper:146>>']) {
        expect(slackToken(expandFakes(t, seed)), t).toBe(true);
      }
    }
  });

  it('rejects mixed-up structures', () => {
    for (const seed of SEEDS) {
      for (const t of ['xoxb-<<digits:12>>-<<b62:24>>', 'xoxp-<<digits:12>>-<<digits:12>>-<<digits:12>>-<<b62:32>>',
        'xapp-1-B<<upper:10>>-<<digits:13>>-<<hex:64>>', 'xoxe-1-<<upper:20>>']) {
        expect(slackToken(expandFakes(t, seed)), t).toBe(false);
      }
    }
  });
});

describe('base64-json', () => {
  it('accepts values that embed base64 or base64url JSON objects', () => {
    for (const seed of SEEDS) {
      for (const t of ['glc_<<b64json:o,n,k,m>>', 'ops_<<b64json:email,secretKey,deviceUuid>>', 'sk.<<b64urljson:u,a>>.<<b64url:22>>', '<<b64json:api_address,api_url,api_key>>']) {
        const value = expandFakes(t, seed);
        expect(base64Json(value), value).toBe(true);
      }
    }
  });

  it('rejects random base64 after eyJ, arrays and empty objects', () => {
    for (const seed of SEEDS) expect(base64Json(expandFakes('glc_eyJ<<b64:90>>', seed))).toBe(false);
    expect(base64Json(Buffer.from('[1,2,3]').toString('base64'))).toBe(false);
    expect(base64Json(`glc_${Buffer.from('{}').toString('base64')}`)).toBe(false);
  });
});

describe('supabase-service-role', () => {
  it('accepts a JWT whose role is service_role and nothing else', () => {
    for (const seed of SEEDS) {
      expect(v('supabase-service-role')(expandFakes('<<jwt:role=service_role,iss=supabase,noexp>>', seed))).toBe(true);
      expect(v('supabase-service-role')(expandFakes('<<jwt:role=anon,iss=supabase,noexp>>', seed))).toBe(false);
      expect(v('supabase-service-role')(expandFakes('<<jwt>>', seed))).toBe(false);
    }
  });
});

describe('fake generator templates', () => {
  it('expands <<uuid>> to a version-4 UUID and rejects malformed arguments', () => {
    expect(expandFakes('<<uuid>>', 3)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(() => expandFakes('<<b64json>>')).toThrow(/JSON keys/);
    expect(() => expandFakes('<<jwt:bogus>>')).toThrow(/noexp/);
  });

  it('puts name=value claims into a JWT payload', () => {
    const token = expandFakes('<<jwt:role=service_role,noexp>>', 5);
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(payload.role).toBe('service_role');
    expect(payload.exp).toBeUndefined();
  });
});

describe('discord-bot-token', () => {
  it('accepts tokens whose first part is the base64 of a numeric user id, and nothing else', () => {
    for (const seed of SEEDS) {
      expect(v('discord-bot-token')(expandFakes('<<discord>>', seed))).toBe(true);
      expect(v('discord-bot-token')(expandFakes('M<<b64url:25>>.<<b64url:6>>.<<b64url:38>>', seed))).toBe(false);
    }
    expect(v('discord-bot-token')(`${Buffer.from('acme-bot-user-01').toString('base64url')}.abcdef.${'x'.repeat(38)}`)).toBe(false);
  });
});
