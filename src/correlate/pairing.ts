// Two-part credentials: an AWS secret access key is useless without its access key id, an Azure
// client secret without its client (and tenant) id, a database password without its host. When
// both halves sit together they are one complete credential.
//
// Two steps, because the raw text is only available before correlation:
//  1. annotatePairs(hits) looks around each match (same fragment, within PAIR_WINDOW_LINES lines)
//     for the other half and records where it is, in match.facts.pairedWith. Raw values are
//     never recorded: a key id is stored redacted, a host or client id (identifiers, not
//     secrets) as found. AWS key ids are matched to secret keys for the whole fragment at once
//     (aws-pairs.ts), and a key id that is itself a match gets the note back to its secret key.
//  2. pairSecrets(secrets) turns those notes into Secret.pairedWith. When the other half was
//     itself detected as a secret (an AWS key id), both stay findings of their own, each at its
//     own line and column, and each names the other (its secret id, rule and line).
import { deriveFacts } from '../detect/derive.js';
import { assignKeyIds, type KeyIdAt } from './aws-pairs.js';
import type { Fragment } from '../contracts/fragment.js';
import type { Hit, Match, PairNote } from '../contracts/match.js';
import type { RuleMeta } from '../contracts/rule.js';
import type { CorrelatedSecret, Occurrence, PairedPart } from '../contracts/secret.js';
import { redact } from '../redaction/redact.js';

/** How far (in lines, either side) the other half may be: "the same file or block". */
export const PAIR_WINDOW_LINES = 8;
const MAX_WHERE = 5;

export const AWS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}(?![A-Z0-9])/g;
const AWS_SECRET_SHAPE = /^[A-Za-z0-9/+]{40}$/;
const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const AZURE_CLIENT_ID = new RegExp(`(?:client|app(?:lication)?)[_.-]?id["']?\\s*[:=]\\s*["']?(${GUID})`, 'gi');
const AZURE_TENANT_ID = new RegExp(`(?:tenant|directory)[_.-]?id["']?\\s*[:=]\\s*["']?(${GUID})`, 'gi');
const DB_HOST = /\b(?:db|database|pg|postgres(?:ql)?|mysql|mariadb|mongo(?:db)?|redis|sql)?[_.-]?host(?:name)?["']?\s*[:=]\s*["']?([A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9])/gi;
const DB_SERVER = /\b(?:server|data source|host)\s*=\s*(?:tcp:)?([A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9])/gi;
const URI_HOST = /^@([A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9])/;
const DB_NAME = /(?:db|database|postgres|pg|mysql|mariadb|mongo|redis|sql)\w*?[_.-]?(?:pass(?:word)?|pwd|url|uri|dsn)|connection[_-]?string/i;
const AZURE_NAME = /azure|arm_|entra/i;

type Role = 'aws-secret' | 'azure-secret' | 'database-password';

/** The line's start, or 200 characters back on a longer line (all the name lookups need). */
function lineStart(text: string, offset: number): number {
  const from = Math.max(0, offset - 200);
  let at = offset;
  while (at > from && text.charCodeAt(at - 1) !== 10) at--;
  return at;
}

/** Which first half this match is, from its rule and the name it is assigned to. */
function roleOf(hit: Hit, rule: RuleMeta | undefined): Role | undefined {
  const { match, fragment } = hit;
  if (!rule || rule.category === 'posture') return undefined;
  const provider = rule.provider.toLowerCase();
  // The assignment name is just before the value: 200 characters bound the work on a 100 KB line of matches.
  const name = fragment.text.slice(lineStart(fragment.text, match.start), match.start);
  const awsShape = AWS_SECRET_SHAPE.test(match.secret);
  if (awsShape && (provider === 'aws' || /aws_?secret/i.test(name))) return 'aws-secret';
  const azure = /^(azure|microsoft|entra)/.test(provider);
  if (azure && /secret/i.test(`${rule.id} ${rule.name}`)) return 'azure-secret';
  if (/client[_.-]?secret/i.test(name) && (azure || AZURE_NAME.test(name))) return 'azure-secret';
  if (rule.category === 'database' || DB_NAME.test(name)) return 'database-password';
  // A 40-character value named *secret* (PROD_SECRET): an AWS secret key when a key id is near.
  if (awsShape && !/^[0-9a-f]+$/i.test(match.secret) && /secret\w*["'\]]?\s*(?:=>|:=|=|:)?\s*["'`]?$/i.test(name)) return 'aws-secret';
  return undefined;
}

/** Offsets of the window: the match's own lines plus PAIR_WINDOW_LINES lines either side. */
function windowAround(text: string, start: number, end: number): { from: number; to: number } {
  let from = start;
  for (let i = 0; i <= PAIR_WINDOW_LINES && from > 0; i++) from = text.lastIndexOf('\n', from - 1);
  let to = end;
  for (let i = 0; i <= PAIR_WINDOW_LINES && to !== -1; i++) to = text.indexOf('\n', to + 1);
  return { from: Math.max(0, from), to: to === -1 ? text.length : to };
}

/** Every capture of `re` in the window around the match, but the match itself, with its offset. */
function around(re: RegExp, hit: Hit, group: number): KeyIdAt[] {
  const { text } = hit.fragment;
  const { start, end } = hit.match;
  const win = windowAround(text, start, end);
  const slice = text.slice(win.from, win.to);
  const out: KeyIdAt[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    const value = m[group];
    const at = win.from + m.index + m[0].indexOf(value);
    if (at < end && at + value.length > start) continue; // the match itself
    out.push({ value, at });
  }
  return out;
}

/** The capture nearest the match in the window, with its offset. */
function nearest(re: RegExp, hit: Hit, group: number): KeyIdAt | undefined {
  let best: KeyIdAt | undefined;
  for (const c of around(re, hit, group)) if (!best || Math.abs(c.at - hit.match.start) < Math.abs(best.at - hit.match.start)) best = c;
  return best;
}

function note(hit: Hit, role: string, shown: string, at: number): PairNote {
  const pos = hit.fragment.toFileLine(at);
  return { role, shown, line: pos.line, column: pos.column };
}

function findNotes(hit: Hit, role: Exclude<Role, 'aws-secret'>): PairNote[] {
  const notes: PairNote[] = [];
  if (role === 'azure-secret') {
    const client = nearest(AZURE_CLIENT_ID, hit, 1);
    if (client) notes.push(note(hit, 'azure-client-id', client.value, client.at));
    const tenant = nearest(AZURE_TENANT_ID, hit, 1);
    if (tenant && client) notes.push(note(hit, 'azure-tenant-id', tenant.value, tenant.at));
  } else {
    const { text } = hit.fragment;
    const inUri = URI_HOST.exec(text.slice(hit.match.end, hit.match.end + 256));
    const host = inUri ? { value: inUri[1], at: hit.match.end + 1 } : nearest(DB_HOST, hit, 1) ?? nearest(DB_SERVER, hit, 1);
    if (host) notes.push(note(hit, 'database-host', host.value, host.at));
  }
  return notes;
}

function addNote(match: Match, n: PairNote): void {
  match.facts = { ...match.facts, pairedWith: [...(match.facts?.pairedWith ?? []), n] };
}

/**
 * AWS secret keys of one fragment and their key ids, matched as a whole (aws-pairs.ts). The
 * secret key notes its key id; a key id that is itself a match notes its secret key back, so
 * both halves are reported at their own places and each names the other.
 */
function annotateAws(secrets: Hit[], all: readonly Match[]): void {
  if (!secrets.length) return;
  const { fragment } = secrets[0];
  const sites = secrets.map((h) => ({ start: h.match.start, candidates: around(AWS_KEY_ID, h, 0) }));
  const chosen = assignKeyIds(fragment, sites);
  secrets.forEach((hit, i) => {
    const id = sites[i].candidates[chosen[i]];
    if (!id) return;
    addNote(hit.match, note(hit, 'aws-access-key-id', redact(id.value), id.at));
    // The key id says what kind of key this is (AKIA long-lived, ASIA temporary STS).
    hit.match.derived ??= deriveFacts('aws', id.value);
    const idMatch = all.find((m) => m.start === id.at && m.secret === id.value);
    if (idMatch && !idMatch.facts?.pairedWith?.some((n) => n.line === hit.match.line && n.column === hit.match.column)) {
      addNote(idMatch, { role: 'aws-secret-access-key', shown: redact(hit.match.secret), line: hit.match.line, column: hit.match.column });
    }
  });
}

/**
 * Step 1, per fragment before correlation: note the other half of a two-part credential found
 * near each match in match.facts.pairedWith. `matches` are all the matches of `fragment`.
 */
export function annotatePairs(fragment: Fragment, matches: readonly Match[], ruleOf: (id: string) => RuleMeta | undefined): void {
  const aws: Hit[] = [];
  for (const match of matches) {
    const hit = { match, fragment };
    const role = roleOf(hit, ruleOf(match.ruleId));
    if (role === 'aws-secret') aws.push(hit);
    else if (role) for (const n of findNotes(hit, role)) addNote(match, n);
  }
  annotateAws(aws, matches);
}

const placeKey = (o: Occurrence, line: number, column: number) =>
  `${o.origin.repo ?? ''}\0${o.origin.commit ?? ''}\0${o.origin.path}\0${line}\0${column}`;

function notesOf(o: Occurrence): PairNote[] {
  // Occurrences read back from a JSON report (merge) are not checked field by field.
  const raw: unknown = o.properties?.pairedWith;
  return Array.isArray(raw) ? (raw as PairNote[]).filter((n) => n && typeof n.role === 'string') : [];
}

function addPart(parts: Map<string, PairedPart>, part: Omit<PairedPart, 'where'>, where: string): void {
  const key = `${part.role}\0${part.secretId ?? part.shown}`;
  const have = parts.get(key) ?? { ...part, where: [] };
  if (!have.where.includes(where) && have.where.length < MAX_WHERE) have.where.push(where);
  parts.set(key, have);
}

/**
 * Step 2, after correlation and before scoring: Secret.pairedWith from the notes. A part that was
 * itself detected (an AWS key id, or the secret key seen from its key id) is named by its secret
 * id and rule; both stay findings of their own. Returns the new list.
 */
export function pairSecrets(secrets: CorrelatedSecret[]): CorrelatedSecret[] {
  const at = new Map<string, CorrelatedSecret>();
  for (const s of secrets) for (const o of s.occurrences) at.set(placeKey(o, o.line, o.column), s);
  return secrets.map((s) => {
    const parts = new Map<string, PairedPart>();
    let derived = s.derived;
    let verification = s.verification;
    for (const o of s.occurrences) {
      for (const n of notesOf(o)) {
        const other = at.get(placeKey(o, n.line, n.column));
        const where = `${o.origin.path}:${n.line}`; // the part's own line, next to this occurrence
        if (other && other !== s) {
          derived ??= other.derived;
          // A key id is verified with its secret key (one call signs with both): the verdict is the pair's.
          if (n.role === 'aws-secret-access-key' && other.verification) verification ??= { ...other.verification, reason: `${other.verification.reason} (with its secret access key)` };
          addPart(parts, { role: n.role, shown: other.redacted, secretId: other.id, ruleId: other.ruleId }, where);
        } else {
          addPart(parts, { role: n.role, shown: n.shown }, where);
        }
      }
    }
    if (!parts.size) return s;
    return { ...s, pairedWith: [...parts.values()], ...(derived ? { derived } : {}), ...(verification ? { verification } : {}) };
  });
}
