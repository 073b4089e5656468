// The baseline file (.keysprawl-baseline.json): fingerprints, rule ids and paths only, never a
// secret value, written sorted and without timestamps so an unchanged baseline is byte-identical
// and a changed one reviews as a small diff. Read back with every problem named by key path.
import { UsageError, jsonErrorReason } from '../errors.js';
import { BASELINE_SCHEMA, type Baseline, type BaselineFinding, type ImportedEntry } from '../filter/baseline.js';
import { OWN_FILE_LIMITS, readOwnFile } from '../own-file.js';
import { VERSION } from '../version.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
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

function checkFinding(v: unknown, at: string, bad: (p: string, m: string) => void): BaselineFinding | undefined {
  if (!isObj(v)) return void bad(at, 'must be a mapping {fingerprint, ruleId, path}');
  if (typeof v.fingerprint !== 'string' || !HEX64.test(v.fingerprint)) bad(`${at}.fingerprint`, 'must be 64 lower-case hex characters');
  if (typeof v.ruleId !== 'string' || !v.ruleId) bad(`${at}.ruleId`, 'must be a non-empty string');
  if (typeof v.path !== 'string' || !v.path) bad(`${at}.path`, 'must be a non-empty string');
  return typeof v.fingerprint === 'string' && typeof v.ruleId === 'string' && typeof v.path === 'string'
    ? { fingerprint: v.fingerprint, ruleId: v.ruleId, path: v.path }
    : undefined;
}

function checkImport(v: unknown, at: string, bad: (p: string, m: string) => void): ImportedEntry | undefined {
  if (!isObj(v) || typeof v.path !== 'string' || !v.path) return void bad(at, 'must be a mapping with from and a non-empty path');
  if (v.from === 'detect-secrets') {
    if (typeof v.hashedSecret !== 'string' || !HEX40.test(v.hashedSecret)) return void bad(`${at}.hashedSecret`, 'must be 40 hex characters (sha1)');
    return { from: 'detect-secrets', path: v.path, hashedSecret: v.hashedSecret, ...(typeof v.type === 'string' ? { type: v.type } : {}) };
  }
  if (v.from === 'gitleaks') {
    if (typeof v.ruleId !== 'string' || !v.ruleId) return void bad(`${at}.ruleId`, 'must be a non-empty string');
    if (typeof v.line !== 'number' || !Number.isInteger(v.line) || v.line < 1) return void bad(`${at}.line`, 'must be a line number ≥ 1');
    return {
      from: 'gitleaks', path: v.path, ruleId: v.ruleId, line: v.line,
      ...(typeof v.provider === 'string' ? { provider: v.provider } : {}),
      ...(typeof v.commit === 'string' ? { commit: v.commit } : {}),
    };
  }
  return void bad(`${at}.from`, 'must be "detect-secrets" or "gitleaks"');
}

/** Parse a baseline; throws a UsageError listing every problem as "<file>: <key path>: <what>". */
export function parseBaseline(text: string, file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file}: not a keysprawl baseline: invalid JSON (${jsonErrorReason(err)})`);
  }
  const problems: string[] = [];
  const bad = (path: string, what: string) => problems.push(`${file}: ${path}: ${what}`);
  if (!isObj(data)) throw new UsageError(`${file}: not a keysprawl baseline: expected a JSON object`);
  if (data.schema !== BASELINE_SCHEMA) {
    throw new UsageError(`${file}: schema: expected "${BASELINE_SCHEMA}", found ${data.schema === undefined ? 'nothing' : typeof data.schema === 'string' ? `a string of ${data.schema.length} characters` : typeof data.schema} (create one with keysprawl baseline create)`);
  }
  const known = new Set(['schema', 'generatedBy', 'saltCheck', 'findings', 'imported']);
  for (const k of Object.keys(data)) if (!known.has(k)) bad(k, `unknown key (expected ${[...known].join(', ')})`);
  const findings: BaselineFinding[] = [];
  if (!Array.isArray(data.findings)) bad('findings', 'must be a list');
  else data.findings.forEach((f, i) => { const ok = checkFinding(f, `findings[${i}]`, bad); if (ok) findings.push(ok); });
  const imported: ImportedEntry[] = [];
  if (data.imported !== undefined && !Array.isArray(data.imported)) bad('imported', 'must be a list');
  else (data.imported as unknown[] | undefined)?.forEach((e, i) => { const ok = checkImport(e, `imported[${i}]`, bad); if (ok) imported.push(ok); });
  if (data.saltCheck !== undefined && typeof data.saltCheck !== 'string') bad('saltCheck', 'must be a string');
  if (problems.length) throw new UsageError(problems.join('\n'));
  return { findings, imported, ...(typeof data.saltCheck === 'string' ? { saltCheck: data.saltCheck } : {}) };
}

export function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readOwnFile(file, OWN_FILE_LIMITS.baseline);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const hint = code === 'ENOENT' ? ' (create it with keysprawl baseline create)' : '';
    throw new UsageError(`${file}: cannot read baseline (${code ?? (err as Error).message})${hint}`);
  }
  return parseBaseline(text, file);
}
