// .keysprawl.yaml: parse → normalise → named checks. Every check pushes onto one Problems list
// (never throws), so the user sees every mistake at once; unknown keys are errors because a
// misspelt `allowlist` that is silently ignored is a scanner that silently does the wrong thing.
import { resolve } from 'node:path';
import { FORMATS, isFormat } from '../report/registry.js';
import { validateWeights } from '../score/weights.js';
import { CONTENT_KINDS, type ContentKind } from '../contracts/fragment.js';
import type { Rule } from '../contracts/rule.js';
import { SEVERITIES, type Severity } from '../contracts/scored.js';
import { checkAllowlist, globProblem, type AllowlistConfig } from './allowlist-checks.js';
import { describe, isObj, stringList, type Problems } from './problems.js';
import { checkRules } from './rule-checks.js';

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

export const CONFIG_KEYS = [
  'version', 'extends', 'rules', 'disable', 'allowlist', 'kinds', 'weights', 'fail-on', 'format', 'output', 'baseline',
] as const;

function checkKinds(raw: unknown, problems: Problems): KindOverride[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.add('kinds', 'must be a list of {paths, kind} entries');
    return [];
  }
  const out: KindOverride[] = [];
  raw.forEach((entry, i) => {
    const at = `kinds[${i}]`;
    if (!isObj(entry)) return problems.add(at, `must be a mapping {paths, kind}, found ${describe(entry)}`);
    for (const k of Object.keys(entry)) if (k !== 'paths' && k !== 'kind') problems.add(`${at}.${k}`, 'unknown key (expected paths, kind)');
    const before = problems.count;
    const paths = stringList(entry.paths, `${at}.paths`, problems, { single: true });
    if (entry.paths === undefined) problems.add(`${at}.paths`, 'required: the globs this kind applies to');
    paths.forEach((glob, j) => {
      const bad = globProblem(glob);
      if (bad) problems.add(`${at}.paths[${j}]`, bad);
    });
    if (!CONTENT_KINDS.includes(entry.kind as ContentKind)) {
      problems.add(`${at}.kind`, `must be one of ${CONTENT_KINDS.join(', ')}, found ${describe(entry.kind)}`);
    }
    if (problems.count === before) out.push({ paths, kind: entry.kind as ContentKind });
  });
  return out;
}

function checkFormats(raw: Record<string, unknown>, problems: Problems): { format: string[]; output: string[] } {
  const format = stringList(raw.format, 'format', problems, { single: true });
  const output = stringList(raw.output, 'output', problems, { single: true });
  format.forEach((f, i) => {
    if (!isFormat(f)) problems.add(`format[${i}]`, `unknown format "${f}" (expected ${FORMATS.join(', ')})`);
  });
  if (format.length > output.length + 1) {
    problems.add('format', 'more than one format would write to standard output: give each extra format an output file');
  }
  return { format, output };
}

function checkScalars(raw: Record<string, unknown>, problems: Problems, dir: string): Pick<KeysprawlConfig, 'extends' | 'failOn' | 'baseline'> {
  if (raw.version !== undefined && raw.version !== 1) problems.add('version', `must be 1, found ${describe(raw.version)}`);
  const ext = raw.extends ?? 'builtin';
  if (ext !== 'builtin' && ext !== 'none') problems.add('extends', `must be builtin or none, found ${describe(raw.extends)}`);
  const failOn = raw['fail-on'];
  if (failOn !== undefined && !FAIL_ON.includes(failOn as FailOn)) {
    problems.add('fail-on', `must be one of ${FAIL_ON.join(', ')}, found ${describe(failOn)}`);
  }
  const baseline = raw.baseline;
  if (baseline !== undefined && (typeof baseline !== 'string' || !baseline.trim())) {
    problems.add('baseline', `must be a file path, found ${describe(baseline)}`);
  }
  return {
    extends: ext === 'none' ? 'none' : 'builtin',
    ...(FAIL_ON.includes(failOn as FailOn) ? { failOn: failOn as FailOn } : {}),
    ...(typeof baseline === 'string' && baseline.trim() ? { baseline: resolve(dir, baseline) } : {}),
  };
}

/** Check a parsed YAML document; returns the config (meaningful only when problems is empty). */
export function checkConfig(raw: unknown, problems: Problems, dir: string): KeysprawlConfig {
  const doc = raw ?? {};
  const empty: KeysprawlConfig = {
    file: problems.file, dir, extends: 'builtin', rules: [], disable: [],
    allowlist: { paths: [], values: [], stopwords: [] }, kinds: [], format: [], output: [],
  };
  if (!isObj(doc)) {
    problems.add('', `expected a mapping of settings at the top level, found ${describe(doc)}`);
    return empty;
  }
  for (const k of Object.keys(doc)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(k)) problems.add(k, `unknown key (expected one of ${CONFIG_KEYS.join(', ')})`);
  }
  let weights: Record<string, unknown> | undefined;
  if (doc.weights !== undefined) {
    for (const p of validateWeights(doc.weights, 'weights')) {
      const i = p.indexOf(': ');
      problems.add(p.slice(0, i), p.slice(i + 2));
    }
    if (isObj(doc.weights)) weights = doc.weights;
  }
  return {
    ...empty,
    ...checkScalars(doc, problems, dir),
    rules: checkRules(doc.rules, problems),
    disable: stringList(doc.disable, 'disable', problems),
    allowlist: checkAllowlist(doc.allowlist, problems),
    kinds: checkKinds(doc.kinds, problems),
    ...(weights ? { weights } : {}),
    ...checkFormats(doc, problems),
  };
}
