// Values that look like keys but are not: placeholders, template references, documented
// examples, and well-known non-secret shapes (UUIDs, hashes, lockfile integrity strings).

import { shannonEntropy } from './entropy.js';
import { nkeyPublic } from './nkey.js';
import { PUBLISHED_SAMPLES } from './published-samples.js';

/**
 * Credentials providers and specifications publish as examples (AWS's documentation keys, Google's
 * Maps sample key, the OAuth and JOSE RFCs' sample secrets and nonces): data, in
 * published-samples.ts, each with its source. Matched exactly, so a one-character variant is
 * still reported.
 */
const DOCUMENTED_EXAMPLES: ReadonlySet<string> = new Set(PUBLISHED_SAMPLES.map((s) => s.value));

/** True when the value is, exactly, a credential published as an example. */
export function isPublishedSample(value: string): boolean {
  return DOCUMENTED_EXAMPLES.has(value);
}

const PLACEHOLDER_WORDS =
  /(your|my|insert|replace|enter|put|add)[-_ ]?(api|access|secret|own)?[-_ ]?(key|token|secret|password|here)|placeholder|changeme|change[-_]me|example|dummy|sample|redacted|xxxx|\*\*\*\*|<[^>]*>|\.\.\.|\u2026|lorem|notreal|not[-_]a[-_]real|fake|foobar|todo/i;

const TEMPLATE_REFERENCE =
  /^\$\{[^}]*\}$|^\$\(.*\)$|^\$[A-Z_][A-Z0-9_]*$|\{\{.*\}\}|^%\(?[\w.]+\)?s?%?$|^%[A-Z_]+%$|process\.env|os\.environ|os\.getenv|getenv\(|System\.getenv|ENV\[|secrets\.|vars\.|\$\{\{/;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX_HASH = /^[0-9a-f]{32}$|^[0-9a-f]{40}$|^[0-9a-f]{56}$|^[0-9a-f]{64}$|^[0-9a-f]{96}$|^[0-9a-f]{128}$/;
const INTEGRITY = /^(sha1|sha256|sha384|sha512)-[A-Za-z0-9+/]+=*$/;

/** Length of the longest tail of `s` that repeats a unit of 1 to 4 characters (…12312312312). */
function periodicTail(s: string): number {
  let best = 0;
  for (let p = 1; p <= 4; p++) {
    let i = s.length - p - 1;
    while (i >= 0 && s[i] === s[i + p]) i--;
    best = Math.max(best, s.length - 1 - i);
  }
  return best;
}

/** True when the value is repeated characters or a plain run like abcdef / 123456. */
export function isLowVariety(value: string): boolean {
  const core = value.replace(/^[A-Za-z]+[-_]/, ''); // ignore a provider prefix
  if (core.length === 0) return true;
  if (new Set(core).size <= 3) return true;
  // A body that ends in one short unit repeated (GR1348941 + 123123123...): typed, not generated.
  if (periodicTail(core) >= Math.max(12, core.length * 0.6)) return true;
  let runs = 0;
  for (let i = 1; i < core.length; i++) {
    const d = core.charCodeAt(i) - core.charCodeAt(i - 1);
    if (d === 1 || d === -1 || d === 0) runs++;
  }
  return runs / (core.length - 1) > 0.6;
}

export type PlaceholderVerdict = { placeholder: true; reason: string } | { placeholder: false };

/** Markers no random key contains: always a placeholder, however random the rest looks. */
const PLACEHOLDER_MARKS = /xxxx|\*\*\*\*|<[^>]*>|\.\.\.|\u2026/i;
/**
 * Documentation keys say so in capitals: AWS's end in EXAMPLE or EXAMPLEKEY (AKIAIOSFODNN7EXAMPLE),
 * others carry EXAMPLE inside the body (ABSK...EXAMPLE..., ghp_...EXAMPLE...). Seven given
 * capitals in a row are no chance in a random body.
 */
const EXAMPLE_SUFFIX = /EXAMPLE/;

/**
 * A comment after the value that says the key is not real: "# fake", "// dummy key for tests",
 * "# FP", "/* not a real key *\/". Read on the rest of the value's line only, so a real key
 * next to an unrelated comment elsewhere in the file is not excused.
 */
const FAKE_NOTE = /(?:#|(?<!:)\/\/|\/\*|<!--|\s--\s)[^\n]{0,80}?\b(?:fake|dummy|not\s+(?:a\s+)?real|FP|false\s+positive|placeholder|example)\b(?![./-])/i;

export function restOfLineSaysFake(after: string): boolean {
  const end = after.indexOf('\n');
  return FAKE_NOTE.test(end < 0 ? after.slice(0, 200) : after.slice(0, Math.min(end, 200)));
}

export function placeholderVerdict(value: string): PlaceholderVerdict {
  if (DOCUMENTED_EXAMPLES.has(value)) return { placeholder: true, reason: 'documented example' };
  if (TEMPLATE_REFERENCE.test(value)) return { placeholder: true, reason: 'template or environment reference' };
  if (PLACEHOLDER_MARKS.test(value) || EXAMPLE_SUFFIX.test(value)) return { placeholder: true, reason: 'placeholder text' };
  // A word like "fake" or "sample" inside a long random value is chance, not a placeholder:
  // only look for words in values that are not random-looking.
  if (!looksRandom(value) && PLACEHOLDER_WORDS.test(value)) return { placeholder: true, reason: 'placeholder text' };
  if (isLowVariety(value)) return { placeholder: true, reason: 'repeated or sequential characters' };
  return { placeholder: false };
}

/** Long and high in entropy: what a generated key looks like (bits per character ≥ 4.2). */
function looksRandom(value: string): boolean {
  return value.length >= 32 && shannonEntropy(value) >= 4.2;
}

/** Shapes that are identifiers or digests, never credentials on their own. */
export function isKnownNonSecretShape(value: string): boolean {
  return UUID.test(value) || HEX_HASH.test(value) || INTEGRITY.test(value);
}

/**
 * Identifiers that providers publish or embed client-side: publishable keys, object and client
 * ids. They look random but grant nothing; only the generic detectors consult this (a provider
 * rule never matches them).
 */
const PUBLIC_IDENTIFIER = new RegExp([
  '^pk_(?:live|test)_[A-Za-z0-9]{16,}$', // Stripe publishable key
  '^(?:price|prod|cus|pi|ch|sub|in|ii|evt|acct|we|pm|seti|src|txn|re|po|card|ba|cs|plink|promo|si|sli|il|ord)_[A-Za-z0-9]{8,40}$', // Stripe-style object ids
  '^phc_[A-Za-z0-9]{30,}$', // PostHog project key (client-side)
  '^(?:Iv1\\.[0-9a-f]{16}|Iv23[A-Za-z0-9]{16}|Ov23[A-Za-z0-9]{16})$', // GitHub App / OAuth client id
  '\\.apps\\.googleusercontent\\.com$', // Google OAuth client id
  '^(?:org|proj)[-_][A-Za-z0-9]{20,}$', // OpenAI organisation / project id
  '^0oa[A-Za-z0-9]{17}$', // Okta application (client) id
  '^pk\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$', // Mapbox public token
].join('|'));

export function isPublicIdentifier(value: string): boolean {
  return (PUBLIC_IDENTIFIER.test(value) && !/_secret_/.test(value)) || nkeyPublic(value); // a NATS public NKEY
}

/**
 * Words that call a value a stand-in, as whole words of a name or a line: `EXAMPLE_KEY`,
 * `dummyToken`, `# sample:`, `fake_secret`, `changeme`. Not part of a host name or a path
 * (`api.example.com`, `examples/agent.py` say nothing about the value).
 */
const ADJACENT_WORD =
  /(?<![A-Za-z0-9]|[A-Za-z0-9][./])(example|sample|dummy|fake|placeholder|change[-_ ]?me)s?(?![A-Za-z0-9]|[./][A-Za-z0-9])/i;
/** `your-api-key-here`, `your_token_here`, `your key here`. */
const YOUR_HERE = /(?<![A-Za-z0-9])your[-_ ](?:[A-Za-z0-9]+[-_ ]){0,4}here(?![A-Za-z0-9])/i;
/** Characters that end the statement or item a value belongs to: what lies beyond is about another value. */
const ITEM_END = /[,;{}[\]&|]/;
/** How far along the value's line the wording may be: the name and label before it, a remark after it. */
const ADJACENT_BEFORE = 120;
const ADJACENT_AFTER = 80;

/** camelCase → camel Case, so the words of `dummyApiKey` are seen. */
const splitCamel = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1 $2');

function adjacentWord(text: string): string | undefined {
  const split = splitCamel(text);
  const word = ADJACENT_WORD.exec(split)?.[0] ?? YOUR_HERE.exec(split)?.[0];
  return word?.toLowerCase();
}

/**
 * Why a value in a live format is *placeholder-adjacent*, or undefined: the wording next to it
 * calls it an example, so it is most likely a documented or made-up key, but nothing in the
 * value itself proves it (placeholderVerdict found nothing). Such a key is still reported; its
 * band is low (src/score/bands.ts). Narrow on purpose, only what sits next to the value:
 *
 * - a name it is assigned to (the config key or flag name the detector saw, given in `names`)
 *   has one of the words example, sample, dummy, fake, placeholder, changeme as a word;
 * - the value's own line says so, within the item the value belongs to: up to 120 characters
 *   before it (its name, a label, a leading comment) and 80 after it, each cut at the first
 *   `,` `;` `{` `}` `[` `]` `&` `|` (so in `{'example_input': 1, 'api_key': 'sk-…'}` the other
 *   item does not count): one of those words, or `your-…-here`.
 *
 * The value itself is never read (a random key holds "fake" by chance), nor other lines, nor
 * host names and paths (`api.example.com`, `examples/`).
 */
export function placeholderAdjacent(text: string, start: number, end: number, names: readonly (string | undefined)[] = []): string | undefined {
  for (const name of names) {
    const word = name ? adjacentWord(name) : undefined;
    if (word) return `the name ${name} says "${word}"`;
  }
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let before = text.slice(Math.max(lineStart, start - ADJACENT_BEFORE), start);
  for (let i = before.length - 1; i >= 0; i--) {
    if (ITEM_END.test(before[i])) {
      before = before.slice(i + 1);
      break;
    }
  }
  const nl = text.indexOf('\n', end);
  let after = text.slice(end, Math.min(nl < 0 ? text.length : nl, end + ADJACENT_AFTER));
  const cut = after.search(ITEM_END);
  if (cut >= 0) after = after.slice(0, cut);
  const word = adjacentWord(before) ?? adjacentWord(after);
  return word ? `its line says "${word}"` : undefined;
}
