// History reads each new line once. Most bytes of most unique blobs in a history are lines that
// an earlier version of the same file already had, so before a blob is scanned every line is
// looked up in a set of line keys (line-keys.ts, seen-lines.ts): only the lines not seen before,
// with CONTEXT lines either side, are scanned (the rest is blanked, so lines and columns stay
// real), and the findings already known on the unchanged lines are carried over to this blob.
// Every blob thus reports what a full scan of it would, which keeps what --history builds on:
// each version holding a key is known, so the commit that introduced it, present-at-HEAD and
// removed-in come out as before (enrich.ts). Notebooks, agent and CI configs are always parsed
// whole, and so is a file holding a multi-line credential marker (a PEM block other than a
// certificate or public key, a GCP service account). A JSON/YAML file takes part when its structured reading finds what a plain reading
// finds: no encoded values (config-file.ts), or every line that may hold one is neutral, found
// to report the same read either way (probed once per distinct line: neutral-lines.ts). What a
// parsed file reports on a line may depend on the whole document (a decoded value is masked
// from the plain scan only when the file parses), so any other one is scanned whole; a large
// OpenAPI file with a harmless base64 example thus costs what its new lines cost, not a parse.
import { isAscii, isUtf8 } from 'node:buffer';
import { PAIR_WINDOW_LINES } from '../correlate/pairing.js';
import { configFormat, MAX_STRUCTURED_SIZE } from '../extract/config-file.js';
import { holdsK8sSecret, mayHoldEncoded } from '../extract/encoded.js';
import { extractorApplies } from '../extract/index.js';
import { looksLikeLitellm } from '../extract/structured-config.js';
import type { Blob } from '../contracts/blob.js';
import { CONTENT_KINDS, type ContentKind } from '../contracts/fragment.js';
import type { Match } from '../contracts/match.js';
import { KeyPool, type KeySet } from './key-pool.js';
import { lineKeys, type LineKeys } from './line-keys.js';
import type { MaskSpan } from '../correlate/line-mask.js';
import type { BlobResult, DetachedFragment } from './process-blob.js';
import { NeutralLines, type Probe } from './neutral-lines.js';
import { SeenLines } from './seen-lines.js';

/**
 * Unchanged lines scanned on each side of a new one: what a rule or the pairing of a key with
 * its other half (an AWS key id, a database host: correlate/pairing.ts) reads around a line.
 */
export const CONTEXT = PAIR_WINDOW_LINES;
// Credentials that span many lines: a blob holding a marker of one (`-----BEGIN`, `-----begin`,
// `service_account`) is scanned whole.
/** PEM blocks that hold nothing secret (an API description's example certificate): no reason to scan whole. */
const PUBLIC_PEM = /^-----BEGIN (?:CERTIFICATE|TRUSTED CERTIFICATE|CERTIFICATE REQUEST|NEW CERTIFICATE REQUEST|PUBLIC KEY|RSA PUBLIC KEY|X509 CRL|PGP PUBLIC KEY BLOCK|PGP SIGNATURE)-----/;

/** Whether `word` (ASCII) is at `at` in `b`. */
function at(b: Buffer, i: number, word: string): boolean {
  if (i + word.length > b.length) return false;
  for (let j = 0; j < word.length; j++) if (b[i + j] !== word.charCodeAt(j)) return false;
  return true;
}

/**
 * Whether the bytes hold a marker of a multi-line credential (a public PEM block is none). One
 * pass for the dashes of both PEM spellings, one for `service_account` (three passes cost 1.5 %
 * of a history scan: every unique blob is read by it).
 */
function holdsMultiLineCredential(b: Buffer): boolean {
  for (let i = b.indexOf('-----'); i !== -1; i = b.indexOf('-----', i + 1)) {
    while (b[i + 5] === 45) i++; // a long rule of dashes: look after its last five
    if (at(b, i + 5, 'begin')) return true;
    if (at(b, i + 5, 'BEGIN') && !PUBLIC_PEM.test(b.toString('latin1', i, i + 40))) return true;
  }
  return b.indexOf('service_account') !== -1;
}

interface Planned {
  original: Blob;
  /** False when the blob went to the scanner whole (its fragments and line texts are its own). */
  masked: boolean;
  keys: LineKeys;
  /** 1 for a line not seen before (scanned), 0 for one seen in an earlier blob. */
  fresh: Uint8Array;
  kind: ContentKind;
  /** The pooled arrays behind keys and fresh, given back once the blob is completed. */
  arrays: KeySet;
}

/** A finding on a line, remembered so later blobs holding the same line(s) report it too. */
interface Known {
  match: Match;
  /** The fragment it was found in, without origin and text (content kind, key path, decoding). */
  fragment: Omit<DetachedFragment, 'origin' | 'lineTexts'>;
  /** Keys of the match's lines after the first (a multi-line match carries only if all are unchanged). */
  rest: Array<[number, number]>;
}

/** A remembered finding placed in this blob, `shift` lines from where it was first found. */
type Carried = Known & { shift: number };

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
  /** Lines holding a key paired with a part nearby: scanned again wherever they appear, as the part may move. */
  private readonly paired = new SeenLines(31);
  private readonly known = new Map<string, Known[]>();
  /** Lines of JSON/YAML files known to read the same as structure and as text (keys seeded by format). */
  private readonly neutralKnown = new SeenLines(20);
  private readonly planned = new Map<Blob, Planned>();
  private readonly pool = new KeyPool();
  /** Scratch of mask(): which lines are kept. */
  private keep = new Uint8Array(0);
  /** Bytes of lines not scanned again because an earlier blob had them. */
  bytesReused = 0;

  private readonly neutral?: NeutralLines;

  /** `probe`: the findings of a one-line blob (without one, a file read for encoded values is always scanned whole). */
  constructor(private readonly kindFor: (path: string) => ContentKind, probe?: Probe, seenBits?: number) {
    this.seen = new SeenLines(seenBits);
    if (probe) this.neutral = new NeutralLines(probe);
  }

  private eligible(blob: Blob, kind: ContentKind): boolean {
    if (blob.partial || blob.lines || kind === 'ci-config' || kind === 'agent-config') return false;
    if (extractorApplies(blob.origin.path, kind) && configFormat(blob.origin.path) === undefined) return false;
    const b = blob.bytes;
    // A BOM or invalid UTF-8 decodes differently line by line than whole: scan such a blob whole.
    if (b[0] === 0xef || b[0] === 0xfe || b[0] === 0xff || !isUtf8(b)) return false;
    return !holdsMultiLineCredential(b);
  }

  /** The blob to scan in place of `blob`: its new lines with context, the rest blanked. */
  plan(blob: Blob): Blob {
    const kind = this.kindFor(blob.origin.path);
    if (!this.eligible(blob, kind)) return blob;
    const format = configFormat(blob.origin.path);
    // The format in the seed too: whether a line reads the same as structure and as text depends on it.
    let arrays: KeySet | undefined;
    const keys = lineKeys(blob.bytes, CONTENT_KINDS.indexOf(kind) + 1 + (format === 'json' ? 64 : format === 'yaml' ? 128 : 0), (lines) => (arrays = this.pool.take(lines)));
    if (format && this.parsed(blob, keys)) {
      this.pool.give(arrays!);
      return blob;
    }
    const { fresh } = arrays!;
    let freshCount = 0;
    for (let i = 0; i < keys.count; i++) {
      if (!this.seen.add(keys.hi[i], keys.lo[i]) && !this.paired.has(keys.hi[i], keys.lo[i])) continue;
      fresh[i] = 1;
      freshCount++;
    }
    const scanned = freshCount === keys.count ? blob : { ...blob, bytes: this.mask(blob.bytes, keys, fresh) };
    this.bytesReused += blob.bytes.length - scanned.bytes.length;
    this.planned.set(scanned, { original: blob, masked: scanned !== blob, keys, fresh, kind, arrays: arrays! });
    return scanned;
  }

  /**
   * A JSON/YAML file whose structured reading may report what a plain reading would not. Only
   * lines not yet known to be neutral are probed: a line of an earlier version of this format
   * that passed is remembered by key (lines of one version repeat in the next).
   */
  private parsed(blob: Blob, keys: LineKeys): boolean {
    // The same string either way for ASCII, which most versions are: latin1 is a plain copy.
    const text = blob.bytes.toString(isAscii(blob.bytes) ? 'latin1' : 'utf8');
    if (looksLikeLitellm(text)) return true;
    if (!mayHoldEncoded(blob.origin.path, text) || text.length > MAX_STRUCTURED_SIZE) return false;
    // Which values of a Kubernetes Secret are decoded depends on its `kind` line, not theirs.
    if (!this.neutral || holdsK8sSecret(text)) return true;
    const { hi, lo } = keys;
    if (!this.neutral.all(blob, keys, (i) => this.neutralKnown.has(hi[i], lo[i]))) return true;
    for (let i = 0; i < keys.count; i++) this.neutralKnown.add(hi[i], lo[i]);
    return false;
  }

  /** The new lines and CONTEXT lines around them; every other line is left empty. */
  private mask(bytes: Buffer, keys: LineKeys, fresh: Uint8Array): Buffer {
    const n = keys.count;
    // A scratch reused up to 2^20 lines (1 MB); a longer blob's is its own.
    if (this.keep.length < n && n <= 1 << 20) this.keep = new Uint8Array(Math.min(1 << 20, Math.max(n, 2 * this.keep.length)));
    const keep = n <= this.keep.length ? this.keep : new Uint8Array(n);
    keep.fill(0, 0, n);
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
    const at = new Set(result.matches.map(({ match: m }) => `${m.ruleId}\0${m.line}\0${m.column}`));
    for (const { match, fragment } of result.matches) if (fresh[match.line - 1]) this.remember(match, result.fragments[fragment], keys);
    const carried: Carried[] = [];
    for (let i = 0; i < keys.count; i++) {
      if (fresh[i] || !this.withFindings.has(keys.hi[i], keys.lo[i])) continue;
      for (const k of this.known.get(key(keys.hi[i], keys.lo[i])) ?? []) {
        const m = this.carry(k, i, keys);
        if (m && !at.has(`${m.ruleId}\0${m.line}\0${m.column}`)) carried.push({ ...k, match: m, shift: m.line - k.match.line });
      }
    }
    const rebuilt = this.rebuilt(p, result, carried);
    this.pool.give(p.arrays); // read for the last time above
    return { blob: p.original, result: rebuilt };
  }

  private remember(m: Match, fragment: DetachedFragment, keys: LineKeys): void {
    const i = m.line - 1;
    const rest: Array<[number, number]> = [];
    for (let j = i + 1; j < m.endLine && j < keys.count; j++) rest.push([keys.hi[j], keys.lo[j]]);
    this.withFindings.add(keys.hi[i], keys.lo[i]);
    if (m.facts?.pairedWith || m.pairedRaw) this.paired.add(keys.hi[i], keys.lo[i]);
    const k = key(keys.hi[i], keys.lo[i]);
    const list = this.known.get(k) ?? [];
    const same = (x: Known) => x.match.ruleId === m.ruleId && x.match.column === m.column && x.match.secret === m.secret;
    if (!list.some(same)) {
      const { origin: _origin, lineTexts: _lineTexts, ...shape } = fragment;
      list.push({ match: m, fragment: shape, rest });
    }
    this.known.set(k, list);
  }

  /** A remembered match placed at line index i of this blob, when all its lines are there. */
  private carry(k: Known, i: number, keys: LineKeys): Match | undefined {
    for (let j = 0; j < k.rest.length; j++) {
      const at = i + 1 + j;
      if (at >= keys.count || keys.hi[at] !== k.rest[j][0] || keys.lo[at] !== k.rest[j][1]) return undefined;
    }
    const m = k.match;
    const shift = i + 1 - m.line;
    // Only for a blob planned before the key's line was known to be paired: the part moved with it.
    const pairedWith = m.facts?.pairedWith;
    const facts = pairedWith ? { ...m.facts, pairedWith: pairedWith.map((p) => ({ ...p, line: p.line + shift })) } : m.facts;
    return { ...m, line: m.line + shift, endLine: m.endLine + shift, ...(facts ? { facts } : {}) };
  }

  /** The scanned findings (line texts read from the original bytes when masked) plus the carried ones. */
  private rebuilt(p: Planned, result: BlobResult, carried: Carried[]): BlobResult {
    if (!carried.length && !(p.masked && result.matches.length)) return result;
    const texts = (ms: Match[]): Array<[number, string]> => {
      const lines = new Map<number, string>();
      for (const m of ms) {
        for (const line of [m.line - 1, m.line]) {
          const text = lines.has(line) ? undefined : lineText(p.original.bytes, p.keys, line);
          if (text !== undefined) lines.set(line, text);
        }
      }
      return [...lines];
    };
    const fragments = p.masked
      ? result.fragments.map((f, i) => ({ ...f, lineTexts: texts(result.matches.filter((m) => m.fragment === i).map((m) => m.match)) }))
      : [...result.fragments];
    const matches = [...result.matches];
    for (const k of carried) {
      // The remembered fragment's masks and line starts are at the lines of the blob it was found
      // in: move them with the match, or a snippet would be masked at another line's columns.
      const { masks, lineStarts } = k.fragment;
      const moved = {
        masks: masks.map(([line, from, to, shown]): MaskSpan => [line + k.shift, from, to, shown]),
        ...(lineStarts ? { lineStarts: lineStarts.map(([line, col]): [number, number] => [line + k.shift, col]) } : {}),
      };
      const index = fragments.push({ ...k.fragment, ...moved, origin: p.original.origin, lineTexts: texts([k.match]) }) - 1;
      matches.push({ fragment: index, match: k.match });
    }
    return { ...result, fragments, matches };
  }
}
