// The shortcut that lets a scan read most files at the speed of one table lookup per byte: a
// plain-text file in which no rule keyword occurs cannot yield a finding, so it is not decoded,
// indexed or cut into fragments at all. The keyword automaton reads its bytes; everything else
// that could put a keyword in front of a rule is checked first and turns the shortcut off.
import type { Blob } from '../contracts/blob.js';
import type { ContentKind, Fragment } from '../contracts/fragment.js';
import { mayHaveWrappings } from '../detect/decoded-view.js';
import { mayMatchBytes, type RuleSet } from '../detect/ruleset.js';
import type { StructuredDetector } from '../detect/structured.js';
import { concatDialect, mayJoinLiterals } from '../extract/concat.js';
import { isPlainUtf8 } from '../extract/decode.js';
import type { Extractor } from '../extract/extractors.js';
import { escapeDialect, mayHideEscapes } from '../extract/unescape.js';
import { mayBeKeyStore } from '../sources/binary.js';

/**
 * True only when processing the blob would return no fragment, no match and no event: no
 * structured extractor reads it (they find values by structure, not by keyword; a PKCS#12 key
 * store neither), no structured detector may find something in its plain fragment (`applies`,
 * then its own `mayFind` on the bytes), its bytes are valid UTF-8
 * (decode warns otherwise), no escape, character reference or join of string literals could
 * spell a keyword once decoded (the escaped and joined fragments, the detector's decoded
 * view), and no rule may match (mayMatchBytes: no rule without keywords for
 * the kind, no keyword in the bytes). Every other blob takes the whole path.
 */
export function nothingToFind(blob: Blob, kind: ContentKind, set: RuleSet, extractors: readonly Extractor[], structured: readonly StructuredDetector[]): boolean {
  const path = blob.origin.path;
  if (!blob.partial && (extractors.some((e) => e.applies(path, kind)) || mayBeKeyStore(blob.bytes))) return false;
  const { bytes } = blob;
  // Most files have a keyword: this cheap test first.
  if (mayMatchBytes(set, bytes, kind)) return false;
  // A detector decides from the fragment's kind, origin and place (structured.ts); the whole
  // file's plain fragment has no place and no credential context.
  const plain: Fragment = { origin: blob.origin, contentKind: kind, text: '', toFileLine: () => ({ line: 1, column: 1 }) };
  if (structured.some((d) => d.applies(plain) && (d.mayFind?.(bytes) ?? true))) return false;
  if (!isPlainUtf8(bytes)) return false;
  if (mayHaveWrappings(bytes)) return false;
  if (escapeDialect(path) && mayHideEscapes(bytes)) return false;
  const joining = kind === 'notebook-cell' ? undefined : concatDialect(path);
  return !(joining && mayJoinLiterals(bytes, joining));
}
