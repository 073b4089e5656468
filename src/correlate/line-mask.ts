// Snippets show the line around a secret with that secret redacted; any *other* secret found on
// the same line (two keys on one line, an AWS key id beside its secret) must be redacted there
// too, or each finding's snippet would print its neighbour in full. The engine knows every match
// of a blob at once, so it indexes their raw values by file line and hands correlate() fragments
// whose line text already has the other secrets masked.
import type { Fragment, Match, Rule } from '../types.js';
import { maskIn, redact } from './redact.js';

export type LineMasker = (fragment: Fragment, own: Match) => Fragment;

/** A masker for one blob's matches (posture findings have no value and are left alone). */
export function lineMasker(matches: readonly Match[], rules: ReadonlyMap<string, Rule>): LineMasker {
  const byLine = new Map<number, Set<string>>();
  for (const m of matches) {
    if (rules.get(m.ruleId)?.category === 'posture') continue;
    for (let line = m.line; line <= m.endLine; line++) {
      const set = byLine.get(line) ?? new Set<string>();
      set.add(m.secret);
      byLine.set(line, set);
    }
  }
  return (fragment, own) => {
    const read = fragment.fileLineText;
    if (!read) return fragment;
    const fileLineText = (line: number): string | undefined => {
      let text = read.call(fragment, line);
      if (text === undefined) return text;
      for (const other of byLine.get(line) ?? []) if (other !== own.secret) text = maskIn(text, other, redact(other));
      return text;
    };
    return { ...fragment, fileLineText };
  };
}
