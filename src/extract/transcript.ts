// Agent transcripts and chat sessions (Claude Code and Codex JSON lines, Gemini CLI, Cline,
// VS Code and Continue JSON sessions): every string value becomes its own fragment, decoded
// from JSON (a key pasted into a message and escaped by the client is found as typed), with the
// message number, the speaker and the tool it was passed to, reported on the line of the file.
// The whole file is scanned as plain text as well, so a line that does not parse loses nothing.
import type { Diagnostics } from '../diagnostics.js';
import type { Blob } from '../contracts/blob.js';
import type { ContentKind, Fragment } from '../contracts/fragment.js';
import { childString, leaves, parseJsonTree, type CNode, type Leaf } from './config-tree.js';
import { extractConfigFile, MAX_STRUCTURED_SIZE } from './config-file.js';
import { LineIndex } from './line-index.js';
import { pieceFragment } from './offset-map.js';
import { plainFragment } from './plain.js';

/** Shorter strings cannot hold a key (rules need at least 8 characters of value). */
const MIN_VALUE = 12;

export function isTranscriptPath(path: string, kind: ContentKind): boolean {
  return kind === 'prompt' && /\.(jsonl|ndjson|json)$/i.test(path);
}

const SPEAKERS = new Set(['user', 'assistant', 'model', 'gemini', 'system']);

/** The speaker and the tool of a value, from the nearest objects that say. */
function speakerOf(leaf: Leaf): { role?: string; tool?: string } {
  const out: { role?: string; tool?: string } = {};
  for (let i = leaf.ancestors.length - 1; i >= 0; i--) {
    const node: CNode = leaf.ancestors[i];
    out.role ??= childString(node, 'role') ?? childString(node, 'speaker');
    const type = childString(node, 'type');
    if (!out.tool && type && /tool_use|function_call|tool_call|toolUse/i.test(type)) out.tool = childString(node, 'name');
    out.tool ??= childString(node, 'tool_name') ?? childString(node, 'toolName');
  }
  // Claude Code and Gemini CLI records say who spoke in `type`.
  for (let i = leaf.ancestors.length - 1; i >= 0 && !out.role; i--) {
    const type = childString(leaf.ancestors[i], 'type');
    if (type && SPEAKERS.has(type)) out.role = type;
  }
  return out;
}

function valueFragments(blob: Blob, kind: ContentKind, raw: LineIndex, tree: CNode, shift: number, message: (leaf: Leaf) => number | undefined): Fragment[] {
  const out: Fragment[] = [];
  for (const leaf of leaves(tree)) {
    const value = leaf.scalar.value ?? '';
    if (value.length < MIN_VALUE) continue;
    const scalar = leaf.scalar;
    const n = message(leaf);
    out.push(
      pieceFragment({
        blob, kind, raw, text: value,
        map: { toRaw: (o) => shift + scalar.locate().toRaw(o) },
        place: { structure: 'transcript', ...(n !== undefined ? { message: n } : {}), ...speakerOf(leaf) },
      }),
    );
  }
  return out;
}

/** JSON lines: one record a line, the record number is the message number. */
function jsonLines(blob: Blob, kind: ContentKind, raw: LineIndex): Fragment[] {
  const out: Fragment[] = [];
  let record = 0;
  for (let line = 1; line <= raw.lineCount; line++) {
    const lineText = raw.lineText(line) ?? '';
    if (!lineText.trim()) continue;
    record++;
    let tree: CNode;
    try {
      tree = parseJsonTree(lineText);
    } catch {
      continue; // the plain-text pass still reads it
    }
    const n = record;
    out.push(...valueFragments(blob, kind, raw, tree, raw.lineStart(line), () => n));
  }
  return out;
}

/** A JSON session: the message is the index in the first list on the way down. */
function jsonDocument(blob: Blob, kind: ContentKind, text: string, raw: LineIndex): Fragment[] {
  let tree: CNode;
  try {
    tree = parseJsonTree(text);
  } catch {
    return []; // a log or a half-written session: the plain-text pass reads it
  }
  return valueFragments(blob, kind, raw, tree, 0, (leaf) => {
    const i = leaf.path.findIndex((seg) => typeof seg === 'number');
    return i === -1 ? undefined : (leaf.path[i] as number) + 1;
  });
}

export function extractTranscript(blob: Blob, text: string, kind: ContentKind, diag: Diagnostics): Fragment[] {
  const lines = /\.(jsonl|ndjson)$/i.test(blob.origin.path);
  // A JSON prompt file in a repository is a config, not a conversation: read it as one.
  const role = blob.origin.agent?.role;
  if (!lines && role !== 'transcript' && role !== 'log') return extractConfigFile(blob, text, kind, diag);
  const whole = plainFragment(blob.origin, kind, text, blob.lines);
  if (text.length > MAX_STRUCTURED_SIZE) return [whole];
  const raw = new LineIndex(text);
  return [...(lines ? jsonLines(blob, kind, raw) : jsonDocument(blob, kind, text, raw)), whole];
}
