// Inline suppression: a `keysprawl:allow` comment on the line of a finding (or alone on the line
// before it) keeps the finding in reports but marks it suppressed (SARIF kind "inSource").
// `gitleaks:allow` and detect-secrets' `pragma: allowlist secret` are honoured too, so
// migrating users keep their annotations. `keysprawl:allow reason="..." until=YYYY-MM-DD`
// carries a justification and an expiry; an expired (or unreadable) expiry stops suppressing
// and says so once, because a forgotten allow must never hide a live key for ever.
import type { Hit } from '../contracts/match.js';
import type { FilterVerdict, HitFilter } from './index.js';

interface Marker {
  name: string;
  re: RegExp;
  /** Honoured on the line before the finding. */
  before: boolean;
  /** Honoured on the finding's own line. */
  same: boolean;
}

const MARKERS: Marker[] = [
  { name: 'keysprawl:allow', re: /keysprawl:allow\b/i, before: true, same: true },
  { name: 'gitleaks:allow', re: /gitleaks:allow\b/i, before: true, same: true },
  // detect-secrets: "allowlist secret" is for its own line, "allowlist nextline secret" the next.
  { name: 'pragma: allowlist secret', re: /pragma:\s*allowlist\s+secret\b/i, before: true, same: true },
  { name: 'pragma: allowlist nextline secret', re: /pragma:\s*allowlist\s+nextline\s+secret\b/i, before: true, same: false },
];

/**
 * A line that is only a comment. The line before a finding counts only when it is one: a
 * trailing `# keysprawl:allow` after a key on line 1 must not also allow a different key on
 * line 2. A leading `"` admits notebook source lines, which sit inside JSON strings.
 */
const COMMENT_ONLY = /^\s*"?\s*(#|\/\/|\/\*|\*|<!--|--|;|%|rem\s|\{#|\{\{!--|@rem\s)/i;

export interface InlineOptions {
  /** Today's date as YYYY-MM-DD (UTC); injectable for tests. */
  today?: string;
  /** One warning line per expired or unreadable expiry. */
  warn?: (line: string) => void;
}

export interface InlineAllow {
  marker: string;
  reason?: string;
  until?: string;
}

const ATTR = /\b(reason|until)=("([^"]*)"|'([^']*)'|([^\s"'\\]+))/g;

/** The suppression comment on a line, if any, with its reason and expiry. */
// Every hit on a line asks about the same line: a line holding thousands of keys is read once.
let lastAsked: { line: string; position: string; allow: InlineAllow | undefined } | undefined;

export function parseAllow(line: string, position: 'same' | 'before'): InlineAllow | undefined {
  if (lastAsked?.line === line && lastAsked.position === position) return lastAsked.allow;
  const allow = parseAllowUncached(line, position);
  lastAsked = { line, position, allow };
  return allow;
}

function parseAllowUncached(line: string, position: 'same' | 'before'): InlineAllow | undefined {
  if (position === 'before' && !COMMENT_ONLY.test(line)) return undefined;
  for (const m of MARKERS) {
    if (!m[position]) continue;
    const found = m.re.exec(line);
    if (!found) continue;
    const allow: InlineAllow = { marker: m.name.replace(' nextline', '') };
    if (m.name === 'keysprawl:allow') {
      // Notebook sources are JSON strings: \" there is a plain quote in the cell.
      const rest = line.slice(found.index + found[0].length).replace(/\\"/g, '"');
      for (const a of rest.matchAll(ATTR)) {
        const value = a[3] ?? a[4] ?? a[5].replace(/(-->|\*\/)+$/, '');
        if (a[1] === 'reason') allow.reason = value;
        else allow.until = value;
      }
    }
    return allow;
  }
  return undefined;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

function justification(allow: InlineAllow): string {
  const base = allow.reason ?? `${allow.marker} comment`;
  return allow.until ? `${base} (until ${allow.until})` : base;
}

/** The allow comment that applies to a hit: its own line first, then the line before. */
export function allowFor(hit: Hit): { allow: InlineAllow; line: number } | undefined {
  const { match, fragment } = hit;
  const own = fragment.fileLineText?.(match.line);
  const same = own === undefined ? undefined : parseAllow(own, 'same');
  if (same) return { allow: same, line: match.line };
  const prev = match.line > 1 ? fragment.fileLineText?.(match.line - 1) : undefined;
  const before = prev === undefined ? undefined : parseAllow(prev, 'before');
  return before ? { allow: before, line: match.line - 1 } : undefined;
}

export function inlineFilter(opts: InlineOptions = {}): HitFilter {
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const warned = new Set<string>();
  const warnOnce = (key: string, line: string) => {
    if (warned.has(key)) return;
    warned.add(key);
    opts.warn?.(line);
  };
  return (hit): FilterVerdict => {
    const found = allowFor(hit);
    if (!found) return 'keep';
    const { allow, line } = found;
    const where = `${hit.fragment.origin.path}:${line}`;
    if (allow.until !== undefined) {
      const key = `${hit.fragment.origin.commit ?? ''}\0${where}`;
      if (!isRealDate(allow.until)) {
        warnOnce(key, `${where}: ${allow.marker} until=${allow.until} is not a date (YYYY-MM-DD): the finding is reported`);
        return 'keep';
      }
      if (allow.until < today) {
        const why = allow.reason ? ` (reason: ${allow.reason})` : '';
        warnOnce(key, `${where}: ${allow.marker} expired on ${allow.until}${why}: the finding is reported`);
        return 'keep';
      }
    }
    return { suppressed: { kind: 'inSource', justification: justification(allow) } };
  };
}
