// Inline suppression through the real engine: files in a temp tree, the test rule, scan().
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRuleList } from '../../src/rules/load.js';
import { must } from '../../src/problems/problem.js';
import { inlineFilter, parseAllow } from '../../src/filter/inline.js';
import { scan } from '../../src/scan.js';
import type { ScanResult } from '../../src/contracts/result.js';
import type { Rule } from '../../src/contracts/rule.js';
import type { Secret } from '../../src/contracts/scored.js';
import { makeTree, TEST_RULE_YAML, type Tree } from '../helpers/tree.js';

const KEY = 'tst_<<b62:32>>';
let tree: Tree;
let rules: Rule[];
let result: ScanResult;
let warnings: string[];

function secretIn(path: string): Secret {
  const s = result.secrets.find((x) => x.occurrences.some((o) => o.origin.path === path));
  if (!s) throw new Error(`no finding in ${path}`);
  return s;
}

beforeAll(async () => {
  rules = must(parseRuleList(TEST_RULE_YAML, 'test.yaml'));
  tree = makeTree({
    'same-line.py': `k = "${KEY}"  # keysprawl:allow reason="test fixture"\n`,
    'line-before.py': `# keysprawl:allow\nk = "${KEY}"\n`,
    'gitleaks.go': `k := "${KEY}" // gitleaks:allow\n`,
    'pragma.yaml': `token: ${KEY}  # pragma: allowlist secret\n`,
    'nextline.py': `# pragma: allowlist nextline secret\nk = "${KEY}"\n`,
    'trailing-only.py': `a = "${KEY}"  # keysprawl:allow\nb = "${KEY}"\n`,
    'expired.py': `# keysprawl:allow reason="rotated" until=2026-05-31\nk = "${KEY}"\n`,
    'last-day.py': `k = "${KEY}"  # keysprawl:allow until=2026-06-01\n`,
    'bad-date.py': `k = "${KEY}"  # keysprawl:allow until=2026-02-30\n`,
    'plain.py': `k = "${KEY}"\n`,
    'two-lines-up.py': `# keysprawl:allow\n\nk = "${KEY}"\n`,
    'notebook.ipynb': JSON.stringify({
      cells: [{ cell_type: 'code', metadata: {}, outputs: [], execution_count: 1, source: [
        '# keysprawl:allow reason="demo key"\n', `key = '${KEY}'\n`, `other = '${KEY}'\n`,
      ] }],
      metadata: {}, nbformat: 4, nbformat_minor: 5,
    }, null, 1),
  });
  warnings = [];
  result = await scan({ paths: [tree.dir], rules, structured: [], filters: [inlineFilter({ today: '2026-06-01', warn: (l) => warnings.push(l) })] });
});
afterAll(() => tree.cleanup());

describe('inline suppression comments', () => {
  it('suppresses on the same line, with the reason as justification', () => {
    expect(secretIn('same-line.py').suppressed).toEqual({ kind: 'inSource', justification: 'test fixture' });
  });

  it('suppresses from a comment-only line just before', () => {
    expect(secretIn('line-before.py').suppressed?.kind).toBe('inSource');
    expect(secretIn('two-lines-up.py').suppressed).toBeUndefined();
  });

  it("honours gitleaks:allow and detect-secrets' pragmas", () => {
    expect(secretIn('gitleaks.go').suppressed).toEqual({ kind: 'inSource', justification: 'gitleaks:allow comment' });
    expect(secretIn('pragma.yaml').suppressed?.justification).toBe('pragma: allowlist secret comment');
    expect(secretIn('nextline.py').suppressed?.kind).toBe('inSource');
  });

  it('does not let a trailing allow on one line hide a key on the next', () => {
    const [a, b] = ['trailing-only.py'].flatMap((p) => result.secrets.filter((s) => s.occurrences.some((o) => o.origin.path === p)));
    const byLine = new Map([a, b].map((s) => [s.occurrences[0].line, s]));
    expect(byLine.get(1)!.suppressed?.kind).toBe('inSource');
    expect(byLine.get(2)!.suppressed).toBeUndefined();
  });

  it('stops suppressing after the expiry date and says so once', () => {
    expect(secretIn('expired.py').suppressed).toBeUndefined();
    expect(warnings.filter((w) => w.startsWith('expired.py:1:'))).toEqual([
      'expired.py:1: keysprawl:allow expired on 2026-05-31 (reason: rotated): the finding is reported',
    ]);
  });

  it('still suppresses on the expiry day itself', () => {
    expect(secretIn('last-day.py').suppressed).toEqual({ kind: 'inSource', justification: 'keysprawl:allow comment (until 2026-06-01)' });
  });

  it('reports a finding whose expiry is not a real date, with a warning', () => {
    expect(secretIn('bad-date.py').suppressed).toBeUndefined();
    expect(warnings).toContain('bad-date.py:1: keysprawl:allow until=2026-02-30 is not a date (YYYY-MM-DD): the finding is reported');
    expect(warnings).toHaveLength(2);
  });

  it('works in notebook cells, where the comment sits in a JSON string', () => {
    const inNotebook = result.secrets.filter((s) => s.occurrences[0].origin.path === 'notebook.ipynb');
    expect(inNotebook.map((s) => s.suppressed?.justification ?? 'reported').sort()).toEqual(['demo key', 'reported']);
  });

  it('counts suppressed hits in the stats and leaves the rest alone', () => {
    expect(secretIn('plain.py').suppressed).toBeUndefined();
    expect(result.stats.suppressed).toBe(8);
    expect(result.secrets.filter((s) => s.suppressed)).toHaveLength(8);
  });
});

describe('parseAllow', () => {
  it('reads quoted and unquoted reasons and an expiry', () => {
    expect(parseAllow(`x = 1 # keysprawl:allow reason="rotated in INC-42" until=2027-01-31`, 'same')).toEqual({
      marker: 'keysprawl:allow', reason: 'rotated in INC-42', until: '2027-01-31',
    });
    expect(parseAllow(`<!-- keysprawl:allow reason='docs sample' until=2027-01-31-->`, 'same')).toEqual({
      marker: 'keysprawl:allow', reason: 'docs sample', until: '2027-01-31',
    });
    expect(parseAllow('// keysprawl:allow reason=fixture', 'same')).toEqual({ marker: 'keysprawl:allow', reason: 'fixture' });
  });

  it('reads JSON-escaped quotes in notebook source lines', () => {
    expect(parseAllow('    "x = 1  # keysprawl:allow reason=\\"demo key\\" until=2027-01-01\\n",', 'same')).toEqual({
      marker: 'keysprawl:allow', reason: 'demo key', until: '2027-01-01',
    });
  });

  it('takes a line before only when it is a comment, notebook source lines included', () => {
    expect(parseAllow('    "# keysprawl:allow\\n",', 'before')?.marker).toBe('keysprawl:allow');
    expect(parseAllow('-- keysprawl:allow', 'before')?.marker).toBe('keysprawl:allow');
    expect(parseAllow('key = "abc"  # keysprawl:allow', 'before')).toBeUndefined();
    expect(parseAllow('# pragma: allowlist nextline secret', 'same')).toBeUndefined();
  });

  it('ignores look-alikes', () => {
    expect(parseAllow('# keysprawl:allowed', 'same')).toBeUndefined();
    expect(parseAllow('# keysprawl allow', 'same')).toBeUndefined();
  });
});
