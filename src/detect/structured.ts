// Structured detectors: checks that read a fragment's structure rather than grep it (agent
// config keys, CI posture). They bring their own rule metadata and register here once.
import type { Fragment, Match, Rule, Secret } from '../types.js';

export interface StructuredDetector {
  name: string;
  /** Metadata for every rule id this detector can report (category 'posture' for posture rules). */
  rules: Rule[];
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
