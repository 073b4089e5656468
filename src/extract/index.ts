// Blob → Fragments. Decodes the bytes, classifies the path, and hands the text to the first
// extractor of the list (src/extract/extractors.ts) that reads it (plain text when none does).
import type { Diagnostics } from '../diagnostics.js';
import type { Blob } from '../contracts/blob.js';
import type { ContentKind, Fragment } from '../contracts/fragment.js';
import { classify } from './classify.js';
import { decode } from './decode.js';
import { EXTRACTORS, type Extractor } from './extractors.js';
import { crOnly } from './line-index.js';
import { plainFragment } from './plain.js';
import { escapeDialect, unescapedFragment } from './unescape.js';
import { concatDialect, joinedFragment } from './concat.js';
import { keyStoreFragment } from './key-store.js';
import { isBinary, mayBeKeyStore, textRegions } from '../sources/binary.js';

export interface ExtractOptions {
  /** Per-path content-kind override (config). */
  kindFor?: (path: string) => ContentKind | undefined;
}

/** `extractors`: the structured extractors, in order (default EXTRACTORS; the engine passes its list). */
export function extract(given: Blob, diag: Diagnostics, opts: ExtractOptions & { extractors?: readonly Extractor[] } = {}): Fragment[] {
  // A binary key store comes whole from the source (src/sources/binary.ts): read by structure,
  // or, when it is not one after all, by its text regions like any binary file.
  if (!given.partial && mayBeKeyStore(given.bytes) && isBinary(given.bytes)) {
    const kind = opts.kindFor?.(given.origin.path) ?? classify(given.origin.path);
    const store = keyStoreFragment(given, kind === 'notebook-cell' ? 'code' : kind);
    if (store) return [store];
    const regions = textRegions(given.bytes);
    return regions ? extract({ ...given, bytes: regions }, diag, opts) : [];
  }
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
  const e = (opts.extractors ?? EXTRACTORS).find((x) => x.applies(blob.origin.path, kind));
  const out = e ? e.extract(blob, text, kind, diag) : [plainFragment(blob.origin, kind, text, blob.lines)];
  // Keys hidden behind string escapes: one more fragment with them decoded.
  const dialect = escapeDialect(blob.origin.path);
  const decoded = dialect && text.includes('\\') ? unescapedFragment(blob, kind === 'notebook-cell' ? 'code' : kind, text, dialect) : undefined;
  if (decoded) out.push(decoded);
  // Keys split across joined string literals ("sk-..." + "..."): one more fragment with each chain joined.
  const joining = kind === 'notebook-cell' ? undefined : concatDialect(blob.origin.path);
  const joined = joining ? joinedFragment(blob, kind, text, joining) : undefined;
  if (joined) out.push(joined);
  return out;
}

/** Whether a structured extractor (notebook, JSON/YAML config) reads this path rather than plain text. */
export function extractorApplies(path: string, kind: ContentKind, extractors: readonly Extractor[] = EXTRACTORS): boolean {
  return extractors.some((e) => e.applies(path, kind));
}
