// Named checksum/structure validators referenced by rules' `validate:` field.
// Each takes the secret value and says whether its built-in checksum or structure holds.
import { crc32 } from './crc32.js';

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

/** AWS access key ids: 4-char type prefix + 16 chars of base32 (A-Z2-7). */
function awsKeyId(id: string): boolean {
  return /^(AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z2-7]{16}$/.test(id);
}

/** OpenAI keys carry the base64 of "OpenAI" (T3BlbkFJ) in the middle. */
function openaiMarker(key: string): boolean {
  return key.includes('T3BlbkFJ');
}

/** PEM private key: the body between the armour lines is real base64 of plausible length. */
function pemBody(block: string): boolean {
  const body = block
    .replace(/-----(BEGIN|END)[^-]*-----/g, '')
    .replace(/^[A-Za-z-]+:.*$/gm, '') // RFC 1421 headers (Proc-Type, DEK-Info)
    .replace(/\\n|\\r|["'\s,+]/g, '');
  return body.length >= 64 && /^[A-Za-z0-9+/=]+$/.test(body);
}

/**
 * Generic secrets (assignment and standalone entropy rules): the value looks machine-made rather
 * than like a word, identifier, file path, version or number. Letters and digits both present;
 * not a path or file name; not a version; not made of dictionary-like words (snake_case,
 * kebab-case, dotted or camelCase names such as prod_db_password_v2 or OAuth2ClientCredentials).
 */
export function genericSecretShape(value: string): boolean {
  if (!/[A-Za-z]/.test(value) || !/[0-9]/.test(value)) return false;
  if (/^(?:[./~\\]|[A-Za-z]:[\\/])/.test(value)) return false; // a path
  if (/\.(?:pem|key|crt|cer|der|p12|pfx|jks|json|ya?ml|toml|ini|cfg|conf|txt|env|js|ts|py|rb|go|sh|html?|png|jpe?g|svg)$/i.test(value)) return false;
  if (/^v?\d+(?:\.\d+){1,3}(?:[-+][\w.]*)?$/.test(value)) return false; // a version
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value)) return false; // a member expression: a.b.c
  const parts = value.split(/[._-]+/).filter(Boolean);
  if (parts.length >= 2 && parts.every((p) => /^[A-Za-z]{1,16}\d{0,4}$|^\d{1,12}$/.test(p))) return false; // words_and_12
  const tokens = value
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .flatMap((p) => p.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []);
  const words = tokens.filter((t) => !/^\d/.test(t));
  const letters = words.join('');
  const avgWord = letters.length / Math.max(1, words.length);
  const vowels = (letters.match(/[aeiouy]/gi) ?? []).length;
  const wordLike =
    words.length >= 2 &&
    avgWord >= 3 &&
    tokens.length * 3 <= value.length &&
    vowels >= letters.length * 0.3 &&
    words.filter((w) => w.length >= 2 && !/[aeiouy]/i.test(w)).length * 4 <= words.length;
  if (wordLike) return false; // CamelCaseWords2Like, getApiKeyFromVault2
  return true;
}

export const VALIDATORS: Record<string, (secret: string) => boolean> = {
  'github-crc32': crc32Base62Valid,
  'npm-crc32': crc32Base62Valid,
  'github-fine-grained': githubFineGrained,
  jwt: jwtStructure,
  'aws-key-id': awsKeyId,
  'openai-marker': openaiMarker,
  'pem-body': pemBody,
  'generic-secret': genericSecretShape,
};

export function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  const payload = base64UrlJson(token.split('.')[1] ?? '');
  return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : undefined;
}
