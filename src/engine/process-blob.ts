// The per-blob work of a scan, the part worth running on every core: extract → detect →
// pair annotation. Its result is plain data (no functions), so a worker thread can return it.
import type { Place } from '../contracts/fragment.js';
import { maskLine, maskSpans, matchesByLine, type MaskedLine, type MaskSpan, type MatchesByLine } from '../correlate/line-mask.js';
import { capturePairedKeyId } from '../correlate/paired-raw.js';
import { annotatePairs } from '../correlate/pairing.js';
import { detect, MAX_HITS_PER_RULE, type Budget } from '../detect/detect.js';
import type { RuleSet } from '../detect/ruleset.js';
import type { StructuredDetector } from '../detect/structured.js';
import { Diagnostics } from '../diagnostics.js';
import { classify } from '../extract/classify.js';
import { EXTRACTORS, type Extractor } from '../extract/extractors.js';
import { extract } from '../extract/index.js';
import { nothingToFind } from './nothing-to-find.js';
import type { Blob, Origin } from '../contracts/blob.js';
import type { ContentKind, Fragment } from '../contracts/fragment.js';
import type { Match } from '../contracts/match.js';
import type { SkipReason } from '../contracts/result.js';
import type { RuleMeta } from '../contracts/rule.js';

/** Everything later stages need of a fragment that had matches, without its text. */
export interface DetachedFragment {
  origin: Origin;
  contentKind: ContentKind;
  place?: Place;
  credentialContext?: Fragment['credentialContext'];
  /** Lines of the original file the filters and snippets read: each match's line and the one before. */
  lineTexts: Array<[number, string]>;
  /** Where the blob's secrets sit in those lines, to mask them in snippets by position. */
  masks: MaskSpan[];
  /** Lines whose text starts past column 1 (a window inside a long line): [line, column]. */
  lineStarts?: Array<[number, number]>;
}

export type DiagEvent = { warn: string } | { skip: [path: string, reason: SkipReason, message: string] };

export interface BlobResult {
  fragments: DetachedFragment[];
  matches: Array<{ fragment: number; match: Match }>;
  events: DiagEvent[];
}

export interface BlobContext {
  ruleSet: RuleSet;
  /** The structured extractors, in the order they are tried (src/extract/extractors.ts). Default: EXTRACTORS. */
  extractors?: readonly Extractor[];
  structured: readonly StructuredDetector[];
  rulesById: ReadonlyMap<string, RuleMeta>;
  /** Regex hits per rule per blob before the rest is a counted skip (default MAX_HITS_PER_RULE). */
  hitsPerRule?: number;
}

/** `valued`: the blob's matches that have a value (posture findings have none), by line. */
function detach(fragment: Fragment, matches: Match[], valued: MatchesByLine): DetachedFragment {
  const lines = new Map<number, string>();
  for (const m of matches) {
    for (const line of [m.line - 1, m.line]) {
      if (line < 1 || lines.has(line)) continue;
      const text = fragment.fileLineText?.(line);
      if (text !== undefined) lines.set(line, text);
    }
  }
  const base = (line: number) => fragment.lineStartColumn?.(line) ?? 1;
  const lineStarts = [...lines.keys()].map((l): [number, number] => [l, base(l)]).filter(([, c]) => c !== 1);
  return {
    ...(lineStarts.length ? { lineStarts } : {}),
    origin: fragment.origin,
    contentKind: fragment.contentKind,
    ...(fragment.place ? { place: fragment.place } : {}),
    ...(fragment.credentialContext ? { credentialContext: fragment.credentialContext } : {}),
    lineTexts: [...lines],
    masks: fragment.lineTextRewritten ? [] : maskSpans(valued, lines, base),
  };
}

/**
 * A fragment rebuilt from its detached form: enough for filters and correlation. With `secrets`
 * (the blob's values by line; not with --no-redact), every line it shows has them masked.
 */
export function attach(d: DetachedFragment, lines?: ReadonlySet<number>, secrets?: ReadonlyMap<number, readonly string[]>): Fragment {
  const raw = new Map(d.lineTexts);
  const byLine = secrets ? maskedLines(d, raw, secrets) : undefined;
  const starts = new Map(d.lineStarts ?? []);
  return {
    origin: d.origin,
    contentKind: d.contentKind,
    text: '',
    place: d.place,
    credentialContext: d.credentialContext,
    lines,
    toFileLine: () => {
      throw new Error('a detached fragment has no text');
    },
    fileLineText: (line) => (byLine ? byLine(line)?.text : raw.get(line)),
    snippetLine: (m) => {
      const masked = byLine?.(m.line);
      if (!masked) return undefined;
      return { text: masked.text, at: masked.at.get(m.column - (starts.get(m.line) ?? 1)) };
    },
  };
}

/** Each line masked once, on first use, for all the matches on it. */
function maskedLines(d: DetachedFragment, raw: ReadonlyMap<number, string>, secrets: ReadonlyMap<number, readonly string[]>): (line: number) => MaskedLine | undefined {
  const spans = new Map<number, Array<[number, number, string]>>();
  for (const [line, from, to, shown] of d.masks) {
    const list = spans.get(line);
    if (list) list.push([from, to, shown]);
    else spans.set(line, [[from, to, shown]]);
  }
  const done = new Map<number, MaskedLine>();
  return (line) => {
    let masked = done.get(line);
    const text = raw.get(line);
    if (masked || text === undefined) return masked;
    masked = maskLine(text, spans.get(line) ?? [], secrets.get(line) ?? []);
    done.set(line, masked);
    return masked;
  };
}

/**
 * A decoded view (escapes undone, joined literals) sees a value whole where the raw text saw
 * it with the wrapping inside (a PEM block taken with its `" +` joints): where a view's match
 * starts at the same place as a raw match, the raw one is the same value misread, and goes.
 */
function dropSuperseded(withMatches: Array<[Fragment, Match[]]>): void {
  const starts = new Set<string>();
  for (const [fragment, found] of withMatches) {
    const encoding = fragment.place?.encoding;
    if (encoding !== 'concatenated' && encoding !== 'escaped') continue;
    for (const m of found) starts.add(`${m.line}:${m.column}`);
  }
  if (!starts.size) return;
  for (const entry of withMatches) {
    if (entry[0].place?.encoding) continue;
    entry[1] = entry[1].filter((m) => !starts.has(`${m.line}:${m.column}`));
  }
  for (let i = withMatches.length - 1; i >= 0; i--) if (!withMatches[i][1].length) withMatches.splice(i, 1);
}

/** Extract and detect one blob. `kind` overrides the content kind (config per-path kinds). */
export function processBlob(blob: Blob, ctx: BlobContext, kind?: ContentKind): BlobResult {
  const events: DiagEvent[] = [];
  const diag = new Diagnostics((line) => events.push({ warn: line }));
  const result: BlobResult = { fragments: [], matches: [], events };
  if (nothingToFind(blob, kind ?? classify(blob.origin.path), ctx.ruleSet, ctx.extractors ?? EXTRACTORS, ctx.structured)) return result;
  let fragments: Fragment[];
  try {
    fragments = extract(blob, diag, { extractors: ctx.extractors, ...(kind ? { kindFor: () => kind } : {}) });
  } catch (err) {
    const path = blob.origin.path;
    events.push({ skip: [path, 'malformed', `${path}: could not be read as text (${(err as Error).message})`] });
    return result;
  }
  for (const item of diag.stats.skippedItems) events.push({ skip: [item.path, item.reason, item.message] });
  const perRule = ctx.hitsPerRule ?? MAX_HITS_PER_RULE;
  const budget: Budget = { left: 0, exhausted: [], perRule };
  const withMatches: Array<[Fragment, Match[]]> = [];
  for (const fragment of fragments) {
    const found = detect(fragment, ctx.ruleSet, ctx.structured, budget);
    if (!found.length) continue;
    annotatePairs(fragment, found, (id) => ctx.rulesById.get(id));
    // --verify needs the raw AWS key id, and only the worker still has the text around the match.
    for (const match of found) capturePairedKeyId({ match, fragment });
    withMatches.push([fragment, found]);
  }
  dropSuperseded(withMatches);
  const valued = matchesByLine(withMatches.flatMap(([, found]) => found).filter((m) => ctx.rulesById.get(m.ruleId)?.category !== 'posture'));
  for (const [fragment, found] of withMatches) {
    const index = result.fragments.push(detach(fragment, found, valued)) - 1;
    for (const match of found) result.matches.push({ fragment: index, match });
  }
  if (budget.exhausted.length) {
    const path = blob.origin.path;
    const rules = [...new Set(budget.exhausted)].join(', ');
    events.push({ skip: [path, 'budget', `${path}: over ${perRule} candidate matches of ${rules}, the rest of the file was not scanned by ${budget.exhausted.length > 1 ? 'those rules' : 'that rule'} (work budget)`] });
  }
  return result;
}
