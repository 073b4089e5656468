// One tree shape for JSON and YAML configs, with raw positions, so the agent-config and
// encoded-value extractors read both formats the same way. YAML is parsed with `yaml`'s
// parseAllDocuments (k8s manifests hold several documents); aliases are never expanded, so
// an alias bomb costs nothing, and any parse error sends the file back to plain-text scanning.
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Node as YamlNode } from 'yaml';
import { decodeString, parseJson, type JsonNode } from './json-source.js';
import { linearMap, OffsetMap } from './offset-map.js';

export interface CScalar {
  kind: 'scalar';
  /** The string value; undefined for numbers, booleans and null. */
  value: string | undefined;
  start: number;
  end: number;
  /** Map from offsets in `value` to raw offsets (computed on demand). */
  locate(): OffsetMap;
}
export interface CEntry {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: CNode;
}
export interface CMap {
  kind: 'map';
  entries: CEntry[];
  start: number;
  end: number;
}
export interface CSeq {
  kind: 'seq';
  items: CNode[];
  start: number;
  end: number;
}
export type CNode = CScalar | CMap | CSeq;
export type PathSeg = string | number;

export class ConfigParseError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

function fromJson(src: string, n: JsonNode): CNode {
  switch (n.type) {
    case 'object':
      return {
        kind: 'map', start: n.start, end: n.end,
        entries: n.entries.map((e) => ({ key: e.key, keyStart: e.keyNode.start + 1, keyEnd: e.keyNode.end - 1, value: fromJson(src, e.value) })),
      };
    case 'array':
      return { kind: 'seq', start: n.start, end: n.end, items: n.items.map((i) => fromJson(src, i)) };
    case 'string': {
      const d = decodeString(src, n);
      return { kind: 'scalar', value: d.value, start: n.start, end: n.end, locate: () => d.map };
    }
    default:
      return { kind: 'scalar', value: undefined, start: n.start, end: n.end, locate: () => linearMap(n.start) };
  }
}

/**
 * Map a YAML scalar's value into its source by finding each run of non-space characters in
 * order: exact for plain, quoted and block scalars alike (a secret is one such run), and
 * close enough where quoting changed a character.
 */
export function locateInSource(value: string, src: string, start: number, end: number): OffsetMap {
  // Searching only inside the scalar's own source keeps a miss (an escaped character) cheap.
  const region = src.slice(start, end);
  if (value.length > 8192) return linearMap(start);
  const map = new OffsetMap();
  let cursor = 0;
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value)) !== null) {
    const at = region.indexOf(m[0], cursor);
    map.mark(m.index, start + (at === -1 ? cursor : at));
    if (at !== -1) cursor = at + m[0].length;
  }
  if (!value.length) map.mark(0, start);
  return map;
}

/** Deeper structure is hostile, not configuration (and deep flow nesting exhausts `yaml`'s lexer). */
const MAX_DEPTH = 256;

function tooDeep(at: number): never {
  throw new ConfigParseError(`nesting deeper than ${MAX_DEPTH} levels`, at);
}

/** The deepest `[`/`{` nesting, counted naively (brackets in strings only make it larger). */
function flowDepthExceeds(src: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 91 || c === 123) {
      if (++depth > MAX_DEPTH) return i;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return undefined;
}

/**
 * Block nesting is counted by columns: each level of a block collection (indentation, or a
 * compact `- - -` / `? ?` on one line) moves its content at least one column right, so a line
 * whose content starts past MAX_DEPTH * 2 columns is hostile. `yaml` compiles a regex per
 * indentation width and aborts the process (V8 "RegExpCompiler Allocation failed") on
 * thousands of levels, so this check runs before the parser sees the text.
 */
function blockDepthExceeds(src: string): number | undefined {
  const re = /^(?:[ \t]|[-?:](?=[ \t]))+/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src)) !== null) {
    if (m[0].length > MAX_DEPTH * 2) return m.index;
    if (m[0].length === 0) re.lastIndex++;
  }
  return undefined;
}

function fromYaml(src: string, n: YamlNode | null | undefined, depth = 0): CNode | undefined {
  if (!n || isAlias(n)) return undefined;
  if (depth > MAX_DEPTH) tooDeep(n.range?.[0] ?? 0);
  const [start, valueEnd] = n.range ?? [0, 0];
  if (isScalar(n)) {
    const value = typeof n.value === 'string' ? n.value : undefined;
    let map: OffsetMap | undefined;
    return { kind: 'scalar', value, start, end: valueEnd, locate: () => (map ??= locateInSource(value ?? '', src, start, valueEnd)) };
  }
  if (isSeq(n)) {
    const items = n.items.map((i) => fromYaml(src, i as YamlNode, depth + 1)).filter((i): i is CNode => !!i);
    return { kind: 'seq', start, end: valueEnd, items };
  }
  if (isMap(n)) {
    const entries: CEntry[] = [];
    for (const pair of n.items) {
      const key = pair.key as YamlNode | null;
      if (!isScalar(key) || key.value === null || typeof key.value === 'object') continue;
      const value = fromYaml(src, pair.value as YamlNode, depth + 1);
      if (!value) continue;
      const [ks, ke] = key.range ?? [start, start];
      entries.push({ key: String(key.value), keyStart: ks, keyEnd: ke, value });
    }
    return { kind: 'map', start, end: valueEnd, entries };
  }
  return undefined;
}

// The extractor and the posture detector read the same CI file one after the other: keep the
// last parse, failed ones included, so it happens once.
let last: { src: string; trees?: CNode[]; error?: unknown } | undefined;

/** Every YAML document in the text, as trees. Throws ConfigParseError on a syntax error. */
export function parseYamlTrees(src: string): CNode[] {
  if (last?.src !== src) {
    try {
      last = { src, trees: parseYamlUncached(src) };
    } catch (error) {
      last = { src, error };
    }
  }
  if (last.error !== undefined) throw last.error;
  return last.trees ?? [];
}

/** Why `src` is too deeply nested to hand to a YAML parser, or undefined. */
export function yamlDepthProblem(src: string): string | undefined {
  const at = flowDepthExceeds(src) ?? blockDepthExceeds(src);
  return at === undefined ? undefined : `nesting deeper than ${MAX_DEPTH} levels`;
}

function parseYamlUncached(src: string): CNode[] {
  const deep = flowDepthExceeds(src) ?? blockDepthExceeds(src);
  if (deep !== undefined) tooDeep(deep);
  // No maxAliasCount needed: that limit guards toJS(), and aliases are never resolved here.
  const docs = parseAllDocuments(src, { prettyErrors: false, uniqueKeys: false });
  if (!Array.isArray(docs)) return [];
  const out: CNode[] = [];
  for (const doc of docs) {
    if (doc.errors.length) {
      const e = doc.errors[0];
      throw new ConfigParseError(e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''), e.pos[0]);
    }
    const tree = fromYaml(src, doc.contents as YamlNode | null);
    if (tree) out.push(tree);
  }
  return out;
}

/** A JSON (or JSONC) document as a tree. Throws JsonSyntaxError. */
export function parseJsonTree(src: string): CNode {
  return fromJson(src, parseJson(src));
}

export function child(node: CNode | undefined, key: string): CNode | undefined {
  if (node?.kind !== 'map') return undefined;
  for (let i = node.entries.length - 1; i >= 0; i--) if (node.entries[i].key === key) return node.entries[i].value;
  return undefined;
}

export function childString(node: CNode | undefined, key: string): string | undefined {
  const c = child(node, key);
  return c?.kind === 'scalar' ? c.value : undefined;
}

/** `mcpServers.github.env.TOKEN`, `model_list[0].litellm_params.api_key`, `servers["a.b"].env.X`. */
export function formatPath(path: readonly PathSeg[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[\w$-]+$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

export interface Leaf {
  path: PathSeg[];
  scalar: CScalar;
  /** The nodes from the root down to the leaf's parent. */
  ancestors: CNode[];
  /** The raw offset of the leaf's key (its value's start for list items). */
  keyStart: number;
}

/** Every string scalar with its path, depth-first in document order. */
export function* leaves(node: CNode, path: PathSeg[] = [], ancestors: CNode[] = [], keyStart = node.start): Generator<Leaf> {
  if (node.kind === 'scalar') {
    if (node.value !== undefined) yield { path, scalar: node, ancestors, keyStart };
    return;
  }
  const down = [...ancestors, node];
  if (node.kind === 'seq') {
    for (let i = 0; i < node.items.length; i++) yield* leaves(node.items[i], [...path, i], down, node.items[i].start);
    return;
  }
  for (const e of node.entries) yield* leaves(e.value, [...path, e.key], down, e.keyStart);
}
