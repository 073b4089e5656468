// The rule schema (rules/*.yaml and `rules:` in .keysprawl.yaml): valibot schemas for the shape of
// a pattern rule and of a structured detector's rule metadata (`detector:`, built-in packs only),
// then the checks a schema cannot say (the regex compiles, secretGroup exists, no case twice).
// Every problem is a value with a path inside the rule (`regex`, `examples.positive[1].line`) and
// the rule's id; nothing throws. The same schema writes schema/rule-pack.schema.json.
import { type Problem } from '../problems/problem.js';
import { check, closedObject, mustBe, nonEmptyString, optionalExcept, regexReason, says } from '../problems/schema-kit.js';
import * as v from 'valibot';
import { CONTENT_KINDS, type ContentKind } from '../contracts/fragment.js';
import type { Confidence } from '../contracts/match.js';
import type { Lifetime, Privilege, Rule, RuleCapture, RuleCategory, RuleExamples, Scope, StructuredRule } from '../contracts/rule.js';
import { VALIDATORS } from '../detect/validators.js';

const CATEGORIES: RuleCategory[] = [
  'llm', 'agent-platform', 'vector-db', 'cloud', 'scm', 'ci', 'payments',
  'messaging', 'database', 'observability', 'saas', 'generic', 'posture',
];
const PRIVILEGES: Privilege[] = ['admin', 'write', 'read', 'unknown'];
const SCOPES: Scope[] = ['org', 'account', 'project', 'resource', 'unknown'];
const LIFETIMES: Lifetime[] = ['long-lived', 'short-lived', 'derived'];
const CONFIDENCES: Confidence[] = ['high', 'medium', 'low'];
const ID = /^[a-z0-9][a-z0-9./-]*$/;

const oneOf = <T extends string>(allowed: readonly T[]) => v.picklist(allowed, mustBe(`one of ${allowed.join(', ')}`, false));
const text = () => nonEmptyString(false);
const strings = () => v.array(v.string(mustBe('a list of strings', false, { atList: true })), mustBe('a list of strings', false));
const between = (min: number, max: number, msg: string) =>
  v.pipe(v.number(mustBe(msg, false)), v.minValue(min, mustBe(msg, false)), v.maxValue(max, mustBe(msg, false)));
const whole = (min: number) => {
  const msg = mustBe(`a whole number ≥ ${min}`, false);
  return v.pipe(v.number(msg), v.integer(msg), v.minValue(min, msg));
};
const validatorName = () => v.pipe(
  text(),
  v.check((name) => name === 'none' || Object.hasOwn(VALIDATORS, name), (issue) =>
    JSON.stringify({ code: 'validator-unknown', data: { name: issue.input, known: ['none', ...Object.keys(VALIDATORS).sort()] } })),
);

// The schemas are built on first use, not at start-up: a scan that reads the precompiled rule set
// parses no pack (building them was ~2 ms of every start; docs/performance.md).
function buildSchemas() {
  /** A positive in its mapping form: the text, and what it must capture and where (eslint RuleTester style). */
  const CAPTURE_SCHEMA = v.pipe(
    closedObject(
      optionalExcept({ text: v.pipe(v.string(says('required', { expected: 'a non-empty string', join: ', ' })), v.minLength(1, says('required', { expected: 'a non-empty string', join: ', ' }))), secret: text(), line: whole(1), column: whole(1) }, ['text']),
      { message: mustBe('a string or a {text, secret, line, column} mapping', false), required: { text: { expected: 'a non-empty string', join: ', ' } }, unknown: 'unknown-field' },
    ),
    v.check((c) => c.secret !== undefined || c.line !== undefined || c.column !== undefined, says('capture-missing')),
  );

  function examplesSchema(captures: boolean) {
    const listMsg = says('required', { expected: `a non-empty list of strings${captures ? ' (or {text, secret, line, column} mappings)' : ''}` });
    const item = captures
      ? v.union([v.string(), CAPTURE_SCHEMA], mustBe('a string or a {text, secret, line, column} mapping', false))
      : v.string(mustBe('a string', false));
    return v.pipe(v.array(item, listMsg), v.minLength(1, listMsg));
  }

  const EXAMPLES_SCHEMA = closedObject(
    { positive: examplesSchema(true), negative: examplesSchema(false) },
    {
      message: says('required', { expected: 'a mapping with positive and negative lists' }),
      required: {
        positive: 'a non-empty list of strings (or {text, secret, line, column} mappings)',
        negative: 'a non-empty list of strings',
      },
      unknown: 'unknown-field',
    },
  );

  /** Fields every rule has: what it is, how bad, what to do; and its examples. */
  const META = {
    id: v.pipe(
      v.string(says('required', { expected: 'a non-empty string', join: ', ' })),
      v.minLength(1, says('required', { expected: 'a non-empty string', join: ', ' })),
      v.regex(ID, says('rule-id-format')),
    ),
    name: text(),
    provider: text(),
    category: oneOf(CATEGORIES),
    privilege: oneOf(PRIVILEGES),
    scope: oneOf(SCOPES),
    lifetime: oneOf(LIFETIMES),
    confidence: oneOf(CONFIDENCES),
    description: text(),
    remediation: text(),
    references: strings(),
    examples: EXAMPLES_SCHEMA,
    tags: strings(),
    maxScore: between(0, 100, 'a number from 0 to 100'),
  };
  const META_REQUIRED = ['id', 'name', 'provider', 'category', 'remediation', 'examples'];
  const REQUIRED_SAID = {
    id: { expected: 'a non-empty string', join: ', ' }, name: '', provider: '', regex: '', remediation: '', detector: '', exampleFile: '',
    category: mustBe(`one of ${CATEGORIES.join(', ')}`, false),
    examples: 'a mapping with positive and negative lists',
  };

  /** Fields of a pattern rule only. */
  const PATTERN = {
    keywords: v.pipe(strings(), v.check((ks) => ks.every((k) => k && k === k.toLowerCase()), mustBe('non-empty lower-case literals', false))),
    regex: text(),
    flags: v.pipe(text(), v.regex(/^[ims]*$/, says('regex-flags'))),
    secretGroup: whole(0),
    validate: validatorName(),
    onInvalid: oneOf(['drop', 'demote'] as const),
    entropy: between(0, 8, 'a number from 0 to 8 (bits per character)'),
    contentKinds: v.pipe(strings(), v.check((ks) => ks.every((k) => CONTENT_KINDS.includes(k as ContentKind)), mustBe(`among ${CONTENT_KINDS.join(', ')}`, false))),
  };
  const PATTERN_FIELDS = Object.keys(PATTERN);

  /** A pattern rule's shape. Defaults (validate none, privilege unknown, ...) are applied by parseRuleEntry. */
  const RULE_SCHEMA = closedObject(
    optionalExcept({ ...META, ...PATTERN }, [...META_REQUIRED, 'regex']),
    { message: says('not-a-rule'), required: REQUIRED_SAID, unknown: 'unknown-field' },
  );

  /** A structured detector's rule (built-in packs): metadata, the detector, the file its examples are scanned as. */
  const STRUCTURED_RULE_SCHEMA = closedObject(
    optionalExcept({ ...META, detector: text(), exampleFile: text() }, [...META_REQUIRED, 'detector', 'exampleFile']),
    { message: says('not-a-rule'), required: REQUIRED_SAID, unknown: 'unknown-field' },
  );

  /** A rule pack: a list of rules. */
  const RULE_PACK_SCHEMA = v.array(v.union([RULE_SCHEMA, STRUCTURED_RULE_SCHEMA]), says('expected-top', { expected: 'a list of rules' }));
  return { rule: RULE_SCHEMA, structured: STRUCTURED_RULE_SCHEMA, pack: RULE_PACK_SCHEMA, patternFields: PATTERN_FIELDS };
}

let built: ReturnType<typeof buildSchemas> | undefined;
const schemas = (): ReturnType<typeof buildSchemas> => (built ??= buildSchemas());

/** A pattern rule's shape. Defaults (validate none, privilege unknown, ...) are applied by parseRuleEntry. */
export const ruleSchema = (): ReturnType<typeof buildSchemas>['rule'] => schemas().rule;

/** A rule pack: a list of rules. */
export const rulePackSchema = (): ReturnType<typeof buildSchemas>['pack'] => schemas().pack;

/** What a schema cannot say: the regex compiles with its flags, and has the group secretGroup names. */
function regexProblems(regex: string, flags: string, secretGroup: number): Problem[] {
  try {
    const groups = new RegExp(`${regex}|`).exec('')!.length - 1;
    new RegExp(regex, `g${flags}`);
    return secretGroup > groups ? [{ code: 'secret-group-range', path: 'secretGroup', data: { groups, group: secretGroup } }] : [];
  } catch (err) {
    return [{ code: 'regex-invalid', path: 'regex', data: { reason: regexReason((err as Error).message) } }];
  }
}

type RawExamples = { positive: Array<string | Omit<RuleCapture, 'example'> & { text: string }>; negative: string[] };

/** The examples as the tester takes them (texts, and captures by index); a repeated case is a problem. */
function readExamples(ex: RawExamples, problems: Problem[]): RuleExamples {
  const out: RuleExamples = { positive: [], negative: [] };
  const captures: RuleCapture[] = [];
  for (const k of ['positive', 'negative'] as const) {
    ex[k].forEach((item, i) => {
      const caseText = typeof item === 'string' ? item : item.text;
      if (typeof item !== 'string') captures.push({ example: i, ...(item.secret !== undefined ? { secret: item.secret } : {}), ...(item.line !== undefined ? { line: item.line } : {}), ...(item.column !== undefined ? { column: item.column } : {}) });
      const first = out[k].indexOf(caseText);
      // A repeated case proves nothing twice, as in eslint's RuleTester.
      if (first >= 0) problems.push({ code: 'duplicate-case', path: `examples.${k}[${i}]`, data: { first: `examples.${k}[${first}]` } });
      out[k].push(caseText);
    });
  }
  if (captures.length) out.captures = captures;
  return out;
}

/**
 * Check one raw rule pack entry: a pattern rule, or (with `detector:`, where `structured` is
 * allowed, i.e. the built-in packs) a structured rule's metadata. Problems have paths inside the
 * rule and carry its id (data.ruleId) when it has one; the value is the rule when there are none.
 */
export function parseRuleEntry(raw: unknown, structured = true): { value?: Rule | StructuredRule; problems: Problem[] } {
  const r = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
  const ruleId = typeof r?.id === 'string' && r.id ? r.id : undefined;
  const isStructured = structured && r?.detector !== undefined;
  const problems: Problem[] = [];
  let input = raw;
  if (isStructured) {
    // Pattern fields say the entry mixes two kinds of rule: named as such, then left out of the shape check.
    const { patternFields } = schemas();
    const misplaced = Object.keys(r!).filter((k) => patternFields.includes(k));
    problems.push(...misplaced.map((k): Problem => ({ code: 'structured-pattern-field', path: k })));
    input = Object.fromEntries(Object.entries(r!).filter(([k]) => !patternFields.includes(k)));
  }
  const shape = isStructured ? check(schemas().structured, input) : check(schemas().rule, input);
  problems.push(...shape.problems);
  if (!isStructured && typeof r?.regex === 'string' && r.regex.trim()) {
    problems.push(...regexProblems(r.regex, typeof r.flags === 'string' ? r.flags : '', typeof r.secretGroup === 'number' ? r.secretGroup : 0));
  }
  const s = shape.value as (Record<string, unknown> & { examples: RawExamples }) | undefined;
  const examples = s ? readExamples(s.examples, problems) : undefined;
  const tagged = problems.map((p) => (ruleId ? { ...p, data: { ...p.data, ruleId } } : p));
  if (tagged.length || !s || !examples) return { problems: tagged };
  const meta = {
    id: s.id as string, name: s.name as string, provider: s.provider as string, category: s.category as RuleCategory,
    privilege: (s.privilege ?? 'unknown') as Privilege, scope: (s.scope ?? 'unknown') as Scope, lifetime: (s.lifetime ?? 'long-lived') as Lifetime,
    confidence: s.confidence as Confidence | undefined, description: s.description as string | undefined, remediation: s.remediation as string,
    references: (s.references ?? []) as string[], tags: s.tags as string[] | undefined,
    ...(s.maxScore !== undefined ? { maxScore: s.maxScore as number } : {}),
  };
  if (isStructured) {
    const { tags, ...rest } = meta;
    return { problems: [], value: { ...rest, ...(tags !== undefined ? { tags } : {}), detector: s.detector as string, exampleFile: s.exampleFile as string, examples } as StructuredRule };
  }
  // The field order of the rules.json and `rules list --json` output since the first release.
  return {
    problems: [],
    value: {
      id: meta.id, name: meta.name, provider: meta.provider, category: meta.category, keywords: (s.keywords ?? []) as string[], regex: s.regex as string,
      flags: s.flags as string | undefined, secretGroup: (s.secretGroup ?? 0) as number, validate: (s.validate ?? 'none') as string,
      onInvalid: (s.onInvalid ?? 'drop') as Rule['onInvalid'], entropy: s.entropy as number | undefined, privilege: meta.privilege, scope: meta.scope,
      lifetime: meta.lifetime, confidence: meta.confidence, description: meta.description, remediation: meta.remediation, references: meta.references,
      ...(meta.maxScore !== undefined ? { maxScore: meta.maxScore } : {}),
      examples, contentKinds: s.contentKinds as ContentKind[] | undefined, tags: meta.tags,
    },
  };
}

/** A pattern rule (a user's rule in .keysprawl.yaml or a file given to `rules test`). */
export function parseRule(raw: unknown): { value?: Rule; problems: Problem[] } {
  return parseRuleEntry(raw, false) as { value?: Rule; problems: Problem[] };
}

export const isStructuredRule = (r: Rule | StructuredRule): r is StructuredRule => 'detector' in r;
