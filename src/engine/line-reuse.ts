// History reads each new line once. Most bytes of most unique blobs in a history are lines that
// an earlier version of the same file already had, so before a blob is scanned every line is
// looked up in a set of line keys (line-keys.ts, seen-lines.ts): only the lines not seen before,
// with CONTEXT lines either side, are scanned (the rest is blanked, so lines and columns stay
// real), and the findings already known on the unchanged lines are carried over to this blob.
// Every blob thus reports what a full scan of it would, which keeps what --history builds on:
// each version holding a key is known, so the commit that introduced it, present-at-HEAD and
// removed-in come out as before (enrich.ts). Only plain-text blobs take part: a notebook, a
// JSON/YAML config or a CI file is parsed whole, and a file holding a multi-line credential
// marker (a PEM block, a GCP service account) is scanned whole.
import { isUtf8 } from 'node:buffer';
import { extractorApplies } from '../extract/index.js';
import { CONTENT_KINDS, type Blob, type ContentKind, type Match } from '../types.js';
import { lineKeys, type LineKeys } from './line-keys.js';
import type { BlobResult, DetachedFragment } from './process-blob.js';
import { SeenLines } from './seen-lines.js';

/** Unchanged lines scanned on each side of a new one: what a rule may read across lines. */
export const CONTEXT = 4;
/** Credentials that span many lines: a blob holding one is scanned whole. */
const WHOLE_BLOB_MARKERS = ['-----BEGIN', '-----begin', 'service_account'];

interface Planned {
  original: Blob;
  keys: LineKeys;
  /** 1 for a line not seen before (scanned), 0 for one seen in an earlier blob. */
  fresh: Uint8Array;
  kind: ContentKind;
}

/** A finding on a line, remembered so later blobs holding the same line(s) report it too. */
interface Known {
  match: Match;
  /** Keys of the match's lines after the first (a multi-line match carries only if all are unchanged). */
  rest: Array<[number, number]>;
}

const key = (hi: number, lo: number) => `${hi}:${lo}`;

function lineText(bytes: Buffer, keys: LineKeys, line: number): string | undefined {
  if (line < 1 || line > keys.count) return undefined;
  const end = Math.min(keys.starts[line] - 1, bytes.length);
  return bytes.toString('utf8', keys.starts[line - 1], end).replace(/\r$/, '');
}

export class LineReuse {
  private readonly seen: SeenLines;
  /** Keys of lines that hold a finding (a fast membership test before the map below). */
  private readonly withFindings = new SeenLines(31);
  private readonly known = new Map<string, Known[]>();
  private readonly planned = new Map<Blob, Planned>();
  /** Bytes of lines not scanned again because an earlier blob had them. */
  bytesReused = 0;

  constructor(private readonly kindFor: (path: string) => ContentKind, seenBits?: number) {
    this.seen = new SeenLines(seenBits);
  }

  private eligible(blob: Blob, kind: ContentKind): boolean {
    if (blob.partial || blob.lines || kind === 'ci-config' || extractorApplies(blob.origin.path, kind)) return false;
    const b = blob.bytes;
    // A BOM or invalid UTF-8 decodes differently line by line than whole: scan such a blob whole.
    if (b[0] === 0xef || b[0] === 0xfe || b[0] === 0xff || !isUtf8(b)) return false;
    return !WHOLE_BLOB_MARKERS.some((m) => b.includes(m));
  }

  /** The blob to scan in place of `blob`: its new lines with context, the rest blanked. */
  plan(blob: Blob): Blob {
    const kind = this.kindFor(blob.origin.path);
    if (!this.eligible(blob, kind)) return blob;
    const keys = lineKeys(blob.bytes, CONTENT_KINDS.indexOf(kind) + 1);
    const fresh = new Uint8Array(keys.count);
    let freshCount = 0;
    for (let i = 0; i < keys.count; i++) {
      if (!this.seen.add(keys.hi[i], keys.lo[i])) continue;
      fresh[i] = 1;
      freshCount++;
    }
    const scanned = freshCount === keys.count ? blob : { ...blob, bytes: this.mask(blob.bytes, keys, fresh) };
    this.bytesReused += blob.bytes.length - scanned.bytes.length;
    this.planned.set(scanned, { original: blob, keys, fresh, kind });
    return scanned;
  }

  /** The new lines and CONTEXT lines around them; every other line is left empty. */
  private mask(bytes: Buffer, keys: LineKeys, fresh: Uint8Array): Buffer {
    const n = keys.count;
    const keep = new Uint8Array(n);
    let size = 0;
    for (let i = 0; i < n; i++) {
      if (!fresh[i]) continue;
      for (let j = Math.max(0, i - CONTEXT); j <= Math.min(n - 1, i + CONTEXT); j++) keep[j] = 1;
    }
    for (let i = 0; i < n; i++) size += keep[i] ? Math.min(keys.starts[i + 1], bytes.length) - keys.starts[i] : 1;
    const out = Buffer.allocUnsafe(size);
    let at = 0;
    for (let i = 0; i < n; i++) {
      const end = Math.min(keys.starts[i + 1], bytes.length);
      if (keep[i]) at += bytes.copy(out, at, keys.starts[i], end);
      else if (end > keys.starts[i]) out[at++] = 10;
    }
    return out.subarray(0, at);
  }

  /** The original blob and its findings: those scanned plus those carried from unchanged lines. */
  complete(scanned: Blob, result: BlobResult): { blob: Blob; result: BlobResult } {
    const p = this.planned.get(scanned);
    if (!p) return { blob: scanned, result };
    this.planned.delete(scanned);
    const { keys, fresh } = p;
    const matches = result.matches.map((m) => m.match);
    const at = new Set(matches.map((m) => `${m.ruleId}\0${m.line}\0${m.column}`));
    for (const m of matches) if (fresh[m.line - 1]) this.remember(m, keys);
    const carried: Match[] = [];
    for (let i = 0; i < keys.count; i++) {
      if (fresh[i] || !this.withFindings.has(keys.hi[i], keys.lo[i])) continue;
      for (const k of this.known.get(key(keys.hi[i], keys.lo[i])) ?? []) {
        const m = this.carry(k, i, keys);
        if (m && !at.has(`${m.ruleId}\0${m.line}\0${m.column}`)) carried.push(m);
      }
    }
    return { blob: p.original, result: this.rebuilt(p, result, carried) };
  }

  private remember(m: Match, keys: LineKeys): void {
    const i = m.line - 1;
    const rest: Array<[number, number]> = [];
    for (let j = i + 1; j < m.endLine && j < keys.count; j++) rest.push([keys.hi[j], keys.lo[j]]);
    this.withFindings.add(keys.hi[i], keys.lo[i]);
    const k = key(keys.hi[i], keys.lo[i]);
    const list = this.known.get(k) ?? [];
    if (!list.some((x) => x.match.ruleId === m.ruleId && x.match.column === m.column && x.match.secret === m.secret)) list.push({ match: m, rest });
    this.known.set(k, list);
  }

  /** A remembered match placed at line index i of this blob, when all its lines are there. */
  private carry(k: Known, i: number, keys: LineKeys): Match | undefined {
    for (let j = 0; j < k.rest.length; j++) {
      const at = i + 1 + j;
      if (at >= keys.count || keys.hi[at] !== k.rest[j][0] || keys.lo[at] !== k.rest[j][1]) return undefined;
    }
    const span = k.match.endLine - k.match.line;
    return { ...k.match, line: i + 1, endLine: i + 1 + span };
  }

  /** One plain fragment with every match, its line texts read from the original bytes. */
  private rebuilt(p: Planned, result: BlobResult, carried: Match[]): BlobResult {
    const all = [...result.matches.map((m) => m.match), ...carried];
    if (!all.length) return result;
    const lines = new Map<number, string>();
    for (const m of all) {
      for (const line of [m.line - 1, m.line]) {
        const text = lines.has(line) ? undefined : lineText(p.original.bytes, p.keys, line);
        if (text !== undefined) lines.set(line, text);
      }
    }
    const base = result.fragments[0];
    const fragment: DetachedFragment = base
      ? { ...base, lineTexts: [...lines] }
      : { origin: p.original.origin, contentKind: p.kind, lineTexts: [...lines] };
    return { ...result, fragments: [fragment], matches: all.map((match) => ({ fragment: 0, match })) };
  }
}
