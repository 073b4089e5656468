// Matches that are not findings although a rule's pattern fits: keys a provider publishes for
// browsers and apps (Stripe pk_, Mapbox pk., Supabase anon, Algolia search-only, Segment write
// keys, anything named "publishable"), JWTs that are not credentials (unsigned, no credential
// claim, role anon), tokens inside image URLs (README badges), and code
// identifiers a keyword-bound rule caught after its keyword ("vercel-ai-gateway":
// openRouterDefaultModelId). Checksum-verified matches are never dropped here.
import type { Fragment } from '../contracts/fragment.js';
import type { Confidence } from '../contracts/match.js';
import { credentialJwt } from './validators.js';
import { isPublicIdentifier } from './placeholders.js';

/** Names (left of the value, same line) of keys that are public by design. */
const PUBLIC_NAME = [
  /publishable/i,
  /anon[-_]?(?:public[-_]?)?key|supabase[\w-]{0,30}anon/i,
  /algolia[\w.-]{0,30}search|search[-_]?only[-_]?(?:api[-_]?)?key/i,
  /segment[\w.-]{0,30}write[-_]?key|\bwrite[-_]?key\b[^\n]{0,40}segment|analytics\.load\(/i,
  /mapbox[\w.-]{0,30}(?:public|access)[-_]?token/i,
];

function lineAround(text: string, start: number, end: number): { before: string; line: string; at: number } {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', end);
  const to = nl === -1 ? text.length : nl;
  return { before: text.slice(Math.max(from, start - 120), start), line: text.slice(from, to), at: from };
}

/** The run of JWT characters (base64url and dots) around a span, at most 8 KB. */
function enclosingToken(text: string, start: number, end: number): string {
  const ok = (c: string | undefined) => c !== undefined && /[\w.-]/.test(c);
  let a = start;
  let b = end;
  while (a > 0 && start - a < 8192 && ok(text[a - 1])) a--;
  while (b < text.length && b - end < 8192 && ok(text[b])) b++;
  return text.slice(a, b);
}

/** URL spans of markdown images and <img src> on a line. */
function imageUrls(line: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of line.matchAll(/!\[[^\]\n]{0,200}\]\(\s*<?([^)\s>]{1,2000})/g)) out.push([m.index + m[0].length - m[1].length, m.index + m[0].length]);
  for (const m of line.matchAll(/<img\b[^>]{0,400}?\bsrc\s*=\s*["']([^"']{1,2000})["']/gi)) out.push([m.index + m[0].length - m[1].length - 1, m.index + m[0].length - 1]);
  return out;
}

/** camelCase / PascalCase / snake_case words, each with a vowel: a name in code, not a key. */
export function isCodeIdentifier(value: string): boolean {
  const parts = /^[a-z]{2,}(?:[A-Z][a-z]+){2,}$|^(?:[A-Z][a-z]+){3,}$/.test(value)
    ? value.split(/(?=[A-Z])/)
    : /^[a-z]{2,}(?:_[a-z]{2,}){2,}$|^[A-Z]{2,}(?:_[A-Z]{2,}){2,}$/.test(value) ? value.split('_') : undefined;
  return !!parts && parts.every((p) => /[aeiouy]/i.test(p));
}

/**
 * Why a match is not a finding, or undefined when it is one. `prefixed`: the value starts with its
 * rule's own secret prefix (`sk_live_`), so a public-sounding name (`STRIPE_PUBLISHABLE_KEY=`),
 * which a pull request writes, does not excuse it, nor does the image URL around it (docs/security.md,
 * "Wording never excuses a key").
 */
export function publicByDesign(value: string, confidence: Confidence, fragment: Fragment, start: number, end: number, prefixed = false): string | undefined {
  if (isPublicIdentifier(value)) return 'a publishable key or public identifier';
  // Whatever rule caught it (or a part of it): an unsigned, claimless or anon (client) JWT is not a credential.
  // Only a match that is a JWT or one of its dotted parts is looked at (cheap on any input).
  const jwtLike = value.startsWith('eyJ') || fragment.text[start - 1] === '.' || fragment.text[end] === '.';
  const jwt = jwtLike ? enclosingToken(fragment.text, start, end) : '';
  if (jwt && /^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]*$/.test(jwt) && !credentialJwt(jwt)) return 'a JWT that is not a credential';
  if (confidence === 'high') return undefined;
  const { before, line, at } = lineAround(fragment.text, start, end);
  if (!prefixed && PUBLIC_NAME.some((re) => re.test(before))) return 'a key published for client-side use';
  // A badge's token (Codecov's graph token) has no provider prefix; a prefixed key pasted into an
  // image URL is still a key, and a pull request writes the URL around it (docs/security.md).
  if (!prefixed && imageUrls(line).some(([a, b]) => at + a <= start && end <= at + b)) return 'inside an image URL (a badge)';
  if (isCodeIdentifier(value)) return 'a code identifier';
  return undefined;
}
