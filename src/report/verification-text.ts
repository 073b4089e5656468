// How --verify's answers read in every report: one sentence per finding (the verdict, the call
// and the access map), which facts were observed and which inferred, and a run summary. Shared
// by the text, HTML and SARIF reporters so they say the same thing.
import { factBasis } from '../score/observed.js';
import type { Secret } from '../contracts/scored.js';
import type { AccessMap, Verification } from '../contracts/verification.js';

/** A field as text, or '' (a merged report is untrusted: fields may not have their types). */
const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(str).filter(Boolean) : []);

/** "identity octocat (User); owner acme; scopes repo, admin:org; privilege admin; expires 2030-05-15". */
export function accessText(a: AccessMap): string {
  const parts: string[] = [];
  const [identity, principal, scopes] = [str(a.identity), str(a.principal), list(a.scopes)];
  if (identity) parts.push(`identity ${identity}${principal ? ` (${principal})` : ''}`);
  else if (principal) parts.push(`principal ${principal}`);
  if (str(a.owner)) parts.push(`owner ${str(a.owner)}`);
  if (str(a.role)) parts.push(`role ${str(a.role)}`);
  if (scopes.length) parts.push(`scopes ${scopes.join(', ')}`);
  if (str(a.privilege)) parts.push(`privilege ${str(a.privilege)}`);
  if (str(a.expiresAt)) parts.push(`expires ${str(a.expiresAt).slice(0, 10)}`);
  if (str(a.limits)) parts.push(`limits: ${str(a.limits)}`);
  return parts.join('; ');
}

/** "Verified live by github (GET https://api.github.com/user): identity octocat; ...". */
export function verificationText(v: Verification): string {
  const head = `Verified ${str(v.verdict)} by ${str(v.provider)}${str(v.call) ? ` (${str(v.call)})` : ''}: ${str(v.reason)}`;
  const access = v.access && typeof v.access === 'object' ? accessText(v.access) : '';
  return access ? `${head}; ${access}` : head;
}

/** Which blast-radius facts the provider observed, which were inferred. */
export function basisText(secret: Pick<Secret, 'factors' | 'verification'>): string {
  const { observed, inferred } = factBasis(secret);
  if (!observed.length) return `Blast radius inferred from the key's format and place${secret.verification ? '' : ' (not verified)'}: ${inferred.join(', ')}.`;
  return `Observed by --verify: ${observed.join(', ')}; inferred: ${inferred.join(', ')}.`;
}

export interface VerificationSummary {
  /** Findings checked with their provider. */
  checked: number;
  live: number;
  revoked: number;
  unknown: number;
  /** Live findings whose provider reported an access map. */
  withAccessMap: number;
}

export function verificationSummary(secrets: readonly Secret[]): VerificationSummary | undefined {
  const checked = secrets.filter((s) => s.verification);
  if (!checked.length) return undefined;
  const n = (v: Verification['verdict']) => checked.filter((s) => s.verification!.verdict === v).length;
  return { checked: checked.length, live: n('live'), revoked: n('revoked'), unknown: n('unknown'), withAccessMap: checked.filter((s) => s.verification!.access).length };
}

/** The report-wide note: what was verified, or that every fact is inferred. */
export function verificationNote(secrets: readonly Secret[]): string {
  const s = verificationSummary(secrets);
  if (!s) return 'Not verified: privilege, scope and lifetime are inferred from each key\'s format and place (--verify asks the providers).';
  return `Verified ${s.checked} key(s) with their providers: ${s.live} live, ${s.revoked} revoked, ${s.unknown} unknown; ${s.withAccessMap} with an access map (observed facts are marked).`;
}
