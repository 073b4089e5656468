// Context for the generic detectors (generic-secret-assignment and friends), the main source of
// noise in every secret scanner. A random-looking value alone is weak evidence: lockfiles,
// digests, ids, public keys and build hashes are random too. So the verdict weighs what
// surrounds the value as well: the name it is assigned to (api_key vs key_id vs max_tokens),
// the file (lockfile, source map, minified bundle), the line (an "example" comment, a data URI),
// and the value's charset, length, entropy for its length and share of dictionary words.
import { nodeCrypto } from '../node-lazy.js';
import { isKnownNonSecretShape, isPublicIdentifier } from './placeholders.js';
import type { Fragment } from '../contracts/fragment.js';
import type { Rule } from '../contracts/rule.js';
import { shannonEntropy } from './entropy.js';
import { dictionaryRatio, randomLetters, wordLike } from './generic-words.js';

export { dictionaryRatio } from './generic-words.js';

/** What a context-aware validator is told about a match (see VALIDATORS in validators.ts). */
export interface ValidatorContext {
  fragment: Fragment;
  /** Offsets of the value in fragment.text. */
  start: number;
  end: number;
  rule: Rule;
}

/** Machine-made files where every long token is a hash, a mapping or an id: no generic findings. */
export const GENERATED_FILE =
  /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lock|[\w.-]+\.lock|go\.sum|packages\.lock\.json|gradle\.lockfile|[\w.-]+\.pbxproj)$|\.(?:map|min\.js|min\.css|svg|woff2?|ttf|otf|eot)$|[.-]min\.(?:js|css)$/i;
const BUNDLE_FILE = /\.(?:[cm]?js|css|html?)$/i;
/** Source files where a literal secret is a quoted string: an unquoted value is a variable. */
const SOURCE_FILE = /\.(?:[cm]?[jt]sx?|py|go|java|kts?|scala|swift|cs|c|cc|cpp|h|hpp|rs|php|rb|dart)$/i;

/** A token of a name that makes the value a credential. */
const CREDENTIAL_WORDS = new Set([
  'key', 'apikey', 'token', 'secret', 'password', 'passwd', 'pwd', 'pass', 'passphrase', 'credential',
  'credentials', 'creds', 'auth', 'authorization', 'bearer', 'basic', 'pat', 'dsn', 'pw', 'passwrd', 'pasword',
  'pswd', 'psw', 'pword', 'passw',
]);
/** Name words that say the value is not (or not meant to be) a secret, wherever they stand. */
const NOT_SECRET_WORDS = new Set([
  'public', 'publishable', 'pub', 'pubkey', 'site', 'sitekey', 'primary', 'foreign', 'sort', 'partition', 'cache',
  'idempotency', 'dedup', 'dedupe', 'page', 'next', 'continuation', 'cursor', 'pagination', 'csrf', 'xsrf',
  'example', 'sample', 'dummy', 'fake', 'mock', 'placeholder', 'encrypted', 'sealed', 'ciphertext', 'hashed',
  'fingerprint', 'checksum', 'digest', 'max', 'min', 'num', 'tokens', 'tokenizer', 'kid', 'test', 'jwks',
]);
/** A last name word that makes the value metadata about a secret, not the secret (key_id, token_url). */
const METADATA_WORDS = new Set([
  'id', 'ids', 'uid', 'guid', 'name', 'names', 'type', 'file', 'filename', 'path', 'dir', 'url', 'uri', 'endpoint',
  'host', 'hostname', 'prefix', 'suffix', 'len', 'length', 'size', 'count', 'version', 'format', 'mode',
  'hash', 'sha', 'sha1', 'sha256', 'sha512', 'md5', 'alias', 'ref', 'env', 'var', 'field', 'label', 'hint', 'pattern',
  'regex', 'template', 'location', 'algorithm', 'alg', 'encoding', 'usage', 'scope', 'scopes', 'provider', 'index',
  'title', 'text', 'message', 'description', 'help', 'region', 'arn', 'expiry', 'expires', 'expiration', 'ttl',
  'timeout', 'interval', 'enabled', 'required', 'rotation', 'policy', 'owner', 'status', 'level', 'date', 'days',
  'seconds', 'ms', 'store', 'ring', 'manager', 'vault', 'ref', 'link', 'button', 'input', 'error', 'prompt',
]);

export type NameClass = 'credential' | 'neutral' | 'not-secret';

/** Split an identifier into lower-case words: OPENAI_API_KEY, openaiApiKey, --api-key, auth.token. */
export function nameWords(name: string): string[] {
  return name
    .split(/[^A-Za-z0-9]+/)
    .flatMap((p) => p.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+/g) ?? [])
    .map((w) => w.toLowerCase());
}

/** A name that starts with a verb names an operation (CreatePersonalAccessToken), not a value. */
const VERBS = new Set(['create', 'get', 'set', 'revoke', 'rotate', 'delete', 'update', 'list', 'fetch', 'generate', 'validate', 'verify', 'refresh', 'reset', 'use', 'handle', 'on', 'is', 'has', 'should', 'parse', 'load', 'read', 'save', 'store', 'remove', 'add']);

/** A lower-case compound that ends in a credential word: apikey, accesstoken, clientsecret, dbpassword. */
function compoundCredential(word: string): boolean {
  return /^[a-z]{2,14}(?:key|token|secret|password|passwd|pwd)$/.test(word) && !/(?:monkey|turkey|donkey|hockey|jockey|whiskey|hotkey|passkey|keykey)$/.test(word);
}

/** How much a name says about its value. */
export function classifyName(name: string | undefined): NameClass {
  const words = nameWords(name ?? '');
  if (!words.length) return 'neutral';
  if (words.some((w) => NOT_SECRET_WORDS.has(w))) return 'not-secret';
  if (words.length > 1 && VERBS.has(words[0])) return 'neutral';
  if (METADATA_WORDS.has(words[words.length - 1])) return 'not-secret';
  // A bare "key" names anything (React keys, dictionary entries, i18n keys): no evidence.
  if (words.length === 1 && words[0] === 'key') return 'neutral';
  return words.some((w) => CREDENTIAL_WORDS.has(w) || compoundCredential(w)) ? 'credential' : 'neutral';
}

const isNameChar = (c: string) => /[\w$./-]/.test(c);

/** The identifier (or word) ending at `end`, read backwards, at most `max` characters. */
function wordBefore(text: string, end: number, max: number): string {
  let i = end;
  while (i > 0 && end - i < max && isNameChar(text[i - 1])) i--;
  return text.slice(i, end).replace(/^[^A-Za-z_$]+/, '');
}

/** Index before any run (at most `max`) of `chars` ending at `i`. */
function skipBack(text: string, i: number, chars: string, max: number): number {
  let n = 0;
  while (i > 0 && n < max && chars.includes(text[i - 1])) {
    i--;
    n++;
  }
  return i;
}

/**
 * The name a value is assigned to, read backwards from the value: `NAME=v`, `"name": "v"`,
 * `name := v`, `--name=v`, `?name=v`, `X || 'v'`, aligned `name      = v`; `Bearer v` and
 * `Basic v` give the scheme; in prose, the word before it ("the token is v" gives token).
 * A manual scan, not a regex: it runs once per candidate and must stay linear.
 */
export function assignedName(text: string, start: number): string | undefined {
  const i = skipBack(text, start, '"\'`', 1);
  const j = skipBack(text, i, ' \t', 20);
  // A comma after a quoted name is an argument pair: define('DB_PASSWORD', 'v').
  const comma = skipBack(text, j, ',', 1);
  const k = comma < j && /["']/.test(text[comma - 1] ?? '') ? comma : skipBack(text, j, '=:>?|', 2);
  if (k < j) {
    const at = skipBack(text, skipBack(text, k, ' \t', 20), '"\']', 2);
    return wordBefore(text, at, 80) || undefined;
  }
  let word = wordBefore(text, j, 40);
  if (j < i || j < start) {
    if (/^(?:bearer|basic)$/i.test(word)) return word.toLowerCase();
    if (/^(?:is|was|are)$/i.test(word)) word = wordBefore(text, skipBack(text, j - word.length, ' \t', 3), 40);
  }
  return word || undefined;
}

/** The value's line: up to 200 characters either side, and its length (capped: minified lines are huge). */
function lineAround(text: string, start: number, end: number): { before: string; after: string; length: number; comment: boolean } {
  let from = start;
  while (from > 0 && start - from < 2000 && text[from - 1] !== '\n') from--;
  let to = end;
  while (to < text.length && to - end < 2000 && text[to] !== '\n') to++;
  const before = text.slice(Math.max(from, start - 200), start);
  const comment = /^\s*(?:\/\/|#|\*|\/\*|--|<!--)/.test(text.slice(from, Math.min(start, from + 200)));
  return { before, after: text.slice(end, Math.min(to, end + 200)), length: to - from, comment };
}

const NOT_REAL_NOTE = /\b(?:example|placeholder|dummy|fake|sample|redacted|not\s+a\s+real)\b/i;

/** A note like "# example" in the text, ignoring dotted names and URLs (api.example.com). */
function notRealNote(text: string): boolean {
  return NOT_REAL_NOTE.test(text) && NOT_REAL_NOTE.test(text.split(/\s+/).filter((w) => !w.includes('.')).join(' '));
}

/** Text around the value that says it is not a credential. */
function lineSaysNotSecret(before: string, after: string): boolean {
  if (/^(?:<<|\{\{|\$\{|%\(|#\{|\[)/.test(after)) return true; // the literal prefix of a template or pattern
  if (/badge(?:\.svg)?\?(?:[\w-]+=[^&\s]*&)*token=$/i.test(before)) return true; // a README badge's public graph token
  // The first word of a longer quoted string ("ssh-ed25519 AAAA... user@host"): not a token.
  if (/["'`]$/.test(before) && /^[ \t]+\S/.test(after) && !after.startsWith(before[before.length - 1])) return true;
  if (/(?:base64,|sha(?:1|256|384|512)[-:]|@sha256:|[?&](?:v|ver|version|hash|h|sig|signature|integrity)=)$/i.test(before)) return true;
  if (/^\.(?:apps\.googleusercontent\.com|[a-z0-9-]+\.(?:com|net|org|io|dev|app|ai|co|cloud|internal|local))\b/i.test(after)) return true;
  return notRealNote(before) || notRealNote(after);
}

const counts = new Int32Array(128);

/** Shannon entropy in bits per character; an allocation-free path for ASCII (it runs per candidate). */
function entropyOf(value: string): number {
  counts.fill(0);
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 128) return shannonEntropy(value);
    counts[c]++;
  }
  let h = 0;
  for (let c = 0; c < 128; c++) {
    if (!counts[c]) continue;
    const p = counts[c] / value.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Entropy needed for a value of this length: log2(length) caps what a short string can reach. */
function entropyFloor(length: number, strong: boolean): number {
  const cap = Math.log2(length) * 0.85;
  return Math.min(strong ? 3.5 : 4.0, cap);
}

/** A base64 DER public key (SPKI or PKCS#1) pasted into config: public by definition. */
function isPublicKeyDer(value: string): boolean {
  if (!/^M[A-Za-z0-9+/]{40,}={0,2}$/.test(value)) return false;
  const der = Buffer.from(value, 'base64');
  for (const type of ['spki', 'pkcs1'] as const) {
    try {
      nodeCrypto().createPublicKey({ key: der, format: 'der', type });
      return true;
    } catch {
      // not this encoding
    }
  }
  return false;
}

/**
 * The value looks machine-made rather than like a word, identifier, file path, version or
 * number: letters and digits mixed (or, for a credential name, random-looking mixed-case
 * letters); not a path, file name, host, version or member expression; not made of words
 * (prod_db_password_v2, OAuth2ClientCredentials, getApiKeyFromVault2).
 */
export function machineMadeShape(value: string, lettersOnlyOk = false): boolean {
  if (!/[A-Za-z]/.test(value)) return false;
  if (!/[0-9]/.test(value) && !(lettersOnlyOk && randomLetters(value))) return false;
  if (/^(?:[./~\\]|[A-Za-z]:[\\/])/.test(value)) return false; // a path
  if (/\.(?:pem|key|crt|cer|der|p12|pfx|jks|json|ya?ml|toml|ini|cfg|conf|txt|env|js|ts|py|rb|go|sh|html?|png|jpe?g|svg)$/i.test(value)) return false;
  if (/\.(?:com|net|org|io|dev|app|ai|co|cloud|internal|local)$/i.test(value)) return false; // a host name
  if (/^v?\d+(?:\.\d+){1,3}(?:[-+][\w.]*)?$/.test(value)) return false; // a version
  if (/^0x[0-9a-f]+$/i.test(value)) return false; // a number literal
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value)) return false; // a member expression: a.b.c
  const parts = value.split(/[._-]+/).filter(Boolean);
  if (parts.length >= 2 && parts.every((p) => /^[A-Za-z]{1,16}\d{0,4}$|^\d{1,12}$/.test(p))) return false; // words_and_12
  return !wordLike(value); // CamelCaseWords2Like, getApiKeyFromVault2
}

const HEX_ONLY = /^[0-9a-f]+$|^[0-9A-F]+$/;
const ID_SHAPE = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$|^[0-9a-f]{24}$/; // ULID, Mongo ObjectId

/** Digest, UUID and id shapes: a secret only when the name says so (api_key = "<32 hex>"). */
function shapeVerdict(value: string, strong: boolean): boolean | undefined {
  if (/^(?:sha1|sha256|sha384|sha512)-/.test(value)) return false; // SRI integrity
  if (isKnownNonSecretShape(value) || ID_SHAPE.test(value) || HEX_ONLY.test(value)) return strong && value.length >= 16;
  return undefined;
}

/** `Basic <base64>` holds user:password: the decoded text starts with a printable user name and a colon. */
function basicCredential(value: string): boolean {
  const decoded = Buffer.from(value, 'base64').toString('latin1');
  return /^[\x21-\x39\x3b-\x7e]{2,64}:/.test(decoded);
}

/** The generic verdict with context: cheap value checks first, then the name, the line, the file. */
export function genericInContext(value: string, ctx: ValidatorContext): boolean {
  const { fragment, start, end, rule } = ctx;
  if (GENERATED_FILE.test(fragment.origin.path)) return false;
  const special = shapeVerdict(value, true);
  if (special === false) return false;
  const entropy = entropyOf(value);
  if (special === undefined && (entropy < entropyFloor(value.length, true) || !machineMadeShape(value, true))) return false;
  if (isPublicIdentifier(value) || isPublicKeyDer(value)) return false;
  const name = assignedName(fragment.text, start);
  const cls = classifyName(name);
  if (cls === 'not-secret') return false;
  const line = lineAround(fragment.text, start, end);
  if (BUNDLE_FILE.test(fragment.origin.path) && line.length > 1000) return false; // a minified line
  // A literal is quoted, or follows an Authorization scheme inside a quoted header value.
  const quoted = /["'`]$/.test(line.before) || /["'`](?:bearer|basic|token|apikey|api-key|key|sso-key|ssws|dsn|otp)\s{1,3}$/i.test(line.before);
  if (!quoted && !line.comment && fragment.contentKind !== 'doc' && SOURCE_FILE.test(fragment.origin.path) && !/^(?:bearer|basic)$/.test(name ?? '')) {
    return false; // `key = someVariable` in source code: not a literal
  }
  if (lineSaysNotSecret(line.before, line.after)) return false;
  if (name === 'basic') return basicCredential(value);
  const strong = cls === 'credential';
  if (special !== undefined) return shapeVerdict(value, strong) === true;
  if (!strong && !/[0-9]/.test(value)) return false; // random letters alone need a credential name
  const random = value.length >= 32 && entropy >= 4.2;
  if (!random && dictionaryRatio(value) >= 0.5) return false;
  // Without a credential name (author, monkey, a bare key), only a standalone detector (env
  // files, agent configs, where any such value is suspect) or a long, random value will do.
  const standalone = rule.keywords.length === 0;
  if (!strong && !standalone && !random) return false;
  return entropy >= entropyFloor(value.length, strong || standalone);
}
