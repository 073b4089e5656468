// Sharding: `--shard i/n` keeps the repositories whose stable hash falls in shard i of n
// (0-based, like a Kubernetes JOB_COMPLETION_INDEX). The hash depends only on the repository id,
// so every machine computes the same split from the same list, and adding a repository to the
// list never moves the others.
import { createHash } from 'node:crypto';
import { UsageError } from '../errors.js';

export interface Shard {
  index: number;
  count: number;
}

/** "2/8" → { index: 2, count: 8 }; a UsageError says what is wrong. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new UsageError(`--shard ${text}: expected i/n, e.g. 0/4 (shards are numbered from 0)`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > 10_000) throw new UsageError(`--shard ${text}: the shard count must be from 1 to 10000`);
  if (index >= count) throw new UsageError(`--shard ${text}: shards are numbered 0 to ${count - 1}`);
  return { index, count };
}

/** The shard (0..count-1) a repository id belongs to: the first 48 bits of its SHA-256, mod count. */
export function shardOf(id: string, count: number): number {
  const h = createHash('sha256').update(id, 'utf8').digest();
  return h.readUIntBE(0, 6) % count;
}

export function inShard(id: string, shard: Shard | undefined): boolean {
  return !shard || shardOf(id, shard.count) === shard.index;
}
