// .keysprawl.yaml: one valibot schema says the shape (it also writes schema/keysprawl.schema.json
// for editors); named checks then say what a shape cannot (globs, regexes, allowlists that would
// hide everything, rules that fail their own examples). Every check returns problems, none
// throws, so the user sees every mistake at once; unknown keys are errors because a misspelt
// `allowlist` that is silently ignored is a scanner that silently does the wrong thing.
import { resolve } from 'node:path';
import { FORMATS, isFormat } from '../report/registry.js';
import { ruleSchema } from '../rules/schema.js';
import { ProblemList, type Parsed } from '../problems/problem.js';
import { check, closedObject, mustBe, nonEmptyString, optionalExcept, says, stringList } from '../problems/schema-kit.js';
import * as v from 'valibot';
import { weightsSchema } from '../score/weights.js';
import { CONTENT_KINDS, type ContentKind } from '../contracts/fragment.js';
import type { Rule } from '../contracts/rule.js';
import { SEVERITIES, type Severity } from '../contracts/scored.js';
import { checkAllowlist, globProblem, type AllowlistConfig } from './allowlist-checks.js';
import { checkRules, under } from './rule-checks.js';

export type FailOn = Severity | 'none';
export const FAIL_ON: readonly FailOn[] = [...SEVERITIES, 'none'];

export interface KindOverride {
  paths: string[];
  kind: ContentKind;
}

export interface KeysprawlConfig {
  /** The config file as named in messages. */
  file: string;
  /** Absolute folder of the config file (relative `baseline` paths resolve from it). */
  dir: string;
  /** builtin: custom rules add to (or replace by id) the built-in ones; none: only custom rules. */
  extends: 'builtin' | 'none';
  rules: Rule[];
  disable: string[];
  allowlist: AllowlistConfig;
  kinds: KindOverride[];
  /** A partial weights table, already validated. */
  weights?: Record<string, unknown>;
  failOn?: FailOn;
  format: string[];
  output: string[];
  /** Absolute path of the default baseline file. */
  baseline?: string;
}

/**
 * The shape of .keysprawl.yaml (values checked further by the named checks below). Built on
 * first use (a config file), not at every start.
 */
export const configSchema = (): ConfigSchema => (schema ??= buildConfigSchema());

function buildConfigSchema() {
  const kindOneOf = mustBe(`one of ${CONTENT_KINDS.join(', ')}`);

  const KIND_SCHEMA = closedObject(
    { paths: stringList({ single: true }), kind: v.picklist(CONTENT_KINDS, kindOneOf) },
    { message: mustBe('a mapping {paths, kind}'), required: { paths: 'the globs this kind applies to', kind: kindOneOf } },
  );

  const ALLOWLIST_SCHEMA = closedObject(
    optionalExcept({ paths: stringList(), values: stringList(), stopwords: stringList() }),
    { message: mustBe('a mapping with paths, values and/or stopwords') },
  );

  return closedObject(
    optionalExcept({
      version: v.literal(1, mustBe('1')),
      extends: v.picklist(['builtin', 'none'], mustBe('builtin or none')),
      rules: v.array(ruleSchema(), mustBe('a list of rules (the same schema as rules/*.yaml)', false)),
      disable: stringList(),
      allowlist: ALLOWLIST_SCHEMA,
      kinds: v.array(KIND_SCHEMA, mustBe('a list of {paths, kind} entries', false)),
      weights: weightsSchema(),
      'fail-on': v.picklist(FAIL_ON, mustBe(`one of ${FAIL_ON.join(', ')}`)),
      format: stringList({ single: true }),
      output: stringList({ single: true }),
      baseline: nonEmptyString(true, 'a file path'),
    }),
    { message: says('expected-top', { expected: 'a mapping of settings' }, { found: true }), unknown: 'unknown-key-one-of' },
  );
}

type ConfigSchema = ReturnType<typeof buildConfigSchema>;
let schema: ConfigSchema | undefined;

const asList = (raw: unknown): unknown[] => (typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : []);
const strings = (raw: unknown): string[] => asList(raw).filter((s): s is string => typeof s === 'string' && s.trim() !== '');

function checkKinds(raw: unknown, shapeBad: ReadonlySet<string>, problems: ProblemList): KindOverride[] {
  const out: KindOverride[] = [];
  asList(raw).forEach((entry, i) => {
    const e = entry as Partial<KindOverride> | null;
    if (typeof e !== 'object' || e === null || [...shapeBad].some((p) => under(p, `kinds[${i}]`))) return;
    const before = problems.count;
    asList(e.paths).forEach((glob, j) => {
      const bad = typeof glob === 'string' ? globProblem(glob) : undefined;
      if (bad) problems.add(`kinds[${i}].paths[${j}]`, bad.code, bad.data);
    });
    if (problems.count === before && e.kind && CONTENT_KINDS.includes(e.kind)) out.push({ paths: strings(e.paths), kind: e.kind });
  });
  return out;
}

function checkFormats(raw: Record<string, unknown>, problems: ProblemList): { format: string[]; output: string[] } {
  const format = strings(raw.format);
  const output = strings(raw.output);
  format.forEach((f, i) => {
    if (!isFormat(f)) problems.add(`format[${i}]`, 'format-unknown', { format: f, expected: [...FORMATS] });
  });
  if (format.length > output.length + 1) problems.add('format', 'format-stdout-clash');
  return { format, output };
}

/** Check a parsed YAML document (`file` names it in problems, `dir` resolves its relative paths). */
export function checkConfig(raw: unknown, file: string, dir: string): Parsed<KeysprawlConfig> {
  const doc = raw ?? {};
  const problems = new ProblemList(file);
  const empty: KeysprawlConfig = {
    file, dir, extends: 'builtin', rules: [], disable: [],
    allowlist: { paths: [], values: [], stopwords: [] }, kinds: [], format: [], output: [],
  };
  const shape = check(configSchema(), doc);
  problems.addAll(shape.problems);
  if (typeof doc !== 'object' || Array.isArray(doc)) return { value: empty, problems: problems.list, warnings: [] };
  const d = doc as Record<string, unknown>;
  const shapeBad = new Set(shape.problems.map((p) => p.path));
  const failOn = d['fail-on'] as FailOn | undefined;
  const baseline = d.baseline;
  const value: KeysprawlConfig = {
    ...empty,
    extends: d.extends === 'none' ? 'none' : 'builtin',
    ...(FAIL_ON.includes(failOn as FailOn) ? { failOn } : {}),
    ...(typeof baseline === 'string' && baseline.trim() ? { baseline: resolve(dir, baseline) } : {}),
    rules: checkRules(d.rules, shapeBad, problems),
    disable: strings(d.disable),
    allowlist: checkAllowlist(d.allowlist, problems),
    kinds: checkKinds(d.kinds, shapeBad, problems),
    ...(shape.problems.some((p) => under(p.path, 'weights')) || d.weights === undefined ? {} : { weights: d.weights as Record<string, unknown> }),
    ...checkFormats(d, problems),
  };
  return { value, problems: problems.list, warnings: [] };
}
