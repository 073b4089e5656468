// Codex keeps its MCP servers in TOML (`~/.codex/config.toml`, `[mcp_servers.<name>]` with an
// `env` table, `args` and `http_headers`). A small line reader, enough for that shape: table
// headers, `key = "string"`, inline tables `{ KEY = "value" }` and string arrays; each value
// under a credential-named key (or after a `--api-key` flag) becomes a fragment with its key
// path, like a JSON agent config. Anything else is left to the plain-text pass that follows.
import type { Diagnostics } from '../diagnostics.js';
import type { Blob } from '../contracts/blob.js';
import type { ContentKind, Fragment } from '../contracts/fragment.js';
import { formatPath, type PathSeg } from './config-tree.js';
import { LineIndex } from './line-index.js';
import { linearMap } from './offset-map.js';
import { pieceFragment } from './offset-map.js';
import { plainFragment } from './plain.js';
import { isCredentialName } from './structured-config.js';

const FLAG = /^--?[\w-]*(?:key|token|secret|password)$/i;
const HEADER = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$/;
const PAIR = /^\s*("[^"]*"|'[^']*'|[\w.-]+)\s*=\s*(.*)$/;
/** A basic or literal string, with its offset in the text searched. */
const STRING = /"((?:[^"\\]|\\.)*)"|'([^']*)'/g;

export function isTomlConfig(path: string, kind: ContentKind): boolean {
  return kind === 'agent-config' && path.toLowerCase().endsWith('.toml');
}

const unquote = (k: string) => k.replace(/^["']|["']$/g, '');
const splitKey = (k: string): string[] => k.split('.').map((s) => unquote(s.trim()));

/** The MCP server a path belongs to: `mcp_servers.<name>...`. */
function serverOf(path: readonly PathSeg[]): string | undefined {
  const i = path.indexOf('mcp_servers');
  return i !== -1 && typeof path[i + 1] === 'string' ? (path[i + 1] as string) : undefined;
}

interface Value {
  path: PathSeg[];
  name: string;
  text: string;
  /** Raw offset of the value's first character. */
  at: number;
}

/** Credential values on one `key = ...` line (a string, an inline table, or an array). */
function lineValues(table: string[], key: string[], rhs: string, rhsAt: number): Value[] {
  const out: Value[] = [];
  const strings = [...rhs.matchAll(STRING)].map((m) => ({ value: m[1] ?? m[2] ?? '', at: rhsAt + m.index + 1, index: m.index }));
  const base = [...table, ...key];
  const last = key[key.length - 1];
  if (rhs.trimStart().startsWith('{')) {
    // inline table: KEY = "value" pairs
    for (const m of rhs.matchAll(/([\w.-]+|"[^"]*")\s*=\s*("(?:[^"\\]|\\.)*"|'[^']*')/g)) {
      const name = unquote(m[1]);
      if (!isCredentialName(name)) continue;
      const valueAt = m.index + m[0].length - m[2].length;
      out.push({ path: [...base, name], name, text: m[2].slice(1, -1), at: rhsAt + valueAt + 1 });
    }
  } else if (rhs.trimStart().startsWith('[')) {
    strings.forEach((s, i) => {
      const prev = strings[i - 1]?.value;
      const flagEq = /^(--?[\w-]+)=/.exec(s.value);
      if (prev && FLAG.test(prev)) out.push({ path: [...base, i], name: prev, text: s.value, at: s.at });
      else if (flagEq && FLAG.test(flagEq[1])) out.push({ path: [...base, i], name: flagEq[1], text: s.value.slice(flagEq[0].length), at: s.at + flagEq[0].length });
    });
  } else if (strings[0] && isCredentialName(last)) {
    out.push({ path: base, name: last, text: strings[0].value, at: strings[0].at });
  }
  return out;
}

export function extractTomlConfig(blob: Blob, text: string, kind: ContentKind, _diag: Diagnostics): Fragment[] {
  const raw = new LineIndex(text);
  const out: Fragment[] = [];
  let table: string[] = [];
  for (let line = 1; line <= raw.lineCount; line++) {
    const lineText = raw.lineText(line) ?? '';
    const header = HEADER.exec(lineText);
    if (header) {
      table = splitKey(header[1]);
      continue;
    }
    const pair = PAIR.exec(lineText);
    if (!pair) continue;
    const rhsAt = raw.lineStart(line) + lineText.length - pair[2].length;
    for (const v of lineValues(table, splitKey(pair[1]), pair[2], rhsAt)) {
      if (v.text.length < 8) continue;
      const keyPath = formatPath(v.path);
      const server = serverOf(v.path);
      out.push(pieceFragment({
        blob, kind, raw, text: v.text, map: linearMap(v.at),
        place: { keyPath, ...(server ? { server } : {}), structure: 'agent-config' },
        credentialContext: { name: v.name, path: keyPath },
      }));
    }
  }
  out.push(plainFragment(blob.origin, kind, text, blob.lines));
  return out;
}
