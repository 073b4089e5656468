// The CLI's scan setup shared by `scan`, `init`, `baseline` and `sweep`: find and load the
// config and turn it into engine options: rules, noise filters (allowlists), per-path kinds,
// weights and the baseline's data. The engine assembles the suppression (inline allow, then
// the baseline) itself. Command line values override the config; the config overrides defaults.
import { relative, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { OWN_FILE_LIMITS } from '../own-file.js';
import { hashSalt } from '../redaction/secret-id.js';
import { builtinRules, loadRulePacks } from '../rules/load.js';
import { STRUCTURED_DETECTORS } from '../detect/structured-detectors.js';
import type { Baseline } from '../filter/baseline.js';
import type { ScanOptions } from '../scan.js';
import { scanRoot } from '../sources/paths.js';
import { applyConfig } from './apply.js';
import { parseBaseline, readBaseline } from './baseline-file.js';
import { confineConfig } from './confine.js';
import { readAtRevision } from './from-revision.js';
import { CONFIG_NAMES, displayPath, findConfig, loadConfig, parseConfig } from './load.js';
import { must } from '../problems/problem.js';
import type { FailOn, KeysprawlConfig } from './schema.js';

/** What the CLI asks of the config (typed values, never its flag objects). */
export interface SetupRequest {
  /** A config file; false ignores any .keysprawl.yaml (--no-config); undefined finds the root's. */
  configFile?: string | false;
  /** A baseline file to suppress accepted findings (`scan --baseline`), over the config's. */
  baselineFile?: string;
  /** The baseline to match instead of any file (the baseline commands). */
  baseline?: { data: Baseline; label: string };
  /** A rule packs folder instead of the built-in one (`--rules`). */
  rulePacks?: string;
  root?: string;
  /**
   * Untrusted-input mode (--diff): read the repository's config, and the baseline it names,
   * from this revision (the base) rather than from the files being scanned.
   */
  trustedRev?: string;
}

export type SetupOptions = Pick<ScanOptions, 'rules' | 'structured' | 'filters' | 'extract' | 'weights' | 'salt' | 'keysprawlignore' | 'baseline'>;

export interface ScanSetup {
  config?: KeysprawlConfig;
  options: SetupOptions;
}

function baselineFor(req: SetupRequest, config: KeysprawlConfig | undefined, root: string): { data: Baseline; label: string } | undefined {
  if (req.baseline) return req.baseline;
  if (!req.baselineFile && config?.baseline && req.trustedRev && req.configFile === undefined) {
    // The base revision's config names a baseline: read it from the same revision.
    const rel = relative(root, config.baseline).replace(/\\/g, '/');
    const text = readAtRevision(root, req.trustedRev, rel, OWN_FILE_LIMITS.baseline);
    if (text === undefined) throw new UsageError(`${config.file}: baseline: ${rel} is not in ${req.trustedRev.slice(0, 7)} (the base revision)`);
    const label = `${rel} (at ${req.trustedRev.slice(0, 7)})`;
    return { data: must(parseBaseline(text, label)), label: `baseline ${label}` };
  }
  const file = req.baselineFile ?? config?.baseline;
  if (!file) return undefined;
  const label = `baseline ${displayPath(file)}`;
  return { data: must(readBaseline(file)), label };
}

/** The config to use: the named file, else the repository's (at the trusted revision under --diff). */
function configFor(root: string, req: SetupRequest): { config?: KeysprawlConfig; own: boolean } {
  if (req.configFile === false) return { own: false };
  if (req.configFile === undefined && req.trustedRev) {
    for (const name of CONFIG_NAMES) {
      const text = readAtRevision(root, req.trustedRev, name, OWN_FILE_LIMITS.config);
      if (text === undefined) continue;
      const label = `${name} (at ${req.trustedRev.slice(0, 7)})`;
      return { config: must(parseConfig(text, label, root)), own: true };
    }
    return { own: true };
  }
  const file = findConfig(root, req.configFile);
  return { ...(file ? { config: loadConfig(file) } : {}), own: req.configFile === undefined };
}

/** Load config and baseline for a scan of `paths`; throws UsageError/ProblemError (exit 2). */
export function prepareScan(paths: string[], req: SetupRequest): ScanSetup {
  const root = scanRoot(paths.length ? paths : ['.'], req.root);
  const { config, own } = configFor(root, req);
  // A repository's own config may not read or write outside the scanned tree.
  if (config && own) confineConfig(config, root, { baselineFromRevision: !!req.trustedRev && !req.baselineFile });
  // extends: none never loads the packs, so a broken or slow pack cannot affect a custom-only setup.
  const base = () => (config?.extends === 'none' ? [] : req.rulePacks ? loadRulePacks(req.rulePacks) : builtinRules());
  const structured = STRUCTURED_DETECTORS;
  // With neither a config nor --rules the plan loads the built-in rules itself, on first use
  // (src/engine/plan.ts): a scan that reads no file never parses them.
  const applied = config ? applyConfig(config, base(), structured) : req.rulePacks ? { rules: base(), structured, filters: [] } : { structured, filters: [] };
  const baseline = baselineFor(req, config, root);
  return {
    ...(config ? { config } : {}),
    // .keysprawlignore is repository configuration too: --no-config does not read it.
    options: { ...applied, salt: hashSalt(), keysprawlignore: req.configFile !== false, ...(baseline ? { baseline } : {}) },
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
