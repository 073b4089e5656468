// The one place problems become words: a template per problem code. Parsers say what is wrong
// (code + data); this module says it to a person, "<file>: <key path>: <what to fix>".
type Data = Record<string, unknown>;
type Template = (d: Data, path: string) => string;

const list = (v: unknown): string => (Array.isArray(v) ? v.join(', ') : String(v));
const opt = (v: unknown, before = ''): string => (v === undefined || v === '' ? '' : `${before}${String(v)}`);

const TEMPLATES = {
  // Shapes (any parser)
  'invalid-value': (d) => `must be ${String(d.expected)}${opt(d.found, ', found ')}`,
  required: (d) => `required${opt(d.expected, String(d.join ?? ': '))}`,
  'unknown-key': (d) => `unknown key (expected ${d.oneOf ? 'one of ' : ''}${list(d.expected)})`,
  'unknown-field': () => 'unknown field',
  'expected-top': (d) => `expected ${String(d.expected)} at the top level${opt(d.found, ', found ')}`,
  'not-a': (d) => `not a ${String(d.what)}: ${String(d.reason)}`,
  'invalid-json': (d) => `not a ${String(d.what)}: invalid JSON (${String(d.reason)})`,
  'invalid-yaml': (d) => `invalid YAML${d.line ? ` at line ${String(d.line)}, column ${String(d.column)}` : ''}: ${String(d.reason)}`,
  'cannot-read': (d) => `cannot read ${String(d.what)} (${String(d.reason)})${opt(d.hint, ' ')}`,
  'cannot-read-folder': (d) => `cannot read ${String(d.what)} folder: ${String(d.reason)}`,
  'schema-tag': (d) => `expected "${String(d.expected)}", found ${String(d.found)}${opt(d.hint, ' ')}`,
  // Globs and regular expressions
  'glob-multiline': () => 'a glob must be one line',
  'glob-invalid': (d) => `invalid glob: ${String(d.reason)}`,
  'regex-invalid': (d) => `invalid regular expression: ${String(d.reason)}`,
  'regex-unsafe': (d) => String(d.reason),
  'regex-flags': () => 'only i, m and s are allowed',
  // .keysprawl.yaml
  'allowlist-every-file': () => 'matches every file, so it would hide every finding: name the folders or files to allow',
  'allowlist-any-key': () => 'matches any key-like value, so it would hide real keys: anchor it to what you allow, e.g. ^sk-test-',
  'stopword-short': (d) => `${String(d.found)} is shorter than ${String(d.min)} characters: real keys contain it by chance`,
  'format-unknown': (d) => `unknown format "${String(d.format)}" (expected ${list(d.expected)})`,
  'format-stdout-clash': () => 'more than one format would write to standard output: give each extra format an output file',
  'config-escapes': (d) => `${String(d.why)}: a repository's config may only ${String(d.may)}; pass ${String(d.flag)} FILE instead`,
  'unknown-rule-id': (d) => `unknown rule id "${String(d.id)}" (keysprawl rules list shows the ids)`,
  // Rules (rule packs and custom rules)
  'not-a-rule': () => 'expected a rule mapping',
  'rule-id-format': () => 'lower-case letters, digits, "-", "." and "/" only',
  'duplicate-id': (d) => `duplicate id "${String(d.id)}" (also ${String(d.also)})`,
  'secret-group-range': (d) => `regex has ${String(d.groups)} capture group(s), secretGroup is ${String(d.group)}`,
  'validator-unknown': (d) => `unknown validator "${String(d.name)}" (known: ${list(d.known)})`,
  'example-failed': (d) => String(d.reason),
  'example-wrapped': (d, path) => `${path} in ${String(d.syntax)}: ${String(d.reason)}`,
  'duplicate-case': (d) => `duplicate case (same as ${String(d.first)})`,
  'structured-pattern-field': () => 'a structured rule (detector:) has no pattern fields',
  'capture-missing': () => 'a mapping positive says what it captures: secret, line or column',
  // JSON reports read back (merge, explain --from, sweep state): the path is part of the sentence.
  'report-invalid': (d, path) => `not a valid keysprawl ${d.sweep ? 'sweep' : 'JSON'} report: ${path || 'the top level'} ${String(d.what)}`,
  'report-schema-tag': (d) => `not a keysprawl JSON report: schema is ${String(d.found)}, expected "${String(d.expected)}"`,
  // Baseline imports
  'not-detect-secrets': () => 'expected a mapping of file → secrets (is this a detect-secrets .secrets.baseline?)',
  'gitleaks-line-skipped': () => 'not a gitleaks fingerprint (expected [commit:]file:rule-id:line), skipped',
  'no-fingerprints': () => 'no fingerprints found',
  'entry-skipped': (d) => `expected ${String(d.expected)}, skipped`,
  'audited-real': (d) => `${String(d.count)} entr${d.count === 1 ? 'y was' : 'ies were'} audited as real secrets (is_secret: true): baselined, but rotate them`,
  // Anything a caller words itself (a command's own check).
  usage: (d) => String(d.message),
} satisfies Record<string, Template>;

export type ProblemCode = keyof typeof TEMPLATES;

/** Codes whose sentence carries the key path itself, so it is not put in front. */
const PATH_IN_SENTENCE = new Set<ProblemCode>(['report-invalid', 'report-schema-tag', 'example-wrapped']);

/** What the problem says, without file or path. */
export function problemText(p: { code: ProblemCode; path: string; data?: Data }): string {
  return (TEMPLATES[p.code] as Template)(p.data ?? {}, p.path);
}

/** `rules[3].regex` shown as `rules[3]: <id>: regex` when the problem asks to name its rule. */
function where(p: { code: ProblemCode; path: string; data?: Data }): string {
  if (PATH_IN_SENTENCE.has(p.code)) return '';
  if (!p.data?.showRule) return p.path;
  const id = String(p.data.ruleId);
  const m = /^(rules\[\d+\])(?:\.(.+))?$/.exec(p.path);
  return (m ? [m[1], id, m[2]] : [id, p.path]).filter((s) => s).join(': ');
}

/** One line: "<file>[:<line>]: <key path>: <what>" (file and path left out when unknown or empty). */
export function renderProblem(p: { code: ProblemCode; path: string; file?: string; line?: number; data?: Data }): string {
  const file = p.file && p.line ? `${p.file}:${p.line}` : p.file;
  return [file, where(p), problemText(p)].filter((s) => s).join(': ');
}
