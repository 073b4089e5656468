// Base64-wrapped values in manifests and configs: a Kubernetes Secret's `data:` values, a
// `.dockerconfigjson`, a base64 `credentials_json`, a Helm value holding an encoded key. Each
// is decoded one level deep (never the decoded text again) under a size cap, and the decoded
// text is scanned as its own fragment reported on the manifest's line. `stringData:` values are
// plain text and get the same key-path treatment without decoding.
import type { Place } from '../contracts/fragment.js';
import type { Blob } from '../contracts/blob.js';
import type { ContentKind, Fragment } from '../contracts/fragment.js';
import { child, childString, formatPath, leaves, type CNode, type CScalar, type PathSeg } from './config-tree.js';
import type { LineIndex } from './line-index.js';
import { pieceFragment } from './offset-map.js';
import { isCredentialName } from './structured-config.js';

/** Largest encoded value decoded, and most decoded text per file (the size cap). */
export const MAX_ENCODED_VALUE = 64 * 1024;
export const MAX_DECODED_PER_FILE = 1024 * 1024;

const B64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** Keys whose value is base64 by convention. */
const ENCODED_KEY = /dockerconfigjson|dockercfg|credentials?[_-]?json|service[_-]?account[_-]?key|gcloud[_-]?service[_-]?key|base64|(?:^|[_.-])b64(?:$|[_.-])|encoded/i;
/** Worth parsing a YAML/JSON file for encoded values at all (cheap text test first). */
const HINT = /\bkind["']?\s*:\s*["']?Secret\b|dockerconfigjson|dockercfg|credentials?[_-]?json|service[_-]?account[_-]?key|base64|b64|[A-Za-z0-9+/]{48,}={0,2}/i;
const LOCKFILE = /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.ya?ml|composer\.lock|Pipfile\.lock|poetry\.lock|Cargo\.lock|[^/]*\.lock\.json)$/;

export function mayHoldEncoded(path: string, text: string): boolean {
  return !LOCKFILE.test(path) && HINT.test(text);
}

/** A Kubernetes Secret: which of its values are decoded depends on lines far from them. */
export function holdsK8sSecret(text: string): boolean {
  return K8S_SECRET.test(text);
}
const K8S_SECRET = /\bkind["']?\s*:\s*(?:!\S*\s+)?["']?(?:Secret\b|[^"'\n]*\\)/;

const RUN = /[A-Za-z0-9+/]{16,}={0,2}/g;
/** A line that is one base64 word: a piece of a value wrapped over lines, or (after `- ` or in quotes) a value of its own. */
const WORD_LINE = /^\s*(- )?(["']?)([A-Za-z0-9+/]{4,}={0,2})["']?\s*$/;
/**
 * Text once up to three bytes are cut at either end (a multi-byte character split where a long
 * value wraps): no control characters, and UTF-8 in between. Checked by hand: a fatal
 * TextDecoder throwing on each failed try costs a second per large file.
 */
function textLike(b: Buffer): boolean {
  let i = 0;
  while (i < 3 && i < b.length && (b[i] & 0xc0) === 0x80) i++;
  while (i < b.length) {
    const c = b[i];
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) return false;
    const need = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
    if (need < 0) return false;
    if (i + need >= b.length) return true; // cut at the end
    for (let k = 1; k <= need; k++) if ((b[i + k] & 0xc0) !== 0x80) return false;
    i += need + 1;
  }
  return true;
}

/**
 * Whether some stretch of `run` could be a piece of base64-encoded text: one of the four
 * alignments decodes to text (textLike). A piece too short to tell counts.
 */
function piecesOfText(run: string): boolean {
  if (run.length < 16) return true;
  for (let k = 0; k < 4; k++) {
    const n = Math.floor((run.length - k) / 4) * 4;
    if (n >= 12 && textLike(Buffer.from(run.slice(k, k + n), 'base64'))) return true;
  }
  return false;
}

/**
 * What a line of a YAML/JSON file may hold of a value the structured reading decodes: `piece`,
 * a line that is one base64 word that could be part of a value wrapped over lines; `value`, a
 * run of base64 that could decode to text, or escapes (a value spelled with them); `none`.
 * A superset of the lines encodedValues() reads a decoded value from, except a value split by
 * spaces into pieces shorter than 16 characters.
 */
export function encodedLine(line: string): 'none' | 'value' | 'piece' {
  const word = WORD_LINE.exec(line);
  if (word && !word[1] && !word[2]) return piecesOfText(word[3]) ? 'piece' : 'none';
  if (line.includes('\\')) return 'value';
  if (word) return piecesOfText(word[3]) ? 'value' : 'none';
  for (const m of line.matchAll(RUN)) if (piecesOfText(m[0])) return 'value';
  return 'none';
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The decoded text when `value` is base64 of printable UTF-8 text; undefined otherwise. */
export function decodeBase64Text(value: string, minLength = 4): string | undefined {
  const s = value.replace(/\s+/g, ''); // block scalars wrap long base64
  if (s.length < minLength || s.length > MAX_ENCODED_VALUE || s.length % 4 !== 0 || !B64.test(s)) return undefined;
  let text: string;
  try {
    text = strictUtf8.decode(Buffer.from(s, 'base64'));
  } catch {
    return undefined;
  }
  // Binary (a raw random key, a digest) is not text to scan: the encoded form is scanned as is.
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) control++;
  }
  return text.length && control === 0 ? text : undefined;
}

export interface EncodedValue {
  path: PathSeg[];
  scalar: CScalar;
  /** The decoded text, or the value itself for `stringData`. */
  text: string;
  encoded: boolean;
  structure: 'k8s-secret' | 'encoded';
  secretName?: string;
}

function k8sSecretValues(node: CNode, path: PathSeg[], out: EncodedValue[], seen: Set<CScalar>): void {
  const secretName = childString(child(node, 'metadata'), 'name');
  for (const field of ['data', 'stringData'] as const) {
    const map = child(node, field);
    if (map?.kind !== 'map') continue;
    for (const e of map.entries) {
      if (e.value.kind !== 'scalar' || e.value.value === undefined) continue;
      seen.add(e.value);
      const encoded = field === 'data';
      const text = encoded ? decodeBase64Text(e.value.value) : e.value.value;
      if (text) out.push({ path: [...path, field, e.key], scalar: e.value, text, encoded, structure: 'k8s-secret', secretName });
    }
  }
}

/** Kubernetes Secrets anywhere in the tree (a `List` holds them under `items`). */
function findSecrets(node: CNode, path: PathSeg[], out: EncodedValue[], seen: Set<CScalar>): void {
  if (node.kind === 'scalar') return;
  if (node.kind === 'map' && childString(node, 'kind') === 'Secret') k8sSecretValues(node, path, out, seen);
  if (node.kind === 'seq') node.items.forEach((n, i) => findSecrets(n, [...path, i], out, seen));
  else if (node.kind === 'map') for (const e of node.entries) findSecrets(e.value, [...path, e.key], out, seen);
}

/** Every decodable value: Secret data first, then other obviously base64-wrapped values. */
export function encodedValues(trees: CNode[]): EncodedValue[] {
  const out: EncodedValue[] = [];
  const seen = new Set<CScalar>();
  // Paths start at each document's root: a multi-document manifest names Secrets by metadata.name.
  for (const tree of trees) findSecrets(tree, [], out, seen);
  for (const tree of trees) {
    for (const leaf of leaves(tree)) {
      if (seen.has(leaf.scalar)) continue;
      const key = String(leaf.path[leaf.path.length - 1] ?? '');
      // Without a telling key name, only long values count as "obviously" base64.
      const text = decodeBase64Text(leaf.scalar.value ?? '', ENCODED_KEY.test(key) ? 16 : 32);
      if (text) out.push({ path: leaf.path, scalar: leaf.scalar, text, encoded: true, structure: 'encoded' });
    }
  }
  return out;
}

/** Hide base64 in the snippet line: its decoded form is the secret. */
const maskBase64 = (line: string | undefined) => line?.replace(/[A-Za-z0-9+/]{16,}={0,2}/g, '<base64>');

export function encodedFragment(blob: Blob, kind: ContentKind, raw: LineIndex, v: EncodedValue): Fragment {
  const keyPath = formatPath(v.path);
  const name = String(v.path[v.path.length - 1]);
  const { start, end } = v.scalar;
  const stringMap = v.scalar.locate();
  // Decoded text has no columns of its own: every offset is the encoded value's place.
  const map = v.encoded ? { toRaw: (o: number) => (o >= v.text.length ? end : start) } : stringMap;
  const place: Place = { keyPath, structure: v.structure };
  if (v.encoded) place.encoding = 'base64';
  if (v.secretName) place.secretName = v.secretName;
  return pieceFragment({
    blob, kind, raw, text: v.text, map, place,
    credentialContext: isCredentialName(name) ? { name, path: keyPath } : undefined,
    lineText: v.encoded ? (line) => maskBase64(raw.lineText(line)) : undefined,
  });
}

/**
 * The text with each decoded value's base64 turned into x's: same length and lines, still a
 * valid scalar for the posture checks that read the file, and nothing left to match.
 */
export function maskSpans(text: string, spans: Array<{ start: number; end: number }>): string {
  if (!spans.length) return text;
  let out = '';
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < at) continue;
    out += text.slice(at, s.start) + text.slice(s.start, s.end).replace(/[A-Za-z0-9+/=]/g, 'x');
    at = s.end;
  }
  return out + text.slice(at);
}
