// Facts derived from a matched value itself: a JWT's exp/iat, an AWS key id's type.
// They feed the lifetime factor of the blast-radius score (DESIGN.md §4).
import type { Confidence, DerivedFacts } from '../contracts/match.js';
import type { RuleMeta } from '../contracts/rule.js';
import { shannonEntropy } from './entropy.js';
import { isKnownNonSecretShape } from './placeholders.js';
import { decodeJwtPayload } from './validators.js';

/** Random-looking: at least 16 characters and 3.5 bits of entropy a character (a 16-character random alphanumeric has about 3.7). */
const RANDOM_MIN_LENGTH = 16;
const RANDOM_MIN_BITS = 3.5;

/**
 * The shape of a formatless value: an identifier or digest (UUID, hex digest, SRI integrity
 * string: what test fixtures and docs are full of), random-looking key material, or neither
 * (a short or word-like password).
 */
export function valueShape(value: string): DerivedFacts['shape'] {
  if (isKnownNonSecretShape(value)) return 'identifier';
  if (value.length >= RANDOM_MIN_LENGTH && shannonEntropy(value) >= RANDOM_MIN_BITS) return 'random';
  return undefined;
}

/**
 * Every fact read from a matched value: deriveFacts, and for a formatless match (a generic rule's,
 * confidence low: no provider format says what it is) its shape.
 */
export function matchFacts(rule: Pick<RuleMeta, 'id' | 'category'>, secret: string, confidence: Confidence): DerivedFacts | undefined {
  const derived = deriveFacts(rule.id, secret);
  const shape = rule.category === 'generic' && confidence === 'low' ? valueShape(secret) : undefined;
  return shape ? { ...derived, shape } : derived;
}

export function deriveFacts(ruleId: string, secret: string, now: Date = new Date()): DerivedFacts | undefined {
  if (/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]*$/.test(secret)) return jwtFacts(secret, now);
  const aws = /(?:^|[^A-Z0-9])(A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Z0-9])/.exec(secret);
  if (aws && ruleId.startsWith('aws')) {
    return aws[1] === 'ASIA'
      ? { lifetime: 'short-lived', note: 'ASIA: temporary STS credentials' }
      : { lifetime: 'long-lived', note: `${aws[1]}: long-lived IAM user key` };
  }
  return undefined;
}

function jwtFacts(token: string, now: Date): DerivedFacts | undefined {
  const payload = decodeJwtPayload(token);
  if (!payload) return undefined;
  const facts: DerivedFacts = {};
  const iso = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? new Date(v * 1000).toISOString() : undefined);
  facts.issuedAt = iso(payload.iat);
  facts.expiresAt = iso(payload.exp);
  if (typeof payload.exp !== 'number') {
    facts.lifetime = 'long-lived';
    facts.note = 'JWT without exp: never expires';
  } else if (payload.exp * 1000 < now.getTime()) {
    facts.lifetime = 'expired';
    facts.note = `JWT expired ${facts.expiresAt}`;
  } else {
    // Issued-to-expiry span when iat is there; without it, what is left of its life from now.
    const from = typeof payload.iat === 'number' ? payload.iat : now.getTime() / 1000;
    const lifetimeDays = (payload.exp - from) / 86400;
    facts.lifetime = lifetimeDays <= 1 ? 'short-lived' : 'long-lived';
    facts.note = `JWT valid until ${facts.expiresAt}`;
  }
  return facts;
}
