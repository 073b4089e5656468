// Contract of a finished scan (DESIGN.md §1): the scored secrets, the rules that produced them,
// what was scanned and skipped, and what sweeps, merges and `scan --agents` add.
import type { AgentFileRole } from './blob.js';
import type { HistorySummary } from './history.js';
import type { RuleMeta } from './rule.js';
import type { Secret } from './scored.js';
import type { SweepInfo } from './sweep.js';

export type SkipReason =
  | 'binary'
  | 'too-large'
  | 'unreadable'
  | 'broken-symlink'
  | 'outside-root'
  | 'vanished'
  | 'invalid-utf8'
  | 'malformed'
  | 'not-regular'
  | 'symlink'
  | 'corrupt-object'
  | 'budget'
  | 'missing-object'
  | 'archive'
  | 'keysprawl-itself';

export interface SkippedItem {
  path: string;
  reason: SkipReason;
  message: string;
}

export interface ScanStats {
  filesScanned: number;
  bytesScanned: number;
  /** Unique blobs scanned (git history). */
  blobsScanned: number;
  skipped: Partial<Record<SkipReason, number>>;
  skippedItems: SkippedItem[];
  /** One-line warnings (the file still counted as scanned where possible). */
  warnings: string[];
  suppressed: number;
  elapsedMs: number;
  /** Worker threads used (0: the scan ran on the main thread). */
  threads?: number;
  /** --history: bytes of lines an earlier blob already had, not scanned again (src/engine/line-reuse.ts). */
  bytesReused?: number;
}

/** `scan --agents`: what was found on the machine, with no value (text and HTML reports). */
export interface MachineInventory {
  /** `~` for the caller's own home; the folder given with --home otherwise. */
  home: string;
  clients: Array<{
    client: string;
    name: string;
    files: Array<{ path: string; role: AgentFileRole; scope: 'user' | 'project' }>;
    /** MCP servers named in the client's configs, sorted. */
    mcpServers: string[];
    /** Distinct keys (not suppressed) with an occurrence in this client's files. */
    keys: number;
  }>;
}

export interface ScanResult {
  schema: 'keysprawl/v1';
  tool: { name: 'keysprawl'; version: string };
  /** Absolute scan root; occurrence paths are relative to it. */
  root: string;
  startedAt: string;
  secrets: Secret[];
  /** Metadata of every rule that produced a finding, by id. */
  rules: RuleMeta[];
  stats: ScanStats;
  redacted: boolean;
  /**
   * A fingerprint of the salt the secret ids were made with (an HMAC of a fixed string, never
   * the salt): `merge` refuses reports whose ids cannot correlate.
   */
  saltCheck?: string;
  /** Set by `sweep` and `merge`: the repositories covered and the keys they share. */
  sweep?: SweepInfo;
  /** Set by `scan --agents`: the AI clients, MCP servers and key counts found on the machine. */
  machine?: MachineInventory;
  /** Set by `sweep --store` and `merge --store`: what changed since the previous sweep (src/history/). */
  history?: HistorySummary;
}
