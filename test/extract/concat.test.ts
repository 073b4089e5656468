// Keys split across joined string literals (src/extract/concat.ts): found whole, at the first
// literal's line and column, masked in the snippet, in every language's way of joining; literals
// that are not joined stay apart.
import { afterEach, describe, expect, it } from 'vitest';
import { concatDialect, joinLiterals, literalChains } from '../../src/extract/concat.js';
import { expandFakes } from '../../src/rules/fake.js';
import { byRule, positionOf, scanTree, type Scanned } from './support.js';

const token = (seed: number) => expandFakes('tst_<<b62:32>>', seed);
let scanned: Scanned | undefined;
afterEach(() => scanned?.tree.cleanup());

describe('joined string literals', () => {
  it('maps each language to its joining rule', () => {
    expect(concatDialect('src/a.ts')).toBe('plus');
    expect(concatDialect('Main.java')).toBe('plus');
    expect(concatDialect('main.go')).toBe('plus');
    expect(concatDialect('app/settings.py')).toBe('python');
    expect(concatDialect('x.c')).toBe('c');
    expect(concatDialect('index.php')).toBe('php');
    expect(concatDialect('README.md')).toBeUndefined();
    expect(concatDialect('config.json')).toBeUndefined();
  });

  it('joins + chains across lines, Python adjacency and \\ continuations, PHP dots; not commas or calls', () => {
    expect(literalChains('k = "ab" +\n  "cd" + "ef";', 'plus')).toEqual([[[4, 8], [13, 17], [20, 24]]]);
    expect(joinLiterals('k = ("ab"\n     "cd")', 'python')?.text).toBe('k = ("abcd")');
    expect(joinLiterals('k = "ab" \\\n    "cd"', 'python')?.text).toBe('k = "abcd"');
    expect(joinLiterals("$k = 'ab' . 'cd';", 'php')?.text).toBe("$k = 'abcd';");
    // Only the lines of the chains are kept, each run of them ending with a line break.
    expect(joinLiterals('a = 1\nk = "ab" +\n  "cd";\nb = 2\nj = "ef" + "gh"; m = "ij" + "kl"\nc = 3\n', 'plus')?.text).toBe('k = "abcd";\nj = "efgh"; m = "ijkl"');
    expect(joinLiterals('f("ab", "cd"); g("ab") + h("cd")', 'plus')).toBeUndefined();
    // + alone is not adjacency, and JS does not join adjacent literals.
    expect(joinLiterals('x = "ab" "cd"', 'plus')).toBeUndefined();
    // A template literal with a substitution is not a literal.
    expect(joinLiterals('k = `ab${x}` + "cd"', 'plus')).toBeUndefined();
  });

  it('a token split in two is found whole at the first literal, in JS, Go, Java, C#, Python and PHP', async () => {
    const files: Record<string, string> = {};
    const tokens: Record<string, string> = {};
    const forms: Array<[string, (a: string, b: string) => string]> = [
      ['src/client.ts', (a, b) => `export const key = "${a}" +\n  "${b}";\n`],
      ['main.go', (a, b) => `package main\n\nconst key = "${a}" + \`${b}\`\n`],
      ['Client.java', (a, b) => `class C {\n  String key = "${a}"\n      + "${b}";\n}\n`],
      ['Client.cs', (a, b) => `var key = "${a}" + "${b}";\n`],
      ['settings.py', (a, b) => `KEY = ("${a}"\n       '${b}')\n`],
      ['legacy.py', (a, b) => `KEY = "${a}" \\\n    "${b}"\n`],
      ['config.php', (a, b) => `<?php\n$key = '${a}' . '${b}';\n`],
    ];
    forms.forEach(([path, form], i) => {
      const t = token(100 + i);
      tokens[path] = t;
      files[path] = form(t.slice(0, 14), t.slice(14));
    });
    scanned = await scanTree(files);
    const found = byRule(scanned.result, 'test-token');
    for (const [path] of forms) {
      const text = scanned.tree.files[path];
      const secret = found.find((s) => s.occurrences.some((o) => o.origin.path === path));
      expect(secret, path).toBeDefined();
      const occ = secret!.occurrences.find((o) => o.origin.path === path)!;
      const at = positionOf(text, tokens[path].slice(0, 14));
      expect([occ.line, occ.column], path).toEqual([at.line, at.column]);
      expect(occ.properties?.encoding).toBe('concatenated');
      // Redacted: neither half is printed.
      expect(occ.snippet).not.toContain(tokens[path].slice(4, 14));
      expect(occ.snippet).not.toContain(tokens[path].slice(14));
    }
  });

  it('a PEM block built line by line is one key, not also its raw form with the joints', async () => {
    const pem = expandFakes('<<pem:RSA PRIVATE KEY>>', 5).split('\n');
    const java = `String pem = ${pem.map((l) => `"${l}\\n"`).join(' +\n    ')};\n`;
    scanned = await scanTree({ 'Keys.java': java }, { rules: undefined });
    const keys = scanned.result.secrets.filter((s) => s.occurrences.some((o) => o.origin.path === 'Keys.java'));
    expect(keys.map((s) => s.ruleId)).toEqual(['pem-private-key']);
    expect(keys[0].occurrences[0]).toMatchObject({ line: 1, column: 15 });
  });

  it('literals of other lines are not joined: a list of tokens halves stays unreported', async () => {
    const t = token(7);
    scanned = await scanTree({ 'parts.ts': `const parts = ["${t.slice(0, 14)}", "${t.slice(14)}"];\nconst x = "${t.slice(0, 14)}";\nconst y = "${t.slice(14)}";\n` });
    expect(byRule(scanned.result, 'test-token')).toEqual([]);
  });
});
