// The CLI's scan setup shared by `scan`, `init` and `baseline`: find and load the config, turn
// it into engine options, and add the suppression filters (inline comments, baseline). Command
// line flags override the config; the config overrides built-in defaults.
import { relative, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { OWN_FILE_LIMITS } from '../own-file.js';
import { hashSalt } from '../redaction/secret-id.js';
import { builtinRules, loadRulePacks } from '../rules/load.js';
import { structuredDetectors } from '../detect/structured.js';
import { BaselineMatcher, saltCheck, type Baseline } from '../filter/baseline.js';
import type { HitFilter } from '../filter/index.js';
import { inlineFilter } from '../filter/inline.js';
import { scanRoot, type ScanOptions } from '../scan.js';
import type { ScanResult } from '../types.js';
import { applyConfig } from './apply.js';
import { parseBaseline, readBaseline } from './baseline-file.js';
import { confineConfig } from './confine.js';
import { readAtRevision } from './from-revision.js';
import { CONFIG_NAMES, displayPath, findConfig, loadConfig, parseConfig } from './load.js';
import { Problems } from './problems.js';
import type { FailOn, KeysprawlConfig } from './schema.js';

export interface SetupFlags {
  /** A config file; false (`--no-config`) ignores any .keysprawl.yaml. */
  config?: string | false;
  /** A baseline file to suppress accepted findings (`scan --baseline`). */
  baseline?: string;
  /** A rule packs folder instead of the built-in one (`--rules`). */
  rules?: string;
  root?: string;
  /**
   * Untrusted-input mode (--diff): read the repository's config, and the baseline it names,
   * from this revision (the base) rather than from the files being scanned.
   */
  trustedRev?: string;
}

export type SetupOptions = Pick<ScanOptions, 'rules' | 'structured' | 'filters' | 'extract' | 'weights' | 'salt' | 'keysprawlignore'>;

export interface ScanSetup {
  config?: KeysprawlConfig;
  options: SetupOptions;
  baseline?: BaselineMatcher;
  /** Warnings raised while filtering (expired suppressions), reported when the scan ends. */
  warnings: string[];
}

export interface PrepareOptions {
  /** The baseline to match instead of flags.baseline or the config's (the baseline commands). */
  baseline?: { data: Baseline; label: string };
}

function baselineFor(flags: SetupFlags, config: KeysprawlConfig | undefined, opts: PrepareOptions, root: string): { data: Baseline; label: string } | undefined {
  if (opts.baseline) return opts.baseline;
  if (!flags.baseline && config?.baseline && flags.trustedRev && flags.config === undefined) {
    // The base revision's config names a baseline: read it from the same revision.
    const rel = relative(root, config.baseline).replace(/\\/g, '/');
    const text = readAtRevision(root, flags.trustedRev, rel, OWN_FILE_LIMITS.baseline);
    if (text === undefined) throw new UsageError(`${config.file}: baseline: ${rel} is not in ${flags.trustedRev.slice(0, 7)} (the base revision)`);
    const label = `${rel} (at ${flags.trustedRev.slice(0, 7)})`;
    return { data: parseBaseline(text, label), label: `baseline ${label}` };
  }
  const file = flags.baseline ?? config?.baseline;
  if (!file) return undefined;
  const label = `baseline ${displayPath(file)}`;
  return { data: readBaseline(file), label };
}

/** The config to use: --config, else the repository's (at the trusted revision under --diff). */
function configFor(root: string, flags: SetupFlags): { config?: KeysprawlConfig; own: boolean } {
  if (flags.config === false) return { own: false };
  if (flags.config === undefined && flags.trustedRev) {
    for (const name of CONFIG_NAMES) {
      const text = readAtRevision(root, flags.trustedRev, name, OWN_FILE_LIMITS.config);
      if (text === undefined) continue;
      const label = `${name} (at ${flags.trustedRev.slice(0, 7)})`;
      const problems = new Problems(label);
      const config = parseConfig(text, label, root, problems);
      problems.throwIfAny();
      return { config, own: true };
    }
    return { own: true };
  }
  const file = findConfig(root, flags.config);
  return { ...(file ? { config: loadConfig(file) } : {}), own: flags.config === undefined };
}

/** Load config and baseline for a scan of `paths`; throws UsageError/ConfigError (exit 2). */
export function prepareScan(paths: string[], flags: SetupFlags, opts: PrepareOptions = {}): ScanSetup {
  const root = scanRoot(paths.length ? paths : ['.'], flags.root);
  const { config, own } = configFor(root, flags);
  // A repository's own config may not read or write outside the scanned tree.
  if (config && own) confineConfig(config, root, { baselineFromRevision: !!flags.trustedRev && !flags.baseline });
  // extends: none never loads the packs, so a broken or slow pack cannot affect a custom-only setup.
  const base = config?.extends === 'none' ? [] : flags.rules ? loadRulePacks(flags.rules) : builtinRules();
  const structured = structuredDetectors();
  const applied = config ? applyConfig(config, base, structured) : { rules: base, structured, filters: [] };
  const warnings: string[] = [];
  const salt = hashSalt();
  const inline = inlineFilter({ warn: (line) => warnings.push(line) });
  let matcher: BaselineMatcher | undefined;
  const bl = baselineFor(flags, config, opts, root);
  if (bl) {
    if (bl.data.saltCheck && bl.data.saltCheck !== saltCheck(salt)) {
      warnings.push(`${bl.label.replace(/^baseline /, '')}: written with a different KEYSPRAWL_HASH_SALT, so none of its fingerprints can match: every finding is reported`);
    }
    const rulesById = new Map([...applied.structured.flatMap((d) => d.rules), ...applied.rules].map((r) => [r.id, r]));
    matcher = new BaselineMatcher(bl.data, { salt, rules: rulesById, label: bl.label });
  }
  const baselineFilter = matcher?.filter;
  // One suppression step: an inline allow wins, and only hits it leaves reach the baseline, so
  // `baseline create` never records a finding the source already allows.
  const suppress: HitFilter = (hit) => {
    const v = inline(hit);
    return v !== 'keep' || !baselineFilter ? v : baselineFilter(hit);
  };
  const filters = [...applied.filters, suppress];
  return {
    ...(config ? { config } : {}),
    // .keysprawlignore is repository configuration too: --no-config does not read it.
    options: { ...applied, filters, salt, keysprawlignore: flags.config !== false },
    ...(matcher ? { baseline: matcher } : {}),
    warnings,
  };
}

/** `--fail-on` if given, else the config's `fail-on`, else undefined: the default gate (src/cli/gate.ts). */
export function failOnFor(flag: FailOn | undefined, setup: ScanSetup): FailOn | undefined {
  return flag ?? setup.config?.failOn;
}

/** `--format`/`--output` if either is given, else the config's `format`/`output`. */
export function outputsFor(format: string[], output: string[], setup: ScanSetup): { format: string[]; output: string[] } {
  if (format.length || output.length || !setup.config) return { format, output };
  const dir = setup.config.dir;
  return { format: setup.config.format, output: setup.config.output.map((o) => displayPath(resolve(dir, o))) };
}

/** Hand the filters' warnings to the report and to the user, once the scan is over. */
export function finishScan(setup: ScanSetup, result: ScanResult, warn: (line: string) => void): void {
  for (const line of setup.warnings) {
    result.stats.warnings.push(line);
    warn(line);
  }
}
