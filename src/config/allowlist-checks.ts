// Checks for `allowlist` (paths, values, stopwords). An allowlist entry that matches everything
// would turn the scanner off without saying so, so those are errors, not style warnings.
import { expandFakes } from '../rules/fake.js';
import { checkRegexSafety } from '../rules/regex-safety.js';
import { globMatcher } from '../filter/allowlist.js';
import { describe, isObj, regexReason, stringList, type Problems } from './problems.js';

export interface AllowlistConfig {
  paths: string[];
  values: string[];
  stopwords: string[];
}

/** Shortest stopword: a random 40-character key contains a given 4-character word about once in 400,000. */
export const MIN_STOPWORD = 4;

/** Paths a reasonable path allowlist never covers all of. */
const PROBE_PATHS = ['src/main.ts', '.env', 'app/settings.py', 'deploy/prod/values.yaml', 'README'];

/** Key-like random values (fixed seeds, so the check is deterministic). */
const PROBE_VALUES = ['<<b62:40>>', 'sk-<<b64url:48>>', 'AKIA<<upper:16>>', '<<hex:32>>x<<b62:8>>'].map((t, i) => expandFakes(t, 101 + i));

/** Glob syntax problems (shared with `kinds[].paths`). */
export function globProblem(glob: string): string | undefined {
  if (/[\r\n\0]/.test(glob)) return 'a glob must be one line';
  try {
    globMatcher([glob]);
  } catch (err) {
    return `invalid glob: ${(err as Error).message}`;
  }
  return undefined;
}

function checkPaths(raw: unknown, problems: Problems): string[] {
  return stringList(raw, 'allowlist.paths', problems).filter((glob, i) => {
    const syntax = globProblem(glob);
    if (syntax) return void problems.add(`allowlist.paths[${i}]`, syntax);
    const matches = globMatcher([glob]);
    if (PROBE_PATHS.every(matches)) {
      return void problems.add(`allowlist.paths[${i}]`, `matches every file, so it would hide every finding: name the folders or files to allow`);
    }
    return true;
  });
}

function checkValues(raw: unknown, problems: Problems): string[] {
  return stringList(raw, 'allowlist.values', problems).filter((source, i) => {
    let re: RegExp;
    try {
      re = new RegExp(source);
    } catch (err) {
      return void problems.add(`allowlist.values[${i}]`, `invalid regular expression: ${regexReason((err as Error).message)}`);
    }
    // Allowlist regexes run on every candidate value, like rule regexes: the same check applies.
    const unsafe = checkRegexSafety(source, '');
    if (unsafe) return void problems.add(`allowlist.values[${i}]`, unsafe);
    if (PROBE_VALUES.every((v) => re.test(v))) {
      return void problems.add(`allowlist.values[${i}]`, `matches any key-like value, so it would hide real keys: anchor it to what you allow, e.g. ^sk-test-`);
    }
    return true;
  });
}

function checkStopwords(raw: unknown, problems: Problems): string[] {
  return stringList(raw, 'allowlist.stopwords', problems).filter((word, i) => {
    if (word.length < MIN_STOPWORD) {
      return void problems.add(`allowlist.stopwords[${i}]`, `${describe(word)} is shorter than ${MIN_STOPWORD} characters: real keys contain it by chance`);
    }
    return true;
  });
}

export function checkAllowlist(raw: unknown, problems: Problems): AllowlistConfig {
  if (raw === undefined) return { paths: [], values: [], stopwords: [] };
  if (!isObj(raw)) {
    problems.add('allowlist', `must be a mapping with paths, values and/or stopwords, found ${describe(raw)}`);
    return { paths: [], values: [], stopwords: [] };
  }
  for (const k of Object.keys(raw)) {
    if (!['paths', 'values', 'stopwords'].includes(k)) problems.add(`allowlist.${k}`, 'unknown key (expected paths, values, stopwords)');
  }
  return { paths: checkPaths(raw.paths, problems), values: checkValues(raw.values, problems), stopwords: checkStopwords(raw.stopwords, problems) };
}
