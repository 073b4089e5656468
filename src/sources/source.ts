// The one interface every source of a scan implements: the file walk and stdin (paths.ts), git
// history, the staged index and a diff range (git/scan-source.ts), the AI clients' files on a
// machine (agents), a sweep's repositories. The engine reads blobs from it, expands archives,
// and before scoring lets it join what it knows about where each secret was (git: commits,
// authors, presentAtHead), so every fact that scoring reads is in place when it runs once.
import type { Diagnostics } from '../diagnostics.js';
import type { Blob } from '../contracts/blob.js';
import type { ContentKind } from '../contracts/fragment.js';
import type { CorrelatedSecret } from '../contracts/secret.js';

export interface Source {
  /** The folder report paths are relative to (a git mode: the repository's top level). */
  readonly root: string;
  /** The blobs to scan, in a stable order. Archives among them are expanded by the engine. */
  blobs(diag: Diagnostics): AsyncIterable<Blob>;
  /**
   * Blobs are versions of each other (git history): scan only the lines no earlier blob had,
   * carrying known findings over (src/engine/line-reuse.ts). Default: every blob whole.
   */
  readonly reuseLines?: boolean;
  /** Content kinds this source knows better than the file name (an AI client's files). */
  kindFor?(path: string): ContentKind | undefined;
  /** Provenance joined to the correlated secrets before scoring (git: commits, presentAtHead). */
  provenance?(secrets: CorrelatedSecret[]): Promise<CorrelatedSecret[]>;
}
