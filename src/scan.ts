// The engine: runs a scan plan (src/engine/plan.ts) through the stages of DESIGN §1 in order,
// each once: source → extract → detect (per blob, src/engine/) → filter → correlate → verify →
// provenance → score. This is the library entry (`import { scan } from 'keysprawl'`); it never
// exits the process.
import { Correlator } from './correlate/correlate.js';
import { pairSecrets } from './correlate/pairing.js';
import { STRUCTURED_DETECTORS } from './detect/structured-detectors.js';
import { Diagnostics } from './diagnostics.js';
import { LineReuse } from './engine/line-reuse.js';
import { buildPlan, isPlan, type ScanOptions, type ScanPlan } from './engine/plan.js';
import { attach, processBlob } from './engine/process-blob.js';
import { suppressor } from './engine/suppression.js';
import { processAll } from './engine/worker-pool.js';
import { classify } from './extract/classify.js';
import { applyFilters, type HitFilter } from './filter/index.js';
import { saltCheck, type BaselineMatcher } from './filter/baseline.js';
import { scored } from './score/scored.js';
import { expandArchives } from './sources/archive/expand.js';
import { VerificationQueue } from './verify/queue.js';
import type { Blob } from './contracts/blob.js';
import type { Match } from './contracts/match.js';
import type { ScanResult } from './contracts/result.js';
import type { RuleMeta } from './contracts/rule.js';
import type { Secret } from './contracts/scored.js';
import { VERSION } from './version.js';

export { buildPlan, defaultThreads, type ScanOptions, type ScanPlan } from './engine/plan.js';
export { DEFAULT_MAX_FILE_SIZE, scanRoot } from './sources/paths.js';

/** A finished run: the result, and the baseline matcher when the plan had a baseline. */
export interface PlanRun {
  result: ScanResult;
  /** What the baseline saw and matched (`baseline create|update|import` record it). */
  baseline?: BaselineMatcher;
}

async function* one(blob: Blob): AsyncGenerator<Blob> {
  yield blob;
}

/** The source's blobs with archives opened; standard input is one stream, read as it is. */
async function* sourceBlobs(plan: ScanPlan, diag: Diagnostics): AsyncGenerator<Blob> {
  for await (const blob of plan.source.blobs(diag)) {
    if (blob.origin.kind === 'stdin') yield blob;
    else yield* expandArchives(one(blob), plan.maxFileSize, diag);
  }
}

async function* planned(blobs: AsyncIterable<Blob>, reuse: LineReuse): AsyncGenerator<Blob> {
  for await (const blob of blobs) yield reuse.plan(blob);
}

/** The distinct values found on each line (posture findings have none). */
function secretsByLine(matches: readonly Match[], rules: ReadonlyMap<string, RuleMeta>): Map<number, string[]> {
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

interface Sinks {
  diag: Diagnostics;
  filters: readonly HitFilter[];
  correlator: Correlator;
  verifying?: VerificationQueue;
  /** Worker threads actually started. */
  usage: { threads: number };
  reuse?: LineReuse;
}

/** Source → extract → detect (per blob, maybe on workers) → filter → correlate, blob by blob. */
async function collect(plan: ScanPlan, s: Sinks): Promise<void> {
  const { detection } = plan;
  const { diag, reuse } = s;
  const registered = new Set(STRUCTURED_DETECTORS);
  const input = sourceBlobs(plan, diag);
  const processed = processAll(reuse ? planned(input, reuse) : input, detection, {
    // --verify needs no text on the main thread: the per-blob step keeps the raw AWS key id on the match.
    // --threads counts the main thread; with line reuse it also plans each blob, and scans a
    // planned blob itself only when no worker has room (worker-pool.ts).
    threads: plan.threads,
    // Read when workers start: a scan that starts none may never load the rules (plan.ts).
    get rules() {
      return [...detection.rules];
    },
    structuredNames: detection.structured.map((d) => d.name),
    get structuredRules() {
      return [...detection.structuredRules];
    },
    portable: detection.structured.every((d) => registered.has(d)),
    kindFor: detection.kindFor,
    usage: s.usage,
  });
  for await (const done of processed) {
    const { blob, result } = reuse ? reuse.complete(done.blob, done.result) : done;
    diag.scanned(blob.bytes.length, !blob.continued);
    for (const e of result.events) {
      if ('warn' in e) diag.warn(e.warn);
      else diag.skip(...e.skip);
    }
    // Every secret on a finding's line is masked in its snippet (not with --no-redact).
    const secrets = plan.redact ? secretsByLine(result.matches.map((m) => m.match), detection.rulesById) : undefined;
    const fragments = result.fragments.map((f) => attach(f, blob.lines, secrets));
    for (const { fragment: index, match } of result.matches) {
      const hit = { match, fragment: fragments[index] };
      const verdict = applyFilters(hit, s.filters);
      if (verdict === 'drop') continue;
      if (verdict !== 'keep') diag.stats.suppressed++;
      s.correlator.add(hit, verdict === 'keep' ? undefined : verdict.suppressed);
      if (verdict === 'keep') s.verifying?.offer(hit, detection.rulesById.get(match.ruleId));
    }
    // Snippets and line texts are strings by now: the source may reuse the blob's buffer.
    blob.release?.();
    plan.onProgress?.(diag.stats);
  }
}

/** Correlated secrets → verified → paired → whole-scan detector passes → provenance → scored, once. */
async function finish(plan: ScanPlan, s: Sinks): Promise<Secret[]> {
  const { rulesById, structured } = plan.detection;
  const correlated = s.verifying ? await s.verifying.apply(s.correlator.secrets()) : s.correlator.secrets();
  let secrets = pairSecrets(correlated);
  for (const d of structured) if (d.finalize) secrets = d.finalize(secrets);
  if (plan.source.provenance) secrets = await plan.source.provenance(secrets);
  // Every fact scoring reads (occurrences, provenance, verification, pairs) is in place: score once.
  const done = secrets.map((secret) => scored(secret, rulesById.get(secret.ruleId), plan.weights));
  // Literal secrets before posture advice, whatever the scores: advice never outranks a key.
  return done.sort((a, b) => Number(a.kind === 'posture') - Number(b.kind === 'posture') || b.score - a.score || a.ruleId.localeCompare(b.ruleId) || a.id.localeCompare(b.id));
}

/** Run a plan; the baseline matcher comes back too, for the commands that record a baseline. */
export async function runPlan(plan: ScanPlan): Promise<PlanRun> {
  const started = Date.now();
  const { detection } = plan;
  const diag = new Diagnostics(plan.onWarning);
  const suppress = suppressor(plan.suppression, plan.salt, detection.rulesById);
  const kindFor = (path: string) => detection.kindFor?.(path) ?? classify(path);
  // A probe of one line on the main thread: what a JSON/YAML line reports in each reading (neutral-lines.ts).
  const probe = (b: Blob) => processBlob(b, detection, detection.kindFor?.(b.origin.path)).matches.map((m) => m.match);
  const sinks: Sinks = {
    diag,
    filters: [...plan.noise, suppress.filter],
    correlator: new Correlator(detection.rulesById, { salt: plan.salt, redact: plan.redact }),
    ...(plan.verify ? { verifying: new VerificationQueue(plan.verify, plan.salt) } : {}),
    usage: { threads: 0 },
    ...(plan.source.reuseLines ? { reuse: new LineReuse(kindFor, probe) } : {}),
  };
  await collect(plan, sinks);
  const secrets = await finish(plan, sinks);
  const usedRules = [...new Set(secrets.map((s) => s.ruleId))].sort().map((id) => detection.rulesById.get(id)).filter((r): r is RuleMeta => !!r);
  diag.stats.elapsedMs = Date.now() - started;
  diag.stats.threads = sinks.usage.threads;
  if (sinks.reuse) diag.stats.bytesReused = sinks.reuse.bytesReused;
  // The suppression's warnings (expired allows, a baseline of another salt) close the scan's list.
  for (const line of suppress.warnings) {
    diag.stats.warnings.push(line);
    plan.onWarning?.(line);
  }
  const result: ScanResult = {
    schema: 'keysprawl/v1',
    tool: { name: 'keysprawl', version: VERSION },
    root: plan.source.root,
    startedAt: new Date(started).toISOString(),
    secrets,
    rules: usedRules,
    stats: diag.stats,
    redacted: plan.redact,
    saltCheck: saltCheck(plan.salt),
  };
  return { result, ...(suppress.baseline ? { baseline: suppress.baseline } : {}) };
}

/** Scan and return scored, sorted secrets plus stats. Throws UsageError for bad input. */
export async function scan(input: ScanOptions | ScanPlan = {}): Promise<ScanResult> {
  return (await runPlan(isPlan(input) ? input : buildPlan(input))).result;
}
