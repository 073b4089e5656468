// The schema toolkit: valibot schemas whose every message is a problem code with its data, run
// collecting every issue (never stopping at the first), and turned into Problems with dotted key
// paths. The same schemas produce the JSON Schemas editors complete from (config/json-schemas.ts).
import * as v from 'valibot';
import { describeValue, isObj, keyPath, type Problem, type ProblemCode } from './problem.js';


type Issue = v.BaseIssue<unknown>;
type Data = Record<string, unknown>;

interface SaysOptions {
  /** Add the input's type and size as data.found. */
  found?: boolean;
  /** Report at the list holding the value, not at the value (`keywords`, not `keywords[2]`). */
  atList?: boolean;
}

/** A valibot message carrying a problem code and data. */
export function says(code: ProblemCode, data: Data = {}, opts: SaysOptions = {}): (issue: Issue) => string {
  return (issue) => JSON.stringify({ code, data: opts.found ? { ...data, found: describeValue(issue.input) } : data, ...(opts.atList ? { atList: true } : {}) });
}

/** `must be <expected>, found <what it was>`: the usual message of a wrong shape. */
export const mustBe = (expected: string, found = true, opts: SaysOptions = {}) => says('invalid-value', { expected }, { found, ...opts });

/** A regular expression's problem without the pattern itself (it is in the file, maybe a key). */
export function regexReason(message: string): string {
  return message.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '');
}

/**
 * A union that failed reports its own message, with each option's issues inside: when an option
 * failed deeper down (a list with one bad entry), those say more, so they are used instead.
 */
function flatten(issue: Issue): Issue[] {
  // An option's issues have paths relative to the union.
  const deeper = (issue.issues ?? []).filter((i) => i.path?.length);
  if (issue.type !== 'union' || !deeper.length) return [issue];
  return deeper.map((i) => ({ ...i, path: [...(issue.path ?? []), ...i.path!] as Issue['path'] })).flatMap(flatten);
}

function toProblem(issue: Issue): Problem {
  const keys = (issue.path ?? []).map((p) => p.key as string | number);
  try {
    const { code, data, atList } = JSON.parse(issue.message) as { code: ProblemCode; data: Data; atList?: boolean };
    const path = keyPath(...(atList ? keys.slice(0, -1) : keys));
    return { code, path, ...(Object.keys(data).length ? { data } : {}) };
  } catch {
    const path = keyPath(...keys);
    // A schema without a message of ours: a bug in the schema, said plainly rather than hidden.
    return { code: 'invalid-value', path, data: { expected: issue.expected ?? 'something else', found: describeValue(issue.input) } };
  }
}

/**
 * Check `input` against `schema`, collecting every problem. Unknown keys come first (a misspelt
 * key usually explains the problems after it), then the rest in document order.
 */
export function check<S extends v.GenericSchema>(schema: S, input: unknown): { value?: v.InferOutput<S>; problems: Problem[] } {
  const result = v.safeParse(schema, input, { abortEarly: false });
  if (result.success) return { value: result.output, problems: [] };
  const seen = new Set<string>();
  const problems = result.issues.flatMap(flatten).map(toProblem).filter((p) => {
    // Two bad items of one list reported at the list are one problem.
    const key = JSON.stringify([p.path, p.code, p.data]);
    return seen.has(key) ? false : (seen.add(key), true);
  });
  const unknown = problems.filter((p) => p.code === 'unknown-key' || p.code === 'unknown-field');
  return { problems: [...unknown, ...problems.filter((p) => !unknown.includes(p))] };
}

interface ClosedOptions {
  /** Problem when the value is not a mapping. */
  message: (issue: Issue) => string;
  /**
   * Required keys whose absence is said as `required` (with a hint, or a hint and the joiner
   * before it) or by a message of their own; any other missing key says what its value must be.
   */
  required?: Record<string, string | { expected: string; join: string } | ((issue: Issue) => string)>;
  /** `unknown-key` (with the expected keys) or `unknown-field`; `allow` lets other keys through. */
  unknown?: 'unknown-key' | 'unknown-key-one-of' | 'unknown-field' | 'allow';
}

/**
 * A mapping with known keys: a missing required key and every unknown key is a problem (valibot's
 * strict object stops at the first unknown key; a user fixing a file wants them all). Optional
 * entries are wrapped here, so `entries` says only what each value must be.
 */
export function closedObject<E extends v.ObjectEntries>(entries: E, opts: ClosedOptions) {
  const known = Object.keys(entries);
  const required = opts.required ?? {};
  const message = (issue: Issue): string => {
    const key = issue.path?.at(-1)?.key;
    if (issue.input === undefined && typeof key === 'string' && key in required) {
      const hint = required[key];
      if (typeof hint === 'function') return hint(issue);
      return JSON.stringify({ code: 'required', data: typeof hint === 'string' ? (hint ? { expected: hint } : {}) : hint });
    }
    if (issue.input === undefined && typeof key === 'string' && key in entries) {
      // A missing key says what its value must be (the entry's own message for undefined).
      const own = v.safeParse(entries[key] as v.GenericSchema, undefined, { abortEarly: true });
      if (!own.success) return own.issues[0].message;
    }
    return opts.message(issue);
  };
  const unknown = opts.unknown ?? 'unknown-key';
  const loose = v.looseObject(entries, message);
  // valibot takes any object, arrays too (whose `values` is then a function): a list is not a mapping.
  const shape: typeof loose = {
    ...loose,
    '~run'(dataset, config) {
      if (!Array.isArray(dataset.value)) return loose['~run'](dataset, config);
      const issue = { kind: 'schema', type: 'loose_object', input: dataset.value, expected: 'Object', received: 'Array' } as const;
      const failed = dataset as unknown as v.OutputDataset<unknown, Issue>;
      Object.assign(failed, { typed: false, issues: [{ ...issue, message: message(issue as unknown as Issue) }] });
      return failed as ReturnType<typeof loose['~run']>;
    },
  };
  return v.pipe(
    shape,
    // Runs after entry problems too (collecting every issue), so the value is checked, not trusted.
    v.rawCheck<v.InferOutput<typeof shape>>(({ dataset, addIssue }) => {
      if (!isObj(dataset.value) || unknown === 'allow') return;
      for (const key of Object.keys(dataset.value)) {
        if (known.includes(key)) continue;
        const code = unknown === 'unknown-field' ? 'unknown-field' : 'unknown-key';
        const data = unknown === 'unknown-field' ? {} : { expected: known, ...(unknown === 'unknown-key-one-of' ? { oneOf: true } : {}) };
        addIssue({
          message: JSON.stringify({ code, data }),
          path: [{ type: 'object', origin: 'value', input: dataset.value, key, value: (dataset.value as Record<string, unknown>)[key] }],
        });
      }
    }),
    v.metadata({ closed: true }),
  );
}

/** Make every entry optional except those named (valibot wants it said per entry). */
export function optionalExcept<E extends v.ObjectEntries>(entries: E, requiredKeys: readonly string[] = []): E {
  return Object.fromEntries(Object.entries(entries).map(([k, s]) => [k, requiredKeys.includes(k) ? s : v.optional(s)])) as unknown as E;
}

/** A non-empty string, or the problem `must be a non-empty string[, found ...]` (or what `expected` says). */
export const nonEmptyString = (found = true, expected = 'a non-empty string') =>
  v.pipe(v.string(mustBe(expected, found)), v.check((s) => s.trim() !== '', mustBe(expected, found)));

/** A list of non-empty strings (or, when `single`, one string standing for a list of one). */
export function stringList(opts: { single?: boolean } = {}) {
  const listOf = v.array(nonEmptyString(), mustBe(`a list of strings${opts.single ? ' (or one string)' : ''}`));
  return opts.single ? v.union([v.pipe(v.string(), v.transform((s) => [s])), listOf], mustBe('a list of strings (or one string)')) : listOf;
}

/** A mapping check usable outside schemas. */
export { isObj };
