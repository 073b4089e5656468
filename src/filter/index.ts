// The filter stage: a chain of small checks over each hit. A filter may drop a hit (noise)
// or keep it visible but suppressed (inline allow, baseline) so reports stay honest.
import type { Hit } from '../contracts/match.js';
import type { Occurrence } from '../contracts/secret.js';

export type FilterVerdict = 'keep' | 'drop' | { suppressed: NonNullable<Occurrence['suppressed']> };

export type HitFilter = (hit: Hit) => FilterVerdict;

/** Run the chain: the first drop wins; otherwise the first suppression is kept. */
export function applyFilters(hit: Hit, filters: readonly HitFilter[]): FilterVerdict {
  let verdict: FilterVerdict = 'keep';
  for (const f of filters) {
    const v = f(hit);
    if (v === 'drop') return 'drop';
    if (verdict === 'keep' && v !== 'keep') verdict = v;
  }
  return verdict;
}
