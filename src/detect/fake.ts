// Fake-token generator: rule examples and tests hold templates, expanded at test time into
// random, checksum-valid values, so the repository never stores look-alikes of real keys.
//
//   <<b62:40>>        40 random chars of [A-Za-z0-9]   (also: hex, HEX, lower, upper, alnum-lower,
//                     b64, b64url, b32, bech32, digits, alpha, alpha-lower)
//   <<github:ghp_>>   a GitHub-format token with a valid CRC32 checksum (any prefix_, e.g. npm_)
//   <<jwt>>           a structurally valid JWT; <<jwt:exp=+3600>> / <<jwt:exp=-3600>> sets exp
//                     relative to now (seconds); <<jwt:noexp>> has no exp claim
//   <<pem>>           a PEM block with a random base64 body in 64-char lines; the argument is the
//                     label (<<pem:RSA PRIVATE KEY>>, <<pem:OPENSSH PRIVATE KEY>>; default PRIVATE KEY)
//   <<pem-escaped>>   the same block on one line with literal \n escapes and a trailing \n, as in a
//                     JSON string (a GCP service-account key file's "private_key")
import { base62 } from './validators.js';
import { crc32 } from './crc32.js';

const CLASSES: Record<string, string> = {
  b62: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  hex: '0123456789abcdef',
  HEX: '0123456789ABCDEF',
  lower: 'abcdefghijklmnopqrstuvwxyz0123456789',
  'alnum-lower': 'abcdefghijklmnopqrstuvwxyz0123456789',
  'alpha-lower': 'abcdefghijklmnopqrstuvwxyz',
  alpha: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  b64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  b64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-',
  b32: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  bech32: 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L',
  digits: '0123456789',
};

/** Small deterministic PRNG (mulberry32) so a seed reproduces the same fakes. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomString(charset: string, n: number, rnd: () => number): string {
  let out = '';
  let rejected = 0;
  while (out.length < n) {
    const ch = charset[Math.floor(rnd() * charset.length)];
    // Avoid runs a placeholder filter would call "sequential" or "repeated" (but never loop
    // forever on a degenerate generator or a one-character charset).
    const prev = out.charCodeAt(out.length - 1);
    if (out.length && Math.abs(ch.charCodeAt(0) - prev) <= 1 && ++rejected < 64) continue;
    rejected = 0;
    out += ch;
  }
  return out;
}

export function fakeGithubToken(prefix: string, rnd: () => number): string {
  const random = randomString(CLASSES.b62, 30, rnd);
  return `${prefix}${random}${base62(crc32(Buffer.from(random)), 6)}`;
}

function b64url(obj: unknown): string {
  return Buffer.from(JSON.stringify(obj)).toString('base64url');
}

export function fakeJwt(rnd: () => number, opts: { expIn?: number; noExp?: boolean } = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = { sub: randomString(CLASSES.lower, 12, rnd), iat: now - 60 };
  if (!opts.noExp) payload.exp = now + (opts.expIn ?? 30 * 86400);
  return `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(payload)}.${randomString(CLASSES.b64url, 43, rnd)}`;
}

/** A PEM block whose body is random base64 (never a usable key), 64 characters a line. */
export function fakePem(rnd: () => number, label = 'PRIVATE KEY', bodyLength = 1216, eol = '\n'): string {
  const body = randomString(CLASSES.b64, bodyLength, rnd);
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += 64) lines.push(body.slice(i, i + 64));
  return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`].join(eol);
}

const TOKEN = /<<([a-zA-Z0-9-]+)(?::([^>]*))?>>/g;

/** Expand every <<...>> generator in a template. Unknown generators throw (a broken example). */
export function expandFakes(template: string, seed = 1): string {
  const rnd = prng(seed);
  return template.replace(TOKEN, (_all, kind: string, arg: string | undefined) => {
    if (kind in CLASSES) {
      const n = Number(arg);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`fake generator <<${kind}:${arg}>>: length must be a positive whole number`);
      return randomString(CLASSES[kind], n, rnd);
    }
    if (kind === 'github') return fakeGithubToken(arg ?? 'ghp_', rnd);
    if (kind === 'jwt') {
      if (arg === 'noexp') return fakeJwt(rnd, { noExp: true });
      const exp = /^exp=([+-]?\d+)$/.exec(arg ?? '');
      return fakeJwt(rnd, exp ? { expIn: Number(exp[1]) } : {});
    }
    if (kind === 'pem' || kind === 'pem-escaped') {
      const label = arg?.trim() || 'PRIVATE KEY';
      if (!/^[A-Z0-9 ]{1,40}$/.test(label)) throw new Error(`fake generator <<${kind}:${arg}>>: label must be upper-case words`);
      return kind === 'pem' ? fakePem(rnd, label) : `${fakePem(rnd, label, 1216, '\\n')}\\n`;
    }
    throw new Error(`unknown fake generator <<${kind}>>`);
  });
}
