// Baseline: findings accepted when keysprawl was adopted. A baselined finding is kept in every
// report but marked suppressed (SARIF kind "external"), so dashboards stay honest and only new
// findings fail the gate. A finding is identified by rule + secret id + path, never by line,
// so editing a file around a key does not make it "new"; the same key in a new file is new.
import { nodeCrypto } from '../node-lazy.js';
import { DEFAULT_SALT, secretId } from '../redaction/secret-id.js';
import type { Hit } from '../contracts/match.js';
import type { RuleMeta } from '../contracts/rule.js';
import type { FilterVerdict, HitFilter } from './index.js';

export const BASELINE_SCHEMA = 'keysprawl-baseline/v1';
export const DEFAULT_BASELINE_FILE = '.keysprawl-baseline.json';

export interface BaselineFinding {
  fingerprint: string;
  ruleId: string;
  path: string;
}

/** detect-secrets entry: sha1 of the raw value at a path (no salted id can be derived from it). */
export interface DetectSecretsEntry {
  from: 'detect-secrets';
  path: string;
  hashedSecret: string;
  type?: string;
}

/** .gitleaksignore entry: path + gitleaks rule (+ commit), and the line gitleaks saw. */
export interface GitleaksEntry {
  from: 'gitleaks';
  path: string;
  ruleId: string;
  /** Our provider name for the gitleaks rule, when it maps; else only path + line match. */
  provider?: string;
  commit?: string;
  line: number;
}

export type ImportedEntry = DetectSecretsEntry | GitleaksEntry;

export interface Baseline {
  findings: BaselineFinding[];
  imported: ImportedEntry[];
  /** Proves which KEYSPRAWL_HASH_SALT wrote the fingerprints without revealing it. */
  saltCheck?: string;
}

/**
 * SHA-256 of secret id, rule id and path, NUL-separated: the same recipe as SARIF's
 * partialFingerprints['keysprawl/v1'], so a single-occurrence finding has one fingerprint in both.
 */
export function fingerprint(id: string, ruleId: string, path: string): string {
  return nodeCrypto().createHash('sha256').update(`${id}\0${ruleId}\0${path.replace(/\\/g, '/')}`, 'utf8').digest('hex');
}

/**
 * saltCheck(DEFAULT_SALT), written out: every scan's result carries its salt check, and a scan
 * with the default salt and no finding then loads no node:crypto (test/filter/baseline.test.ts
 * checks it against the HMAC).
 */
const DEFAULT_SALT_CHECK = '2a73ba09f5aca318';

export function saltCheck(salt: string): string {
  if (salt === DEFAULT_SALT) return DEFAULT_SALT_CHECK;
  return nodeCrypto().createHmac('sha256', salt).update('keysprawl-baseline salt check', 'utf8').digest('hex').slice(0, 16);
}

/**
 * The secret id correlate() will give this hit. Posture findings have no value: their id hashes
 * a description of the place (must stay in step with Correlator.add).
 */
export function hitSecretId(hit: Hit, rule: RuleMeta | undefined, salt: string): string {
  const { match } = hit;
  return secretId(rule?.category === 'posture' ? `posture\0${match.ruleId}\0${match.secret}` : match.secret, salt);
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

function sameCommit(entry: GitleaksEntry, commit: string | undefined): boolean {
  // A working-tree scan has no commit: the entry applies to the file as it is now.
  if (!entry.commit || !commit) return true;
  return commit.startsWith(entry.commit) || entry.commit.startsWith(commit);
}

function importMatches(entry: ImportedEntry, hit: Hit, rule: RuleMeta | undefined, sha1: () => string): boolean {
  if (entry.path !== hit.fragment.origin.path) return false;
  if (entry.from === 'detect-secrets') return entry.hashedSecret === sha1();
  if (!sameCommit(entry, hit.fragment.origin.commit)) return false;
  // A mapped provider survives lines moving; an unmapped gitleaks rule needs the exact line.
  if (entry.provider && rule && norm(rule.provider) === norm(entry.provider)) return true;
  return hit.match.line === entry.line;
}

export interface BaselineMatcherOptions {
  salt: string;
  /** Rule metadata by id (posture rules hash differently; gitleaks entries match by provider). */
  rules: ReadonlyMap<string, RuleMeta>;
  /** Shown as the suppression's justification, e.g. "baseline .keysprawl-baseline.json". */
  label: string;
}

/** The baseline as a filter, remembering what it matched (for `baseline update` and `import`). */
export class BaselineMatcher {
  private readonly known: Set<string>;
  private readonly importsByPath = new Map<string, Array<[number, ImportedEntry]>>();
  /** Fingerprints of hits that matched a baseline finding. */
  readonly matched = new Set<string>();
  /** Indexes into baseline.imported that matched a hit. */
  readonly matchedImports = new Set<number>();
  /** Hits matched only by an imported entry, as native findings (to convert the import). */
  readonly fromImports = new Map<string, BaselineFinding>();
  /** Every hit this filter saw, as a baseline finding (what `baseline create/update` record). */
  readonly seen = new Map<string, BaselineFinding>();

  constructor(readonly baseline: Baseline, private readonly opts: BaselineMatcherOptions) {
    this.known = new Set(baseline.findings.map((f) => f.fingerprint));
    baseline.imported.forEach((entry, i) => {
      const list = this.importsByPath.get(entry.path) ?? [];
      list.push([i, entry]);
      this.importsByPath.set(entry.path, list);
    });
  }

  readonly filter: HitFilter = (hit): FilterVerdict => {
    const rule = this.opts.rules.get(hit.match.ruleId);
    const path = hit.fragment.origin.path;
    const fp = fingerprint(hitSecretId(hit, rule, this.opts.salt), hit.match.ruleId, path);
    if (!this.seen.has(fp)) this.seen.set(fp, { fingerprint: fp, ruleId: hit.match.ruleId, path });
    let hitIt = this.known.has(fp);
    if (hitIt) this.matched.add(fp);
    let sha1: string | undefined;
    const lazySha1 = () => (sha1 ??= nodeCrypto().createHash('sha1').update(hit.match.secret, 'utf8').digest('hex'));
    for (const [i, entry] of this.importsByPath.get(path) ?? []) {
      if (!importMatches(entry, hit, rule, lazySha1)) continue;
      this.matchedImports.add(i);
      if (!this.known.has(fp)) this.fromImports.set(fp, { fingerprint: fp, ruleId: hit.match.ruleId, path });
      hitIt = true;
    }
    return hitIt ? { suppressed: { kind: 'external', justification: this.opts.label } } : 'keep';
  };
}
