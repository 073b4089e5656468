// Blob → Fragments. Decodes the bytes, classifies the path, and hands the text to the
// extractor registered for its content kind (plain text when none is).
import type { Diagnostics } from '../diagnostics.js';
import type { Blob, ContentKind, Fragment } from '../types.js';
import { classify } from './classify.js';
import { decode } from './decode.js';
import { crOnly } from './line-index.js';
import { plainFragment } from './plain.js';
import { escapeDialect, unescapedFragment } from './unescape.js';

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

export function extract(given: Blob, diag: Diagnostics, opts: ExtractOptions = {}): Fragment[] {
  const { text, problem } = decode(given.bytes);
  // git numbers lines by LF: a CR-only file is one line to a diff, so when that line is added
  // every CR-ended line is.
  const blob = given.lines && crOnly(text) ? { ...given, lines: given.lines.has(1) ? undefined : new Set<number>() } : given;
  if (problem) diag.warn(`${blob.origin.path}: ${problem}, scanned with replacement characters`);
  const kind = opts.kindFor?.(blob.origin.path) ?? classify(blob.origin.path);
  // A window of a large file is plain text: a structured parse needs the whole document.
  if (blob.partial) {
    const plainKind = kind === 'notebook-cell' ? 'code' : kind;
    return [plainFragment(blob.origin, plainKind, text, blob.lines, blob.lineOffset, blob.columnOffset)];
  }
  const e = extractors.find((x) => x.applies(blob.origin.path, kind));
  const out = e ? e.extract(blob, text, kind, diag) : [plainFragment(blob.origin, kind, text, blob.lines)];
  // Keys hidden behind string escapes: one more fragment with them decoded.
  const dialect = escapeDialect(blob.origin.path);
  const decoded = dialect && text.includes('\\') ? unescapedFragment(blob, kind === 'notebook-cell' ? 'code' : kind, text, dialect) : undefined;
  if (decoded) out.push(decoded);
  return out;
}

/** Whether a structured extractor (notebook, JSON/YAML config) reads this path rather than plain text. */
export function extractorApplies(path: string, kind: ContentKind): boolean {
  return extractors.some((e) => e.applies(path, kind));
}
