// Validates one raw rule object (from rules/*.yaml or .keysprawl.yaml) into a Rule.
// Collects every problem instead of stopping at the first, each as "<file>: <id>: <field>: <problem>".
import type { Confidence, ContentKind, Lifetime, Privilege, Rule, RuleCategory, Scope } from '../types.js';
import { CONTENT_KINDS } from '../types.js';
import { VALIDATORS } from '../detect/validators.js';

const CATEGORIES: RuleCategory[] = [
  'llm', 'agent-platform', 'vector-db', 'cloud', 'scm', 'ci', 'payments',
  'messaging', 'database', 'observability', 'saas', 'generic', 'posture',
];
const PRIVILEGES: Privilege[] = ['admin', 'write', 'read', 'unknown'];
const SCOPES: Scope[] = ['org', 'account', 'project', 'resource', 'unknown'];
const LIFETIMES: Lifetime[] = ['long-lived', 'short-lived', 'derived'];
const CONFIDENCES: Confidence[] = ['high', 'medium', 'low'];
const KNOWN_FIELDS = new Set([
  'id', 'name', 'provider', 'category', 'keywords', 'regex', 'flags', 'secretGroup', 'validate',
  'onInvalid', 'entropy', 'privilege', 'scope', 'lifetime', 'confidence', 'description',
  'remediation', 'references', 'examples', 'contentKinds', 'tags', 'maxScore',
]);

export function validateRule(raw: unknown, where: string, problems: string[]): Rule | undefined {
  const before = problems.length;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push(`${where}: expected a rule mapping`);
    return undefined;
  }
  const r = raw as Record<string, unknown>;
  const id = typeof r.id === 'string' && r.id ? r.id : undefined;
  const at = id ? `${where}: ${id}` : where;
  const bad = (field: string, what: string) => problems.push(`${at}: ${field}: ${what}`);
  if (!id) bad('id', 'required, a non-empty string');
  else if (!/^[a-z0-9][a-z0-9./-]*$/.test(id)) bad('id', 'lower-case letters, digits, "-", "." and "/" only');
  for (const key of Object.keys(r)) if (!KNOWN_FIELDS.has(key)) bad(key, 'unknown field');

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

  const name = str('name', true);
  const provider = str('provider', true);
  const category = oneOf('category', CATEGORIES);
  const regex = str('regex', true);
  const flags = r.flags === undefined ? undefined : str('flags', false);
  if (flags !== undefined && !/^[ims]*$/.test(flags)) bad('flags', 'only i, m and s are allowed');
  const keywords = strList('keywords', false);
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
  const validate = r.validate === undefined ? 'none' : str('validate', false) ?? 'none';
  if (validate !== 'none' && !(validate in VALIDATORS)) {
    bad('validate', `unknown validator "${validate}" (known: none, ${Object.keys(VALIDATORS).sort().join(', ')})`);
  }
  const onInvalid = oneOf('onInvalid', ['drop', 'demote'] as const, 'drop');
  const entropy = r.entropy;
  if (entropy !== undefined && (typeof entropy !== 'number' || entropy < 0 || entropy > 8)) {
    bad('entropy', 'must be a number from 0 to 8 (bits per character)');
  }
  const maxScore = r.maxScore;
  if (maxScore !== undefined && (typeof maxScore !== 'number' || maxScore < 0 || maxScore > 100)) {
    bad('maxScore', 'must be a number from 0 to 100');
  }
  const privilege = oneOf('privilege', PRIVILEGES, 'unknown');
  const scope = oneOf('scope', SCOPES, 'unknown');
  const lifetime = oneOf('lifetime', LIFETIMES, 'long-lived');
  const confidence = r.confidence === undefined ? undefined : oneOf('confidence', CONFIDENCES);
  const description = r.description === undefined ? undefined : str('description', false);
  const remediation = str('remediation', true);
  const references = strList('references', false);
  const contentKinds = r.contentKinds === undefined ? undefined : strList('contentKinds', false);
  if (contentKinds?.some((k) => !CONTENT_KINDS.includes(k as ContentKind))) {
    bad('contentKinds', `must be among ${CONTENT_KINDS.join(', ')}`);
  }
  const tags = r.tags === undefined ? undefined : strList('tags', false);

  let positive: string[] = [];
  let negative: string[] = [];
  const ex = r.examples;
  if (typeof ex !== 'object' || ex === null || Array.isArray(ex)) {
    bad('examples', 'required: a mapping with positive and negative lists');
  } else {
    const e = ex as Record<string, unknown>;
    for (const key of Object.keys(e)) if (key !== 'positive' && key !== 'negative') bad(`examples.${key}`, 'unknown field');
    const list = (k: 'positive' | 'negative'): string[] => {
      const v = e[k];
      if (!Array.isArray(v) || v.length === 0 || v.some((x) => typeof x !== 'string')) {
        bad(`examples.${k}`, 'required: a non-empty list of strings');
        return [];
      }
      return v as string[];
    };
    positive = list('positive');
    negative = list('negative');
  }

  if (problems.length > before) return undefined;
  return {
    id: id!, name: name!, provider: provider!, category: category!, keywords, regex: regex!,
    flags, secretGroup: secretGroup as number, validate, onInvalid: onInvalid!,
    entropy: entropy as number | undefined, privilege: privilege!, scope: scope!, lifetime: lifetime!,
    confidence, description, remediation: remediation!, references,
    ...(maxScore !== undefined ? { maxScore: maxScore as number } : {}),
    examples: { positive, negative }, contentKinds: contentKinds as ContentKind[] | undefined, tags,
  };
}
