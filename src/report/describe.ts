// The words every reporter uses for a place and a score, in one place: where an occurrence is
// (`path:line:col`), what it is (content kind, notebook cell, commit, repository, HEAD or not,
// suppressed), what a posture finding is about, and how a score and a count read. Each reporter
// picks a view of the same facts in the same order (a terminal line shows more than a SARIF
// message, which names the repository with the commit); none writes its own.
import type { Secret } from '../contracts/scored.js';
import type { Occurrence } from '../contracts/secret.js';
import { primaryOccurrence } from './order.js';
import { sanitize } from './sanitize.js';

/** "1 file", "3 files". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A score for display: at most one decimal. */
export function formatScore(score: number): string {
  const n = Number(score);
  return Number.isFinite(n) ? String(Math.round(n * 10) / 10) : '0';
}

/** First 7 characters of a commit id. */
export function shortSha(commit: string): string {
  return commit.slice(0, 7);
}

/** Notebook cell of an occurrence, when the extractor recorded one. */
export function occurrenceCell(o: Occurrence): string | undefined {
  const cell = o.properties?.cell;
  return typeof cell === 'number' ? String(cell) : undefined;
}

/** `path:line:col`, or just the path when there is no position (terminal-safe). */
export function position(o: Occurrence): string {
  const path = sanitize(o.origin.path);
  if (!(o.line >= 1)) return path;
  return o.column >= 1 ? `${path}:${o.line}:${o.column}` : `${path}:${o.line}`;
}

/** Which facts of an occurrence a reporter shows, and how. The content kind always comes first. */
export interface PlaceView {
  /** The AI client whose file it is (`scan --agents`). */
  agent?: boolean;
  /** The message number in an agent transcript. */
  message?: boolean;
  /** The notebook cell. */
  cell?: boolean;
  /** The repository as its own fact ("commit abc1234, repo x") or with the commit ("commit abc1234 in x"). */
  repo?: 'own' | 'with-commit';
  /** The commit date (YYYY-MM-DD). */
  date?: boolean;
  /** "staged" for a staged-index occurrence. */
  staged?: boolean;
  /** "suppressed", "suppressed (inSource)" or "suppressed: <justification>". */
  suppressed: 'word' | 'kind' | 'justification';
  /** The example wording next to the value (`properties.placeholderAdjacent`), recorded whether or not it lowered the band. */
  wording?: boolean;
  /** Applied to every untrusted fact (terminal views pass sanitize). */
  clean?: (s: string) => string;
}

/** The text report's line under a finding and in "also at" (src/report/text.ts). */
export const TEXT_VIEW: PlaceView = { agent: true, message: true, cell: true, repo: 'own', staged: true, suppressed: 'word', clean: sanitize };
/** SARIF result and related-location messages (src/report/sarif-results.ts). */
export const SARIF_VIEW: PlaceView = { cell: true, repo: 'with-commit', staged: true, suppressed: 'justification' };
/** The HTML place lists, whose line already names the repository (src/report/html-sections.ts). */
export const HTML_VIEW: PlaceView = { suppressed: 'word' };
/** `keysprawl explain`: every fact, the commit date too (src/report/explain-text.ts). */
export const EXPLAIN_VIEW: PlaceView = { cell: true, repo: 'own', date: true, staged: true, suppressed: 'kind', wording: true, clean: sanitize };

function suppressedWords(s: NonNullable<Occurrence['suppressed']>, how: PlaceView['suppressed'], clean: (x: string) => string): string {
  if (how === 'kind') return `suppressed (${s.kind})`;
  if (how === 'justification' && s.justification) return `suppressed: ${clean(s.justification)}`;
  return 'suppressed';
}

/** "notebook-output, cell 3, commit abc1234, repo x, not at HEAD": the facts `view` shows, comma-separated. */
export function describeOccurrence(o: Occurrence, view: PlaceView): string {
  const clean = view.clean ?? ((s: string) => s);
  const parts: string[] = [o.contentKind];
  if (view.agent && o.origin.agent) parts.push(clean(o.origin.agent.client));
  if (view.message && typeof o.properties?.message === 'number') parts.push(`message ${o.properties.message}`);
  const cell = view.cell ? occurrenceCell(o) : undefined;
  if (cell !== undefined) parts.push(`cell ${clean(cell)}`);
  const { commit, repo } = o.origin;
  if (commit) parts.push(`commit ${clean(shortSha(commit))}${view.repo === 'with-commit' && repo ? ` in ${clean(repo)}` : ''}`);
  if (repo && (view.repo === 'own' || (view.repo === 'with-commit' && !commit))) parts.push(`repo ${clean(repo)}`);
  if (view.date && o.origin.date) parts.push(clean(o.origin.date.slice(0, 10)));
  if (view.staged && o.origin.kind === 'staged') parts.push('staged');
  if (o.origin.presentAtHead === false) parts.push('not at HEAD');
  if (o.suppressed) parts.push(suppressedWords(o.suppressed, view.suppressed, clean));
  const wording = o.properties?.placeholderAdjacent;
  if (view.wording && typeof wording === 'string') parts.push(`example wording: ${clean(wording)}`);
  return parts.join(', ');
}

const names = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * What a posture finding is about, from its primary place: the stored secret(s) it names and,
 * for a shared secret, how many jobs read it ("secrets.AWS_SECRET_ACCESS_KEY, read by 4 jobs in
 * 3 workflows"). Undefined when the check recorded no name.
 */
export function postureSubject(secret: Secret): string | undefined {
  const p = primaryOccurrence(secret)?.properties ?? {};
  const list = typeof p.secretName === 'string' ? [p.secretName] : names(p.secrets);
  if (!list.length) return typeof p.variable === 'string' ? p.variable : undefined;
  const shown = list.map((n) => (n.startsWith('(') ? n : `secrets.${n}`)).join(', ');
  const jobs = Number(p.sharedByJobs);
  const workflows = Number(p.sharedByWorkflows);
  return jobs > 0 ? `${shown}, read by ${jobs} jobs in ${workflows} workflow${workflows === 1 ? '' : 's'}` : shown;
}
