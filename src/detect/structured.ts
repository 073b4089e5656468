// Structured detectors: checks that read a fragment's structure rather than grep it (agent
// config keys, CI posture). They name the rule ids they report; each rule's metadata is data in
// rules/*.yaml (an entry with `detector: <name>`), joined by id. The list the engine runs is
// src/detect/structured-detectors.ts.
import type { Fragment } from '../contracts/fragment.js';
import type { Match } from '../contracts/match.js';
import type { CorrelatedSecret } from '../contracts/secret.js';

export interface StructuredDetector {
  name: string;
  /** Every rule id this detector can report (its metadata: rules/*.yaml, `detector: <name>`). */
  ruleIds: readonly string[];
  /**
   * Its matches are generic evidence (a credential-named key, not a provider's format): where a
   * pattern rule matches the same span, the specific rule wins. Its rules' category is 'generic'.
   */
  generic: boolean;
  /**
   * Whether it reads this fragment. It decides from the fragment's kind, origin, place and
   * credential context, never its text: the engine asks it with an empty text before decoding a
   * file, to know whether a file with no keyword can be skipped (src/engine/nothing-to-find.ts).
   */
  applies(fragment: Fragment): boolean;
  /**
   * Optional: false only when it cannot report anything in a whole file of these UTF-8 bytes
   * (no trigger of its own in them), so a file with no keyword may still be skipped. Absent:
   * a file it applies to is always read.
   */
  mayFind?(bytes: Buffer): boolean;
  detect(fragment: Fragment): Match[];
  /** Optional pass over all correlated secrets before scoring (e.g. drop a "shared secret" finding seen once). */
  finalize?(secrets: CorrelatedSecret[]): CorrelatedSecret[];
}
