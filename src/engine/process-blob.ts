// The per-blob work of a scan, the part worth running on every core: extract → detect →
// pair annotation. Its result is plain data (no functions), so a worker thread can return it.
import { annotatePair } from '../correlate/pairing.js';
import { detect } from '../detect/detect.js';
import type { RuleSet } from '../detect/ruleset.js';
import type { StructuredDetector } from '../detect/structured.js';
import { Diagnostics } from '../diagnostics.js';
import { extract } from '../extract/index.js';
import type { Blob, ContentKind, Fragment, Match, Origin, Rule, SkipReason } from '../types.js';
import { capturePairedKeyId } from '../verify/aws.js';

/** Everything later stages need of a fragment that had matches, without its text. */
export interface DetachedFragment {
  origin: Origin;
  contentKind: ContentKind;
  properties?: Record<string, unknown>;
  credentialContext?: Fragment['credentialContext'];
  /** Lines of the original file the filters and snippets read: each match's line and the one before. */
  lineTexts: Array<[number, string]>;
}

export type DiagEvent = { warn: string } | { skip: [path: string, reason: SkipReason, message: string] };

export interface BlobResult {
  fragments: DetachedFragment[];
  matches: Array<{ fragment: number; match: Match }>;
  events: DiagEvent[];
}

export interface BlobContext {
  ruleSet: RuleSet;
  structured: readonly StructuredDetector[];
  rulesById: Map<string, Rule>;
}

function detach(fragment: Fragment, matches: Match[]): DetachedFragment {
  const lines = new Map<number, string>();
  for (const m of matches) {
    for (const line of [m.line - 1, m.line]) {
      if (line < 1 || lines.has(line)) continue;
      const text = fragment.fileLineText?.(line);
      if (text !== undefined) lines.set(line, text);
    }
  }
  return {
    origin: fragment.origin,
    contentKind: fragment.contentKind,
    ...(fragment.properties ? { properties: fragment.properties } : {}),
    ...(fragment.credentialContext ? { credentialContext: fragment.credentialContext } : {}),
    lineTexts: [...lines],
  };
}

/** A fragment rebuilt from its detached form: enough for filters and correlation. */
export function attach(d: DetachedFragment, lines?: ReadonlySet<number>): Fragment {
  const byLine = new Map(d.lineTexts);
  return {
    origin: d.origin,
    contentKind: d.contentKind,
    text: '',
    properties: d.properties,
    credentialContext: d.credentialContext,
    lines,
    toFileLine: () => {
      throw new Error('a detached fragment has no text');
    },
    fileLineText: (line) => byLine.get(line),
  };
}

/** Extract and detect one blob. `kind` overrides the content kind (config per-path kinds). */
export function processBlob(blob: Blob, ctx: BlobContext, kind?: ContentKind): BlobResult {
  const events: DiagEvent[] = [];
  const diag = new Diagnostics((line) => events.push({ warn: line }));
  const result: BlobResult = { fragments: [], matches: [], events };
  let fragments: Fragment[];
  try {
    fragments = extract(blob, diag, kind ? { kindFor: () => kind } : {});
  } catch (err) {
    const path = blob.origin.path;
    events.push({ skip: [path, 'malformed', `${path}: could not be read as text (${(err as Error).message})`] });
    return result;
  }
  for (const item of diag.stats.skippedItems) events.push({ skip: [item.path, item.reason, item.message] });
  for (const fragment of fragments) {
    const found = detect(fragment, ctx.ruleSet, ctx.structured);
    if (!found.length) continue;
    for (const match of found) {
      annotatePair({ match, fragment }, ctx.rulesById.get(match.ruleId));
      // --verify needs the raw AWS key id, and only the worker still has the text around the match.
      capturePairedKeyId({ match, fragment });
    }
    const index = result.fragments.push(detach(fragment, found)) - 1;
    for (const match of found) result.matches.push({ fragment: index, match });
  }
  return result;
}
