// Passwords written where a program expects one: user:password in a URL, `curl -u`, `--password`,
// `mysql -p'...'`, SQL `IDENTIFIED BY` / `WITH PASSWORD`, PowerShell `ConvertTo-SecureString`,
// libcurl `CURLOPT_USERPWD`. The place says "this is a password", so the value needs no credential
// name and no high entropy; what keeps precision is ruling out what is not a literal: a variable or
// template, a well-known default, a plain word, a value too short to be one.
import { GENERATED_FILE, type ValidatorContext } from './generic-context.js';
import { dictionaryRatio, randomLetters } from './generic-words.js';
import { shannonEntropy } from './entropy.js';

/** Defaults and words that tutorials, containers and docs write where a password goes. */
const DEFAULTS = new Set([
  'password', 'passwd', 'pass', 'secret', 'admin', 'root', 'changeme', 'change_me', 'guest', 'test', 'testing',
  'user', 'username', 'default', 'letmein', 'qwerty', 'welcome', 'postgres', 'mysql', 'redis', 'oracle', 'sa',
  'pwd', 'token', 'apikey', 'api_key', 'none', 'null', 'empty', 'x-oauth-basic', 'x-access-token', 'anonymous',
  'hunter2', 'secret123', 'password123', 'passw0rd', 'example', 'dummy', 'fake', 'mypassword', 'yourpassword',
]);

/** A variable, template, placeholder, prompt or file reference instead of a literal. */
const NOT_LITERAL = /^[$%{<[(]|\$\{|\$\(|\{\{|^@|^:|^\?$|^\*+$|^-{1,2}[a-z]|^\/|\.(?:txt|pem|key|env|json)$/i;

/** The user half when the match is user:password (a URL, curl -u, CURLOPT_USERPWD). */
function userBefore(ctx: PasswordPlace | undefined): string | undefined {
  if (!ctx) return undefined;
  const text = ctx.fragment.text;
  if (text[ctx.start - 1] !== ':') return undefined;
  let i = ctx.start - 1;
  while (i > 0 && ctx.start - i < 80 && !/[\s/"'`=]/.test(text[i - 1])) i--;
  return text.slice(i, ctx.start - 1);
}

/** P@ssw0rd reads as password: undo the usual letter-for-symbol swaps before the word checks. */
function unleet(value: string): string {
  const swaps: Record<string, string> = { '@': 'a', '4': 'a', '0': 'o', '1': 'i', '3': 'e', '$': 's', '5': 's', '7': 't', '!': 'i' };
  return value.toLowerCase().replace(/[@4013$57!]/g, (c) => swaps[c]);
}

/** Where the value sits: the fragment and the value's offset (all the checks read). */
export type PasswordPlace = Pick<ValidatorContext, 'fragment' | 'start'>;

export function passwordLiteral(value: string, ctx?: PasswordPlace): boolean {
  if (value.length < 6 || value.length > 128) return false;
  if (ctx && GENERATED_FILE.test(ctx.fragment.origin.path)) return false; // lockfiles, minified bundles, source maps
  if (NOT_LITERAL.test(value) || DEFAULTS.has(value.toLowerCase()) || DEFAULTS.has(unleet(value))) return false;
  if (dictionaryRatio(unleet(value)) >= 0.7) return false;
  // Made of defaults and words joined by separators: hunter2-token, admin_password_1.
  const parts = value.split(/[-_.]+/).filter(Boolean);
  const known = (p: string) => DEFAULTS.has(p.toLowerCase()) || DEFAULTS.has(unleet(p)) || /^\d{1,4}$/.test(p) || dictionaryRatio(p) >= 0.7;
  if (parts.length > 1 && parts.every(known)) return false;
  if (value.toLowerCase() === userBefore(ctx)?.toLowerCase()) return false;
  // Letters and a digit or symbol, or 12+ letters that switch case like a generated string (yqDVtkqPECriaLRi).
  if (!/[A-Za-z]/.test(value) || (!/[^A-Za-z]/.test(value) && !randomLetters(value))) return false;
  if (/^[A-Za-z]+\d{1,4}$/.test(value) && dictionaryRatio(value) >= 0.5) return false; // password1, admin123
  return shannonEntropy(value) >= 2.5 && dictionaryRatio(value) < 0.7;
}
