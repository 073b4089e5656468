// The scan plan: everything a scan needs, validated and built once before any byte is read, then
// never changed (ripgrep's low-level args → high-level args). The CLI turns flags and config into
// ScanOptions and stops at buildPlan; a library caller gives ScanOptions to scan(), which builds
// the plan the same way. src/scan.ts runs the stages from a plan and nothing else.
import { availableParallelism } from 'node:os';
import { hashSalt } from '../redaction/secret-id.js';
import { builtinRules, builtinRuleSet, builtinStructuredRules } from '../rules/load.js';
import { compileRules, type RuleSet } from '../detect/ruleset.js';
import { STRUCTURED_DETECTORS } from '../detect/structured-detectors.js';
import type { StructuredDetector } from '../detect/structured.js';
import { EXTRACTORS, type Extractor } from '../extract/extractors.js';
import type { ExtractOptions } from '../extract/index.js';
import type { Baseline } from '../filter/baseline.js';
import type { HitFilter } from '../filter/index.js';
import { DEFAULT_WEIGHTS, type Weights } from '../score/weights.js';
import { DEFAULT_MAX_FILE_SIZE, pathSource } from '../sources/paths.js';
import type { Source } from '../sources/source.js';
import type { ContentKind } from '../contracts/fragment.js';
import type { ScanStats } from '../contracts/result.js';
import type { Rule, RuleMeta, StructuredRule } from '../contracts/rule.js';
import type { VerifyHook } from '../verify/verifier.js';
import type { SuppressionPolicy } from './suppression.js';

/** What a library caller (or the CLI, from flags and config) asks for; every field optional. */
export interface ScanOptions {
  /** Files and folders to scan; '-' reads standard input. Default ['.']. Not with `source`. */
  paths?: string[];
  /** Report paths relative to this folder. Default: the one folder scanned, else the cwd. */
  root?: string;
  maxFileSize?: number;
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
  /** Honour the root's .keysprawlignore (default true; not under --no-config). */
  keysprawlignore?: boolean;
  stdin?: NodeJS.ReadableStream;
  /** Where the blobs come from instead of `paths` (git history, staged index, diff, agents). */
  source?: Source;
  /** Redact secrets in every output (default true). */
  redact?: boolean;
  /** Salt for secret ids (default KEYSPRAWL_HASH_SALT or the built-in default). */
  salt?: string;
  /** The rules to run (default: the built-in packs). */
  rules?: Rule[];
  /** Structured detectors to run (default: STRUCTURED_DETECTORS, src/detect/structured-detectors.ts). */
  structured?: readonly StructuredDetector[];
  extract?: ExtractOptions;
  /** Noise filters (allowlists, disabled rules), run before the suppression policy. */
  filters?: HitFilter[];
  /** Honour inline allow comments such as `keysprawl:allow` (default true). */
  inlineAllow?: boolean;
  /** A baseline (src/config/baseline-file.ts reads one): findings recorded in it are reported suppressed. */
  baseline?: { data: Baseline; label?: string };
  weights?: Weights;
  /** Threads that extract and detect, the main thread included (default: defaultThreads(); 1 = the main thread alone). */
  threads?: number;
  /** --verify: a live check per distinct secret, run while the raw value is still in memory. */
  verify?: VerifyHook;
  /** Called with each one-line warning as it happens. */
  onWarning?: (line: string) => void;
  /** Called after each blob with running stats (progress display). */
  onProgress?: (stats: ScanStats) => void;
}

/** The compiled rules and detectors, and the content kinds that override a file's own. */
export interface Detection {
  readonly rules: readonly Rule[];
  readonly ruleSet: RuleSet;
  /** The structured extractors, in the order they are tried (src/extract/extractors.ts). */
  readonly extractors: readonly Extractor[];
  readonly structured: readonly StructuredDetector[];
  /** The metadata of the rules the structured detectors report (rules/*.yaml `detector:` entries). */
  readonly structuredRules: readonly StructuredRule[];
  /** Every rule's metadata by id, the structured detectors' included. */
  readonly rulesById: ReadonlyMap<string, RuleMeta>;
  readonly kindFor?: (path: string) => ContentKind | undefined;
}

export interface ScanPlan {
  readonly source: Source;
  readonly detection: Detection;
  /** Filters that drop noise (allowlists, disabled structured rules). */
  readonly noise: readonly HitFilter[];
  readonly suppression: SuppressionPolicy;
  readonly weights: Weights;
  readonly salt: string;
  readonly redact: boolean;
  readonly maxFileSize: number;
  readonly threads: number;
  readonly verify?: VerifyHook;
  readonly onWarning?: (line: string) => void;
  readonly onProgress?: (stats: ScanStats) => void;
}

/**
 * A working tree: one scanning thread per core, the main thread counting as one
 * (src/engine/worker-pool.ts): on two cores the main thread and one worker share the work (with
 * no other job running, 0.8× the wall time of the main thread alone for about 1.1× the CPU,
 * docs/performance.md, fifth round). A source whose blobs the main thread also plans (a git
 * history with line reuse) keeps one core for that: one thread per core beyond the first
 * (on two cores the main thread alone: a worker beside the planner took longer on a full
 * history, fourth round).
 */
export function defaultThreads(source?: Pick<Source, 'reuseLines'>): number {
  const cores = availableParallelism();
  return source?.reuseLines ? Math.max(1, cores - 1) : cores;
}

const built = new WeakSet<object>();

/** A plan from buildPlan (a ScanOptions object is not one). */
export function isPlan(x: ScanOptions | ScanPlan): x is ScanPlan {
  return built.has(x);
}

/** A map built on first use (every method reads it): a scan that looks nothing up never builds it. */
class LazyMap<K, V> implements ReadonlyMap<K, V> {
  private map?: ReadonlyMap<K, V>;
  constructor(private readonly build: () => ReadonlyMap<K, V>) {}
  private get m(): ReadonlyMap<K, V> {
    return (this.map ??= this.build());
  }
  get size(): number {
    return this.m.size;
  }
  get(key: K): V | undefined {
    return this.m.get(key);
  }
  has(key: K): boolean {
    return this.m.has(key);
  }
  forEach(fn: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    this.m.forEach((v, k) => fn.call(thisArg, v, k, this));
  }
  entries(): MapIterator<[K, V]> {
    return this.m.entries();
  }
  keys(): MapIterator<K> {
    return this.m.keys();
  }
  values(): MapIterator<V> {
    return this.m.values();
  }
  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.m[Symbol.iterator]();
  }
}

/**
 * The rules are read, compiled and indexed on first use, not when the plan is built: a scan that
 * reads no file (an empty folder, a commit that stages only deletions) never loads the rule set
 * (docs/performance.md). Rules given in the options are copied now, as they are.
 */
function detection(opts: ScanOptions, source: Source): Detection {
  const given = opts.rules && Object.freeze([...opts.rules]);
  const structured = Object.freeze([...(opts.structured ?? STRUCTURED_DETECTORS)]);
  let rules: readonly Rule[] | undefined;
  let ruleSet: RuleSet | undefined;
  let structuredRules: readonly StructuredRule[] | undefined;
  const configured = opts.extract?.kindFor;
  const known = source.kindFor?.bind(source);
  // The config's per-path kinds first, then what the source knows (an AI client's files).
  const kindFor = configured && known ? (p: string) => configured(p) ?? known(p) : (configured ?? known);
  const d: Detection = Object.freeze({
    get rules() {
      return (rules ??= given ?? Object.freeze([...builtinRules()]));
    },
    get ruleSet() {
      // The built-in set answers the keyword prefilter from its summary until a rule is needed.
      return (ruleSet ??= given ? compileRules([...d.rules]) : builtinRuleSet(() => [...d.rules]));
    },
    extractors: EXTRACTORS,
    structured,
    get structuredRules() {
      return (structuredRules ??= Object.freeze(builtinStructuredRules(structured)));
    },
    rulesById: new LazyMap<string, RuleMeta>(() => new Map<string, RuleMeta>([...d.structuredRules, ...d.rules].map((r) => [r.id, r]))),
    ...(kindFor ? { kindFor } : {}),
  });
  return d;
}

/** Validate options and build the plan; throws UsageError for bad input (a path that is not there). */
export function buildPlan(opts: ScanOptions = {}): ScanPlan {
  const maxFileSize = opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const source = opts.source ?? pathSource({
    paths: opts.paths?.length ? [...opts.paths] : ['.'],
    root: opts.root,
    maxFileSize,
    gitignore: opts.gitignore,
    keysprawlignore: opts.keysprawlignore,
    stdin: opts.stdin,
  });
  const baseline = opts.baseline && Object.freeze({ data: opts.baseline.data, label: opts.baseline.label ?? 'baseline' });
  const plan: ScanPlan = Object.freeze({
    source,
    detection: detection(opts, source),
    noise: Object.freeze([...(opts.filters ?? [])]),
    suppression: Object.freeze({ inline: opts.inlineAllow ?? true, ...(baseline ? { baseline } : {}) }),
    weights: opts.weights ?? DEFAULT_WEIGHTS,
    salt: opts.salt ?? hashSalt(),
    redact: opts.redact ?? true,
    maxFileSize,
    threads: opts.threads ?? defaultThreads(source),
    ...(opts.verify ? { verify: opts.verify } : {}),
    ...(opts.onWarning ? { onWarning: opts.onWarning } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  built.add(plan);
  return plan;
}
