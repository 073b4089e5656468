// Severity bands (DESIGN.md §4), in one place: the score thresholds of each band, and the rules
// that keep a secret inside the band its kind of harm deserves whatever its factors add up to.
// The factors rank keys against each other; a band never lets them excuse a committed key:
//
//   critical  admin, organisation-wide, cloud-account, service-role or paired cloud credential
//   high      any other committed credential in a live format (provider format or checksum)
//   low       test-mode (rule maxScore), expired, revoked keys, and placeholder-adjacent keys
//             without a verified checksum or structure (example wording never lowers a checksum-valid key)
//   ≤ medium  CI posture advice: no key value was seen, so it never outranks a literal key
//
//   ≥ medium  a formatless (generic) value that looks random, in a live place (.env, agent
//             config, notebook output, prompt or agent transcript)
//   ≤ low     a formatless identifier (UUID, hex digest) only in tests and docs, its copies not counted
//
// Other generic (low-confidence) matches and short-lived tokens get no band: only their factors rank them.
import type { ContentKind } from '../contracts/fragment.js';
import type { RuleMeta } from '../contracts/rule.js';
import type { Factor, Severity } from '../contracts/scored.js';
import type { CorrelatedSecret, Occurrence } from '../contracts/secret.js';

/** Lowest score of each band (GitHub's security-severity bands × 10). */
export const SEVERITY_THRESHOLDS: Readonly<Record<Severity, number>> = {
  critical: 90,
  high: 70,
  medium: 40,
  low: 0,
};

/** Score (0–100) → severity band: critical ≥ 90, high 70–89, medium 40–69, low < 40. */
export function severityForScore(score: number): Severity {
  if (!Number.isFinite(score)) return 'low';
  if (score >= SEVERITY_THRESHOLDS.critical) return 'critical';
  if (score >= SEVERITY_THRESHOLDS.high) return 'high';
  if (score >= SEVERITY_THRESHOLDS.medium) return 'medium';
  return 'low';
}

/** Highest score of the low band. */
export const LOW_MAX_SCORE = SEVERITY_THRESHOLDS.medium - 1;
/** Highest score a posture finding (CI advice, no value) can reach: medium, a SARIF warning. */
export const POSTURE_MAX_SCORE = 60;

/**
 * The band a secret is held to, and why (one line, shown as the factor's reason). A ceiling caps
 * the total; a floor band maps a total below `top` linearly onto [floor, top), so the factors
 * still rank keys within the band instead of all landing on its lowest score, and a total at or
 * above `top` stands (a high key that sprawls far enough is critical).
 */
export interface Band {
  floor?: number;
  top?: number;
  ceiling?: number;
  reason: string;
}

/** Rules whose value is only an identifier of a two-part credential (its secret half is elsewhere). */
const ID_ONLY_RULES = new Set(['aws-access-key-id']);

function criticalReason(secret: CorrelatedSecret, rule: RuleMeta): string | undefined {
  if (rule.privilege === 'admin') return 'an admin credential';
  if (rule.scope === 'org') return 'an organisation-wide credential';
  if (/service[-_]?role/i.test(rule.id)) return 'a service-role credential';
  if (rule.category === 'cloud' && secret.pairedWith?.length) return 'a complete (paired) cloud credential';
  if (rule.category === 'cloud' && rule.scope === 'account' && !ID_ONLY_RULES.has(rule.id)) return 'a cloud-account credential';
  return undefined;
}

function lowReason(secret: CorrelatedSecret, rule: RuleMeta | undefined): Band | undefined {
  if (rule?.maxScore !== undefined) return { ceiling: Math.min(rule.maxScore, LOW_MAX_SCORE), reason: `capped at ${Math.min(rule.maxScore, LOW_MAX_SCORE)} by rule ${rule.id} (a test-mode key)` };
  if (secret.derived?.lifetime === 'expired') return { ceiling: LOW_MAX_SCORE, reason: 'expired: at most low' };
  if (secret.verification?.verdict === 'revoked') return { ceiling: LOW_MAX_SCORE, reason: 'revoked (the provider rejected it): at most low' };
  const adjacent = placeholderAdjacent(secret);
  if (adjacent && !checksumProven(secret)) return { ceiling: LOW_MAX_SCORE, reason: `next to example wording (${adjacent}): at most low` };
  return undefined;
}

/**
 * Whether the key's checksum or structure was verified: confidence high, which only a rule's
 * validator gives (src/detect/detect.ts baseConfidence; a failed check demotes the match to low).
 * A valid checksum means a generated key, not a made-up one, so example wording next to it
 * (which a pull request writes) never bands it low.
 */
export function checksumProven(secret: CorrelatedSecret): boolean {
  return secret.kind === 'secret' && secret.confidence === 'high';
}

/**
 * Whether every place of a key calls it an example (src/detect/placeholders.ts placeholderAdjacent:
 * its name or its line says example, sample, dummy, fake, placeholder, changeme or your-…-here):
 * the reason at its first place, or undefined. One place without such wording (the same key in
 * `.env`) makes it a real key again. Suppressed places do not count while any other remains.
 */
export function placeholderAdjacent(secret: CorrelatedSecret): string | undefined {
  if (secret.kind !== 'secret' || !secret.occurrences.length) return undefined;
  const places = openPlaces(secret);
  if (!places.every((o) => o.properties?.placeholderAdjacent)) return undefined;
  return places[0].properties?.placeholderAdjacent;
}

/**
 * Where a value is live configuration or captured runtime output rather than source: a .env, an
 * agent or MCP config, a notebook's output, a prompt or an agent transcript. A random-looking value
 * under a credential name there is most likely a real secret, format or not.
 */
const LIVE_PLACES: ReadonlySet<ContentKind> = new Set<ContentKind>(['env-file', 'agent-config', 'notebook-output', 'prompt']);
/** Where identifiers are examples: tests and docs. */
const EXAMPLE_PLACES: ReadonlySet<ContentKind> = new Set<ContentKind>(['test', 'doc']);

/** The places that count: those not suppressed, or all of them when every one is. */
function openPlaces(secret: CorrelatedSecret): Occurrence[] {
  const open = secret.occurrences.filter((o) => !o.suppressed);
  return open.length ? open : secret.occurrences;
}

/**
 * The band of a formatless finding (a generic match, confidence low: no provider format says what
 * it is), from the same evidence a provider key is ranked by, what the value looks like and where
 * it is, so a real webhook secret in a notebook output never ranks below a UUID in a test fixture:
 *
 * - an identifier-shaped value (UUID, hex digest, derived.shape `identifier`) found only in tests
 *   and docs: at most low, and its copies are not sprawl (the spread factors are taken back), so
 *   four fixtures holding one UUID rank as one;
 * - a random-looking value (derived.shape `random`) in a live place: at least medium.
 */
function formatlessBand(secret: CorrelatedSecret, factors: readonly Factor[]): Band | undefined {
  if (secret.kind !== 'secret' || secret.confidence !== 'low') return undefined;
  const places = openPlaces(secret);
  const shape = secret.derived?.shape;
  if (shape === 'identifier' && places.every((o) => EXAMPLE_PLACES.has(o.contentKind))) {
    const total = factors.reduce((a, f) => a + f.points, 0);
    const spread = factors.filter((f) => f.factor.startsWith('spread.')).reduce((a, f) => a + f.points, 0);
    return { ceiling: Math.min(LOW_MAX_SCORE, total - spread), reason: 'an identifier-shaped value (UUID or hex digest) with no provider format, only in tests and docs: its copies are not sprawl, at most low' };
  }
  const live = places.find((o) => LIVE_PLACES.has(o.contentKind));
  if (shape === 'random' && live) {
    return { floor: SEVERITY_THRESHOLDS.medium, top: SEVERITY_THRESHOLDS.high, reason: `a random-looking value with no provider format in ${live.contentKind} (live configuration or output, not source): at least medium` };
  }
  return undefined;
}

const shortLived = (secret: CorrelatedSecret, rule: RuleMeta | undefined) =>
  secret.derived?.lifetime === 'short-lived' || (!secret.derived?.lifetime && rule?.lifetime === 'short-lived');

/** The band a secret is held to, or undefined when its factors alone decide. `factors`: its factors before any band. */
export function bandFor(secret: CorrelatedSecret, rule: RuleMeta | undefined, factors: readonly Factor[] = []): Band | undefined {
  if (secret.kind === 'posture') return { ceiling: POSTURE_MAX_SCORE, reason: 'CI configuration advice (no key value seen): at most medium' };
  const low = lowReason(secret, rule);
  if (low) return low;
  if (secret.confidence === 'low') return formatlessBand(secret, factors);
  if (!rule || shortLived(secret, rule)) return undefined;
  const critical = criticalReason(secret, rule);
  // Example wording next to a checksum-valid key is recorded, and said to excuse nothing.
  const wording = placeholderAdjacent(secret) ? ', its checksum valid despite the example wording next to it' : '';
  if (critical) return { floor: SEVERITY_THRESHOLDS.critical, top: 100, reason: `${critical} committed in a live format${wording}: at least critical` };
  return { floor: SEVERITY_THRESHOLDS.high, top: SEVERITY_THRESHOLDS.critical, reason: `a credential committed in a live format${wording}: at least high` };
}

const tenth = (n: number) => Math.round(n * 10) / 10;

/** The factor that moves a total into its band ('cap' down, 'band' into a floor band), or none. */
export function bandFactors(secret: CorrelatedSecret, rule: RuleMeta | undefined, factors: readonly Factor[]): Factor[] {
  const band = bandFor(secret, rule, factors);
  if (!band) return [];
  const total = factors.reduce((a, f) => a + f.points, 0);
  if (band.ceiling !== undefined) {
    return total > band.ceiling ? [{ factor: 'cap', value: band.ceiling, points: band.ceiling - total, reason: band.reason }] : [];
  }
  if (band.floor === undefined) return [];
  // A total that reaches the band's top on its own keeps it (a key can sprawl into critical).
  const top = band.top ?? 100;
  if (total >= top) return [];
  const placed = Math.min(tenth(band.floor + ((top - band.floor) * Math.max(0, total)) / top), top - 0.1);
  const range = `${band.floor}–${top === 100 ? 100 : top - 1}`;
  return [{ factor: 'band', value: range, points: tenth(placed - total), reason: `${band.reason} (the other factors place it within ${range})` }];
}
