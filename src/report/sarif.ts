// SARIF 2.1.0 reporter (DESIGN.md §5), shaped for GitHub code scanning: one result per occurrence
// of a secret at its own line (so GitHub tracks and annotates every place), each with the secret
// id, its blast radius and the secret's other places as relatedLocations; one result per posture
// finding (its other jobs as relatedLocations); one rule descriptor per rule that has a result, severity per rule in `security-severity` and per secret in rank/level/
// properties.blastRadius. The mapping is documented field by field in docs/output.md.
import { createHash } from 'node:crypto';
import { rotationFor } from '../score/remediation.js';
import { factBasis } from '../score/observed.js';
import { primaryOccurrence as mostExposedOccurrence } from '../score/score.js';
import type { Occurrence, Secret, Severity } from '../types.js';
import type { ReportResult, ReportRule } from './json.js';
import { cmp, sarifLevel, securitySeverity, severityForScore, type SarifLevel } from './severity.js';
import { verificationSummary, verificationText } from './verification-text.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_VERSION = '2.1.0';
export const KEYSPRAWL_INFORMATION_URI = 'https://www.npmjs.com/package/keysprawl';
/** GitHub code scanning rejects runs with more results; we keep the highest scores. */
export const SARIF_MAX_RESULTS = 25_000;
/** GitHub keeps at most this many locations per result; more are dropped (count stays in properties). */
export const SARIF_MAX_RELATED_LOCATIONS = 1_000;
/**
 * Related locations per occurrence result: every place is a result of its own, so each lists
 * only the first few others (a key in n files would otherwise write n² locations).
 */
export const SARIF_MAX_RELATED_PER_OCCURRENCE = 20;
/** GitHub keeps at most 10 tags per rule. */
export const SARIF_MAX_TAGS = 10;
export const FINGERPRINT_KEY = 'keysprawl/v1';
export const SRCROOT = '%SRCROOT%';

export interface SarifOptions {
  /** Cap on results (default 25,000, GitHub's limit per run). */
  maxResults?: number;
}

// Minimal SARIF object types: only what we write.
export interface SarifMessage {
  text: string;
  markdown?: string;
}
export interface SarifArtifactLocation {
  uri?: string;
  uriBaseId?: string;
}
export interface SarifRegion {
  startLine: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
  snippet?: { text: string };
}
export interface SarifLocation {
  id?: number;
  physicalLocation?: { artifactLocation: SarifArtifactLocation; region?: SarifRegion };
  message?: SarifMessage;
}
export interface SarifReportingDescriptor {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  helpUri?: string;
  help: SarifMessage & { markdown: string };
  defaultConfiguration: { level: SarifLevel };
  properties: Record<string, unknown> & { tags: string[]; 'security-severity': string };
}
export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  rank: number;
  message: SarifMessage;
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: 'inSource' | 'external'; status: 'accepted'; justification?: string }[];
  properties: Record<string, unknown>;
}
export interface SarifVersionControlDetails {
  repositoryUri: string;
  mappedTo?: SarifArtifactLocation;
  properties?: Record<string, unknown>;
}
export interface SarifRun {
  tool: {
    driver: {
      name: 'keysprawl';
      version: string;
      semanticVersion?: string;
      informationUri: string;
      rules: SarifReportingDescriptor[];
    };
  };
  invocations: {
    executionSuccessful: boolean;
    startTimeUtc?: string;
    endTimeUtc?: string;
    toolExecutionNotifications?: { level: SarifLevel; message: SarifMessage; properties?: Record<string, unknown> }[];
  }[];
  originalUriBaseIds?: Record<string, SarifArtifactLocation>;
  versionControlProvenance?: SarifVersionControlDetails[];
  columnKind: 'utf16CodeUnits';
  results: SarifResult[];
  properties: Record<string, unknown>;
}
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [SarifRun];
}

// ---------------------------------------------------------------------------------------------
// Occurrences and order (shared by every reporter)

/**
 * The occurrence a finding is reported at, the same one the blast-radius model calls the most
 * exposed (src/score/score.ts): among occurrences not suppressed, then those still at HEAD
 * (file, staged and stdin origins always are), the content kind with the highest exposure
 * weight; ties keep scan order. Undefined only without occurrences.
 */
export function primaryOccurrence(secret: Secret): Occurrence | undefined {
  return mostExposedOccurrence(secret);
}

/**
 * True when no occurrence is at HEAD any more: every one is a git occurrence with
 * presentAtHead === false (file, staged and stdin occurrences are the working tree).
 */
export function historyOnly(secret: Secret): boolean {
  return secret.occurrences.length > 0 && secret.occurrences.every((o) => o.origin.presentAtHead === false);
}

/** The other occurrences, in their original order. */
export function otherOccurrences(secret: Secret): Occurrence[] {
  const primary = primaryOccurrence(secret);
  return secret.occurrences.filter((o) => o !== primary);
}

/**
 * The order every reporter lists secrets in: literal secrets before posture advice, then score
 * (highest first), rule, primary path and position, id.
 */
export function compareSecrets(a: Secret, b: Secret): number {
  const pa = primaryOccurrence(a);
  const pb = primaryOccurrence(b);
  return (
    Number(a.kind === 'posture') - Number(b.kind === 'posture') ||
    (Number(b.score) || 0) - (Number(a.score) || 0) ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(pa?.origin.path ?? '', pb?.origin.path ?? '') ||
    (pa?.line ?? 0) - (pb?.line ?? 0) ||
    (pa?.column ?? 0) - (pb?.column ?? 0) ||
    cmp(a.id, b.id)
  );
}

/** Secrets in report order (a sorted copy). */
export function sortedSecrets(secrets: readonly Secret[]): Secret[] {
  return [...secrets].sort(compareSecrets);
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

/** First 7 characters of a commit id. */
export function shortSha(commit: string): string {
  return commit.slice(0, 7);
}

/** Notebook cell of an occurrence, when the extractor recorded one. */
export function occurrenceCell(o: Occurrence): string | undefined {
  const cell = o.properties?.cell ?? o.properties?.cellIndex;
  return typeof cell === 'number' || (typeof cell === 'string' && cell !== '') ? String(cell) : undefined;
}

// ---------------------------------------------------------------------------------------------
// URIs

const DRIVE = /^[A-Za-z]:\//;

function encodeSegment(seg: string): string {
  // encodeURIComponent leaves A-Z a-z 0-9 - _ . ! ~ * ' ( ); RFC 3986 also allows these in a path
  // segment. ':' stays encoded so a first segment is never read as a URI scheme.
  return encodeURIComponent(seg).replace(/%(24|26|2B|2C|3B|3D|40)/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function encodePath(p: string): string {
  return p.split('/').map(encodeSegment).join('/');
}

function slashes(p: string): string {
  return p.replace(/\\/g, '/');
}

/** An absolute local path as a `file:` URI, built without touching the file system or cwd. */
export function fileUri(absPath: string, trailingSlash = false): string | undefined {
  let p = slashes(absPath);
  if (trailingSlash && !p.endsWith('/')) p += '/';
  if (DRIVE.test(p)) return `file:///${p.slice(0, 2)}${encodePath(p.slice(2))}`;
  if (p.startsWith('//')) return `file:${encodePath(p)}`; // UNC: //server/share
  if (p.startsWith('/')) return `file://${encodePath(p)}`;
  return undefined;
}

/** The scan root as the `%SRCROOT%` base URI (absolute, ending in '/'); undefined if root is not absolute. */
export function rootUri(root: string): string | undefined {
  return fileUri(root, true);
}

/**
 * An occurrence path as a SARIF artifact location: relative to `%SRCROOT%` with forward slashes
 * and percent-encoding. An absolute path under the root is made relative; one outside it
 * becomes an absolute `file:` URI.
 */
export function artifactLocation(path: string, root: string): SarifArtifactLocation {
  let p = slashes(path);
  const base = slashes(root).replace(/\/+$/, '');
  if ((p.startsWith('/') || DRIVE.test(p)) && base) {
    if (p.startsWith(`${base}/`)) p = p.slice(base.length + 1);
    else {
      const abs = fileUri(p);
      if (abs) return { uri: abs };
    }
  }
  while (p.startsWith('./')) p = p.slice(2);
  p = p.replace(/^\/+/, '');
  return { uri: encodePath(p), uriBaseId: SRCROOT };
}

const URI_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/;
const SCP_LIKE = /^([A-Za-z0-9._-]+@)?([A-Za-z0-9.-]+):(?!\/\/)([^\s]+)$/;

/** A repository name as a URI: URLs as they are, scp-like `git@host:o/r.git` as ssh://, local paths as file:. */
export function repositoryUri(repo: string): string | undefined {
  const r = repo.trim();
  if (!r) return undefined;
  const local = fileUri(r, true);
  if (local) return local;
  const scp = SCP_LIKE.exec(r);
  if (scp && scp[2].includes('.')) return `ssh://${scp[1] ?? ''}${scp[2]}/${scp[3].replace(/^\/+/, '')}`;
  if (URI_SCHEME.test(r)) return r;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Fingerprints

/**
 * partialFingerprints['keysprawl/v1']: SHA-256 (hex) of secret id, rule id and the primary
 * occurrence's path, separated by NUL. No line or column, so it survives lines moving.
 */
export function sarifFingerprint(secret: Secret): string {
  const path = primaryOccurrence(secret)?.origin.path ?? '';
  return createHash('sha256').update(`${secret.id}\0${secret.ruleId}\0${slashes(path)}`, 'utf8').digest('hex');
}

/**
 * The fingerprint of one occurrence: secret id, rule id, its repository and path, and its ordinal
 * among the secret's occurrences in that file (the first stays the first when lines move).
 */
export function occurrenceFingerprint(secret: Secret, o: Occurrence, ordinal: number): string {
  const where = `${o.origin.repo ?? ''}\0${slashes(o.origin.path)}${o.origin.commit ? `@${o.origin.commit}` : ''}`;
  const parts = [secret.id, secret.ruleId, where, ...(ordinal > 0 ? [String(ordinal)] : [])];
  return createHash('sha256').update(parts.join('\0'), 'utf8').digest('hex');
}

// ---------------------------------------------------------------------------------------------
// Rules

/** "OpenAI project API key" → "OpenAIProjectAPIKey"; falls back to the id's words. */
export function pascalCase(text: string): string {
  const out = text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
  return /^[0-9]/.test(out) ? `R${out}` : out;
}

const PRIVILEGE_WORDS: Record<string, string> = {
  admin: 'administrative privilege',
  write: 'write access',
  read: 'read-only access',
  unknown: 'unknown privilege',
};
const SCOPE_WORDS: Record<string, string> = {
  org: 'scoped to a whole organisation',
  account: 'scoped to an account',
  project: 'scoped to a project',
  resource: 'scoped to a single resource',
  unknown: 'of unknown scope',
};

function sentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** rule.description, or a sentence built from name, provider, privilege, scope and lifetime. */
export function ruleDescription(rule: ReportRule): string {
  if (rule.description?.trim()) return sentence(rule.description);
  if (rule.category === 'posture') {
    return `${rule.name}: a CI configuration that hands jobs a static ${rule.provider} credential where federated, short-lived credentials (OIDC) are available.`;
  }
  const noun =
    rule.lifetime === 'short-lived' ? 'short-lived credential' : rule.lifetime === 'derived' ? 'credential (lifetime read from the token)' : 'long-lived credential';
  return `${rule.name}: a ${noun} for ${rule.provider} with ${PRIVILEGE_WORDS[rule.privilege] ?? `${rule.privilege} privilege`}, ${SCOPE_WORDS[rule.scope] ?? `scope ${rule.scope}`}.`;
}

const WHY_SECRET =
  'A static key copied into code, a notebook, a prompt, an agent or MCP config or a CI file stops being an identity and becomes a shared secret: ' +
  'it cannot be scoped to one task, attributed to one workload, or revoked without breaking everything else that holds a copy, and it outlives the task that justified it. ' +
  'Anyone who can read this file, its git history or a log or rendered output that printed it can use the key until it is revoked.';
const WHY_POSTURE =
  'The value may be kept in a secret store, but a long-lived credential handed to CI can be exfiltrated by any workflow change, compromised action or log, ' +
  'is shared by every job that receives it, and cannot be tied to a single run. Federated identity gives each job a short-lived token scoped to that run instead.';
const ROTATE = 'Revoke or rotate the exposed key first: deleting it from the file does not make it safe, because it stays in history and in every copy.';

function isUri(s: string): boolean {
  return URI_SCHEME.test(s);
}

function fallbackRule(ruleId: string, secret: Secret): ReportRule {
  return {
    id: ruleId,
    name: ruleId,
    provider: secret.provider,
    category: secret.kind === 'posture' ? 'posture' : 'generic',
    privilege: 'unknown',
    scope: 'unknown',
    lifetime: 'long-lived',
    remediation: secret.remediation,
    references: [],
  };
}

const PRECISION: Record<string, string> = { high: 'high', medium: 'medium', low: 'low' };

function ruleDescriptor(rule: ReportRule, secrets: Secret[]): SarifReportingDescriptor {
  const maxScore = secrets.reduce((m, s) => Math.max(m, Number(s.score) || 0), 0);
  const posture = rule.category === 'posture' || secrets.every((s) => s.kind === 'posture');
  const full = ruleDescription(rule);
  const remediation = (rule.remediation || secrets[0]?.remediation || '').trim();
  const refs = [...new Set(rule.references ?? [])];
  const howText = [remediation, posture ? '' : `${ROTATE} ${rotationFor(rule.provider, rule.category)}`].filter(Boolean).join(' ');
  const text = [
    `What it is: ${full}`,
    `Why it matters: ${posture ? WHY_POSTURE : WHY_SECRET}`,
    `How to replace it: ${howText}`,
    ...(refs.length ? [`References:\n${refs.map((r) => `- ${r}`).join('\n')}`] : []),
  ].join('\n\n');
  const markdown = [
    `**What it is.** ${full}`,
    `**Why it matters.** ${posture ? WHY_POSTURE : WHY_SECRET}`,
    `**How to replace it.** ${howText}`,
    ...(refs.length ? [`**References**\n\n${refs.map((r) => (isUri(r) ? `- <${r}>` : `- ${r}`)).join('\n')}`] : []),
  ].join('\n\n');
  const nhi = [...new Set(secrets.flatMap((s) => s.nhi ?? []))].sort(cmp);
  const tags = [...new Set(['security', 'secret', rule.category, rule.provider, ...nhi, ...(rule.tags ?? [])].filter(Boolean))].slice(0, SARIF_MAX_TAGS);
  const confidence = rule.confidence ?? secrets.map((s) => s.confidence).sort()[0];
  const helpUri = refs.find(isUri);
  return {
    id: rule.id,
    name: pascalCase(rule.name) || pascalCase(rule.id),
    shortDescription: { text: rule.name.trim() || rule.id },
    fullDescription: { text: full },
    ...(helpUri ? { helpUri } : {}),
    help: { text, markdown },
    defaultConfiguration: { level: sarifLevel(severityForScore(maxScore)) },
    properties: {
      tags,
      'security-severity': securitySeverity(maxScore),
      ...(confidence && PRECISION[confidence] ? { precision: PRECISION[confidence] } : {}),
      provider: rule.provider,
      category: rule.category,
      privilege: rule.privilege,
      scope: rule.scope,
      lifetime: rule.lifetime,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Results

function region(o: Occurrence): SarifRegion | undefined {
  if (!(o.line >= 1)) return undefined;
  const r: SarifRegion = { startLine: Math.floor(o.line) };
  if (o.column >= 1) r.startColumn = Math.floor(o.column);
  if (o.endLine >= r.startLine) r.endLine = Math.floor(o.endLine);
  if (o.endColumn >= 1 && (r.endLine === undefined || r.endLine > r.startLine || o.endColumn >= (r.startColumn ?? 1))) {
    r.endColumn = Math.floor(o.endColumn);
  }
  if (r.endColumn !== undefined && r.endLine === undefined) r.endLine = r.startLine;
  if (o.snippet) r.snippet = { text: o.snippet };
  return r;
}

function physicalLocation(o: Occurrence, root: string): SarifLocation['physicalLocation'] {
  const reg = region(o);
  return { artifactLocation: artifactLocation(o.origin.path, root), ...(reg ? { region: reg } : {}) };
}

/** "notebook-output, cell 3, commit abc1234 in repo x, not at HEAD" */
export function occurrenceDescription(o: Occurrence): string {
  const parts: string[] = [o.contentKind];
  const cell = occurrenceCell(o);
  if (cell !== undefined) parts.push(`cell ${cell}`);
  if (o.origin.commit) parts.push(`commit ${shortSha(o.origin.commit)}${o.origin.repo ? ` in ${o.origin.repo}` : ''}`);
  else if (o.origin.repo) parts.push(`repo ${o.origin.repo}`);
  if (o.origin.kind === 'staged') parts.push('staged');
  if (o.origin.presentAtHead === false) parts.push('not at HEAD');
  if (o.suppressed) parts.push(`suppressed${o.suppressed.justification ? `: ${o.suppressed.justification}` : ''}`);
  return parts.join(', ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A score for display: at most one decimal. */
export function formatScore(score: number): string {
  const n = Number(score);
  return Number.isFinite(n) ? String(Math.round(n * 10) / 10) : '0';
}

function resultMessage(secret: Secret, rule: ReportRule, primary: Occurrence | undefined): string {
  const subject = secret.kind === 'posture' ? postureSubject(secret) : undefined;
  const what = subject ? `${rule.name} (${secret.provider}): ${subject}` : secret.kind === 'posture' || !secret.redacted ? `${rule.name} (${secret.provider})` : `${rule.name} (${secret.provider}) ${secret.redacted}`;
  const at = primary ? ` Primary occurrence: ${occurrenceDescription(primary)}.` : '';
  const verified = secret.verification ? ` ${verificationText(secret.verification)}.` : '';
  return `${what}: ${plural(secret.occurrences.length, 'occurrence')}, blast radius ${formatScore(secret.score)}/100 (${secret.severity}).${at}${verified}`;
}

function occurrenceMessage(secret: Secret, rule: ReportRule, o: Occurrence, n: number): string {
  const what = secret.redacted ? `${rule.name} (${secret.provider}) ${secret.redacted}` : `${rule.name} (${secret.provider})`;
  const places = n > 1 ? `, one of ${n} places holding this secret` : '';
  const verified = secret.verification ? ` ${verificationText(secret.verification)}.` : '';
  return `${what} in ${occurrenceDescription(o)}${places}. Blast radius ${formatScore(secret.score)}/100 (${secret.severity}).${verified}`;
}

function clampRank(score: number): number {
  const n = Number(score);
  return Number.isFinite(n) ? Math.min(100, Math.max(0, n)) : 0;
}

function suppressionsOf(s: Occurrence['suppressed'] | Secret['suppressed']): Pick<SarifResult, 'suppressions'> {
  if (!s) return {};
  return { suppressions: [{ kind: s.kind, status: 'accepted' as const, ...(s.justification ? { justification: s.justification } : {}) }] };
}

function relatedOf(secret: Secret, others: Occurrence[], root: string, max: number): SarifLocation[] {
  const related = others.slice(0, max).map<SarifLocation>((o, i) => ({
    id: i + 1,
    physicalLocation: physicalLocation(o, root),
    message: { text: `Same ${secret.kind === 'posture' ? 'finding' : 'secret'} in ${occurrenceDescription(o)}.` },
  }));
  // The other half of a paired credential (an AWS key id) gets a location of its own.
  for (const part of secret.pairedWith ?? []) {
    for (const w of part.where) {
      const at = w.lastIndexOf(':');
      const line = Number(w.slice(at + 1));
      if (related.length >= max || !Number.isInteger(line) || line < 1) break;
      related.push({
        id: related.length + 1,
        physicalLocation: { artifactLocation: artifactLocation(w.slice(0, at), root), region: { startLine: line } },
        message: { text: `Paired ${part.role} ${part.shown}: the other half of this credential.` },
      });
    }
  }
  return related;
}

function secretProperties(secret: Secret): Record<string, unknown> {
  const contentKinds = [...new Set(secret.occurrences.map((o) => o.contentKind))].sort(cmp);
  return {
    secretId: secret.id,
    kind: secret.kind,
    provider: secret.provider,
    confidence: secret.confidence,
    contentKinds,
    blastRadius: { score: secret.score, severity: secret.severity, factors: secret.factors ?? [] },
    nhi: [...(secret.nhi ?? [])],
    // GitHub shows result tags; the NHI ids say which OWASP NHI Top 10 risks this evidences.
    tags: [...new Set(['security', secret.kind === 'posture' ? 'posture' : 'secret', ...(secret.nhi ?? [])])],
    ...(secret.action ? { action: secret.action } : {}),
    ...(secret.remediation ? { remediation: secret.remediation } : {}),
    ...(secret.pairedWith?.length ? { pairedWith: secret.pairedWith } : {}),
    occurrences: secret.occurrences.length,
    ...(historyOnly(secret) ? { historyOnly: true } : {}),
    ...(secret.derived ? { derived: secret.derived } : {}),
    ...(secret.verification ? { verification: secret.verification, facts: factBasis(secret) } : {}),
  };
}

/** What every result of a secret shares: its rule, and its blast radius as level and rank. */
function resultHead(secret: Secret, ruleIndex: number): Pick<SarifResult, 'ruleId' | 'ruleIndex' | 'level' | 'rank'> {
  return { ruleId: secret.ruleId, ruleIndex, level: sarifLevel(secret.severity), rank: clampRank(secret.score) };
}

/** A posture finding: one result at its primary place, its other jobs as related locations. */
function postureResult(secret: Secret, rule: ReportRule, ruleIndex: number, root: string): SarifResult {
  const primary = primaryOccurrence(secret);
  const others = otherOccurrences(secret);
  const related = relatedOf(secret, others, root, SARIF_MAX_RELATED_LOCATIONS);
  return {
    ...resultHead(secret, ruleIndex),
    message: { text: resultMessage(secret, rule, primary) },
    locations: primary ? [{ physicalLocation: physicalLocation(primary, root) }] : [],
    ...(related.length ? { relatedLocations: related } : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: sarifFingerprint(secret) },
    ...suppressionsOf(secret.suppressed),
    properties: {
      ...secretProperties(secret),
      ...(others.length > related.length ? { relatedLocationsOmitted: others.length - related.length } : {}),
    },
  };
}

/** A literal secret: one result per occurrence, most exposed first, each pointing at the others. */
function occurrenceResults(secret: Secret, rule: ReportRule, ruleIndex: number, root: string): SarifResult[] {
  const primary = primaryOccurrence(secret);
  const ordered = primary ? [primary, ...otherOccurrences(secret)] : [];
  // Ordinals follow scan order within a file, not the primary-first order.
  const ordinal = new Map<Occurrence, number>();
  const seen = new Map<string, number>();
  for (const o of secret.occurrences) {
    const k = `${o.origin.repo ?? ''}\0${o.origin.path}\0${o.origin.commit ?? ''}`;
    const n = seen.get(k) ?? 0;
    ordinal.set(o, n);
    seen.set(k, n + 1);
  }
  const props = secretProperties(secret);
  return ordered.map((o) => {
    const others = ordered.filter((x) => x !== o);
    const related = relatedOf(secret, others, root, SARIF_MAX_RELATED_PER_OCCURRENCE);
    return {
      ...resultHead(secret, ruleIndex),
      message: { text: occurrenceMessage(secret, rule, o, ordered.length) },
      locations: [{ physicalLocation: physicalLocation(o, root) }],
      ...(related.length ? { relatedLocations: related } : {}),
      partialFingerprints: { [FINGERPRINT_KEY]: occurrenceFingerprint(secret, o, ordinal.get(o) ?? 0) },
      ...suppressionsOf(o.suppressed ?? secret.suppressed),
      properties: {
        ...props,
        contentKind: o.contentKind,
        ...(o === primary ? { primary: true } : {}),
        ...(others.length > related.length ? { relatedLocationsOmitted: others.length - related.length } : {}),
      },
    };
  });
}

function sarifResults(secret: Secret, rule: ReportRule, ruleIndex: number, root: string): SarifResult[] {
  if (secret.kind === 'posture' || !secret.occurrences.length) return [postureResult(secret, rule, ruleIndex, root)];
  return occurrenceResults(secret, rule, ruleIndex, root);
}

function versionControlProvenance(secrets: Secret[], root: string): SarifVersionControlDetails[] {
  const rootRepo = rootUri(root);
  const repos = new Map<string, { commits: Set<string>; mapped: boolean }>();
  for (const s of secrets) {
    for (const o of s.occurrences) {
      const { repo, commit } = o.origin;
      if (!repo && !commit) continue;
      const uri = repo ? repositoryUri(repo) : rootRepo;
      if (!uri) continue;
      const entry = repos.get(uri) ?? { commits: new Set<string>(), mapped: uri === rootRepo };
      if (commit) entry.commits.add(commit);
      repos.set(uri, entry);
    }
  }
  return [...repos]
    .sort(([a], [b]) => cmp(a, b))
    .map(([repositoryUri, e]) => ({
      repositoryUri,
      ...(e.mapped ? { mappedTo: { uriBaseId: SRCROOT } } : {}),
      ...(e.commits.size ? { properties: { commitsWithFindings: e.commits.size } } : {}),
    }));
}

function isoOrUndefined(date: string, plusMs = 0): string | undefined {
  const t = Date.parse(date);
  return Number.isFinite(t) ? new Date(t + (Number.isFinite(plusMs) ? plusMs : 0)).toISOString() : undefined;
}

const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** The SARIF log as an object. */
export function toSarif(result: ReportResult, opts: SarifOptions = {}): SarifLog {
  const max = Math.max(0, opts.maxResults ?? SARIF_MAX_RESULTS);
  const all = sortedSecrets(result.secrets);
  // Results (one per occurrence) of the highest-ranked secrets first, up to the cap.
  const resultCount = (s: Secret) => (s.kind === 'posture' ? 1 : Math.max(1, s.occurrences.length));
  const totalResults = all.reduce((n, s) => n + resultCount(s), 0);
  const kept: Secret[] = [];
  for (let n = 0, i = 0; i < all.length && n < max; n += resultCount(all[i]), i++) kept.push(all[i]);

  const ruleMeta = new Map<string, ReportRule>();
  for (const r of result.rules) if (!ruleMeta.has(r.id)) ruleMeta.set(r.id, r);
  const byRule = new Map<string, Secret[]>();
  for (const s of kept) {
    const list = byRule.get(s.ruleId);
    if (list) list.push(s);
    else byRule.set(s.ruleId, [s]);
  }
  const ruleIds = [...byRule.keys()].sort(cmp);
  const rules = ruleIds.map((id) => ruleMeta.get(id) ?? fallbackRule(id, byRule.get(id)![0]));
  const index = new Map(ruleIds.map((id, i) => [id, i]));

  const results = kept.flatMap((s) => sarifResults(s, rules[index.get(s.ruleId)!], index.get(s.ruleId)!, result.root)).slice(0, max);
  const base = rootUri(result.root);
  const vcs = versionControlProvenance(kept, result.root);
  const stats = result.stats;
  const skipped = Object.entries(stats.skipped ?? {}).filter(([, n]) => (n ?? 0) > 0).sort(([a], [b]) => cmp(a, b));
  const skippedTotal = skipped.reduce((a, [, n]) => a + (n ?? 0), 0);
  const notifications = [
    ...(stats.warnings ?? []).map((w) => ({ level: 'warning' as const, message: { text: w } })),
    ...(skippedTotal
      ? [{
          level: 'note' as const,
          message: { text: `${plural(skippedTotal, 'file')} not scanned (${skipped.map(([r, n]) => `${r} ${n}`).join(', ')}).` },
          properties: { skipped: Object.fromEntries(skipped) },
        }]
      : []),
  ];
  const start = isoOrUndefined(result.startedAt);
  const end = isoOrUndefined(result.startedAt, stats.elapsedMs);
  const severities: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  const active = all.filter((s) => !s.suppressed);
  for (const s of active) if (s.severity in severities) severities[s.severity]++;

  const run: SarifRun = {
    tool: {
      driver: {
        name: 'keysprawl',
        version: result.tool.version,
        ...(SEMVER.test(result.tool.version) ? { semanticVersion: result.tool.version } : {}),
        informationUri: KEYSPRAWL_INFORMATION_URI,
        rules: rules.map((r) => ruleDescriptor(r, byRule.get(r.id)!)),
      },
    },
    invocations: [
      {
        executionSuccessful: true,
        ...(start ? { startTimeUtc: start } : {}),
        ...(end ? { endTimeUtc: end } : {}),
        ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
      },
    ],
    ...(base ? { originalUriBaseIds: { [SRCROOT]: { uri: base } } } : {}),
    ...(vcs.length ? { versionControlProvenance: vcs } : {}),
    columnKind: 'utf16CodeUnits',
    results,
    properties: {
      redacted: result.redacted,
      filesScanned: stats.filesScanned,
      bytesScanned: stats.bytesScanned,
      skipped: skippedTotal,
      elapsedMs: stats.elapsedMs,
      findings: active.length,
      bySeverity: severities,
      suppressedFindings: all.length - active.length,
      suppressedOccurrences: stats.suppressed ?? 0,
      verification: verificationSummary(active) ?? 'not run: blast-radius facts are inferred',
      ...(results.length < totalResults
        ? { truncated: true, totalResults, reportedResults: results.length, omittedResults: totalResults - results.length }
        : {}),
    },
  };
  return { $schema: SARIF_SCHEMA_URI, version: SARIF_VERSION, runs: [run] };
}

/** The SARIF log as text: 2-space indent, trailing newline. */
export function renderSarif(result: ReportResult, opts: SarifOptions = {}): string {
  return `${JSON.stringify(toSarif(result, opts), null, 2)}\n`;
}
