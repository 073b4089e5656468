// Postman collections and environments (`*.postman_collection.json`, `*.postman_environment.json`):
// credentials sit in key/value lists, where the name is a sibling of the value rather than its
// key: `auth` blocks (`"bearer": [{"key": "token", "value": "..."}]`), `variable` and `values`
// arrays, headers and query parameters. Each value under a credential name becomes a fragment
// with a credential context (the structured detector decides whether it looks like a key); the
// whole file follows as plain text, so provider rules see everything a line scan would.
import type { Diagnostics } from '../diagnostics.js';
import type { Blob } from '../contracts/blob.js';
import type { ContentKind, Fragment } from '../contracts/fragment.js';
import { child, childString, formatPath, parseJsonTree, type CNode, type CScalar, type PathSeg } from './config-tree.js';
import { isCredentialName } from './credential-name.js';
import { JsonSyntaxError } from './json-source.js';
import { LineIndex } from './line-index.js';
import { pieceFragment } from './offset-map.js';
import { plainFragment } from './plain.js';

const POSTMAN_FILE = /\.postman_(?:collection|environment)\.json$/i;

export const isPostmanPath = (path: string): boolean => POSTMAN_FILE.test(path);

/** Auth fields that name something other than the credential although they sound like one. */
const NOT_SECRET = new Set(['awsv4.accessKey']);

interface Pair {
  name: string;
  scalar: CScalar;
  path: PathSeg[];
}

/**
 * The credential-named `{key, value}` pairs of a tree. In an `auth` block the list is named after
 * the auth type, and an API-key auth keeps its secret under `value` (its `key` is the header name).
 */
function pairs(node: CNode, path: PathSeg[], authType: string | undefined, out: Pair[]): Pair[] {
  if (node.kind === 'scalar') return out;
  if (node.kind === 'seq') {
    node.items.forEach((item, i) => pairs(item, [...path, i], authType, out));
    return out;
  }
  const name = childString(node, 'key');
  const value = child(node, 'value');
  if (name !== undefined && value?.kind === 'scalar' && value.value !== undefined) {
    const secret = authType
      ? (isCredentialName(name) || (authType === 'apikey' && name === 'value')) && !NOT_SECRET.has(`${authType}.${name}`)
      : isCredentialName(name) || childString(node, 'type') === 'secret';
    if (secret) out.push({ name: authType ? `${authType}.${name}` : name, scalar: value, path: [...path, 'value'] });
    return out;
  }
  for (const e of node.entries) {
    const type = e.key === 'auth' ? undefined : authType ?? (path[path.length - 1] === 'auth' ? e.key : undefined);
    pairs(e.value, [...path, e.key], type, out);
  }
  return out;
}

export function extractPostman(blob: Blob, text: string, kind: ContentKind, diag: Diagnostics): Fragment[] {
  const whole = plainFragment(blob.origin, kind, text, blob.lines);
  const raw = new LineIndex(text);
  let tree: CNode;
  try {
    tree = parseJsonTree(text);
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    const at = raw.position(err.offset);
    diag.warn(`${blob.origin.path}: not valid JSON (${err.message} at line ${at.line} column ${at.column}), scanned as plain text`);
    return [whole];
  }
  const out = pairs(tree, [], undefined, [])
    .filter((p) => (p.scalar.value ?? '').length >= 8)
    .map((p) => {
      const keyPath = formatPath(p.path);
      return pieceFragment({
        blob, kind, raw,
        text: p.scalar.value ?? '',
        map: p.scalar.locate(),
        place: { keyPath, structure: 'postman' },
        credentialContext: { name: p.name, path: keyPath },
      });
    });
  out.push(whole);
  return out;
}
