// Checks for `allowlist` (paths, values, stopwords) beyond its shape. An allowlist entry that
// matches everything would turn the scanner off without saying so, so those are errors, not
// style warnings.
import { expandFakes } from '../rules/fake.js';
import { checkRegexSafety } from '../rules/regex-safety.js';
import { globMatcher } from '../filter/allowlist.js';
import { describeValue, isObj, type Problem, type ProblemList } from '../problems/problem.js';
import { regexReason } from '../problems/schema-kit.js';

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
let probeValues: string[] | undefined;
// Generated when a config's allowlist is first checked, not at every start.
const PROBE_VALUES = (): string[] => (probeValues ??= ['<<b62:40>>', 'sk-<<b64url:48>>', 'AKIA<<upper:16>>', '<<hex:32>>x<<b62:8>>'].map((t, i) => expandFakes(t, 101 + i)));

type Found = Pick<Problem, 'code' | 'data'>;

/** Glob syntax problems (shared with `kinds[].paths`). */
export function globProblem(glob: string): Found | undefined {
  if (/[\r\n\0]/.test(glob)) return { code: 'glob-multiline' };
  try {
    globMatcher([glob]);
  } catch (err) {
    return { code: 'glob-invalid', data: { reason: (err as Error).message } };
  }
  return undefined;
}

function pathProblem(glob: string): Found | undefined {
  return globProblem(glob) ?? (PROBE_PATHS.every(globMatcher([glob])) ? { code: 'allowlist-every-file' } : undefined);
}

function valueProblem(source: string): Found | undefined {
  let re: RegExp;
  try {
    re = new RegExp(source);
  } catch (err) {
    return { code: 'regex-invalid', data: { reason: regexReason((err as Error).message) } };
  }
  // Allowlist regexes run on every candidate value, like rule regexes: the same check applies.
  const unsafe = checkRegexSafety(source, '');
  if (unsafe) return { code: 'regex-unsafe', data: { reason: unsafe } };
  return PROBE_VALUES().every((v) => re.test(v)) ? { code: 'allowlist-any-key' } : undefined;
}

function stopwordProblem(word: string): Found | undefined {
  return word.length < MIN_STOPWORD ? { code: 'stopword-short', data: { found: describeValue(word), min: MIN_STOPWORD } } : undefined;
}

/** The entries of one list that are well-formed strings and pass `problem`; a problem for each other. */
function keep(raw: unknown, key: string, problem: (s: string) => Found | undefined, problems: ProblemList): string[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter((entry, i): entry is string => {
    if (typeof entry !== 'string' || !entry.trim()) return false;
    const bad = problem(entry);
    if (bad) problems.add(`allowlist.${key}[${i}]`, bad.code, bad.data);
    return !bad;
  });
}

/** The allowlist's usable entries; problems for the entries that would hide too much. */
export function checkAllowlist(raw: unknown, problems: ProblemList): AllowlistConfig {
  if (!isObj(raw)) return { paths: [], values: [], stopwords: [] };
  return {
    paths: keep(raw.paths, 'paths', pathProblem, problems),
    values: keep(raw.values, 'values', valueProblem, problems),
    stopwords: keep(raw.stopwords, 'stopwords', stopwordProblem, problems),
  };
}
