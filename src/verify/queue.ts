// The engine side of --verify: one check per distinct secret (by its salted id), started as
// soon as the secret is first seen so checks overlap the rest of the scan, and the verdicts
// attached to the correlated secrets at the end, before scoring.
import { secretId } from '../redaction/secret-id.js';
import type { Hit } from '../contracts/match.js';
import type { RuleMeta } from '../contracts/rule.js';
import type { CorrelatedSecret } from '../contracts/secret.js';
import type { Verification } from '../contracts/verification.js';
import type { VerifyHook } from './verifier.js';

type Entry = { pending: Promise<Verification | undefined> } | { decided: Verification } | { unsupported: true };

export class VerificationQueue {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly verify: VerifyHook, private readonly salt: string) {}

  /** Start a check for this hit's secret unless one is already running or done. */
  offer(hit: Hit, rule: RuleMeta | undefined): void {
    if (rule?.category === 'posture') return;
    const id = secretId(hit.match.secret, this.salt);
    const have = this.entries.get(id);
    // A verdict reached without a call (no key id beside this occurrence) may improve later.
    if (have && !('decided' in have)) return;
    const out = this.verify(hit, rule);
    if (out === undefined) {
      if (!have) this.entries.set(id, { unsupported: true });
    } else if (out instanceof Promise) {
      // The hook never rejects, but a rejected check must not become an unhandled rejection.
      this.entries.set(id, { pending: out.catch(() => undefined) });
    } else if (!have) {
      this.entries.set(id, { decided: out });
    }
  }

  /** The secrets with their verdicts (waits for the checks still running). */
  async apply<T extends CorrelatedSecret>(secrets: T[]): Promise<T[]> {
    const verdicts = new Map<string, Verification>();
    for (const [id, e] of this.entries) {
      const v = 'pending' in e ? await e.pending : 'decided' in e ? e.decided : undefined;
      if (v) verdicts.set(id, v);
    }
    return secrets.map((s) => {
      const v = verdicts.get(s.id);
      return v ? { ...s, verification: v } : s;
    });
  }
}
