// Loads and validates rule packs (rules/*.yaml): pattern rules, and the metadata of the rules
// structured detectors report (entries with `detector:`), joined to them by id. Parsing returns
// problems as values; a broken pack folder is a ProblemError (exit 2 in the CLI) naming file,
// rule id and field.
import { nodeCrypto } from '../node-lazy.js';
import { closeSync, openSync, readdir, readdirSync, readFileSync, renameSync, stat, statSync, unlinkSync, writeFileSync, writeSync, type Stats } from 'node:fs';
import { OWN_FILE_LIMITS, readOwnFile } from '../own-file.js';
import { basename, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ProblemError, ProblemList, type Parsed, type Problem } from '../problems/problem.js';
import type { Rule, StructuredRule } from '../contracts/rule.js';
import { checkRegexSafety } from './regex-safety.js';
import { writeAutomatonSnapshot } from '../detect/automaton-snapshot.js';
import { isStructuredRule, parseRuleEntry } from './schema.js';
import { compileRules, ruleKeywords, summarize, summarizedRuleSet, type RuleSet, type RuleSetSummary } from '../detect/ruleset.js';

/** The rules/ folder shipped with the package (dist/rules/ → ../../rules). */
export const BUILTIN_RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

/** What a folder of rule packs holds. */
export interface RuleCatalog {
  rules: Rule[];
  structured: StructuredRule[];
}

/** Rule-pack problems name the rule as `rules[3]: <id>: <field>` (ids are what people search for). */
const showRule = (p: Problem): Problem => (p.data?.ruleId ? { ...p, data: { ...p.data, showRule: true } } : p);

/** Check a list of raw entries: pattern rules, and (`structured`: the built-in packs) structured rules' metadata. */
function parseEntries(list: readonly unknown[], file: string, structured: boolean): Parsed<Array<Rule | StructuredRule>> {
  const problems = new ProblemList(file);
  const rules: Array<Rule | StructuredRule> = [];
  list.forEach((raw, i) => {
    const { value, problems: found } = parseRuleEntry(raw, structured);
    problems.addAll(found.map(showRule), `rules[${i}]`);
    if (value) rules.push({ ...value, file });
  });
  return { value: rules, problems: problems.list, warnings: [] };
}

/** Every entry of one pack, pattern and structured, in file order; a problem for each bad one. */
export function parseRulePack(text: string, file: string): Parsed<Array<Rule | StructuredRule>> {
  const problems = new ProblemList(file);
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 100 });
  } catch (err) {
    problems.add('', 'invalid-yaml', { reason: (err as Error).message.split('\n')[0] });
    return { value: [], problems: problems.list, warnings: [] };
  }
  if (!Array.isArray(doc)) {
    problems.add('', 'expected-top', { expected: 'a list of rules' });
    return { value: [], problems: problems.list, warnings: [] };
  }
  return parseEntries(doc, file, true);
}

/** The pattern rules of one pack (nothing throws: problems are values). */
export function parseRuleList(text: string, file: string): Parsed<Rule[]> {
  const pack = parseRulePack(text, file);
  return { ...pack, value: pack.value.filter((r): r is Rule => !isStructuredRule(r)) };
}

/** A list of raw pattern rules (the `rules` of a config file, tested as a pack). */
export function parseRuleItems(list: readonly unknown[], file: string): Parsed<Rule[]> {
  const parsed = parseEntries(list, file, false);
  return { ...parsed, value: parsed.value.filter((r): r is Rule => !isStructuredRule(r)) };
}

/** Problems for ids used twice across all packs (each rule carries its file). */
export function duplicateIds(rules: ReadonlyArray<Rule | StructuredRule>): Problem[] {
  const seen = new Map<string, string>();
  const problems: Problem[] = [];
  for (const rule of rules) {
    const other = seen.get(rule.id);
    if (other) problems.push({ code: 'duplicate-id', path: 'id', file: rule.file, data: { id: rule.id, also: `in ${other}`, ruleId: rule.id, showRule: true } });
    else seen.set(rule.id, rule.file ?? '?');
  }
  return problems;
}

/** Every pack of a folder; throws a ProblemError naming every problem (file, rule id and field). */
export function loadRuleCatalog(dir: string = BUILTIN_RULES_DIR): RuleCatalog {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort();
  } catch (err) {
    throw new ProblemError([{ code: 'cannot-read-folder', path: '', file: dir, data: { what: 'rules', reason: (err as Error).message } }]);
  }
  const problems: Problem[] = [];
  const all: Array<Rule | StructuredRule> = [];
  for (const f of files) {
    const path = join(dir, f);
    let text: string;
    try {
      text = readOwnFile(path, OWN_FILE_LIMITS.rules);
    } catch (err) {
      problems.push({ code: 'cannot-read', path: '', file: path, data: { what: 'rule pack', reason: (err as Error).message } });
      continue;
    }
    const parsed = parseRulePack(text, `rules/${basename(f)}`);
    problems.push(...parsed.problems);
    // The shipped packs are proven linear by the test suite; a user's folder is checked here.
    if (resolve(dir) !== resolve(BUILTIN_RULES_DIR)) {
      for (const r of parsed.value) {
        if (isStructuredRule(r)) continue;
        const unsafe = checkRegexSafety(r.regex, r.flags ?? '', { keywords: r.keywords });
        if (unsafe) problems.push({ code: 'regex-unsafe', path: 'regex', file: path, data: { reason: unsafe, ruleId: r.id, showRule: true } });
      }
    }
    all.push(...parsed.value);
  }
  problems.push(...duplicateIds(all));
  if (problems.length) throw new ProblemError(problems);
  return { rules: all.filter((r): r is Rule => !isStructuredRule(r)), structured: all.filter(isStructuredRule) };
}

/** The pattern rules of a folder of packs. */
export function loadRulePacks(dir: string = BUILTIN_RULES_DIR): Rule[] {
  return loadRuleCatalog(dir).rules;
}

/**
 * The precompiled rule set written at build time (dist/rules.json): the validated packs as
 * JSON, with each source file's SHA-256. Parsing ~200 YAML files and validating every rule costs
 * ~300 ms, which a one-line pre-commit scan should not pay on every run. Keyed by content, not
 * modification time: npm pack, npm install and pre-commit's clone all rewrite file times, and an
 * installed copy must start as fast as the checkout it was built from.
 */
export const PRECOMPILED_RULES = fileURLToPath(new URL('../rules.json', import.meta.url));

interface Precompiled extends RuleCatalog {
  /** Pack file name → SHA-256 (hex) of its bytes. */
  files: Record<string, string>;
  /** The SHA-256 of the documentation file written with it (`rules-docs.json`), when the pattern rules' texts are there. */
  docs?: string;
}

/**
 * What the pattern rules say to people, not to the matcher: about 60 % of the precompiled set.
 * They are written beside it (`dist/rules-docs.json`) and read the first time one is asked for
 * (a report of a finding, `rules list`), so a scan that finds nothing never parses them.
 */
const DOC_FIELDS = ['description', 'remediation', 'references', 'examples'] as const;
type RuleDocs = Pick<Rule, (typeof DOC_FIELDS)[number]>;

interface DocsFile {
  key: string;
  rules: Record<string, RuleDocs>;
}

/** rules.json → rules-docs.json */
export const docsFileOf = (file: string): string => file.replace(/(\.json)?$/, '-docs.json');

/** Beside the precompiled set: its prefilter summary (`rules-keywords.json`, see builtinRuleSet). */
export const summaryFileOf = (file: string): string => file.replace(/(\.json)?$/, '-keywords.json');

/**
 * Each rule with its texts replaced by 0 where they stand (so a rule read back lists its fields
 * in the same order, `rules list --json` included), and the texts by rule id.
 */
function splitDocs(rules: Rule[]): { lean: Rule[]; docs: Record<string, RuleDocs> } {
  const docs: Record<string, RuleDocs> = {};
  const isDoc = (k: string): k is (typeof DOC_FIELDS)[number] => (DOC_FIELDS as readonly string[]).includes(k);
  const lean = rules.map((r) => {
    const own: Partial<RuleDocs> = {};
    const rest = Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined).map(([k, v]) => {
      if (!isDoc(k)) return [k, v];
      (own as Record<string, unknown>)[k] = v;
      return [k, 0];
    }));
    docs[r.id] = own as RuleDocs;
    return rest as unknown as Rule;
  });
  return { lean, docs };
}

/**
 * The pattern rules of the precompiled set with their texts read on first use: each text field
 * is an accessor that reads the documentation file once for every rule. When that file is
 * missing or from another build, the texts come from the packs themselves (slow, but the same).
 */
function withLazyDocs(pre: Precompiled, file: string, dir: string): Rule[] {
  let docs: Record<string, RuleDocs> | undefined;
  const load = (): Record<string, RuleDocs> => {
    if (docs) return docs;
    try {
      const read = JSON.parse(readFileSync(docsFileOf(file), 'utf8')) as DocsFile;
      if (read.key === pre.docs) return (docs = read.rules);
    } catch {
      // missing or unreadable: from the packs below
    }
    return (docs = splitDocs(loadRuleCatalog(dir).rules).docs);
  };
  for (const rule of pre.rules) {
    const { id } = rule;
    for (const field of DOC_FIELDS) {
      // A field the rule has is 0 in the file; redefined in place, it keeps its position.
      if (!(field in rule)) continue;
      Object.defineProperty(rule, field, {
        enumerable: true,
        configurable: true,
        get: () => load()[id]?.[field],
      });
    }
  }
  return pre.rules;
}

/**
 * Beside the precompiled set (`rules.json.stamps`): each pack's size, times and inode when its
 * bytes last hashed to the SHA-256 recorded with them. Hashing the ~200 packs costs about 30 ms
 * of a start-up; when every pack still has the stat it had then, its bytes are taken as unchanged
 * (an edit moves the change time, which no tool sets back). A pack whose stat moved is hashed
 * again. Written by the build and by a run that had to hash, when it may write there.
 */
type Stamps = Record<string, [stat: string, sha256: string]>;

/** The time stamps are judged against (tests move it past the 2 s a fresh copy is distrusted). */
interface Clock {
  now?: number;
}

const packNames = (dir: string): string[] => readdirSync(dir).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort();

const statKey = (s: Stats): string => `${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}:${s.dev}`;

function statOf(file: string): { key: string; changed: number } {
  const s = statSync(file);
  return { key: statKey(s), changed: Math.max(s.mtimeMs, s.ctimeMs) };
}

/** A folder's pack stat keys read in the background (prefetchPackStats), by pack name. */
let prefetched: { dir: string; keys: Map<string, string> } | undefined;

/**
 * Start reading the packs' stats on libuv's threads, for the freshness check of the precompiled
 * set (readPrecompiledCatalog): ~200 stat calls were ~10 ms of a pre-commit scan's main thread,
 * and a scan has them to spare while it waits for git. A pack whose stat has not arrived when the
 * check runs is read then, as before: the check sees the packs as they were at the start either way.
 */
export function prefetchPackStats(dir: string = BUILTIN_RULES_DIR): Promise<void> {
  if (prefetched?.dir === dir || (dir === BUILTIN_RULES_DIR && cached)) return Promise.resolve();
  const keys = new Map<string, string>();
  prefetched = { dir, keys };
  const folder = dir.endsWith(sep) ? dir : dir + sep;
  // Settles once every stat has arrived (or failed): for tests; a scan does not wait for it.
  return new Promise((resolve) => {
    readdir(dir, (err, names) => {
      const packs = err ? [] : names.filter((n) => n.endsWith('.yaml') || n.endsWith('.yml'));
      let left = packs.length;
      if (!left) resolve();
      for (const n of packs) {
        stat(folder + n, (e, s) => {
          if (!e) keys.set(n, statKey(s));
          if (--left === 0) resolve();
        });
      }
    });
  });
}

const hashOf = (file: string): string => nodeCrypto().createHash('sha256').update(readFileSync(file)).digest('hex');

function packStamps(dir: string): Precompiled['files'] {
  const files: Precompiled['files'] = {};
  for (const f of packNames(dir)) files[f] = hashOf(join(dir, f));
  return files;
}

/** Writes dist/rules.json from the YAML packs, and the keyword automaton's snapshot (run by `npm run build`). */
export function writePrecompiledRules(dir: string = BUILTIN_RULES_DIR, out: string = PRECOMPILED_RULES, clock: Clock = {}): number {
  const { rules, structured } = loadRuleCatalog(dir);
  const files = packStamps(dir);
  const { lean, docs } = splitDocs(rules);
  const docsText = JSON.stringify({ key: '', rules: docs } satisfies DocsFile);
  const key = nodeCrypto().createHash('sha256').update(docsText).digest('hex');
  writeFileSync(docsFileOf(out), JSON.stringify({ key, rules: docs } satisfies DocsFile));
  writeFileSync(out, JSON.stringify({ files, rules: lean, structured, docs: key } satisfies Precompiled));
  writeStamps(dir, `${out}.stamps`, files, clock);
  writeFileSync(summaryFileOf(out), JSON.stringify({ files, ...summarize(rules) }));
  if (out === PRECOMPILED_RULES) writeAutomatonSnapshot(ruleKeywords(rules));
  return rules.length;
}

/** The precompiled pattern rules when they are present and every pack is unchanged since; else undefined. */
export function readPrecompiled(dir: string, file: string = PRECOMPILED_RULES, clock: Clock = {}): Rule[] | undefined {
  return readPrecompiledCatalog(dir, file, clock)?.rules;
}

/** Record the packs' stats for these hashes (atomic; skipped when not writable, or a pack changed in the last 2 s). */
function writeStamps(dir: string, file: string, hashes: Precompiled['files'], clock: Clock): void {
  const stamps: Stamps = {};
  const recent = (clock.now ?? Date.now()) - 2000;
  for (const [name, sha] of Object.entries(hashes)) {
    const s = statOf(join(dir, name));
    // Racily clean: a pack written within the clock's step of this stamp could change unseen.
    if (s.changed > recent) return;
    stamps[name] = [s.key, sha];
  }
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(tmp, 'wx', 0o644);
    try {
      writeSync(fd, JSON.stringify(stamps));
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing written
    }
  }
}

function readStamps(file: string): Stamps {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Stamps;
  } catch {
    return {};
  }
}

/**
 * Whether every pack in `dir` has the bytes `files` records (by its recorded stat, else by
 * hashing it; a run that had to hash records the stats it found, when it may write there).
 */
function packsFresh(dir: string, files: Record<string, string>, stampsFile: string, clock: Clock): boolean {
  const names = packNames(dir);
  if (names.length !== Object.keys(files).length) return false;
  const stamps = readStamps(stampsFile);
  // The folder and a name joined by hand: path.join for each of ~200 packs cost ~10 ms of a start.
  const folder = dir.endsWith(sep) ? dir : dir + sep;
  let hashed = false;
  for (const n of names) {
    const want = files[n];
    if (want === undefined) return false;
    const stamp = stamps[n];
    const seen = prefetched?.dir === dir ? prefetched.keys.get(n) : undefined;
    if (stamp && stamp[1] === want && stamp[0] === (seen ?? statOf(folder + n).key)) continue;
    if (hashOf(folder + n) !== want) return false;
    hashed = true;
  }
  if (hashed) writeStamps(dir, stampsFile, files, clock);
  return true;
}

function readPrecompiledCatalog(dir: string, file: string = PRECOMPILED_RULES, clock: Clock = {}): RuleCatalog | undefined {
  try {
    const pre = JSON.parse(readFileSync(file, 'utf8')) as Precompiled;
    if (!packsFresh(dir, pre.files, `${file}.stamps`, clock)) return undefined;
    if (!Array.isArray(pre.structured)) return undefined;
    return { rules: pre.docs ? withLazyDocs(pre, file, dir) : pre.rules, structured: pre.structured };
  } catch {
    return undefined;
  }
}

/** The precompiled set's prefilter summary (keywords, content kinds of keyword-less rules) while every pack is unchanged. */
export function readRuleSummary(dir: string, file: string = PRECOMPILED_RULES, clock: Clock = {}): RuleSetSummary | undefined {
  try {
    const sum = JSON.parse(readFileSync(summaryFileOf(file), 'utf8')) as RuleSetSummary & { files: Record<string, string> };
    const shaped = Array.isArray(sum.keywords) && sum.keywords.every((k) => typeof k === 'string') && (sum.always === 'all' || Array.isArray(sum.always));
    if (!shaped || !packsFresh(dir, sum.files, `${file}.stamps`, clock)) return undefined;
    return { keywords: sum.keywords, always: sum.always };
  } catch {
    return undefined;
  }
}

/**
 * The built-in pattern rules as a rule set (`rules`: them, read when first needed). While the
 * precompiled summary is fresh, the prefilter answers from it and the rules are read and compiled
 * only when a text has a keyword (or a kind a keyword-less rule reads): a pre-commit change with
 * no keyword never loads them.
 */
export function builtinRuleSet(rules: () => Rule[]): RuleSet {
  const summary = cached ? undefined : readRuleSummary(BUILTIN_RULES_DIR);
  return summary ? summarizedRuleSet(summary, rules) : compileRules(rules());
}

let cached: RuleCatalog | undefined;
function builtinCatalog(): RuleCatalog {
  cached ??= readPrecompiledCatalog(BUILTIN_RULES_DIR) ?? loadRuleCatalog();
  return cached;
}

/** Built-in pattern rules, loaded once per process (from the precompiled set when it is fresh). */
export function builtinRules(): Rule[] {
  return builtinCatalog().rules;
}

/**
 * The built-in metadata of the rules these structured detectors report, joined by id in the
 * detectors' order (all of it when no detectors are given). It comes from the built-in packs
 * whatever `--rules` folder holds the pattern rules, as the detectors' code does.
 */
export function builtinStructuredRules(detectors?: ReadonlyArray<{ name: string; ruleIds: readonly string[] }>): StructuredRule[] {
  const all = builtinCatalog().structured;
  if (!detectors) return all;
  const byId = new Map(all.map((r) => [r.id, r]));
  return detectors.flatMap((d) => d.ruleIds.flatMap((id) => {
    const r = byId.get(id);
    return r && r.detector === d.name ? [r] : [];
  }));
}
