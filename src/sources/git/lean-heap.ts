// V8's heap settings while a history scan runs: git's children (rev-list, cat-file, the commit
// walk) run beside Node the whole time, so what counts is the sum of their memory and Node's.
// Held from the first blob to the end of provenance (historySource, historyScanSource), then
// V8's own policy again. Counted, so overlapping holders (a sweep's repositories) share one
// setting and the last release resets it.
import { setFlagsFromString } from 'node:v8';

/**
 * The old generation may grow to this much over what was live after its last full GC before
 * V8 collects again (its default lets it reach 2-4×: most of that is garbage the history scan
 * made in passing). On moby: 117 full GCs instead of 245 (docs/performance.md, seventh round).
 */
const HEAP_GROWING_PERCENT = 50;

/**
 * V8's young generation doubles (up to two 16 MB semi-spaces, 32 MB resident) whenever enough of
 * it survives a scavenge, and never gives the memory back. A history scan's survivors (queued
 * rev-list entries, pooled blobs, results) grew it to 32 MB within seconds, while git's children
 * were at their largest. Growth factor 1 holds it at the size it has when the history starts
 * (4–8 MB): moby's history then peaked at 280–289 MB with git's children instead of 320–328 MB,
 * in the same time (alternated runs, docs/performance.md, eighth round). Only the growth can be
 * changed once the heap is set up: V8 reads this flag each time it considers growing, and the
 * semi-space's maximum only at start.
 */
const SEMI_SPACE_GROWTH = 1;

/** V8's defaults (node --v8-options): a heap growing factor of its own choosing, doubling young generation. */
const DEFAULTS = ['--heap-growing-percent=0', '--semi-space-growth-factor=2'];

let holders = 0;

/** Apply the settings until the returned function is called (again: nothing). */
export function holdLeanHeap(): () => void {
  if (holders++ === 0) {
    setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    setFlagsFromString(`--semi-space-growth-factor=${SEMI_SPACE_GROWTH}`);
  }
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    if (--holders === 0) for (const flag of DEFAULTS) setFlagsFromString(flag);
  };
}
