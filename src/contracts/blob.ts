// Contract of the source stage (DESIGN.md §1): a Blob is bytes plus where they came from.

/** What a file found by `scan --agents` is (src/sources/agents/). */
export type AgentFileRole = 'mcp-config' | 'settings' | 'transcript' | 'log' | 'credentials' | 'shell-history';

export interface AgentFileInfo {
  /** Client id: claude-desktop, claude-code, cursor, vscode, windsurf, cline, continue, zed, codex, gemini-cli, or a tool (aws, gh, npm, ...). */
  client: string;
  role: AgentFileRole;
  /** user: in the home folder; project: in a project folder. */
  scope: 'user' | 'project';
}

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
  /**
   * Called once the scan has collected this blob's findings: the source may reuse the buffer of
   * `bytes` from then on (pooled buffers: src/sources/blob-pool.ts). A consumer that keeps the
   * bytes longer does not call it.
   */
  release?: () => void;
}
