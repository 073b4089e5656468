// Contract of the extract stage (DESIGN.md §1): a Fragment is text to scan, its content kind,
// a map back to the real file, and typed facts about where in the file the text sits.
import type { Origin } from './blob.js';

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

export interface FilePosition {
  line: number; // 1-based
  column: number; // 1-based, in UTF-16 code units of the line
}

/**
 * Where inside its file a fragment sits, as the extractor that cut it out knows it. Every
 * occurrence of a match in the fragment carries these facts (JSON `occurrences[].properties`,
 * docs/output.md); each field is set by one extractor, named in its comment.
 */
export interface Place {
  /** Notebooks (extract/notebook.ts): the cell's index, 0-based in the `cells` list. */
  cell?: number;
  /** Notebooks: `code`, `markdown` or `raw`. */
  cellType?: string;
  /** Notebooks: set when the text is a cell output. */
  output?: true;
  /** Notebooks: the output's `output_type` and its index within the cell. */
  outputType?: string;
  outputIndex?: number;
  /** Notebooks: where in the output (`text`, a MIME type, `evalue`, `traceback`). */
  field?: string;
  /**
   * Which structured reader cut the piece out: `agent-config`, `transcript`, `k8s-secret`,
   * `encoded`, `postman`, ... (a string, so a new extractor needs no change here).
   */
  structure?: string;
  /** Structured configs: the value's key path (`mcpServers.github.env.GITHUB_TOKEN`). */
  keyPath?: string;
  /** Agent configs: the MCP server or the model the value belongs to. */
  server?: string;
  model?: string;
  /** Transcripts (extract/transcript.ts): the message number, who spoke, the tool called. */
  message?: number;
  role?: string;
  tool?: string;
  /** Decoded views: the text was behind string escapes or base64, or split across joined string literals. */
  encoding?: 'escaped' | 'base64' | 'concatenated';
  /** Kubernetes Secrets: the Secret's `metadata.name`. */
  secretName?: string;
}

/** A structured value known to hold a credential (an MCP server env var, a `token:` key). */
export interface CredentialContext {
  name: string;
  path: string;
}

/** Text to scan, with a map back to the real file. */
export interface Fragment {
  origin: Origin;
  contentKind: ContentKind;
  text: string;
  /** Map an offset in `text` to a line/column in the original file. */
  toFileLine(offset: number): FilePosition;
  /** Where in its file the text sits (notebook cell, config key path, ...); absent for a whole file. */
  place?: Place;
  /** Only report matches on these file lines (see Blob.lines). */
  lines?: ReadonlySet<number>;
  /** The raw line of the original file, for inline suppression comments. */
  fileLineText?(line: number): string | undefined;
  /** The file column of fileLineText's first character (default 1; a window starting mid-line). */
  lineStartColumn?(line: number): number;
  /** fileLineText is not the raw line (base64 hidden), so match columns do not index into it. */
  lineTextRewritten?: boolean;
  /** The line holding a match with every secret on it masked, and where the match's mask starts. */
  snippetLine?(match: { line: number; column: number }): { text: string; at?: number } | undefined;
  /**
   * Set when the fragment is a structured value known to hold a credential (e.g. an MCP
   * server env var): detectors may report it without a provider prefix.
   */
  credentialContext?: CredentialContext;
}
