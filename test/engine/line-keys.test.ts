// The pieces under --history line reuse: line keys, the bounded set of seen lines, and the
// keyword automaton snapshot read back only for the keyword list it was built from.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { automatonFor, writeAutomatonSnapshot } from '../../src/detect/automaton-snapshot.js';
import { keywordAutomaton, keywordHits, wideStarters } from '../../src/detect/keyword-automaton.js';
import { lineKeys } from '../../src/engine/line-keys.js';
import { SeenLines } from '../../src/engine/seen-lines.js';

describe('line keys', () => {
  it('give equal lines equal keys, and the same line another key under another seed', () => {
    const k = lineKeys(Buffer.from('alpha\nbeta\nalpha\n'), 1);
    expect(k.count).toBe(4);
    expect([k.hi[0], k.lo[0]]).toEqual([k.hi[2], k.lo[2]]);
    expect([k.hi[0], k.lo[0]]).not.toEqual([k.hi[1], k.lo[1]]);
    expect(Array.from(k.starts)).toEqual([0, 6, 11, 17, 18]);
    const other = lineKeys(Buffer.from('alpha'), 2);
    expect([other.hi[0], other.lo[0]]).not.toEqual([k.hi[0], k.lo[0]]);
  });
});

describe('seen lines', () => {
  it('answers membership, grows, and forgets everything when full instead of growing past its cap', () => {
    const set = new SeenLines(17);
    for (let i = 1; i <= 50_000; i++) expect(set.add(i, i * 7 + 1)).toBe(true);
    expect(set.add(5, 36)).toBe(false);
    expect(set.has(49_999, 49_999 * 7 + 1)).toBe(true);
    expect(set.resets).toBe(0);
    for (let i = 50_001; i <= 100_000; i++) set.add(i, i * 7 + 1);
    expect(set.resets).toBe(1);
    // Forgotten: a line seen before the reset counts as new again (scanned again, never lost).
    expect(set.has(1, 8)).toBe(false);
  });
});

describe('keyword automaton snapshot', () => {
  it('is read back only for exactly its keyword list, and finds what a built automaton finds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keysprawl-snap-'));
    try {
      const file = join(dir, 'keywords.bin');
      const words = ['akia', 'ghp_', 'sk-proj-', 'xoxb-', 'ünï'];
      writeAutomatonSnapshot(words, file);
      const text = 'x AKIA y ghp_ z sk-proj-abc xoxb- ÜNÏ';
      const read = automatonFor(words, file);
      expect([...keywordHits(read, text)]).toEqual([...keywordHits(keywordAutomaton(words), text)]);
      expect(keywordHits(read, text).size).toBe(5);
      // The wide keywords' starters are read back with it (found again under another Unicode version).
      expect(read.starters).toBe(wideStarters(read.wide));
      // Another list (a user's own rules) never reads the stale table.
      const other = automatonFor(['akia', 'zzz'], file);
      expect([...keywordHits(other, 'zzz')].map(([k]) => k)).toEqual([1]);
      expect(automatonFor(words, join(dir, 'missing.bin')).table.length).toBe(read.table.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
