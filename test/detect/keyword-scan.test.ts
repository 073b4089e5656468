// A small text is searched keyword by keyword while the automaton is not loaded (a pre-commit
// scan of one line never reads the 2.4 MB table): both searches must find the same keywords,
// whatever the case, Latin-1 letters, characters beyond U+00FF, overlaps and keyword edges.
import { describe, expect, it } from 'vitest';
import { keywordAutomaton, keywordHits, keywordScanner, wideStarters } from '../../src/detect/keyword-automaton.js';
import { candidates, compileRules, mayMatchBytes, ruleKeywords } from '../../src/detect/ruleset.js';
import { builtinRules } from '../../src/rules/load.js';
import { prng } from '../../src/rules/fake.js';

const BUILTIN = ruleKeywords(builtinRules());
// Edge keywords: Latin-1 letters the table folds (and × it does not), one beyond U+00FF, one
// with an upper-case letter (never matched by the table, so never by the scan), prefixes of each other.
// Greek: the capital sigma lower-cases to σ, or to ς at the end of a word.
const EDGE = ['àpi', 'tök', 'a×b', 'ключ', 'Token', 'sk', 'sk-', 'sk-proj', 'ß', 'xoxb', 'σκ', 'ος'];

function randomText(rand: () => number, words: readonly string[], length: number): string {
  const pieces = ['A', 'z', ' ', '=', '\n', 'À', 'Ö', '×', 'Þ', 'ß', 'ÿ', 'Ā', 'К', 'ЛЮЧ', '\u0000', '😀', 'İ', '\u212a', 'Σ', 'ΟΣ', '→'];
  let text = '';
  while (text.length < length) {
    const r = rand();
    if (r < 0.3) {
      const w = words[Math.floor(rand() * words.length)];
      // The keyword as it is, in upper case, or in mixed case.
      text += rand() < 0.3 ? w.toUpperCase() : rand() < 0.5 ? [...w].map((c) => (rand() < 0.5 ? c.toUpperCase() : c)).join('') : w;
    } else if (r < 0.4) {
      const w = words[Math.floor(rand() * words.length)];
      text += w.slice(0, Math.max(1, Math.floor(rand() * w.length))); // a cut-off keyword
    } else {
      text += pieces[Math.floor(rand() * pieces.length)];
    }
  }
  return text;
}

function asciiNoise(rand: () => number, length: number): string {
  const pieces = ['Q', 'z', ' ', '=', '\n', '{', '7', 'Zq', '\t', 'xq'];
  let text = '';
  while (text.length < length) text += pieces[Math.floor(rand() * pieces.length)];
  return text;
}

describe('keyword scan of small texts', () => {
  for (const [name, keywords] of [['built-in keywords', BUILTIN], ['edge keywords', [...EDGE].sort()]] as const) {
    it(`finds what the automaton finds (${name})`, () => {
      const automaton = keywordAutomaton([...keywords]);
      const scan = keywordScanner(keywords);
      const rand = prng(keywords.length);
      for (let i = 0; i < 400; i++) {
        const text = randomText(rand, [...keywords, ...EDGE], 1 + Math.floor(rand() * 600));
        const want = [...keywordHits(automaton, text).keys()].sort((a, b) => a - b);
        expect(scan(text), JSON.stringify(text)).toEqual(want);
      }
    });
  }

  it('lower-cases a text for the wide keywords only when some character of it may start one, whatever the plane', () => {
    const automaton = keywordAutomaton([...BUILTIN, ...EDGE]);
    const chars = wideStarters(automaton.wide)!;
    const firsts = new Set(automaton.wide.map(([, w]) => [...w].find((ch) => ch.charCodeAt(0) > 255)!));
    // Every code point, the capital sigma also at a word's end (where it lower-cases to ς).
    const want: string[] = [];
    for (let x = 0x100; x <= 0x10ffff; x++) {
      if (x >= 0xd800 && x <= 0xdfff) continue;
      const ch = String.fromCodePoint(x);
      const lower = ch.toLowerCase() + `a${ch}`.toLowerCase();
      if ([...firsts].some((f) => lower.includes(f))) want.push(ch);
    }
    expect([...chars]).toEqual(want);
    expect(chars).toContain('П');
    expect(chars).toContain('Σ');
  });

  it('gives the same candidates, in the same order, with the scan and with the automaton', () => {
    const rules = builtinRules();
    const rand = prng(7);
    const texts = Array.from({ length: 200 }, () => randomText(rand, BUILTIN, 1 + Math.floor(rand() * 8000)));
    // A fresh set scans a small text (within its budget); the other has its automaton loaded first.
    const withAutomaton = compileRules(rules);
    void withAutomaton.automaton;
    let differentPaths = 0;
    for (const text of texts) {
      const a = candidates(compileRules(rules), text).map((c) => [c.compiled.rule.id, c.windows]);
      const b = candidates(withAutomaton, text).map((c) => [c.compiled.rule.id, c.windows]);
      expect(a).toEqual(b);
      if (a.length) differentPaths++;
    }
    expect(differentPaths).toBeGreaterThan(50);
  });

  it('answers mayMatchBytes the same for small byte texts with the scan and with the automaton', () => {
    const rules = builtinRules();
    const rand = prng(11);
    const withAutomaton = compileRules(rules);
    void withAutomaton.automaton;
    let fresh = compileRules(rules);
    let yes = 0;
    let no = 0;
    for (let i = 0; i < 300; i++) {
      // Texts with keywords (UTF-8 bytes, Latin-1 letters and beyond), and ASCII texts without.
      const text = rand() < 0.5 ? randomText(rand, BUILTIN, 1 + Math.floor(rand() * 3000)) : asciiNoise(rand, 1 + Math.floor(rand() * 400));
      const bytes = new TextEncoder().encode(text);
      // A fresh set every few texts so most are read by the scan, within its budget.
      if (i % 10 === 0) fresh = compileRules(rules);
      const want = mayMatchBytes(withAutomaton, bytes, 'code');
      expect(mayMatchBytes(fresh, bytes, 'code'), JSON.stringify(text)).toBe(want);
      if (want) yes++;
      else no++;
    }
    expect(yes).toBeGreaterThan(50);
    expect(no).toBeGreaterThan(50);
  });
});
