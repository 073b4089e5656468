// Structured detectors: checks that read a fragment's structure rather than grep it (agent
// config keys, CI posture). They register here once and name the rule ids they report; each
// rule's metadata is data in rules/*.yaml (an entry with `detector: <name>`), joined by id.
import type { Fragment, Match, Secret } from '../types.js';

export interface StructuredDetector {
  name: string;
  /** Every rule id this detector can report (its metadata: rules/*.yaml, `detector: <name>`). */
  ruleIds: readonly string[];
  /**
   * Its matches are generic evidence (a credential-named key, not a provider's format): where a
   * pattern rule matches the same span, the specific rule wins. Its rules' category is 'generic'.
   */
  generic: boolean;
  applies(fragment: Fragment): boolean;
  detect(fragment: Fragment): Match[];
  /** Optional pass over all scored secrets at the end (e.g. drop a "shared secret" finding seen once). */
  finalize?(secrets: Secret[]): Secret[];
}

const registry: StructuredDetector[] = [];

export function registerDetector(d: StructuredDetector): void {
  if (!registry.some((r) => r.name === d.name)) registry.push(d);
}

export function structuredDetectors(): readonly StructuredDetector[] {
  return registry;
}
