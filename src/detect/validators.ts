// Named checksum/structure validators referenced by rules' `validate:` field.
// Each takes the secret value and says whether its built-in checksum or structure holds.
import { crc32 } from './crc32.js';
import { genericInContext, machineMadeShape, type ValidatorContext } from './generic-context.js';
import { nkeySeed } from './nkey.js';
import { passwordLiteral } from './password-context.js';
import { unusableKeyMaterial } from './key-material.js';
import { parsePkcs12 } from '../extract/key-store.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function base62(n: number, width: number): string {
  let out = '';
  let v = n >>> 0;
  do {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  } while (v > 0);
  return out.padStart(width, '0');
}

/**
 * GitHub's token format (2021): prefix_ + 30 base62 random chars + 6-char base62 CRC32 of the
 * random part. The same scheme is used by npm's granular tokens (npm_).
 */
export function crc32Base62Valid(token: string): boolean {
  const body = token.slice(token.indexOf('_') + 1);
  if (body.length < 7) return false;
  const random = body.slice(0, -6);
  const check = body.slice(-6);
  return base62(crc32(Buffer.from(random, 'utf8')), 6) === check;
}

/** GitHub fine-grained PAT: github_pat_<22 chars>_<59 chars>; structure only (no public checksum). */
function githubFineGrained(token: string): boolean {
  return /^github_pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{59}$/.test(token);
}

function base64UrlJson(part: string): unknown {
  try {
    const text = Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** JWT: three base64url parts, the first two decode to JSON objects and the header names an alg. */
export function jwtStructure(token: string): boolean {
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  const header = base64UrlJson(parts[0]);
  const payload = base64UrlJson(parts[1]);
  return typeof header === 'object' && header !== null && 'alg' in header &&
    typeof payload === 'object' && payload !== null && !Array.isArray(payload);
}

/** Claims that make a JWT a credential: who issued it, for whom, what it may do, how long. */
const CREDENTIAL_CLAIMS = [
  'iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti', 'scope', 'scp', 'role', 'roles', 'permissions',
  'client_id', 'azp', 'tid', 'oid', 'uid', 'user_id', 'token_use', 'org_id', 'project_id', 'app_id', 'key', 'api_key',
];

/**
 * A JWT that works as a credential: signed (alg not "none", a signature present), carrying at
 * least one credential claim, and not a key published for clients (role "anon": Supabase's).
 */
export function credentialJwt(token: string): boolean {
  if (!jwtStructure(token)) return false;
  const [head, , signature] = token.split('.');
  const alg = (base64UrlJson(head) as { alg?: unknown }).alg;
  if (typeof alg !== 'string' || alg.toLowerCase() === 'none' || !signature) return false;
  const payload = decodeJwtPayload(token) ?? {};
  if (payload.role === 'anon') return false;
  return CREDENTIAL_CLAIMS.some((c) => c in payload);
}

/** AWS access key ids: 4-char type prefix + 16 chars of base32 (A-Z2-7). */
function awsKeyId(id: string): boolean {
  return /^(AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z2-7]{16}$/.test(id);
}

/** OpenAI keys carry the base64 of "OpenAI" (T3BlbkFJ) in the middle. */
function openaiMarker(key: string): boolean {
  return key.includes('T3BlbkFJ');
}

/** A base64-encoded PEM block (a Kubernetes Secret's tls.key, a CI variable) that decodes to a private key. */
function base64PemPrivateKey(value: string): boolean {
  const text = Buffer.from(value, 'base64').toString('latin1');
  return /^-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/.test(text) && pemBody(text);
}

/** An OpenSSH key body whose cipher is not "none": it needs its passphrase. */
function opensshEncrypted(body: string): boolean {
  const head = Buffer.from(body.slice(0, 80), 'base64');
  const magic = 'openssh-key-v1\0';
  if (head.toString('latin1', 0, magic.length) !== magic || head.length < magic.length + 8) return false;
  const len = head.readUInt32BE(magic.length);
  return head.toString('latin1', magic.length + 4, magic.length + 4 + len) !== 'none';
}

/**
 * PEM private key: the body between the armour lines is real base64 of plausible length, and
 * the key is not encrypted (PKCS#8 ENCRYPTED PRIVATE KEY, a legacy Proc-Type: 4,ENCRYPTED header,
 * an OpenSSH key with a cipher): without its passphrase an encrypted key is not a usable secret.
 */
function pemBody(block: string): boolean {
  if (/BEGIN ENCRYPTED PRIVATE KEY|Proc-Type:\s*4,\s*ENCRYPTED/i.test(block)) return false;
  const body = block
    .replace(/-----(BEGIN|END)[^-]*-----/g, '')
    .replace(/^[A-Za-z-]+:.*$/gm, '') // RFC 1421 headers (Proc-Type, DEK-Info)
    .replace(/\\n|\\r|["'\s,+]/g, '');
  return body.length >= 64 && /^[A-Za-z0-9+/=]+$/.test(body) && !opensshEncrypted(body) && !unusableKeyMaterial(block.replace(/\\n/g, '\n'), body);
}

/**
 * Generic secrets (assignment and standalone entropy rules). With the match's context (what the
 * engine passes) the verdict weighs the file, the line and the assignment name as well as the
 * value: src/detect/generic-context.ts. Without it, only the value's shape: machine-made rather
 * than a word, identifier, file path, version or number.
 */
export function genericSecretShape(value: string, ctx?: ValidatorContext): boolean {
  return ctx ? genericInContext(value, ctx) : machineMadeShape(value);
}

/** Read a LEB128 varint at b[pos]; undefined past the end or when longer than 4 bytes. */
function varint(b: Buffer, pos: number): [number, number] | undefined {
  let n = 0;
  for (let shift = 0, i = pos; i < b.length && shift < 28; shift += 7, i++) {
    n |= (b[i] & 0x7f) << shift;
    if (!(b[i] & 0x80)) return [n, i + 1];
  }
  return undefined;
}

/** One macaroon v2 section: fields until EOS (type 0). Returns the fields and where it ended. */
function macaroonSection(b: Buffer, pos: number): { fields: Map<number, Buffer>; end: number } | undefined {
  const fields = new Map<number, Buffer>();
  for (let i = pos, guard = 0; i < b.length && guard < 8; guard++) {
    const type = varint(b, i);
    if (!type) return undefined;
    if (type[0] === 0) return { fields, end: type[1] };
    const len = varint(b, type[1]);
    if (!len || len[1] + len[0] > b.length || fields.has(type[0])) return undefined;
    fields.set(type[0], b.subarray(len[1], len[1] + len[0]));
    i = len[1] + len[0];
  }
  return undefined;
}

/**
 * PyPI API token: "pypi-" + base64url of a macaroon in the v2 binary format: version byte 2, a
 * header section whose location is pypi.org (or test.pypi.org) and which has an identifier, any
 * number of caveat sections, an empty section, then a 32-byte signature field and nothing after.
 */
export function pypiMacaroon(token: string): boolean {
  const b = Buffer.from(token.replace(/^pypi-/, ''), 'base64url');
  if (b[0] !== 2) return false;
  const header = macaroonSection(b, 1);
  const location = header?.fields.get(1)?.toString('latin1');
  if (!header || !header.fields.get(2)?.length || !['pypi.org', 'test.pypi.org'].includes(location ?? '')) return false;
  let pos = header.end;
  for (let caveats = 0; b[pos] !== 0; caveats++) {
    const section = caveats < 64 ? macaroonSection(b, pos) : undefined;
    if (!section || !section.fields.get(2)?.length) return false;
    pos = section.end;
  }
  const sigType = varint(b, pos + 1);
  const sigLen = sigType && varint(b, sigType[1]);
  return sigType?.[0] === 6 && sigLen?.[0] === 32 && sigLen[1] + 32 === b.length;
}

/**
 * GitLab routable tokens (GitLab 17.x): <prefix><base64url payload>.<payload length, 2 base36
 * digits><CRC32 of everything before it, 7 base36 digits>.
 */
export function gitlabRoutable(token: string): boolean {
  const m = /\.([0-9a-z]{2})([0-9a-z]{7})$/.exec(token);
  if (!m) return false;
  const payloadLength = parseInt(m[1], 36);
  const payload = token.slice(0, m.index).slice(-payloadLength);
  if (payloadLength < 22 || payload.length !== payloadLength || !/^[A-Za-z0-9_-]+$/.test(payload)) return false;
  const body = token.slice(0, -7);
  return crc32(Buffer.from(body)).toString(36).padStart(7, '0') === m[2];
}

/** Grafana service account token: glsa_<32>_<8 hex>, the hex being CRC32 of "glsa_<32>" in little-endian byte order. */
export function grafanaCrc32(token: string): boolean {
  const m = /^(glsa_[A-Za-z0-9]{32})_([a-f0-9]{8})$/i.exec(token);
  if (!m) return false;
  const le = Buffer.alloc(4);
  le.writeUInt32LE(crc32(Buffer.from(m[1])));
  return le.toString('hex') === m[2].toLowerCase();
}

/**
 * Slack token structure by type: bot (xoxb-<team>-<bot>-<24 alphanumerics>), user
 * (xoxp-<team>-<user>-<app>-<32 hex>), app-level (xapp-<n>-<app id>-<ts>-<64 hex>), rotating
 * (xoxe.xoxb-/xoxe.xoxp-<n>-<alphanumerics>, refresh xoxe-<n>-<alphanumerics>).
 */
export function slackToken(token: string): boolean {
  return /^xoxb-\d{8,13}-\d{8,13}-[A-Za-z0-9]{24}$/.test(token) ||
    /^xox[pe]-\d{8,13}-\d{8,13}-\d{8,13}-[a-f0-9]{32}$/.test(token) ||
    /^xapp-\d-A[A-Z0-9]{8,11}-\d{10,13}-[a-f0-9]{64}$/.test(token) ||
    /^xoxe\.xox[bp]-\d-[A-Z0-9]{140,170}$/i.test(token) ||
    /^xoxe-\d-[A-Z0-9]{140,170}$/i.test(token);
}

function decodesToJsonObject(run: string, encoding: 'base64' | 'base64url'): boolean {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(run, encoding).toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && Object.keys(parsed).length > 0;
  } catch {
    return false;
  }
}

/**
 * The first run starting with eyJ (the encoding of '{"') decodes to a JSON object with keys. The
 * run is read in the base64 alphabet first, then in base64url: "_" separates parts in some
 * tokens (sntrys_<json>_<signature>) and belongs to the payload in others (sk.<json>.<signature>).
 */
export function base64Json(value: string): boolean {
  const std = /eyJ[A-Za-z0-9+/]{8,}={0,2}/.exec(value)?.[0];
  const url = /eyJ[A-Za-z0-9_-]{8,}/.exec(value)?.[0];
  return (!!std && decodesToJsonObject(std, 'base64')) || (!!url && decodesToJsonObject(url, 'base64url'));
}

/** Discord bot token: <base64 of the bot's numeric user id>.<timestamp>.<HMAC>; the first part must decode to a snowflake. */
export function discordBotToken(token: string): boolean {
  const [id, ts, mac] = token.split('.');
  if (!id || !ts || !mac) return false;
  return /^[1-9][0-9]{16,19}$/.test(Buffer.from(id, 'base64url').toString('latin1'));
}

/** Cloudflare scannable API credential: cfut_/cfat_/cfk_ + 40 base62 + CRC32 of the 40 as 8 lower-case hex. */
export function cloudflareCrc32(token: string): boolean {
  const m = /^cf(?:ut|at|k)_([A-Za-z0-9]{40})([a-f0-9]{8})$/.exec(token);
  return !!m && crc32(Buffer.from(m[1])).toString(16).padStart(8, '0') === m[2];
}

/** GitHub App installation token, stateless format (2026): ghs_<numeric app id>_<a JWT>. */
export function githubStatelessToken(token: string): boolean {
  const m = /^ghs_[0-9]{1,12}_(.+)$/.exec(token);
  return !!m && jwtStructure(m[1]);
}

/** A JWT whose payload says role: service_role (Supabase's key that bypasses row-level security). */
function supabaseServiceRole(token: string): boolean {
  return jwtStructure(token) && decodeJwtPayload(token)?.role === 'service_role';
}

export const VALIDATORS: Record<string, (secret: string, ctx?: ValidatorContext) => boolean> = {
  'github-crc32': crc32Base62Valid,
  'npm-crc32': crc32Base62Valid,
  'github-fine-grained': githubFineGrained,
  jwt: credentialJwt,
  'aws-key-id': awsKeyId,
  'openai-marker': openaiMarker,
  'pem-body': pemBody,
  'generic-secret': genericSecretShape,
  'pypi-macaroon': pypiMacaroon,
  'gitlab-routable': gitlabRoutable,
  'grafana-crc32': grafanaCrc32,
  'slack-token': slackToken,
  'base64-json': base64Json,
  'supabase-service-role': supabaseServiceRole,
  'discord-bot-token': discordBotToken,
  'cloudflare-crc32': cloudflareCrc32,
  'github-stateless': githubStatelessToken,
  'password-literal': passwordLiteral,
  'nkey-seed': nkeySeed,
  'base64-pem-private-key': base64PemPrivateKey,
  pkcs12: (value: string) => parsePkcs12(Buffer.from(value, 'base64')) !== undefined,
};

export function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  const payload = base64UrlJson(token.split('.')[1] ?? '');
  return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : undefined;
}
