// Validates one raw rule object (from rules/*.yaml or .keysprawl.yaml) into a pattern Rule, or,
// for a built-in pack entry with `detector:`, into a structured rule's metadata (no pattern).
// Collects every problem instead of stopping at the first, each as "<file>: <id>: <field>: <problem>".
import { CONTENT_KINDS, type ContentKind } from '../contracts/fragment.js';
import type { Confidence } from '../contracts/match.js';
import type { Lifetime, Privilege, Rule, RuleCapture, RuleCategory, RuleExamples, RuleMeta, RulePattern, Scope, StructuredRule } from '../contracts/rule.js';
import { VALIDATORS } from '../detect/validators.js';

const CATEGORIES: RuleCategory[] = [
  'llm', 'agent-platform', 'vector-db', 'cloud', 'scm', 'ci', 'payments',
  'messaging', 'database', 'observability', 'saas', 'generic', 'posture',
];
const PRIVILEGES: Privilege[] = ['admin', 'write', 'read', 'unknown'];
const SCOPES: Scope[] = ['org', 'account', 'project', 'resource', 'unknown'];
const LIFETIMES: Lifetime[] = ['long-lived', 'short-lived', 'derived'];
const CONFIDENCES: Confidence[] = ['high', 'medium', 'low'];
const META_FIELDS = [
  'id', 'name', 'provider', 'category', 'privilege', 'scope', 'lifetime', 'confidence', 'description',
  'remediation', 'references', 'examples', 'tags', 'maxScore',
];
const PATTERN_FIELDS = ['keywords', 'regex', 'flags', 'secretGroup', 'validate', 'onInvalid', 'entropy', 'contentKinds'];
const STRUCTURED_FIELDS = ['detector', 'exampleFile'];
const CAPTURE_FIELDS = new Set(['text', 'secret', 'line', 'column']);

type Bad = (field: string, what: string) => void;

/** Typed readers over one raw rule mapping; each reports a bad field and returns a fallback. */
function fieldReader(r: Record<string, unknown>, bad: Bad) {
  const str = (field: string, required: boolean): string | undefined => {
    const v = r[field];
    if (v === undefined) {
      if (required) bad(field, 'required');
      return undefined;
    }
    if (typeof v !== 'string' || !v.trim()) {
      bad(field, 'must be a non-empty string');
      return undefined;
    }
    return v;
  };
  const oneOf = <T extends string>(field: string, allowed: readonly T[], fallback?: T): T | undefined => {
    const v = r[field];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'string' || !allowed.includes(v as T)) {
      bad(field, `must be one of ${allowed.join(', ')}`);
      return undefined;
    }
    return v as T;
  };
  const strList = (field: string, required: boolean): string[] => {
    const v = r[field];
    if (v === undefined) {
      if (required) bad(field, 'required');
      return [];
    }
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      bad(field, 'must be a list of strings');
      return [];
    }
    return v as string[];
  };
  return { str, oneOf, strList };
}
type Reader = ReturnType<typeof fieldReader>;

function readMeta(r: Record<string, unknown>, id: string, read: Reader, bad: Bad): Partial<RuleMeta> {
  const maxScore = r.maxScore;
  if (maxScore !== undefined && (typeof maxScore !== 'number' || maxScore < 0 || maxScore > 100)) {
    bad('maxScore', 'must be a number from 0 to 100');
  }
  return {
    id,
    name: read.str('name', true),
    provider: read.str('provider', true),
    category: read.oneOf('category', CATEGORIES),
    privilege: read.oneOf('privilege', PRIVILEGES, 'unknown'),
    scope: read.oneOf('scope', SCOPES, 'unknown'),
    lifetime: read.oneOf('lifetime', LIFETIMES, 'long-lived'),
    confidence: r.confidence === undefined ? undefined : read.oneOf('confidence', CONFIDENCES),
    ...(maxScore !== undefined ? { maxScore: maxScore as number } : {}),
    description: r.description === undefined ? undefined : read.str('description', false),
    remediation: read.str('remediation', true),
    references: read.strList('references', false),
    tags: r.tags === undefined ? undefined : read.strList('tags', false),
  };
}

function readPattern(r: Record<string, unknown>, read: Reader, bad: Bad): Partial<RulePattern> {
  const regex = read.str('regex', true);
  const flags = r.flags === undefined ? undefined : read.str('flags', false);
  if (flags !== undefined && !/^[ims]*$/.test(flags)) bad('flags', 'only i, m and s are allowed');
  const keywords = read.strList('keywords', false);
  if (keywords.some((k) => k !== k.toLowerCase() || !k)) bad('keywords', 'must be non-empty lower-case literals');
  const secretGroup = r.secretGroup === undefined ? 0 : r.secretGroup;
  if (typeof secretGroup !== 'number' || !Number.isInteger(secretGroup) || secretGroup < 0) {
    bad('secretGroup', 'must be a whole number ≥ 0');
  }
  if (regex !== undefined) {
    try {
      const groups = new RegExp(`${regex}|`).exec('')!.length - 1;
      if (typeof secretGroup === 'number' && secretGroup > groups) {
        bad('secretGroup', `regex has ${groups} capture group(s), secretGroup is ${secretGroup}`);
      }
      new RegExp(regex, `g${flags ?? ''}`);
    } catch (err) {
      bad('regex', `invalid regular expression: ${(err as Error).message}`);
    }
  }
  const validate = r.validate === undefined ? 'none' : read.str('validate', false) ?? 'none';
  if (validate !== 'none' && !(validate in VALIDATORS)) {
    bad('validate', `unknown validator "${validate}" (known: none, ${Object.keys(VALIDATORS).sort().join(', ')})`);
  }
  const entropy = r.entropy;
  if (entropy !== undefined && (typeof entropy !== 'number' || entropy < 0 || entropy > 8)) {
    bad('entropy', 'must be a number from 0 to 8 (bits per character)');
  }
  const contentKinds = r.contentKinds === undefined ? undefined : read.strList('contentKinds', false);
  if (contentKinds?.some((k) => !CONTENT_KINDS.includes(k as ContentKind))) {
    bad('contentKinds', `must be among ${CONTENT_KINDS.join(', ')}`);
  }
  return {
    keywords, regex, flags, secretGroup: secretGroup as number, validate,
    onInvalid: read.oneOf('onInvalid', ['drop', 'demote'] as const, 'drop'),
    entropy: entropy as number | undefined, contentKinds: contentKinds as ContentKind[] | undefined,
  };
}

/** A positive in its mapping form: the text, and what it must capture and where. */
function readCapture(v: Record<string, unknown>, at: string, example: number, bad: Bad): { text?: string; capture?: RuleCapture } {
  for (const key of Object.keys(v)) if (!CAPTURE_FIELDS.has(key)) bad(`${at}.${key}`, 'unknown field');
  if (typeof v.text !== 'string' || !v.text) bad(`${at}.text`, 'required, a non-empty string');
  if (v.secret !== undefined && (typeof v.secret !== 'string' || !v.secret)) bad(`${at}.secret`, 'must be a non-empty string');
  for (const k of ['line', 'column'] as const) {
    const n = v[k];
    if (n !== undefined && (typeof n !== 'number' || !Number.isInteger(n) || n < 1)) bad(`${at}.${k}`, 'must be a whole number ≥ 1');
  }
  if (v.secret === undefined && v.line === undefined && v.column === undefined) bad(at, 'a mapping positive says what it captures: secret, line or column');
  const capture: RuleCapture = { example };
  if (typeof v.secret === 'string') capture.secret = v.secret;
  if (typeof v.line === 'number') capture.line = v.line;
  if (typeof v.column === 'number') capture.column = v.column;
  return { text: typeof v.text === 'string' ? v.text : undefined, capture };
}

/** The examples mapping; a repeated case (same text twice in one list) is a problem, as in eslint's RuleTester. */
function readExamples(ex: unknown, bad: Bad): RuleExamples {
  const out: RuleExamples = { positive: [], negative: [] };
  if (typeof ex !== 'object' || ex === null || Array.isArray(ex)) {
    bad('examples', 'required: a mapping with positive and negative lists');
    return out;
  }
  const e = ex as Record<string, unknown>;
  for (const key of Object.keys(e)) if (key !== 'positive' && key !== 'negative') bad(`examples.${key}`, 'unknown field');
  const captures: RuleCapture[] = [];
  for (const k of ['positive', 'negative'] as const) {
    const v = e[k];
    if (!Array.isArray(v) || v.length === 0) {
      bad(`examples.${k}`, `required: a non-empty list of strings${k === 'positive' ? ' (or {text, secret, line, column} mappings)' : ''}`);
      continue;
    }
    v.forEach((item: unknown, i) => {
      const at = `examples.${k}[${i}]`;
      let text: string | undefined;
      if (typeof item === 'string') text = item;
      else if (k === 'positive' && typeof item === 'object' && item !== null && !Array.isArray(item)) {
        const read = readCapture(item as Record<string, unknown>, at, i, bad);
        text = read.text;
        if (read.capture) captures.push(read.capture);
      } else bad(at, k === 'positive' ? 'must be a string or a {text, secret, line, column} mapping' : 'must be a string');
      if (text === undefined) return;
      const first = out[k].indexOf(text);
      if (first >= 0) bad(at, `duplicate case (same as examples.${k}[${first}])`);
      out[k].push(text);
    });
  }
  if (captures.length) out.captures = captures;
  return out;
}

/**
 * One rule pack entry: a pattern rule, or (with `detector:`, only where `structured` is allowed,
 * i.e. the built-in packs) the metadata of a structured detector's rule.
 */
export function validateRuleEntry(raw: unknown, where: string, problems: string[], structured = true): Rule | StructuredRule | undefined {
  const before = problems.length;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push(`${where}: expected a rule mapping`);
    return undefined;
  }
  const r = raw as Record<string, unknown>;
  const id = typeof r.id === 'string' && r.id ? r.id : undefined;
  const at = id ? `${where}: ${id}` : where;
  const bad: Bad = (field, what) => problems.push(`${at}: ${field}: ${what}`);
  if (!id) bad('id', 'required, a non-empty string');
  else if (!/^[a-z0-9][a-z0-9./-]*$/.test(id)) bad('id', 'lower-case letters, digits, "-", "." and "/" only');
  const isStructured = structured && r.detector !== undefined;
  const known = new Set([...META_FIELDS, ...(isStructured ? STRUCTURED_FIELDS : PATTERN_FIELDS)]);
  for (const key of Object.keys(r)) {
    if (known.has(key)) continue;
    if (isStructured && PATTERN_FIELDS.includes(key)) bad(key, 'a structured rule (detector:) has no pattern fields');
    else bad(key, 'unknown field');
  }
  const read = fieldReader(r, bad);
  const meta = readMeta(r, id ?? '', read, bad);
  if (isStructured) {
    const detector = read.str('detector', true);
    const exampleFile = read.str('exampleFile', true);
    const examples = readExamples(r.examples, bad);
    if (problems.length > before) return undefined;
    return { ...(meta as RuleMeta), detector: detector!, exampleFile: exampleFile!, examples };
  }
  const p = readPattern(r, read, bad) as RulePattern;
  const examples = readExamples(r.examples, bad);
  if (problems.length > before) return undefined;
  const m = meta as RuleMeta;
  // The field order of the rules.json and `rules list --json` output since the first release.
  return {
    id: m.id, name: m.name, provider: m.provider, category: m.category, keywords: p.keywords, regex: p.regex,
    flags: p.flags, secretGroup: p.secretGroup, validate: p.validate, onInvalid: p.onInvalid,
    entropy: p.entropy, privilege: m.privilege, scope: m.scope, lifetime: m.lifetime,
    confidence: m.confidence, description: m.description, remediation: m.remediation, references: m.references,
    ...(m.maxScore !== undefined ? { maxScore: m.maxScore } : {}),
    examples, contentKinds: p.contentKinds, tags: m.tags,
  };
}

/** A pattern rule (a user's rule in .keysprawl.yaml or a file given to `rules test`). */
export function validateRule(raw: unknown, where: string, problems: string[]): Rule | undefined {
  return validateRuleEntry(raw, where, problems, false) as Rule | undefined;
}

export const isStructuredRule = (r: Rule | StructuredRule): r is StructuredRule => 'detector' in r;
