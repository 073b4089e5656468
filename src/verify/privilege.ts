// Privilege read from the scopes a provider reports. Each provider names its scopes its own way;
// these helpers turn a list into admin, write or read by the rules documented in docs/verify.md.
import type { Privilege } from '../contracts/rule.js';
import type { AccessMap } from '../contracts/verification.js';

/** admin when any scope matches `admin`, else write when any matches `write`, else read. */
export function privilegeFrom(scopes: readonly string[] | undefined, admin: RegExp, write: RegExp): Privilege | undefined {
  if (!scopes?.length) return undefined;
  if (scopes.some((s) => admin.test(s))) return 'admin';
  if (scopes.some((s) => write.test(s))) return 'write';
  return 'read';
}

/** A derive() for scope-listing providers. */
export const scopePrivilege = (admin: RegExp, write: RegExp) => (f: AccessMap): Partial<AccessMap> => {
  const privilege = privilegeFrom(f.scopes, admin, write);
  return privilege ? { privilege } : {};
};

/** A derive() for keys that are admin keys by the call that accepted them. */
export const adminKey = (): Partial<AccessMap> => ({ principal: 'admin key', privilege: 'admin' });
