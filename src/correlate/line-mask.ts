// Snippets show the line around a secret with that secret redacted; any *other* secret found on
// the same line (two keys on one line, an AWS key id beside its secret) must be redacted there
// too. Masking goes by each match's position in the raw line, never by searching for its
// decoded value: a key written with JSON or YAML escapes (`sk-\u0070roj…`) does not appear
// decoded in the raw line, and a search would leave it whole. Each line is masked once for all
// of its matches, so a line holding thousands of keys costs one pass, not one per key.
import type { Match } from '../contracts/match.js';
import { redact } from '../redaction/redact.js';

/** [line, from, to, shown]: replace characters [from, to) of the line's text with `shown`. */
export type MaskSpan = [line: number, from: number, to: number, shown: string];

/**
 * The spans of `matches` on the given lines, in the coordinates of each line's text (`base` is
 * the file column of the text's first character). A match over several lines masks its part of
 * each line.
 */
export function maskSpans(byLine: MatchesByLine, lines: ReadonlyMap<number, string>, base: (line: number) => number): MaskSpan[] {
  const spans: MaskSpan[] = [];
  for (const [line, text] of lines) {
    const b = base(line);
    for (const m of byLine.get(line) ?? []) {
      const from = line === m.line ? Math.max(0, m.column - b) : 0;
      const to = line === m.endLine ? Math.min(text.length, m.endColumn - b) : text.length;
      if (to > from) spans.push([line, from, to, redact(m.secret)]);
    }
  }
  return spans;
}

export type MatchesByLine = Map<number, Match[]>;

/** Each line a match covers → the matches on it. */
export function matchesByLine(matches: Iterable<Match>): MatchesByLine {
  const byLine: MatchesByLine = new Map();
  for (const m of matches) {
    for (let line = m.line; line <= m.endLine; line++) {
      const list = byLine.get(line);
      if (list) list.push(m);
      else byLine.set(line, [m]);
    }
  }
  return byLine;
}

export interface MaskedLine {
  text: string;
  /** Where each span (by its `from`) starts in `text`. */
  at: Map<number, number>;
}

/**
 * Any literal copy of a secret found on the line that no span covers (a copy no rule matched,
 * e.g. glued to a word) is hidden too: distinct values × line length, never matches².
 */
function maskLiterals(text: string, secrets: readonly string[]): string {
  for (const s of secrets) if (text.includes(s)) text = text.split(s).join(redact(s));
  return text;
}

/** `text` with each span replaced (overlapping spans keep the first), in one pass over the line. */
export function maskLine(text: string, spans: ReadonlyArray<readonly [from: number, to: number, shown: string]>, secrets: Iterable<string> = []): MaskedLine {
  const values = [...new Set(secrets)].filter((s) => s.length >= 8);
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const at = new Map<number, number>();
  let out = '';
  let pos = 0;
  for (const [from, to, shown] of sorted) {
    if (from < pos) continue;
    out += maskLiterals(text.slice(pos, from), values);
    at.set(from, out.length);
    out += shown;
    pos = to;
  }
  return { text: out + maskLiterals(text.slice(pos), values), at };
}
