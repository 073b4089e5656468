// A hook payload (the JSON an AI client writes on the hook's stdin) → the pieces of text that
// are about to leave the machine: the prompt, a tool call's arguments, a shell command, an MCP
// call's input. Every string is read except the client's own bookkeeping (ids, paths, names of
// events), and a string that is itself JSON (Cursor sends an MCP call's input that way) is read
// as the structure it holds.

export interface Piece {
  /** Where in the payload: `prompt`, `tool_input.command`, `tool_input.headers.Authorization`. */
  where: string;
  text: string;
  /** The key the string was stored under (for credential-named keys). */
  name?: string;
}

/** Fields every client adds about the session, never user content. */
const BOOKKEEPING = new Set([
  'session_id', 'transcript_path', 'cwd', 'hook_event_name', 'conversation_id', 'generation_id', 'workspace_roots',
  'model', 'cursor_version', 'user_email', 'timestamp', 'permission_mode', 'prompt_id', 'tool_use_id', 'turn_id',
  'stop_hook_active', 'tool_name', 'file_path', 'scratchpad_dir', 'effort', 'source', 'matcher',
]);

const MAX_DEPTH = 64;
/** More text than this in one payload is not a prompt: scan the first part and say so. */
export const MAX_PAYLOAD_CHARS = 4 * 1024 * 1024;

function key(path: string, k: string | number): string {
  if (typeof k === 'number') return `${path}[${k}]`;
  return /^[\w$-]+$/.test(k) ? (path ? `${path}.${k}` : k) : `${path}[${JSON.stringify(k)}]`;
}

function walk(value: unknown, path: string, name: string | undefined, depth: number, out: Piece[]): void {
  if (depth > MAX_DEPTH) return;
  if (typeof value === 'string') {
    const t = value.trimStart();
    if ((t.startsWith('{') || t.startsWith('[')) && value.length > 1) {
      try {
        walk(JSON.parse(value), path, name, depth + 1, out);
        return;
      } catch {
        // not JSON after all: read as text
      }
    }
    if (value.length >= 8) out.push({ where: path || '(payload)', text: value, ...(name ? { name } : {}) });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, key(path, i), name, depth + 1, out));
    return;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (depth === 0 && BOOKKEEPING.has(k)) continue;
      walk(v, key(path, k), k, depth + 1, out);
    }
  }
}

export function payloadPieces(payload: unknown): Piece[] {
  const out: Piece[] = [];
  walk(payload, '', undefined, 0, out);
  return out;
}

/** The event the payload is for (`UserPromptSubmit`, `beforeShellExecution`, `BeforeTool`, ...). */
export function eventOf(payload: unknown): string | undefined {
  const e = (payload as { hook_event_name?: unknown } | null)?.hook_event_name;
  return typeof e === 'string' ? e : undefined;
}

/** What the payload is, for the message: a prompt, or a call of the named tool. */
export function subjectOf(payload: unknown): string {
  const p = (payload ?? {}) as Record<string, unknown>;
  if (typeof p.prompt === 'string') return 'this prompt';
  if (typeof p.command === 'string' && p.tool_name === undefined) return 'this shell command';
  if (typeof p.tool_name === 'string') return `this call to ${p.tool_name.slice(0, 80)}`;
  return 'this request';
}
