// The contract between pipeline stages (DESIGN.md §1). Names are stable; fields may grow.

import type { HistorySummary } from './history/types.js';

export type ContentKind =
  | 'code'
  | 'notebook-cell'
  | 'notebook-output'
  | 'ci-config'
  | 'prompt'
  | 'agent-config'
  | 'env-file'
  | 'doc'
  | 'test'
  | 'other';

export const CONTENT_KINDS: readonly ContentKind[] = [
  'code', 'notebook-cell', 'notebook-output', 'ci-config', 'prompt',
  'agent-config', 'env-file', 'doc', 'test', 'other',
];

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/** checksum/structural marker > provider prefix > generic entropy */
export type Confidence = 'high' | 'medium' | 'low';

export type * from './contracts/rule.js';
import type { Privilege, RuleMeta } from './contracts/rule.js';

/** Where a blob came from. `path` is relative to the scan root, with forward slashes. */
export interface Origin {
  kind: 'file' | 'git' | 'staged' | 'stdin';
  path: string;
  repo?: string;
  commit?: string;
  author?: string;
  date?: string;
  /** git sources: whether the secret's blob is still reachable at HEAD. */
  presentAtHead?: boolean;
  /** git sources: the blob id the text was read from (`git cat-file -p <blob>` shows it). */
  blob?: string;
  /** `scan --agents`: the AI client (or tool) whose file this is, and what the file is to it. */
  agent?: AgentFileInfo;
}

/** What a file found by `scan --agents` is (src/sources/agents/). */
export type AgentFileRole = 'mcp-config' | 'settings' | 'transcript' | 'log' | 'credentials' | 'shell-history';

export interface AgentFileInfo {
  /** Client id: claude-desktop, claude-code, cursor, vscode, windsurf, cline, continue, zed, codex, gemini-cli, or a tool (aws, gh, npm, ...). */
  client: string;
  role: AgentFileRole;
  /** user: in the home folder; project: in a project folder. */
  scope: 'user' | 'project';
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

/** A unit of input: bytes plus where they came from. */
export interface Blob {
  origin: Origin;
  bytes: Buffer;
  /**
   * Restrict reporting to these 1-based line numbers of the blob (staged/diff modes:
   * only added lines). Undefined means every line counts.
   */
  lines?: ReadonlySet<number>;
  /** A window of a large file: the number of lines before it in the file. */
  lineOffset?: number;
  /** A window that starts inside a line: the UTF-16 units of that line before it. */
  columnOffset?: number;
  /** Set for a window of a large file: read as plain text (no structured extractor). */
  partial?: boolean;
  /** A window after the first of its file (the file is counted once in the stats). */
  continued?: boolean;
}

export interface FilePosition {
  line: number; // 1-based
  column: number; // 1-based, in UTF-16 code units of the line
}

/** Text to scan, with a map back to the real file. */
export interface Fragment {
  origin: Origin;
  contentKind: ContentKind;
  text: string;
  /** Map an offset in `text` to a line/column in the original file. */
  toFileLine(offset: number): FilePosition;
  /** Extra facts for every match in this fragment (notebook cell index, config key path, ...). */
  properties?: Record<string, unknown>;
  /** Only report matches on these file lines (see Blob.lines). */
  lines?: ReadonlySet<number>;
  /** The raw line of the original file, for inline suppression comments. */
  fileLineText?(line: number): string | undefined;
  /** The file column of fileLineText's first character (default 1; a window starting mid-line). */
  lineStartColumn?(line: number): number;
  /** fileLineText is not the raw line (base64 hidden), so match columns do not index into it. */
  lineTextRewritten?: boolean;
  /** The line holding `match` with every secret on it masked, and where the match's mask starts. */
  snippetLine?(match: Match): { text: string; at?: number } | undefined;
  /**
   * Set when the fragment is a structured value known to hold a credential (e.g. an MCP
   * server env var): detectors may report it without a provider prefix.
   */
  credentialContext?: { name: string; path: string };
}

/** Facts derived per match from the value itself (JWT exp, AWS ASIA, ...). */
export interface DerivedFacts {
  lifetime?: 'long-lived' | 'short-lived' | 'expired';
  expiresAt?: string;
  issuedAt?: string;
  note?: string;
}

export interface Match {
  ruleId: string;
  /** The raw secret value. Never leaves the process: correlate() hashes and redacts it. */
  secret: string;
  start: number; // offset in fragment text
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  confidence: Confidence;
  groups?: string[];
  derived?: DerivedFacts;
  /** Extra per-match facts (config key path, paired part, ...). */
  properties?: Record<string, unknown>;
  /**
   * The raw other half of a two-part credential (the AWS access key id beside a secret access
   * key), kept for --verify. Like `secret`, it never leaves the process: correlate() drops it.
   */
  pairedRaw?: string;
}

/** A match in its place: what correlate consumes. */
export interface Hit {
  match: Match;
  fragment: Fragment;
}

export interface Occurrence {
  origin: Origin;
  contentKind: ContentKind;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The matched line with the secret redacted (or raw with --no-redact), trimmed to 200 chars. */
  snippet: string;
  properties?: Record<string, unknown>;
  /** Set when a filter suppressed this occurrence (inline comment, baseline). */
  suppressed?: { kind: 'inSource' | 'external'; justification?: string };
}

export interface Factor {
  factor: string;
  value: string | number | boolean;
  points: number;
  reason: string;
  /**
   * Set only on a factor the provider's answer decided (--verify): where the fact came from,
   * e.g. "github GET /user: X-OAuth-Scopes". A factor without it was inferred offline.
   */
  observed?: string;
}

/** The other half of a two-part credential found next to a secret (src/correlate/pairing.ts). */
export interface PairedPart {
  /** What the part is: 'aws-access-key-id', 'azure-client-id', 'azure-tenant-id', 'database-host'. */
  role: string;
  /** Shown form: the redacted value when the part is itself a secret; a host or client id as found. */
  shown: string;
  /** The part's own secret id and rule when it was also detected (its finding is merged here). */
  secretId?: string;
  ruleId?: string;
  /** Where the part itself sits, next to the secret: "path:line" of the part, at most a few. */
  where: string[];
}

export interface Secret {
  /** HMAC-SHA-256 of the value keyed by KEYSPRAWL_HASH_SALT, hex. */
  id: string;
  ruleId: string;
  provider: string;
  /** Redacted form; the raw value only with --no-redact. */
  redacted: string;
  confidence: Confidence;
  occurrences: Occurrence[];
  score: number;
  factors: Factor[];
  severity: Severity;
  remediation: string;
  /** What to do, in one line: the federated replacement for its most exposed place, or rotation where there is none. */
  action?: string;
  derived?: DerivedFacts;
  /** OWASP NHI Top 10 (2025) ids this finding evidences. */
  nhi: string[];
  /** Posture findings have no value; `redacted` is empty for them. */
  kind: 'secret' | 'posture';
  /** Set by filters that keep a finding visible but suppressed (baseline, inline allow). */
  suppressed?: { kind: 'inSource' | 'external'; justification?: string };
  /** Other halves of this credential (AWS key id, Azure client id, database host). */
  pairedWith?: PairedPart[];
  /** Set only with --verify, for providers keysprawl can check (src/verify/). */
  verification?: Verification;
}

/** live: the provider accepted the key; revoked: it rejected it; unknown: no answer either way. */
export type Verdict = 'live' | 'revoked' | 'unknown';

/** The outcome of one live check (--verify) with the provider's cheapest read-only call. */
export interface Verification {
  verdict: Verdict;
  /** The verifier used (`keysprawl verify list` names them). */
  provider: string;
  /** ISO time of the check. */
  checkedAt: string;
  /** One line: the HTTP status or error behind the verdict (never a response body). */
  reason: string;
  /** The call made, e.g. "GET https://api.github.com/user". */
  call?: string;
  /** What the provider said about the key, for providers with an access map (live keys only). */
  access?: AccessMap;
}

/**
 * What a provider reports about a live key: who it is, what it may do, until when. Every value
 * is copied from the provider's answer (cleaned: short, printable, never a piece of the key).
 */
export interface AccessMap {
  /** Who the key acts as: a login, bot, user, token name or ARN. */
  identity?: string;
  /** What kind of principal: user, bot, organization, root, iam-user, assumed-role, admin key... */
  principal?: string;
  /** The organisation, workspace, team, account or project it belongs to. */
  owner?: string;
  /** A role the provider names (Hugging Face token role, OpenRouter management key...). */
  role?: string;
  /** Granted scopes, permissions or ACLs, as the provider lists them. */
  scopes?: string[];
  /** Privilege these facts imply, when they say (admin-level scopes, read-only role...). */
  privilege?: Privilege;
  /** ISO date after which the provider will refuse the key. */
  expiresAt?: string;
  /** Spending or rate limits the provider reports. */
  limits?: string;
  /** Where the facts came from: the call and the fields or headers read. */
  source: string;
}

export interface SkippedItem {
  path: string;
  reason: SkipReason;
  message: string;
}

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

/** One repository of a sweep (src/sweep/). */
export interface SweepRepo {
  /** The repository as listed (a URL without credentials, or a path); occurrences carry it as origin.repo. */
  id: string;
  status: 'ok' | 'failed';
  /** Why a failed repository could not be scanned (one line). */
  error?: string;
  depth: 'head' | 'history';
  /** The commit HEAD pointed at when scanned. */
  head?: string;
  /** Findings (not suppressed) with an occurrence in this repository, at their merged severity. */
  findings: number;
  bySeverity: Record<Severity, number>;
  filesScanned: number;
  bytesScanned: number;
  elapsedMs: number;
  /** Taken from a --state folder written by an earlier, interrupted run (not scanned again). */
  resumed?: boolean;
}

/** A secret found in more than one repository of a sweep. */
export interface SharedKey {
  id: string;
  /** The repositories holding it, sorted. */
  repos: string[];
}

export interface SweepInfo {
  depth: 'head' | 'history';
  /** `--run NAME`: the sweep's name in the history store; every shard of one sweep gives the same one. */
  run?: string;
  /** A shard report: which shards of how many it covers (a merge lists every shard merged). */
  shards?: { count: number; indexes: number[] };
  /** Every repository in scope, sorted by id. */
  repos: SweepRepo[];
  /** Keys found in more than one repository: most repositories first, then score. */
  shared: SharedKey[];
}
