// The shortcut that lets a scan read most files at the speed of one table lookup per byte: a
// plain-text file in which no rule keyword occurs cannot yield a finding, so it is not decoded,
// indexed or cut into fragments at all. The keyword automaton reads its bytes; everything else
// that could put a keyword in front of a rule is checked first and turns the shortcut off.
import type { Blob } from '../contracts/blob.js';
import type { ContentKind, Fragment } from '../contracts/fragment.js';
import { mayHaveWrappings } from '../detect/decoded-view.js';
import { mayMatchBytes, type RuleSet } from '../detect/ruleset.js';
import type { StructuredDetector } from '../detect/structured.js';
import { isPlainUtf8 } from '../extract/decode.js';
import type { Extractor } from '../extract/extractors.js';
import { escapeDialect, mayHideEscapes } from '../extract/unescape.js';

/**
 * True only when processing the blob would return no fragment, no match and no event: no
 * structured extractor reads it (they find values by structure, not by keyword), no structured
 * detector takes its plain fragment, its bytes are valid UTF-8 (decode warns otherwise), no
 * escape or character reference could spell a keyword once decoded (the escaped fragment, the
 * detector's decoded view), and no rule may match (mayMatchBytes: no rule without keywords for
 * the kind, no keyword in the bytes). Every other blob takes the whole path.
 */
export function nothingToFind(blob: Blob, kind: ContentKind, set: RuleSet, extractors: readonly Extractor[], structured: readonly StructuredDetector[]): boolean {
  const path = blob.origin.path;
  if (!set.asciiKeywords) return false;
  if (!blob.partial && extractors.some((e) => e.applies(path, kind))) return false;
  // A detector decides from the fragment's kind, origin and place (structured.ts); the whole
  // file's plain fragment has no place and no credential context.
  const plain: Fragment = { origin: blob.origin, contentKind: kind, text: '', toFileLine: () => ({ line: 1, column: 1 }) };
  if (structured.some((d) => d.applies(plain))) return false;
  const { bytes } = blob;
  if (mayMatchBytes(set, bytes, kind)) return false;
  if (!isPlainUtf8(bytes)) return false;
  if (mayHaveWrappings(bytes)) return false;
  return !(escapeDialect(path) && mayHideEscapes(bytes));
}
