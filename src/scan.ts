// The engine: wires source → extract → detect → filter → correlate → score into one call.
// This is the library entry (`import { scan } from 'keysprawl'`); it never exits the process.
import { accessSync, constants, lstatSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Correlator } from './correlate/correlate.js';
import { pairSecrets } from './correlate/pairing.js';
import { hashSalt } from './redaction/secret-id.js';
import { builtinRules } from './rules/load.js';
import { compileRules, type RuleSet } from './detect/ruleset.js';
import { structuredDetectors, type StructuredDetector } from './detect/structured.js';
import { Diagnostics } from './diagnostics.js';
import { UsageError } from './errors.js';
import { LineReuse } from './engine/line-reuse.js';
import { attach } from './engine/process-blob.js';
import { processAll } from './engine/worker-pool.js';
import { classify } from './extract/classify.js';
import type { ExtractOptions } from './extract/index.js';
// Content-aware extractors and structured detectors (notebooks, agent configs, CI posture).
import './extract/register.js';
import { applyFilters, type HitFilter } from './filter/index.js';
import { saltCheck } from './filter/baseline.js';
import { nhiTags } from './score/nhi.js';
import { actionFor, remediationFor } from './score/remediation.js';
import { scoreSecret } from './score/score.js';
import { DEFAULT_WEIGHTS, type Weights } from './score/weights.js';
import { expandArchives } from './sources/archive/expand.js';
import { VerificationQueue } from './verify/queue.js';
import type { VerifyHook } from './verify/verifier.js';
import { readStdin } from './sources/stdin.js';
import type { Blob, Match, Rule, ScanResult, ScanStats, Secret } from './types.js';
import { VERSION } from './version.js';

export const DEFAULT_MAX_FILE_SIZE = 25 * 1024 * 1024;

export interface ScanOptions {
  /** Files and folders to scan; '-' reads standard input. Default ['.']. */
  paths?: string[];
  /** Report paths relative to this folder. Default: the one folder scanned, else the cwd. */
  root?: string;
  maxFileSize?: number;
  /** Redact secrets in every output (default true). */
  redact?: boolean;
  /** Salt for secret ids (default KEYSPRAWL_HASH_SALT or the built-in default). */
  salt?: string;
  /** The rules to run (default: the built-in packs). */
  rules?: Rule[];
  /** Extra filters after the built-in ones (inline allow, baseline, allowlists). */
  filters?: HitFilter[];
  weights?: Weights;
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
  /** Honour the root's .keysprawlignore (default true; not under --no-config). */
  keysprawlignore?: boolean;
  /** A ready source of blobs (git history, staged index, diff) instead of the file walk. */
  blobs?: (diag: Diagnostics) => AsyncIterable<Blob>;
  extract?: ExtractOptions;
  stdin?: NodeJS.ReadableStream;
  /** Called with each one-line warning as it happens. */
  onWarning?: (line: string) => void;
  /** Called after each blob with running stats (progress display). */
  onProgress?: (stats: ScanStats) => void;
  /** Structured detectors to run (default: every registered one). */
  structured?: readonly StructuredDetector[];
  /** Post-processing of the scored secrets (e.g. git's presentAtHead), before sorting. */
  finalize?: (secrets: Secret[]) => Secret[] | Promise<Secret[]>;
  /** Worker threads for extraction and detection (default: defaultThreads(); 1 = none). */
  threads?: number;
  /** --verify: a live check per distinct secret, run while the raw value is still in memory. */
  verify?: VerifyHook;
  /**
   * Scan only the lines of each blob that no earlier blob had, carrying known findings over
   * (git history: src/engine/line-reuse.ts). Off: every blob is scanned whole.
   */
  reuseLines?: boolean;
}

/**
 * One worker per core beyond the main thread's: the main thread walks, reads, filters and
 * correlates, so on two cores a second busy thread only competes with it (measured: the pool
 * was slower than --threads 1 there, and used more memory).
 */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

export function scanRoot(paths: string[], root?: string): string {
  if (root) return resolve(root);
  const real = paths.filter((p) => p !== '-');
  if (real.length === 1) {
    const abs = resolve(real[0]);
    try {
      if (statSync(abs).isDirectory()) return abs;
    } catch {
      // reported by checkPaths
    }
  }
  return process.cwd();
}

function checkPaths(paths: string[]): void {
  for (const p of paths) {
    if (p === '-') continue;
    // lstat: a broken symlink named on the command line is a counted skip, not a usage error.
    const st = lstatSync(p, { throwIfNoEntry: false });
    if (!st) throw new UsageError(`${p}: no such file or directory`);
    // A path the user named and cannot read is a usage error, not a clean scan.
    if (!st.isSymbolicLink() && !readable(p, st.isDirectory())) throw new UsageError(`${p}: permission denied`);
  }
}

function readable(p: string, dir: boolean): boolean {
  try {
    accessSync(p, dir ? constants.R_OK | constants.X_OK : constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

async function* inputBlobs(paths: string[], root: string, opts: ScanOptions, diag: Diagnostics): AsyncGenerator<Blob> {
  if (opts.blobs) {
    yield* expandArchives(opts.blobs(diag), opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, diag);
    return;
  }
  const files = paths.filter((p) => p !== '-');
  if (paths.includes('-')) yield await readStdin(opts.stdin);
  if (files.length) {
    // The file walk (fast-glob, ignore rules) is loaded only when files are scanned, not for git modes.
    const { fileSource } = await import('./sources/files.js');
    const maxFileSize = opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    yield* expandArchives(fileSource({ root, paths: files, maxFileSize, gitignore: opts.gitignore, keysprawlignore: opts.keysprawlignore }, diag), maxFileSize, diag);
  }
}

async function* planned(blobs: AsyncIterable<Blob>, reuse: LineReuse): AsyncGenerator<Blob> {
  for await (const blob of blobs) yield reuse.plan(blob);
}

/** The distinct values found on each line (posture findings have none). */
function secretsByLine(matches: readonly Match[], rules: ReadonlyMap<string, Rule>): Map<number, string[]> {
  const byLine = new Map<number, Set<string>>();
  for (const m of matches) {
    if (rules.get(m.ruleId)?.category === 'posture') continue;
    for (let line = m.line; line <= m.endLine; line++) {
      const set = byLine.get(line) ?? new Set<string>();
      set.add(m.secret);
      byLine.set(line, set);
    }
  }
  return new Map([...byLine].map(([line, set]) => [line, [...set]]));
}

/** Scan and return scored, sorted secrets plus stats. Throws UsageError for bad input. */
export async function scan(opts: ScanOptions = {}): Promise<ScanResult> {
  const started = Date.now();
  const paths = opts.paths?.length ? opts.paths : ['.'];
  if (!opts.blobs) checkPaths(paths);
  const root = scanRoot(paths, opts.root);
  const rules = opts.rules ?? builtinRules();
  const ruleSet: RuleSet = compileRules(rules);
  const structured = opts.structured ?? structuredDetectors();
  const rulesById = new Map([...structured.flatMap((d) => d.rules), ...rules].map((r) => [r.id, r]));
  const diag = new Diagnostics(opts.onWarning);
  const redact = opts.redact ?? true;
  const salt = opts.salt ?? hashSalt();
  const correlator = new Correlator(rulesById, { salt, redact });
  const filters = opts.filters ?? [];
  const verifying = opts.verify ? new VerificationQueue(opts.verify, opts.salt ?? hashSalt()) : undefined;

  const registered = new Set(structuredDetectors());
  const usage = { threads: 0 };
  const kindFor = (path: string) => opts.extract?.kindFor?.(path) ?? classify(path);
  const reuse = opts.reuseLines ? new LineReuse(kindFor) : undefined;
  const input = inputBlobs(paths, root, opts, diag);
  const processed = processAll(reuse ? planned(input, reuse) : input, { ruleSet, structured, rulesById }, {
    // --verify needs no text on the main thread: the per-blob step keeps the raw AWS key id on the match.
    threads: opts.threads ?? defaultThreads(),
    rules,
    structuredNames: structured.map((d) => d.name),
    portable: structured.every((d) => registered.has(d)),
    kindFor: opts.extract?.kindFor,
    usage,
  });
  for await (const done of processed) {
    const { blob, result } = reuse ? reuse.complete(done.blob, done.result) : done;
    diag.scanned(blob.bytes.length, !blob.continued);
    for (const e of result.events) {
      if ('warn' in e) diag.warn(e.warn);
      else diag.skip(...e.skip);
    }
    // Every secret on a finding's line is masked in its snippet (not with --no-redact).
    const secrets = redact ? secretsByLine(result.matches.map((m) => m.match), rulesById) : undefined;
    const fragments = result.fragments.map((f) => attach(f, blob.lines, secrets));
    for (const { fragment: index, match } of result.matches) {
      const hit = { match, fragment: fragments[index] };
      const verdict = applyFilters(hit, filters);
      if (verdict === 'drop') continue;
      if (verdict !== 'keep') diag.stats.suppressed++;
      correlator.add(hit, verdict === 'keep' ? undefined : verdict.suppressed);
      if (verdict === 'keep') verifying?.offer(hit, rulesById.get(match.ruleId));
    }
    opts.onProgress?.(diag.stats);
  }

  const weights = opts.weights ?? DEFAULT_WEIGHTS;
  const blast = (s: Secret): Secret => {
    const rule = rulesById.get(s.ruleId);
    const scored = scoreSecret(s, rule, weights);
    return { ...scored, nhi: nhiTags(scored, rule), remediation: remediationFor(scored, rule, weights), action: actionFor(scored, rule, weights) };
  };
  const correlated = verifying ? await verifying.apply(correlator.secrets()) : correlator.secrets();
  let secrets = pairSecrets(correlated).map(blast);
  for (const d of structured) if (d.finalize) secrets = d.finalize(secrets);
  if (opts.finalize) secrets = await opts.finalize(secrets);
  // Finalizers may change occurrences (git's presentAtHead, merged findings): score again.
  if (opts.finalize || structured.some((d) => d.finalize)) secrets = secrets.map(blast);
  // Literal secrets before posture advice, whatever the scores: advice never outranks a key.
  secrets.sort((a, b) => Number(a.kind === 'posture') - Number(b.kind === 'posture') || b.score - a.score || a.ruleId.localeCompare(b.ruleId) || a.id.localeCompare(b.id));
  const usedRules = [...new Set(secrets.map((s) => s.ruleId))].sort().map((id) => rulesById.get(id)).filter((r): r is Rule => !!r);
  diag.stats.elapsedMs = Date.now() - started;
  diag.stats.threads = usage.threads;
  if (reuse) diag.stats.bytesReused = reuse.bytesReused;
  return {
    schema: 'keysprawl/v1',
    tool: { name: 'keysprawl', version: VERSION },
    root,
    startedAt: new Date(started).toISOString(),
    secrets,
    rules: usedRules,
    stats: diag.stats,
    redacted: redact,
    saltCheck: saltCheck(salt),
  };
}
