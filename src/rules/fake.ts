// Fake-token generator: rule examples and tests hold templates, expanded at test time into
// random, checksum-valid values, so the repository never stores look-alikes of real keys.
//
//   <<b62:40>>        40 random chars of [A-Za-z0-9]   (also: hex, HEX, lower, upper, alnum-lower,
//                     b64, b64url, b32, bech32, digits, alpha, alpha-lower)
//   <<github:ghp_>>   a GitHub-format token with a valid CRC32 checksum (any prefix_, e.g. npm_)
//   <<jwt>>           a structurally valid JWT; <<jwt:exp=+3600>> / <<jwt:exp=-3600>> sets exp
//                     relative to now (seconds); <<jwt:noexp>> has no exp claim; other name=value
//                     pairs become string claims (<<jwt:role=service_role,noexp>>)
//   <<uuid>>          a random version-4 UUID (lower-case hex)
//   <<b64json:a,b>>   base64 of a JSON object with those keys and random string values
//                     (<<b64urljson:a,b>>: base64url, no padding)
//   <<pypi>>          a PyPI API token: pypi- + base64url of a well-formed macaroon for pypi.org
//   <<gitlab:glpat->> a GitLab routable token (payload, length and CRC32) with that prefix
//   <<grafana:glsa_>> a Grafana service account token with its CRC32 suffix
//   <<cloudflare:cfut_>> a Cloudflare scannable token: prefix + 40 base62 + CRC32 of those 40 in 8 hex
//   <<ghs-jwt>>       a GitHub App installation token in the stateless shape: ghs_<app id>_<JWT>
//   <<b64of:20>>      base64 of 20 random base62 characters (a Kubernetes Secret's data: value)
//   <<b64pem:LABEL>>  base64 of a <<pem:LABEL>> block, on one line (a Kubernetes Secret's tls.key)
//   <<nkey-seed:U>>   a NATS NKEY seed (base32 with its CRC16) for a user (U), account (A), server (N),
//                     operator (O) or cluster (C); <<nkey-public:U>> the public key of that type
//   <<discord>>       a Discord bot token: base64 of a random 18-digit user id, then two random parts
//   <<pem>>           a PEM block with a random base64 body in 64-char lines; the argument is the
//                     label (<<pem:RSA PRIVATE KEY>>, <<pem:OPENSSH PRIVATE KEY>>; default PRIVATE KEY)
//   <<pkcs12>>        base64 (one line) of a PKCS#12 key store's DER structure (version 3, pkcs7-data
//                     authSafe, a SHA-256 MacData) around random bytes, never a readable store;
//                     <<pkcs12:2000>> sets the random part's size (default 1200)
//   <<pem-escaped>>   the same block on one line with literal \n escapes and a trailing \n, as in a
//                     JSON string (a GCP service-account key file's "private_key")
import { base62 } from '../detect/validators.js';
import { crc32 } from '../detect/crc32.js';
import { crc16 } from '../detect/nkey.js';

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

export function fakeJwt(rnd: () => number, opts: { expIn?: number; noExp?: boolean; claims?: Record<string, string> } = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = { sub: randomString(CLASSES.lower, 12, rnd), iat: now - 60, ...opts.claims };
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

/** <<jwt:...>> arguments: noexp, exp=±seconds, and name=value string claims, comma-separated. */
function jwtOptions(arg: string | undefined): { expIn?: number; noExp?: boolean; claims?: Record<string, string> } {
  const opts: { expIn?: number; noExp?: boolean; claims?: Record<string, string> } = {};
  for (const part of (arg ?? '').split(',').filter(Boolean)) {
    const exp = /^exp=([+-]?\d+)$/.exec(part);
    const claim = /^([a-z_]{1,20})=([\w.:-]{1,60})$/.exec(part);
    if (part === 'noexp') opts.noExp = true;
    else if (exp) opts.expIn = Number(exp[1]);
    else if (claim) opts.claims = { ...opts.claims, [claim[1]]: claim[2] };
    else throw new Error(`fake generator <<jwt:${arg}>>: expected noexp, exp=N or name=value`);
  }
  return opts;
}

export function fakeUuid(rnd: () => number): string {
  const h = (n: number) => randomString(CLASSES.hex, n, rnd);
  return `${h(8)}-${h(4)}-4${h(3)}-${'89ab'[Math.floor(rnd() * 4)]}${h(3)}-${h(12)}`;
}

function fakeB64Json(kind: string, arg: string | undefined, rnd: () => number): string {
  const keys = (arg ?? '').split(',').filter(Boolean);
  if (!keys.length || keys.some((k) => !/^[A-Za-z_]{1,30}$/.test(k))) throw new Error(`fake generator <<${kind}:${arg}>>: list JSON keys, e.g. <<${kind}:k,n>>`);
  const obj = Object.fromEntries(keys.map((k) => [k, randomString(CLASSES.b62, 12 + Math.floor(rnd() * 12), rnd)]));
  const json = Buffer.from(JSON.stringify(obj));
  return kind === 'b64json' ? json.toString('base64') : json.toString('base64url');
}

function randomBytes(n: number, rnd: () => number): Buffer {
  return Buffer.from(Array.from({ length: n }, () => Math.floor(rnd() * 256)));
}

/** One macaroon v2 field: type and length as varints, then the data. */
function macaroonField(type: number, data: Buffer): Buffer {
  const varint = (n: number): number[] => (n < 0x80 ? [n] : [(n & 0x7f) | 0x80, ...varint(n >>> 7)]);
  return Buffer.concat([Buffer.from([...varint(type), ...varint(data.length)]), data]);
}

/**
 * A PyPI API token: "pypi-" + base64url of a macaroon (binary format v2) whose location is
 * pypi.org, with a random identifier, one permissions caveat and a random 32-byte signature.
 */
export function fakePypiToken(rnd: () => number): string {
  const EOS = Buffer.from([0]);
  const id = Buffer.from(JSON.stringify({ version: 1, uuid: fakeUuid(rnd) }));
  const caveat = Buffer.from(JSON.stringify({ version: 1, permissions: 'user', nonce: randomString(CLASSES.hex, 8, rnd) }));
  const mac = Buffer.concat([
    Buffer.from([2]), macaroonField(1, Buffer.from('pypi.org')), macaroonField(2, id), EOS,
    macaroonField(2, caveat), EOS, EOS, macaroonField(6, randomBytes(32, rnd)),
  ]);
  return `pypi-${mac.toString('base64url')}`;
}

/**
 * A GitLab routable token (GitLab 17.x): prefix + base64url(routing payload + 16 random bytes +
 * their count) + "." + the payload length in 2 base36 digits + CRC32 of all that in 7 base36 digits.
 */
export function fakeGitlabRoutable(prefix: string, rnd: () => number): string {
  const payload = Buffer.concat([
    Buffer.from(`o:${Math.floor(rnd() * 1e6).toString(36)}\nu:${Math.floor(rnd() * 1e7).toString(36)}`),
    randomBytes(16, rnd), Buffer.from([16]),
  ]).toString('base64url');
  const body = `${prefix}${payload}.${payload.length.toString(36).padStart(2, '0')}`;
  return `${body}${crc32(Buffer.from(body)).toString(36).padStart(7, '0')}`;
}

/** A Grafana service account token: glsa_ + 32 base62 + "_" + CRC32 of "glsa_<random>", little-endian hex. */
export function fakeGrafanaToken(prefix: string, rnd: () => number): string {
  const body = `${prefix}${randomString(CLASSES.b62, 32, rnd)}`;
  const le = Buffer.alloc(4);
  le.writeUInt32LE(crc32(Buffer.from(body)));
  return `${body}_${le.toString('hex')}`;
}

/** A Cloudflare API credential (cfut_, cfat_, cfk_): 40 base62, then CRC32 of them as 8 lower-case hex. */
export function fakeCloudflareToken(prefix: string, rnd: () => number): string {
  const body = randomString(CLASSES.b62, 40, rnd);
  return `${prefix}${body}${crc32(Buffer.from(body)).toString(16).padStart(8, '0')}`;
}

/** A GitHub App installation token in the stateless format (2026): ghs_<app id>_<JWT>. */
export function fakeGithubStatelessToken(rnd: () => number): string {
  const appId = `${1 + Math.floor(rnd() * 9)}${randomString(CLASSES.digits, 6, rnd)}`;
  return `ghs_${appId}_${fakeJwt(rnd, { expIn: 3600, claims: { iss: 'github', aud: `installation-${appId}` } })}`;
}

export function base32(data: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of data) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CLASSES.b32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += CLASSES.b32[(value << (5 - bits)) & 31];
  return out;
}

const NKEY_TYPES: Record<string, number> = { U: 20 << 3, A: 0, N: 13 << 3, O: 14 << 3, C: 2 << 3 };

/** A NATS NKEY: a seed (S + type, 58 chars) or a public key (type letter, 56 chars), base32 with a CRC16. */
export function fakeNkey(kind: 'seed' | 'public', type: string, rnd: () => number): string {
  const prefix = NKEY_TYPES[type];
  if (prefix === undefined) throw new Error(`fake generator <<nkey-${kind}:${type}>>: type must be one of ${Object.keys(NKEY_TYPES).join(', ')}`);
  const head = kind === 'seed' ? [(18 << 3) | (prefix >> 5), (prefix & 31) << 3] : [prefix];
  const raw = Buffer.concat([Buffer.from(head), randomBytes(32, rnd)]);
  const crc = Buffer.alloc(2);
  crc.writeUInt16LE(crc16(raw));
  return base32(Buffer.concat([raw, crc]));
}

export function fakeDiscordBotToken(rnd: () => number): string {
  const id = `1${randomString(CLASSES.digits, 17, rnd)}`;
  return `${Buffer.from(id).toString('base64url')}.${randomString(CLASSES.b64url, 6, rnd)}.${randomString(CLASSES.b64url, 38, rnd)}`;
}

/** DER tag-length-value (definite length). */
function der(tag: number, body: Buffer): Buffer {
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...len]), body]);
}

/** A PKCS#12 (RFC 7292) PFX: SEQUENCE { 3, ContentInfo { pkcs7-data, [0] OCTET STRING random }, MacData }. */
export function fakePkcs12(rnd: () => number, size = 1200): Buffer {
  const oid = (...b: number[]) => der(0x06, Buffer.from(b));
  const data = oid(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01);
  const authSafe = der(0x30, Buffer.concat([data, der(0xa0, der(0x04, randomBytes(size, rnd)))]));
  const sha256 = der(0x30, Buffer.concat([oid(0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01), Buffer.from([0x05, 0x00])]));
  const mac = der(0x30, Buffer.concat([der(0x30, Buffer.concat([sha256, der(0x04, randomBytes(32, rnd))])), der(0x04, randomBytes(8, rnd)), der(0x02, Buffer.from([0x08, 0x00]))]));
  return der(0x30, Buffer.concat([der(0x02, Buffer.from([3])), authSafe, mac]));
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
    if (kind === 'jwt') return fakeJwt(rnd, jwtOptions(arg));
    if (kind === 'uuid') return fakeUuid(rnd);
    if (kind === 'b64json' || kind === 'b64urljson') return fakeB64Json(kind, arg, rnd);
    if (kind === 'pypi') return fakePypiToken(rnd);
    if (kind === 'gitlab') return fakeGitlabRoutable(arg ?? 'glpat-', rnd);
    if (kind === 'grafana') return fakeGrafanaToken(arg ?? 'glsa_', rnd);
    if (kind === 'discord') return fakeDiscordBotToken(rnd);
    if (kind === 'b64of') return Buffer.from(randomString(CLASSES.b62, Number(arg) || 20, rnd)).toString('base64');
    if (kind === 'nkey-seed' || kind === 'nkey-public') return fakeNkey(kind === 'nkey-seed' ? 'seed' : 'public', arg ?? 'U', rnd);
    if (kind === 'cloudflare') return fakeCloudflareToken(arg ?? 'cfut_', rnd);
    if (kind === 'ghs-jwt') return fakeGithubStatelessToken(rnd);
    if (kind === 'pkcs12') return fakePkcs12(rnd, Number(arg) || 1200).toString('base64');
    if (kind === 'b64pem') return Buffer.from(fakePem(rnd, arg?.trim() || 'PRIVATE KEY')).toString('base64');
    if (kind === 'pem' || kind === 'pem-escaped') {
      const label = arg?.trim() || 'PRIVATE KEY';
      if (!/^[A-Z0-9 ]{1,40}$/.test(label)) throw new Error(`fake generator <<${kind}:${arg}>>: label must be upper-case words`);
      return kind === 'pem' ? fakePem(rnd, label) : `${fakePem(rnd, label, 1216, '\\n')}\\n`;
    }
    throw new Error(`unknown fake generator <<${kind}>>`);
  });
}
