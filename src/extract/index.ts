// Blob → Fragments. Decodes the bytes, classifies the path, and hands the text to the
// extractor registered for its content kind (plain text when none is).
import type { Diagnostics } from '../diagnostics.js';
import type { Blob, ContentKind, Fragment } from '../types.js';
import { classify } from './classify.js';
import { decode } from './decode.js';
import { plainFragment } from './plain.js';

/** An extractor turns a decoded file into fragments; it reports problems through diag. */
export type Extractor = (blob: Blob, text: string, kind: ContentKind, diag: Diagnostics) => Fragment[];

const extractors: Array<{ applies: (path: string, kind: ContentKind) => boolean; extract: Extractor }> = [];

/** Register a structured extractor (notebooks, agent configs, CI files). First match wins. */
export function registerExtractor(applies: (path: string, kind: ContentKind) => boolean, extract: Extractor): void {
  extractors.push({ applies, extract });
}

export interface ExtractOptions {
  /** Per-path content-kind override (config). */
  kindFor?: (path: string) => ContentKind | undefined;
}

export function extract(blob: Blob, diag: Diagnostics, opts: ExtractOptions = {}): Fragment[] {
  const { text, problem } = decode(blob.bytes);
  if (problem) diag.warn(`${blob.origin.path}: ${problem}, scanned with replacement characters`);
  const kind = opts.kindFor?.(blob.origin.path) ?? classify(blob.origin.path);
  // A window of a large file is plain text: a structured parse needs the whole document.
  for (const e of blob.partial ? [] : extractors) {
    if (e.applies(blob.origin.path, kind)) return e.extract(blob, text, kind, diag);
  }
  const plainKind = blob.partial && kind === 'notebook-cell' ? 'code' : kind;
  return [plainFragment(blob.origin, plainKind, text, blob.lines, blob.lineOffset)];
}

/** Whether a structured extractor (notebook, JSON/YAML config) reads this path rather than plain text. */
export function extractorApplies(path: string, kind: ContentKind): boolean {
  return extractors.some((e) => e.applies(path, kind));
}
