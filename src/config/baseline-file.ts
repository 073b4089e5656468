// The baseline file (.keysprawl-baseline.json): fingerprints, rule ids and paths only, never a
// secret value, written sorted and without timestamps so an unchanged baseline is byte-identical
// and a changed one reviews as a small diff. Read back as a value with every problem at its key path.
import { jsonErrorReason } from '../errors.js';
import { BASELINE_SCHEMA, type Baseline, type BaselineFinding, type ImportedEntry } from '../filter/baseline.js';
import { OWN_FILE_LIMITS, readOwnFile } from '../own-file.js';
import { inFile, isObj, type Parsed, type ProblemCode } from '../problems/problem.js';
import { check, closedObject, mustBe, optionalExcept, says } from '../problems/schema-kit.js';
import * as v from 'valibot';
import { VERSION } from '../version.js';

const HEX64 = /^[0-9a-f]{64}$/;
const HEX40 = /^[0-9a-f]{40}$/;

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function sortFindings(findings: Iterable<BaselineFinding>): BaselineFinding[] {
  const unique = new Map<string, BaselineFinding>();
  for (const f of findings) unique.set(f.fingerprint, { fingerprint: f.fingerprint, ruleId: f.ruleId, path: f.path });
  return [...unique.values()].sort((a, b) => cmp(a.path, b.path) || cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint));
}

function importKey(e: ImportedEntry): string {
  return e.from === 'detect-secrets' ? `ds\0${e.path}\0${e.hashedSecret}` : `gl\0${e.path}\0${e.ruleId}\0${e.commit ?? ''}\0${e.line}`;
}

export function sortImports(entries: Iterable<ImportedEntry>): ImportedEntry[] {
  const unique = new Map<string, ImportedEntry>();
  for (const e of entries) unique.set(importKey(e), e);
  return [...unique.values()].sort((a, b) => cmp(importKey(a), importKey(b)));
}

export function renderBaseline(b: Baseline): string {
  const doc = {
    schema: BASELINE_SCHEMA,
    generatedBy: `keysprawl ${VERSION}`,
    ...(b.saltCheck ? { saltCheck: b.saltCheck } : {}),
    findings: sortFindings(b.findings),
    ...(b.imported.length ? { imported: sortImports(b.imported) } : {}),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const HEX64_MSG = mustBe('64 lower-case hex characters', false);
const NON_EMPTY = mustBe('a non-empty string', false);
const text = () => v.pipe(v.string(NON_EMPTY), v.minLength(1, NON_EMPTY));

const FINDING_SCHEMA = closedObject(
  { fingerprint: v.pipe(v.string(HEX64_MSG), v.regex(HEX64, HEX64_MSG)), ruleId: text(), path: text() },
  { message: mustBe('a mapping {fingerprint, ruleId, path}', false), required: { fingerprint: HEX64_MSG, ruleId: NON_EMPTY, path: NON_EMPTY }, unknown: 'allow' },
);

const ENTRY_MSG = mustBe('a mapping with from and a non-empty path', false);
const HEX40_MSG = mustBe('40 hex characters (sha1)', false);
const LINE_MSG = mustBe('a line number ≥ 1', false);
const entryPath = () => v.pipe(v.string(ENTRY_MSG), v.minLength(1, ENTRY_MSG));

const IMPORT_SCHEMA = v.variant('from', [
  v.looseObject({ from: v.literal('detect-secrets'), path: entryPath(), hashedSecret: v.pipe(v.string(HEX40_MSG), v.regex(HEX40, HEX40_MSG)), type: v.optional(v.string()) }, ENTRY_MSG),
  v.looseObject({
    from: v.literal('gitleaks'), path: entryPath(), ruleId: text(), line: v.pipe(v.number(LINE_MSG), v.integer(LINE_MSG), v.minValue(1, LINE_MSG)),
    provider: v.optional(v.string()), commit: v.optional(v.string()),
  }, ENTRY_MSG),
], says('invalid-value', { expected: '"detect-secrets" or "gitleaks"' }));

/** The baseline file's shape once its schema tag is known to be ours. */
export const BASELINE_SCHEMA_SHAPE = closedObject(
  optionalExcept({
    schema: v.literal(BASELINE_SCHEMA),
    generatedBy: v.string(),
    saltCheck: v.string(mustBe('a string', false)),
    findings: v.array(FINDING_SCHEMA, mustBe('a list', false)),
    imported: v.array(IMPORT_SCHEMA, mustBe('a list', false)),
  }, ['schema', 'findings']),
  { message: says('not-a', { what: 'keysprawl baseline', reason: 'expected a JSON object' }), required: { findings: mustBe('a list', false) } },
);

const foundTag = (v: unknown): string =>
  v === undefined ? 'nothing' : typeof v === 'string' ? `a string of ${v.length} characters` : typeof v;

/** Parse a baseline: the findings and imported entries, and every problem at its key path. */
export function parseBaseline(text: string, file: string): Parsed<Baseline> {
  const empty: Baseline = { findings: [], imported: [] };
  const fail = (code: ProblemCode, path: string, data: Record<string, unknown>): Parsed<Baseline> =>
    ({ value: empty, problems: [{ code, path, file, data }], warnings: [] });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return fail('invalid-json', '', { what: 'keysprawl baseline', reason: jsonErrorReason(err) });
  }
  if (!isObj(data)) return fail('not-a', '', { what: 'keysprawl baseline', reason: 'expected a JSON object' });
  if (data.schema !== BASELINE_SCHEMA) {
    return fail('schema-tag', 'schema', { expected: BASELINE_SCHEMA, found: foundTag(data.schema), hint: '(create one with keysprawl baseline create)' });
  }
  const { value, problems } = check(BASELINE_SCHEMA_SHAPE, data);
  if (!value) return { value: empty, problems: inFile(problems, file), warnings: [] };
  return {
    value: {
      findings: value.findings.map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, path: f.path })),
      imported: (value.imported ?? []).map((e): ImportedEntry => (e.from === 'detect-secrets'
        ? { from: e.from, path: e.path, hashedSecret: e.hashedSecret, ...(e.type !== undefined ? { type: e.type } : {}) }
        : { from: e.from, path: e.path, ruleId: e.ruleId, line: e.line, ...(e.provider !== undefined ? { provider: e.provider } : {}), ...(e.commit !== undefined ? { commit: e.commit } : {}) })),
      ...(value.saltCheck !== undefined ? { saltCheck: value.saltCheck } : {}),
    },
    problems: [],
    warnings: [],
  };
}

/** Read and parse a baseline file; a file that cannot be read is a problem like any other. */
export function readBaseline(file: string): Parsed<Baseline> {
  let text: string;
  try {
    text = readOwnFile(file, OWN_FILE_LIMITS.baseline);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const hint = code === 'ENOENT' ? '(create it with keysprawl baseline create)' : undefined;
    return {
      value: { findings: [], imported: [] }, warnings: [],
      problems: [{ code: 'cannot-read', path: '', file, data: { what: 'baseline', reason: code ?? (err as Error).message, ...(hint ? { hint } : {}) } }],
    };
  }
  return parseBaseline(text, file);
}
