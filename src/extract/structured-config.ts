// JSON/YAML agent configs (MCP servers, OAI_CONFIG_LIST, litellm, Continue, aider, ...): every
// value stored under a credential-named key becomes its own fragment carrying its key path
// (`mcpServers.github.env.GITHUB_PERSONAL_ACCESS_TOKEN`), the server or model it belongs to,
// and a credentialContext, so a key without a provider prefix is still found there (structure
// plus entropy is enough). The whole file is scanned as well, for everything else.
import type { Blob } from '../contracts/blob.js';
import type { ContentKind, Fragment } from '../contracts/fragment.js';
import { childString, formatPath, leaves, type CNode, type Leaf, type PathSeg } from './config-tree.js';
import { isCredentialName } from './credential-name.js';
import type { LineIndex } from './line-index.js';
import { pieceFragment } from './offset-map.js';

export { isCredentialName } from './credential-name.js';

/** A command-line flag that takes a credential (`--api-key`, `--token`), in an MCP server's args. */
const CREDENTIAL_FLAG = /^--?[\w-]*(?:key|token|secret|password)$/i;

/** Map keys under which each child is one MCP server (Claude, Cursor, VS Code, Zed, ...). */
const SERVER_CONTAINERS = new Set(['mcpServers', 'mcp_servers', 'servers', 'context_servers', 'mcp']);

/** A credential inside a value: its name, and where it starts (and ends, when not at the end). */
interface CredentialSpan {
  name: string;
  offset: number;
  end?: number;
}

/** `Authorization: Bearer x` / `X-Api-Key: x`, as an MCP server's `--header` argument carries it. */
const HEADER_ARG = /^([A-Za-z][\w-]*)\s*:\s*/;

/**
 * A key in a URL (a remote MCP server's `url`): a credential-named query parameter
 * (`?api_key=...`), or the password of `https://user:secret@host`.
 */
export function urlCredential(value: string): CredentialSpan | undefined {
  if (!/^[a-z][\w+.-]*:\/\//i.test(value)) return undefined;
  const user = /^[a-z][\w+.-]*:\/\/[^/?#@:\s]*:([^/?#@\s]+)@/i.exec(value);
  if (user) {
    const start = user[0].length - 1 - user[1].length;
    return { name: 'url password', offset: start, end: start + user[1].length };
  }
  for (const m of value.matchAll(/[?&#]([\w.-]+)=([^&#\s]+)/g)) {
    if (!isCredentialName(m[1])) continue;
    const start = m.index + m[0].length - m[2].length;
    return { name: m[1], offset: start, end: start + m[2].length };
  }
  return undefined;
}

/** The credential's name: its key, or the flag before it / in it when it is a command-line argument. */
function credentialName(leaf: Leaf): CredentialSpan | undefined {
  const last = leaf.path[leaf.path.length - 1];
  const value = leaf.scalar.value ?? '';
  const inUrl = urlCredential(value);
  if (inUrl) return inUrl;
  if (typeof last === 'string') return isCredentialName(last) ? { name: last, offset: 0 } : undefined;
  const parent = leaf.ancestors[leaf.ancestors.length - 1];
  const flagEq = /^(--?[\w-]+)=/.exec(value);
  if (flagEq && CREDENTIAL_FLAG.test(flagEq[1])) return { name: flagEq[1], offset: flagEq[0].length };
  const header = HEADER_ARG.exec(value);
  if (header && isCredentialName(header[1])) return { name: header[1], offset: header[0].length };
  if (parent?.kind === 'seq' && last > 0) {
    const prev = parent.items[last - 1];
    if (prev.kind === 'scalar' && prev.value && CREDENTIAL_FLAG.test(prev.value)) return { name: prev.value, offset: 0 };
  }
  return undefined;
}

/** The MCP server or model a value belongs to, for the report. */
export function ownerOf(path: readonly PathSeg[], ancestors: readonly CNode[]): { server?: string; model?: string } {
  const out: { server?: string; model?: string } = {};
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i];
    const next = path[i + 1];
    if (typeof seg === 'string' && SERVER_CONTAINERS.has(seg) && typeof next === 'string') out.server = next;
  }
  // litellm names a deployment by model_name (its params hold the provider's model id).
  for (const key of ['model_name', 'model']) {
    for (let i = ancestors.length - 1; i >= 0 && !out.model; i--) out.model = childString(ancestors[i], key);
  }
  return out;
}

/** One fragment per credential-named value, in document order. */
export function agentValueFragments(blob: Blob, kind: ContentKind, raw: LineIndex, trees: CNode[]): Fragment[] {
  const out: Fragment[] = [];
  for (const tree of trees) {
    for (const leaf of leaves(tree)) {
      const cred = credentialName(leaf);
      const value = leaf.scalar.value ?? '';
      const end = cred?.end ?? value.length;
      if (!cred || end - cred.offset < 8) continue;
      const keyPath = formatPath(leaf.path);
      const scalar = leaf.scalar;
      out.push(
        pieceFragment({
          blob, kind, raw,
          text: value.slice(cred.offset, end),
          map: { toRaw: (o) => scalar.locate().toRaw(o + cred.offset) },
          place: { keyPath, ...ownerOf(leaf.path, leaf.ancestors), structure: 'agent-config' },
          credentialContext: { name: cred.name, path: keyPath },
        }),
      );
    }
  }
  return out;
}

/** litellm proxy configs are often just `config.yaml`: recognised by their `model_list`. */
export function looksLikeLitellm(text: string): boolean {
  return /^model_list\s*:/m.test(text) && /\blitellm_params\s*:/.test(text);
}
