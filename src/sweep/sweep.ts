// `sweep`: scan many repositories (this shard's share of them), each on its own, and merge the
// results into one report with cross-repository sharing. An unsharded sweep and the merge of its
// shards run the same merge (src/merge/) over the same per-repository parts, so they agree.
import { hashSalt } from '../redaction/secret-id.js';
import { UsageError } from '../errors.js';
import { saltCheck } from '../filter/baseline.js';
import { mergeResults } from '../merge/merge.js';
import type { ReportResult } from '../report/json.js';
import { DEFAULT_MAX_FILE_SIZE } from '../scan.js';
import type { SweepRepo } from '../contracts/sweep.js';
import { cacheRoot, gitConfigEnv, type Depth } from './clone-cache.js';
import type { RepoSpec } from './repo-list.js';
import { scanOneRepo, type EngineOptions, type RepoScanOptions } from './repo-scan.js';
import { inShard, type Shard } from './shard.js';
import { SweepState } from './state.js';

export interface SweepOptions {
  repos: RepoSpec[];
  depth: Depth;
  /** The report's root (the list file's folder, or the folder of checkouts). */
  root: string;
  /** Clone cache for URL repositories (default: see cacheRoot). */
  cache?: string;
  shard?: Shard;
  /** The sweep's name in the history store (`--run`); shards of one sweep give the same one. */
  run?: string;
  /** Folder keeping per-repository results, to resume an interrupted sweep. */
  state?: string;
  /** git configuration for clones (`http.<url>.extraHeader` with a forge's token), passed in the environment. */
  gitConfig?: Array<[string, string]>;
  /** Repositories cloned and scanned at once (default 4). */
  jobs?: number;
  maxFileSize?: number;
  engine?: EngineOptions;
  warn?: (line: string) => void;
  /** Called as each repository finishes (progress). */
  onRepo?: (entry: SweepRepo, done: number, total: number) => void;
  /** Stops starting repositories; sweep() then throws SweepInterrupted. */
  signal?: AbortSignal;
}

export class SweepInterrupted extends UsageError {
  constructor(readonly done: number, readonly total: number, state?: string) {
    super(`sweep interrupted after ${done} of ${total} repositories${state ? `; run it again with --state ${state} to resume` : ''}`);
    this.name = 'SweepInterrupted';
  }
}

/** Run `work` over `items` with at most `jobs` at a time; results keep the items' order. */
async function pool<T, R>(items: T[], jobs: number, signal: AbortSignal | undefined, work: (item: T) => Promise<R>): Promise<Array<R | undefined>> {
  const out: Array<R | undefined> = new Array(items.length).fill(undefined);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length && !signal?.aborted) {
      const i = next++;
      out[i] = await work(items[i]);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  return out;
}

export async function sweep(opts: SweepOptions): Promise<ReportResult> {
  const started = Date.now();
  const warn = opts.warn ?? (() => undefined);
  const engine = { ...opts.engine, salt: opts.engine?.salt ?? hashSalt() };
  const check = saltCheck(engine.salt);
  const selected = opts.repos.filter((r) => inShard(r.id, opts.shard));
  const shardText = opts.shard ? `${opts.shard.index}/${opts.shard.count}` : '';
  const state = opts.state ? await SweepState.open(opts.state, { saltCheck: check, depth: opts.depth, shard: shardText }, warn) : undefined;
  const scanOpts: RepoScanOptions = {
    depth: opts.depth,
    cache: cacheRoot(opts.cache),
    maxFileSize: opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    engine,
    saltCheck: check,
    warn,
    cloneEnv: gitConfigEnv(opts.gitConfig ?? []),
  };
  let done = 0;
  const parts = await pool(selected, opts.jobs ?? 4, opts.signal, async (spec) => {
    let part = state?.load(spec, warn);
    if (!part) {
      part = await scanOneRepo(spec, scanOpts);
      await state?.save(spec, part);
    }
    opts.onRepo?.(part.sweep!.repos[0], ++done, selected.length);
    return part;
  });
  const finished = parts.filter((p): p is ReportResult => !!p);
  if (finished.length < selected.length) throw new SweepInterrupted(finished.length, selected.length, opts.state);
  const merged = mergeResults(finished, { root: opts.root, weights: engine.weights, labels: selected.map((s) => s.id), warn });
  await state?.complete();
  const info = merged.sweep ?? { depth: opts.depth, repos: [], shared: [] };
  return {
    ...merged,
    // Wall-clock time of the sweep (the merge sums the repositories' scan times).
    stats: { ...merged.stats, elapsedMs: Date.now() - started },
    saltCheck: check,
    sweep: { ...info, depth: opts.depth, ...(opts.run ? { run: opts.run } : {}), ...(opts.shard ? { shards: { count: opts.shard.count, indexes: [opts.shard.index] } } : {}) },
  };
}
