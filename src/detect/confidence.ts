// Match confidence (DESIGN.md §4: checksum-valid or structural marker > provider prefix > generic
// entropy), ordered once: detection keeps the more confident of two overlapping matches, merge
// keeps the more confident copy of a secret, and the JSON report checks the field against it.
import type { Confidence } from '../contracts/match.js';

/** Most confident first. */
export const CONFIDENCES: readonly Confidence[] = ['high', 'medium', 'low'];

/** Higher is more confident (only the order is meaningful). */
export const CONFIDENCE_RANK: Readonly<Record<Confidence, number>> = { high: 3, medium: 2, low: 1 };
