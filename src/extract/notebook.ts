// Jupyter notebooks (*.ipynb): one fragment per cell source and per text output, each mapped
// back to the exact line and column of the .ipynb JSON (so SARIF annotations land on the right
// line on GitHub). Outputs matter most: they are rendered publicly, and a printed environment
// variable leaks there. Binary outputs (images) are skipped without decoding their base64.
// A notebook that does not parse is scanned as plain text with one warning naming the file.
import type { Place } from '../contracts/fragment.js';
import type { Diagnostics } from '../diagnostics.js';
import type { Blob } from '../contracts/blob.js';
import type { ContentKind, Fragment } from '../contracts/fragment.js';
import { decodeString, member, parseJson, stringMember, JsonSyntaxError, type JsonNode } from './json-source.js';
import { LineIndex } from './line-index.js';
import { linearMap, OffsetMap, pieceFragment } from './offset-map.js';
import { plainFragment } from './plain.js';

interface Piece {
  text: string;
  map: OffsetMap;
}

/** Output payloads that are not text: never scanned (their base64 would only add noise). */
const BINARY_MIME = /^(image|video|audio|font)\/|^application\/(pdf|octet-stream|zip)$/;
/** nbformat 3 kept each output format directly on the output object. */
const V3_TEXT_KEYS = ['html', 'latex', 'json', 'javascript', 'markdown'];

/** A string, or a list of strings joined with `sep` (cell sources are lists of lines). */
function textOf(src: string, node: JsonNode | undefined, sep = ''): Piece | undefined {
  if (node?.type === 'string') {
    const d = decodeString(src, node);
    return { text: d.value, map: d.map };
  }
  if (node?.type !== 'array') return undefined;
  const map = new OffsetMap();
  let text = '';
  for (const item of node.items) {
    if (item.type !== 'string') continue;
    if (text && sep) text += sep;
    const d = decodeString(src, item);
    map.append(d.map, text.length);
    text += d.value;
  }
  return { text, map };
}

/** A structured payload (application/json output): scanned as its raw JSON text. */
function rawOf(src: string, node: JsonNode): Piece {
  return { text: src.slice(node.start, node.end), map: linearMap(node.start) };
}

/** Each scannable text of one output, with the mime type or field it came from. */
function outputPieces(src: string, out: JsonNode): Array<{ piece: Piece; field: string }> {
  const found: Array<{ piece?: Piece; field: string }> = [];
  found.push({ piece: textOf(src, member(out, 'text')), field: 'text' });
  const data = member(out, 'data');
  if (data?.type === 'object') {
    for (const e of data.entries) {
      if (BINARY_MIME.test(e.key)) continue;
      const piece = textOf(src, e.value) ?? (e.value.type === 'object' ? rawOf(src, e.value) : undefined);
      found.push({ piece, field: e.key });
    }
  }
  for (const key of V3_TEXT_KEYS) found.push({ piece: textOf(src, member(out, key)), field: key });
  found.push({ piece: textOf(src, member(out, 'evalue')), field: 'evalue' });
  found.push({ piece: textOf(src, member(out, 'traceback'), '\n'), field: 'traceback' });
  return found.filter((f): f is { piece: Piece; field: string } => !!f.piece?.text);
}

/** The cells array: nbformat 4 `cells`, or nbformat 3 `worksheets[].cells`. */
function notebookCells(root: JsonNode): JsonNode[] | undefined {
  const cells = member(root, 'cells');
  if (cells?.type === 'array') return cells.items;
  const sheets = member(root, 'worksheets');
  if (sheets?.type !== 'array') return undefined;
  return sheets.items.flatMap((w) => {
    const c = member(w, 'cells');
    return c?.type === 'array' ? c.items : [];
  });
}

function cellFragments(blob: Blob, src: string, raw: LineIndex, cell: JsonNode, index: number): Fragment[] {
  const cellType = stringMember(src, cell, 'cell_type') ?? 'code';
  const make = (kind: ContentKind, piece: Piece, place: Place) =>
    pieceFragment({ blob, kind, text: piece.text, map: piece.map, raw, place });
  const out: Fragment[] = [];
  const source = textOf(src, member(cell, 'source') ?? member(cell, 'input'));
  if (source?.text) out.push(make('notebook-cell', source, { cell: index, cellType }));
  const outputs = member(cell, 'outputs');
  if (outputs?.type !== 'array') return out;
  outputs.items.forEach((o, outputIndex) => {
    const outputType = stringMember(src, o, 'output_type') ?? 'unknown';
    for (const { piece, field } of outputPieces(src, o)) {
      out.push(make('notebook-output', piece, { cell: index, cellType, output: true, outputType, outputIndex, field }));
    }
  });
  return out;
}

function fallback(blob: Blob, text: string, diag: Diagnostics, why: string): Fragment[] {
  diag.warn(`${blob.origin.path}: malformed notebook (${why}), scanned as plain text`);
  return [plainFragment(blob.origin, 'notebook-cell', text, blob.lines)];
}

export function extractNotebook(blob: Blob, text: string, _kind: ContentKind, diag: Diagnostics): Fragment[] {
  const raw = new LineIndex(text);
  let root: JsonNode;
  try {
    root = parseJson(text);
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    const at = raw.position(err.offset);
    return fallback(blob, text, diag, `${err.message} at line ${at.line} column ${at.column}`);
  }
  const cells = notebookCells(root);
  if (!cells) return fallback(blob, text, diag, 'no "cells" list');
  return cells.flatMap((cell, i) => cellFragments(blob, text, raw, cell, i));
}
