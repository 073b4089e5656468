// A rule whose every match starts at one of its keywords is tried only where the keyword
// automaton saw them start (src/detect/match-start.ts, runRuleAt in detect.ts), instead of as
// a global regex over the whole text or its windows. It must find exactly what the global
// regex finds: the comparison below runs every built-in rule's examples, in small texts, in
// large texts with sparse keywords (windows) and dense ones (the whole text), glued to each
// other and to letters, with their keywords in other cases, against the same rules compiled
// without anchors.
import { describe, expect, it } from 'vitest';
import { anchorKeywords, matchStartLiterals, matchStarts } from '../../src/detect/match-start.js';
import { anchorFor, candidates, compileRules } from '../../src/detect/ruleset.js';
import { STRUCTURED_DETECTORS } from '../../src/detect/structured-detectors.js';
import { processBlob, type BlobContext } from '../../src/engine/process-blob.js';
import { builtinRules, builtinStructuredRules } from '../../src/rules/load.js';
import { expandFakes, prng, randomString } from '../../src/rules/fake.js';
import type { RuleMeta } from '../../src/contracts/rule.js';

describe('the literal every match starts with', () => {
  it('reads lookarounds, word boundaries, groups, alternations and quantifiers', () => {
    expect(matchStartLiterals('(?:key|token)[\\w.-]{0,40}=')).toEqual(['key', 'token']);
    expect(matchStartLiterals('(?<![A-Za-z0-9_+-]|[A-Za-z0-9+]\\/)(pat[A-Za-z0-9]{14}\\.[a-f0-9]{64})\\b')).toEqual(['pat']);
    expect(matchStartLiterals('\\b(?:sk|rk)_(?:live|test)_[0-9a-zA-Z]{24}')).toEqual(['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_']);
    expect(matchStartLiterals('(?<name>ghp|gho)_x')).toEqual(['ghp_x', 'gho_x']);
    expect(matchStartLiterals('sk-ant-api03-\\w+')).toEqual(['sk-ant-api03-']);
    // A class of a few plain characters is an alternation of them.
    expect(matchStartLiterals('xox[pe]-')).toEqual(['xoxp-', 'xoxe-']);
    // A character that may be absent or repeated ends the literal before or after it.
    expect(matchStartLiterals('agent[_-]?ops')).toEqual(['agent']);
    expect(matchStartLiterals('abc?d')).toEqual(['ab']);
    expect(matchStartLiterals('ab+c')).toEqual(['ab']);
    expect(matchStartLiterals('(?:ab)?cd')).toEqual(['']);
    expect(matchStartLiterals('(?:ab){2}cd')).toEqual(['ab']);
    // A class, a dot or an escape class: the match may start with anything.
    expect(matchStartLiterals('[A-Z]{4}x')).toEqual(['']);
    expect(matchStartLiterals('\\d+x')).toEqual(['']);
    expect(matchStartLiterals('a|[b-d]')).toEqual(['a', '']);
    expect(matchStartLiterals('(?:a|b|c')).toBeUndefined();
  });

  it('counts the characters of a set before the first literal as a lead', () => {
    expect(matchStarts('\\b[A-Za-z][A-Za-z0-9+.-]{1,20}://([^\\s:@]{1,64}):')).toEqual([{ text: '://', lead: [2, 21] }]);
    expect(matchStarts('(?<![\\w|%-])([0-9]{15,16}(?:\\||%7[Cc])[A-Za-z0-9_-]{27,40})')).toEqual([
      { text: '|', lead: [15, 16] },
      { text: '%7C', lead: [15, 16] },
      { text: '%7c', lead: [15, 16] },
    ]);
    // An unbounded lead, or a group with a lead after a literal, ends what is known.
    expect(matchStarts('\\d+x')).toEqual([{ text: '', lead: [0, 0] }]);
    expect(matchStarts('ab(?:[0-9]{2}c)')).toEqual([{ text: 'ab', lead: [0, 0] }]);
  });

  it('anchors a rule only when every literal starts with one of its ASCII keywords', () => {
    expect(anchorKeywords('(?:key|token)=(\\w+)', ['key', 'token'])).toEqual({ keywords: ['key', 'token'], lead: [0, 0] });
    expect(anchorKeywords('(?:key|token)=(\\w+)', ['key'])).toBeUndefined();
    expect(anchorKeywords('password=(\\w+)', ['pass'])).toEqual({ keywords: ['pass'], lead: [0, 0] });
    expect(anchorKeywords('\\b[a-z]{1,20}://(\\w+)', ['://'])).toEqual({ keywords: ['://'], lead: [1, 20] });
    expect(anchorKeywords('[a-z]{1,200}://(\\w+)', ['://'])).toBeUndefined();
    expect(anchorKeywords('pa(ss)=(\\w+)', ['password'])).toBeUndefined();
    expect(anchorKeywords('\\b[a-z]+://(\\w+)', ['://'])).toBeUndefined();
    expect(anchorKeywords('xox[pe]-(\\w+)', ['xoxp-', 'xoxe-'])).toEqual({ keywords: ['xoxe-', 'xoxp-'], lead: [0, 0] });
    expect(anchorKeywords('(?:비밀번호|pw)=(\\w+)', ['비밀번호', 'pw'])).toBeUndefined();
    expect(anchorKeywords('x(\\w+)', [])).toBeUndefined();
  });
});

describe('anchored rules find what the global regex finds', () => {
  const rules = builtinRules();
  const anchored = compileRules(rules);
  const reference = compileRules(rules, undefined, { anchors: false });
  // Both read keyword positions with the automaton (a short text is otherwise searched keyword by keyword).
  void anchored.automaton;
  void reference.automaton;
  const rulesById = new Map<string, RuleMeta>([...builtinStructuredRules(STRUCTURED_DETECTORS), ...rules].map((r) => [r.id, r]));
  const ctx = (ruleSet: typeof anchored): BlobContext => ({ ruleSet, structured: STRUCTURED_DETECTORS, rulesById });

  it('leaves a rule whose regex the reader cannot follow unanchored instead of stopping the scan', () => {
    // Groups nested deeper than the reader's recursion goes (a custom rule can be any regex).
    const depth = 20_000;
    const rule = { ...rules.find((r) => r.id === 'generic-secret-assignment')!, id: 'deep', keywords: ['acme_'], regex: `${'('.repeat(depth)}acme_${')'.repeat(depth)}([A-Za-z0-9]{32})` };
    expect(() => anchorKeywords(rule.regex, rule.keywords)).toThrow(RangeError);
    expect(anchorFor({ rule, re: /acme_/g }, ['acme_'])).toBeNull();
  });

  it('anchors most built-in rules, the generic assignment among them', () => {
    const ids = anchored.rules.filter((c) => anchorFor(c, anchored.keywords)).map((c) => c.rule.id);
    expect(ids.length).toBeGreaterThan(rules.length / 2);
    expect(ids).toContain('generic-secret-assignment');
    expect(ids).toContain('password-in-url');
    expect(reference.rules.some((c) => anchorFor(c, reference.keywords))).toBe(false);
  });

  /** Texts around a rule's examples: alone, glued, after letters, keywords in other cases, padded to windows and to dense keywords. */
  function texts(seed: number): string[] {
    const rnd = prng(seed);
    const filler = (n: number) => Array.from({ length: n }, () => `${randomString('bdfghjmqvwxz ', 60, rnd)}\n`).join('');
    const out: string[] = [];
    for (const rule of rules) {
      const examples = [...rule.examples.positive, ...rule.examples.negative].map((t, i) => expandFakes(t, seed * 1000 + i));
      const noise = rule.keywords.map((k, i) => (i % 2 ? k.toUpperCase() : k)).join(' ');
      const glued = examples.join('');
      out.push(
        examples.join('\n'),
        `${noise}\n${glued}\nx${examples[0] ?? ''}\n${examples.map((e) => e.toUpperCase()).join('\n')}`,
        `${filler(80)}${examples.join(`\n${filler(2)}`)}\n${filler(80)}`,
        `${`${noise} `.repeat(70)}\n${filler(40)}${glued}\n${examples.join(` ${noise}\n`)}`,
      );
    }
    return out;
  }

  it('on every built-in rule\'s examples, in small, windowed and dense texts', () => {
    let matches = 0;
    let anchoredRuns = 0;
    const paths = ['src/app.js', 'notes.txt', 'deploy/.env', 'tool.py'];
    texts(3).forEach((text, i) => {
      anchoredRuns += candidates(anchored, text).filter((c) => c.starts).length;
      const blob = { origin: { kind: 'file' as const, path: paths[i % paths.length] }, bytes: Buffer.from(text) };
      const got = processBlob(blob, ctx(anchored));
      expect(got, `${blob.origin.path}: ${text.slice(0, 160)}`).toEqual(processBlob(blob, ctx(reference)));
      matches += got.matches.length;
    });
    // The comparison means something only when anchored runs happened and found keys.
    expect(anchoredRuns).toBeGreaterThan(1000);
    expect(matches).toBeGreaterThan(1000);
  });
});
