// A history scan holds V8's young generation at its size (src/sources/git/lean-heap.ts) while
// git's children run beside it, and gives V8 its own policy back when the last holder is done.
// Run in fresh Node processes: a test runner's heap has long grown to its largest.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const LEAN_HEAP = fileURLToPath(new URL('../../dist/sources/git/lean-heap.js', import.meta.url));

/** Young generation sizes (bytes) before, while and after holding (when `hold`), with surviving garbage made in each phase. */
function youngSizes(hold: boolean, holders = 1): { before: number; during: number; mid: number; after: number } {
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8';
    const { holdLeanHeap } = await import(${JSON.stringify(LEAN_HEAP)});
    const young = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
    const churn = () => { const kept = []; for (let i = 0; i < 1_500_000; i++) { const o = { i, s: 'v' + i }; if (i % 3 === 0) kept.push(o); } return kept.length; };
    // Garbage that dies young: scavenges commit both semi-spaces without growing them.
    let sum = 0;
    for (let i = 0; i < 300_000; i++) sum += { i }.i;
    const before = young();
    const releases = ${hold} ? Array.from({ length: ${holders} }, () => holdLeanHeap()) : [];
    churn();
    const during = young();
    // All but the last holder release (twice each: a second call is nothing), then the last.
    releases.slice(0, -1).forEach((release) => { release(); release(); });
    churn();
    const mid = young();
    releases.at(-1)?.();
    churn();
    console.log(JSON.stringify({ before, during, mid, after: young() }));
  `;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as { before: number; during: number; mid: number; after: number };
}

describe('the lean heap of a history scan', () => {
  it('keeps the young generation at its size while held, and lets it grow again once released', () => {
    const held = youngSizes(true);
    expect(held.during).toBe(held.before);
    expect(held.after).toBeGreaterThan(held.during);
  });

  it('is what stops the growth: without it the same garbage grows the young generation', () => {
    const free = youngSizes(false);
    expect(free.during).toBeGreaterThan(free.before);
  });

  it('stays held until every holder has released it (each release counts once)', () => {
    const two = youngSizes(true, 2);
    expect(two.during).toBe(two.before);
    expect(two.mid).toBe(two.before);
    expect(two.after).toBeGreaterThan(two.mid);
  });
});
