// The shortcut of src/engine/nothing-to-find.ts (a plain file with no keyword in its bytes is not
// decoded or detected) must change nothing: every blob gives the same result with it as with
// the whole path. The blobs are every built-in rule's examples, expanded into fake keys, in
// files of every kind the shortcut may take or must refuse, and wrapped in every way a keyword
// can be hidden from a byte search (string escapes, character references, joined string
// literals, ANSI codes, UTF-16, invalid UTF-8), beside files with no keyword at all.
import { isAscii } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { anyKeywordInBytes, keywordHits } from '../../src/detect/keyword-automaton.js';
import { compileRules, type RuleSet } from '../../src/detect/ruleset.js';
import { STRUCTURED_DETECTORS } from '../../src/detect/structured-detectors.js';
import { classify } from '../../src/extract/classify.js';
import { EXTRACTORS } from '../../src/extract/extractors.js';
import { nothingToFind } from '../../src/engine/nothing-to-find.js';
import { processBlob, type BlobContext } from '../../src/engine/process-blob.js';
import { builtinRules, builtinStructuredRules } from '../../src/rules/load.js';
import { expandFakes, prng, randomString } from '../../src/rules/fake.js';
import type { Blob } from '../../src/contracts/blob.js';
import type { RuleMeta } from '../../src/contracts/rule.js';

const rules = builtinRules();
const ruleSet = compileRules(rules);
const rulesById = new Map<string, RuleMeta>([...builtinStructuredRules(STRUCTURED_DETECTORS), ...rules].map((r) => [r.id, r]));
const ctx: BlobContext = { ruleSet, structured: STRUCTURED_DETECTORS, rulesById };
// The same rules with the shortcut off: a rule set whose keywords the byte search may not read.
const whole: BlobContext = { ...ctx, ruleSet: { ...ruleSet, automaton: ruleSet.automaton, byteSearch: 'off' } as RuleSet };

const PATHS = ['src/app.js', 'lib/client.ts', 'tool.py', 'main.go', 'README.md', 'notes.txt', '.env', 'deploy/.env.prod', 'config.json', 'values.yaml', '.github/workflows/ci.yml', 'tests/fixture.py', 'prompts/system.txt', 'page.html', 'Makefile'];

/** Ways to write a text so that a keyword in it is not in its bytes as such. */
const WRAPS: Array<[string, (t: string) => string | Buffer]> = [
  ['as is', (t) => t],
  ['in code', (t) => `const a = 1;\nfunction f() { return "${t}"; }\n`],
  ['first letter as \\u', (t) => t.replace(/[A-Za-z]/, (c) => `\\u00${c.charCodeAt(0).toString(16)}`)],
  ['first letter as \\x', (t) => t.replace(/[A-Za-z]/, (c) => `\\x${c.charCodeAt(0).toString(16)}`)],
  ['first letter as &#x;', (t) => t.replace(/[A-Za-z]/, (c) => `&#x${c.charCodeAt(0).toString(16)};`)],
  ['first letter as &#;', (t) => t.replace(/[A-Za-z]/, (c) => `&#${c.charCodeAt(0)};`)],
  ['ANSI code after the first letter', (t) => t.replace(/[A-Za-z]/, (c) => `${c}\x1b[0m`)],
  ['split into joined literals', (t) => `key = "${t.slice(0, 3)}" + "${t.slice(3)}"\nother = ("${t.slice(0, 2)}" "${t.slice(2)}")\n`],
  ['quotes escaped', (t) => `{"log": "${t.replace(/"/g, '\\"')}"}`],
  ['slashes escaped', (t) => t.replace(/\//g, '\\/')],
  ['after non-ASCII text', (t) => `Schlüssel — 鍵: ${t}\n`],
  ['after an invalid UTF-8 byte', (t) => Buffer.concat([Buffer.from([0x61, 0xff, 0x0a]), Buffer.from(t)])],
  ['UTF-16LE with a BOM', (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')])],
  ['UTF-16LE without a BOM', (t) => Buffer.from(`${t}\n${'plain words here\n'.repeat(8)}`, 'utf16le')],
  ['CR line ends', (t) => `x = 1\r${t}\ry = 2\r`],
];

/** Text with no keyword of the built-in rules (checked below). */
function filler(seed: number): string {
  const rnd = prng(seed);
  return Array.from({ length: 12 }, () => `${randomString('bdfghjmqvwxz', 6, rnd)} ${randomString('0123456789', 4, rnd)}`).join('\n');
}

function blobs(): Blob[] {
  const out: Blob[] = [];
  let seed = 1;
  const texts: string[] = [];
  for (const rule of rules) {
    for (const t of rule.examples.positive.slice(0, 2)) texts.push(expandFakes(t, seed++));
    for (const t of rule.examples.negative.slice(0, 1)) texts.push(expandFakes(t, seed++));
  }
  for (let i = 0; i < 80; i++) texts.push(filler(i));
  texts.forEach((text, i) => {
    const path = PATHS[i % PATHS.length];
    // A third of the wrappings per text, in turn: every wrapping meets every kind of rule.
    WRAPS.forEach(([, wrap], j) => {
      if ((i + j) % 3 !== 0) return;
      const w = wrap(text);
      out.push({ origin: { kind: 'file', path }, bytes: Buffer.isBuffer(w) ? w : Buffer.from(w) });
    });
  });
  return out;
}

describe('no keyword, nothing to find', () => {
  const all = blobs();

  it('gives every blob the same result as the whole path, and takes the shortcut for many', () => {
    let skipped = 0;
    let found = 0;
    for (const blob of all) {
      const fast = processBlob(blob, ctx);
      expect(fast, `${blob.origin.path}: ${blob.bytes.toString('latin1').slice(0, 120)}`).toEqual(processBlob(blob, whole));
      if (nothingToFind(blob, classify(blob.origin.path), ruleSet, EXTRACTORS, STRUCTURED_DETECTORS)) skipped++;
      found += fast.matches.length;
    }
    // The comparison means something only if both sides of the shortcut were exercised.
    expect(skipped).toBeGreaterThan(100);
    expect(found).toBeGreaterThan(500);
  });

  it('never takes the shortcut for a file with a hidden keyword, an extractor or another encoding', () => {
    const at = (path: string, bytes: Buffer) => nothingToFind({ origin: { kind: 'file', path }, bytes }, classify(path), ruleSet, EXTRACTORS, STRUCTURED_DETECTORS);
    const plain = filler(99);
    expect(at('a.txt', Buffer.from(plain))).toBe(true);
    expect(at('config.json', Buffer.from(plain))).toBe(false);
    expect(at('.github/workflows/ci.yml', Buffer.from(plain))).toBe(false);
    expect(at('a.txt', Buffer.from(`${plain}\nsk-proj-abc`))).toBe(false);
    expect(at('a.txt', Buffer.from(`${plain}\n&#x73;k-proj-abc`))).toBe(false);
    expect(at('a.txt', Buffer.from(`${plain}\ns\x1b[0mk-proj`))).toBe(false);
    expect(at('a.js', Buffer.from(`${plain}\n"\\u0073k-proj-abc"`))).toBe(false);
    expect(at('a.py', Buffer.from(`${plain}\nk = "s" + "k-proj-abc"`))).toBe(false);
    expect(at('a.py', Buffer.from(`${plain}\nk = "s"\u3000+ "k-proj-abc"`))).toBe(false);
    expect(at('a.txt', Buffer.concat([Buffer.from(plain), Buffer.from([0xff])]))).toBe(false);
    expect(at('a.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(plain, 'utf16le')]))).toBe(false);
    // Some built-in keywords are not ASCII (words for password in other scripts): a file with
    // any byte above 0x7F is read whole, whatever its case.
    expect(ruleSet.byteSearch).toBe('ascii');
    expect(at('a.txt', Buffer.from(`${plain}\nПАРОЛЬ: x`))).toBe(false);
    expect(at('a.txt', Buffer.from(`${plain}\nnaïve`))).toBe(false);
    // A login table has no keyword of its own: its header is the detector's trigger.
    expect(at('a.md', Buffer.from(`${plain}\n| host | id | pw |\n| --- | --- | --- |\n| db1 | admin | x |`))).toBe(false);
  });

  it('finds a keyword in ASCII bytes exactly when the text has one', () => {
    const rnd = prng(7);
    const alphabet = ['a', 'k', 'e', 'y', 'S', 'K', '-', '_', 'é', '鍵', '\n', 'p', 'w', 'ß', 'İ'];
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
      const bytes = Buffer.from(text);
      const inBytes = anyKeywordInBytes(ruleSet.automaton, bytes);
      const inText = keywordHits(ruleSet.automaton, text).size > 0;
      // Exact on ASCII; otherwise every ASCII keyword is still found (and mayMatchBytes reads such a file whole).
      if (isAscii(bytes)) expect(inBytes, text).toBe(inText);
      else if (inBytes) expect(inText, text).toBe(true);
    }
  });
});
