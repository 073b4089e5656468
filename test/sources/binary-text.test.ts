// A binary file is not skipped whole: its text regions (printable runs of 16+ bytes, as
// `strings -n 16` finds them) are scanned in place, so a key in an executable's string table
// or a packed asset is found at the file's own line and column, with no binary byte in the
// snippet; a binary file without such a run is a counted skip as before.
import { afterEach, describe, expect, it } from 'vitest';
import { expandFakes, prng } from '../../src/rules/fake.js';
import { must } from '../../src/problems/problem.js';
import { parseRuleList } from '../../src/rules/load.js';
import { scan } from '../../src/scan.js';
import { MIN_TEXT_RUN, textRegions } from '../../src/sources/binary.js';
import { makeTree, TEST_RULE_YAML, type Tree } from '../helpers/tree.js';

const rules = must(parseRuleList(TEST_RULE_YAML, 'test.yaml'));
let tree: Tree | undefined;
afterEach(() => tree?.cleanup());

/** Random bytes below 0x20 (no line feed): binary by any measure, and no printable run. */
function noise(n: number, seed: number): Buffer {
  const rnd = prng(seed);
  return Buffer.from(Array.from({ length: n }, () => [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 14, 15, 0x80, 0xff][Math.floor(rnd() * 14)]));
}

describe('text regions of binary files', () => {
  it('keeps printable runs in place and blanks the rest, line feeds kept', () => {
    const bytes = Buffer.concat([noise(10, 1), Buffer.from('short\n'), noise(5, 2), Buffer.from('a run of printable text'), noise(3, 3)]);
    const text = textRegions(bytes)!;
    expect(text.length).toBe(bytes.length);
    expect(text.toString('latin1')).toBe(`${' '.repeat(15)}\n${' '.repeat(5)}a run of printable text   `);
    expect(textRegions(Buffer.concat([noise(100, 4), Buffer.from('x'.repeat(MIN_TEXT_RUN - 1)), noise(100, 5)]))).toBeUndefined();
  });

  it('writes the same regions over the bytes as into a new buffer', () => {
    const rnd = prng(12);
    const pieces = Array.from({ length: 60 }, (_, i) => (rnd() < 0.5 ? noise(1 + Math.floor(rnd() * 40), 20 + i) : Buffer.from('p'.repeat(1 + Math.floor(rnd() * 30)) + (rnd() < 0.3 ? '\n' : ''))));
    const bytes = Buffer.concat(pieces);
    const copy = Buffer.from(bytes);
    const fresh = textRegions(bytes)!;
    expect(bytes.equals(copy)).toBe(true);
    const over = textRegions(copy, true)!;
    expect(over.equals(fresh)).toBe(true);
    expect(over.buffer).toBe(copy.buffer);
  });

  it('finds a key in a binary file at its own line and column, counted as a binary file', async () => {
    const key = expandFakes('tst_<<b62:32>>', 11);
    const line = `key = "${key}"`;
    tree = makeTree({
      'app.bin': Buffer.concat([noise(3000, 6), Buffer.from('\n'), noise(40, 7), Buffer.from(line), noise(3000, 8)]),
      'image.png': noise(5000, 9),
    });
    const result = await scan({ paths: [tree.dir], rules });
    expect(result.secrets).toHaveLength(1);
    const [o] = result.secrets[0].occurrences;
    expect(o.origin.path).toBe('app.bin');
    expect(o.line).toBe(2);
    expect(o.column).toBe(41 + line.indexOf('tst_'));
    expect(o.snippet).toMatch(/^key = "tst_/);
    expect(o.snippet).not.toContain(key);
    // No binary byte (control or Latin-1 high), only text and the redaction's ellipsis.
    expect([...(o.snippet ?? '')].every((c) => c >= ' ' && (c <= '~' || c > '\u00ff'))).toBe(true);
    expect(result.stats.skipped).toMatchObject({ binary: 2 });
    expect(result.stats.skippedItems.map((i) => i.message).sort()).toEqual([
      'app.bin: binary file, only its text regions (printable runs of 16+ bytes) scanned',
      'image.png: binary file (control bytes), skipped',
    ]);
  });
});
