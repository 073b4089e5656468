// Facts derived from a matched value itself: a JWT's exp/iat, an AWS key id's type.
// They feed the lifetime factor of the blast-radius score (DESIGN.md §4).
import type { DerivedFacts } from '../contracts/match.js';
import { decodeJwtPayload } from './validators.js';

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
