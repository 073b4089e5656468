// The rule tester itself (src/rules/tester.ts) and the example schema it reads: a positive in its
// mapping form asserts what is captured and where, a repeated case is rejected, and a wrapping
// that cannot work is skipped for a stated reason instead of silently.
import { describe, expect, it } from 'vitest';
import { renderProblem } from '../../src/problems/messages.js';
import { parseRuleList } from '../../src/rules/load.js';
import { SYNTAXES } from '../../src/rules/syntaxes.js';
import { checkRuleExamples } from '../../src/rules/tester.js';

/** One test rule (tst_ + 32 base62) with these examples, in YAML. */
function ruleWith(examples: string, extra = '') {
  const parsed = parseRuleList(`
- id: test-token
  name: Test token
  provider: testco
  category: llm
  keywords: [tst_]
  regex: '\\b(tst_[A-Za-z0-9]{32})\\b'
  secretGroup: 1
  remediation: Rotate it.${extra}
  examples:
${examples}
`, 'test.yaml');
  const [rule] = parsed.value;
  return { rule, problems: parsed.problems.map(renderProblem) };
}

const capture = (column: number, secret = 'tst_<<b62:32>>', line = 2) => ruleWith(`    positive:
      - text: "# config\\nTOKEN = 'tst_<<b62:32>>'"
        secret: '${secret}'
        line: ${line}
        column: ${column}
    negative: ['tst_short']`);

describe('rule tester', () => {
  it('passes a capture at the right line and column, and fails one elsewhere, never printing the value', () => {
    const good = capture(10);
    expect(good.problems).toEqual([]);
    expect(good.rule.examples.captures).toEqual([{ example: 0, secret: 'tst_<<b62:32>>', line: 2, column: 10 }]);
    expect(checkRuleExamples(good.rule)).toMatchObject({ passed: 2, failures: [] });

    const res = checkRuleExamples(capture(9).rule);
    expect(res.failures).toHaveLength(1);
    expect(res.failures[0]).toMatch(/^examples\.positive\[0\]: captured "tst_…" at 2:10, expected at 2:9$/);
    expect(checkRuleExamples(capture(10, 'tst_<<b62:32>>', 1).rule).failures[0]).toMatch(/expected at 1:10$/);
  });

  it('fails a capture whose secret is not what the rule reports, or not a piece of the example', () => {
    const wrongValue = ruleWith(`    positive:
      - text: "a = 'tst_<<b62:32>>'; b = 'tst_<<b62:32>>'"
        secret: "tst_<<b62:32>>'; b = 'tst_<<b62:32>>"
    negative: ['tst_short']`);
    expect(checkRuleExamples(wrongValue.rule).failures[0]).toMatch(/^examples\.positive\[0\]: captured "tst_…", "tst_…", expected "tst_…"$/);
    expect(checkRuleExamples(capture(10, 'tst_<<b62:31>>').rule).failures[0]).toMatch(/is not a piece of the example text/);
  });

  it('rejects duplicate cases and mapping positives that assert nothing', () => {
    const dup = ruleWith(`    positive: ['k = "tst_<<b62:32>>"', 'k = "tst_<<b62:32>>"']
    negative: ['tst_short', 'tst_short']`);
    expect(dup.problems).toEqual([
      'test.yaml: rules[0]: test-token: examples.positive[1]: duplicate case (same as examples.positive[0])',
      'test.yaml: rules[0]: test-token: examples.negative[1]: duplicate case (same as examples.negative[0])',
    ]);
    const empty = ruleWith(`    positive:
      - text: 'k = "tst_<<b62:32>>"'
        where: 3
    negative: ['tst_short']`);
    expect(empty.problems).toEqual([
      'test.yaml: rules[0]: test-token: examples.positive[0].where: unknown field',
      'test.yaml: rules[0]: test-token: examples.positive[0]: a mapping positive says what it captures: secret, line or column',
    ]);
  });

  it('wraps a prefixed token in every syntax, and counts what it skips with the reason', () => {
    const { rule } = ruleWith(`    positive: ['k = "tst_<<b62:32>>"']
    negative: ['tst_short']`);
    const res = checkRuleExamples(rule, { wrappings: true });
    expect(res.failures).toEqual([]);
    expect(res.wrapped).toBe(SYNTAXES.length);
    expect(res.skipped).toEqual({});

    const bound = ruleWith(`    positive: ['print("tst_<<b62:32>>")']
    negative: ['tst_short']`, '\n  contentKinds: [code]');
    expect(checkRuleExamples(bound.rule, { wrappings: true })).toMatchObject({ wrapped: 0, skipped: { 'runs only on its content kinds': SYNTAXES.length } });
  });

  it('reports a wrapping the rule does not survive', () => {
    // Anchored at the start of a line: fine alone, lost once the value is assigned to a name.
    const { rule, problems } = ruleWith(`    positive: ['tst_<<b62:32>>']
    negative: ['tst_short']`);
    expect(problems).toEqual([]);
    const anchored = { ...rule, regex: '^(tst_[A-Za-z0-9]{32})$', flags: 'm' };
    const res = checkRuleExamples(anchored, { wrappings: true });
    expect(res.wrapped).toBe(SYNTAXES.length);
    expect(res.failures.length).toBeGreaterThan(5);
    expect(res.failures).toContain('examples.positive[0] in JSON: 0 matches');
  });
});
