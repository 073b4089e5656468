// The built-in rule set's prefilter summary (dist/rules-keywords.json): a scan whose texts hold
// no keyword answers from it without reading or compiling the rules. It must answer exactly as
// the compiled set does, and a summary that no longer fits its rules must never be used silently.
import { describe, expect, it } from 'vitest';
import { CONTENT_KINDS } from '../../src/contracts/fragment.js';
import { alwaysKinds, compileRules, mayMatchBytes, ruleKeywords, summarize, summarizedRuleSet } from '../../src/detect/ruleset.js';
import { join } from 'node:path';
import { BUILTIN_RULES_DIR, builtinRules, builtinRuleSet, readRuleSummary } from '../../src/rules/load.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { prng } from '../../src/rules/fake.js';
import type { Rule } from '../../src/contracts/rule.js';

function randomBytes(rand: () => number, words: readonly string[], length: number): Buffer {
  const pieces = ['a', 'Z', ' ', '=', '\n', '"', 'x9', 'é', 'ключ', '\\u0041'];
  let text = '';
  while (text.length < length) {
    const r = rand();
    if (r < 0.05) text += words[Math.floor(rand() * words.length)].toUpperCase();
    else text += pieces[Math.floor(rand() * pieces.length)];
  }
  return Buffer.from(text, 'utf8');
}

describe('the rule set summary', () => {
  const rules = builtinRules();

  it('is written by the build for exactly the built-in rules', () => {
    // The build's own set (dist/), read as the CLI reads it.
    const read = readRuleSummary(BUILTIN_RULES_DIR, join(REPO_ROOT, 'dist', 'rules.json'));
    expect(read).toEqual(summarize(rules));
    expect(read!.keywords).toEqual(ruleKeywords(rules));
  });

  it('answers the prefilter as the compiled set does, and loads no rule to do so', () => {
    let loads = 0;
    const lazy = summarizedRuleSet(summarize(rules), () => {
      loads++;
      return [...rules];
    });
    const full = compileRules([...rules]);
    expect(lazy.keywords).toEqual(full.keywords);
    expect(lazy.byteSearch).toBe(full.byteSearch);
    for (const kind of CONTENT_KINDS) expect(lazy.alwaysRuns(kind)).toBe(full.alwaysRuns(kind));
    const rand = prng(77);
    let withKeyword = 0;
    for (let i = 0; i < 400; i++) {
      const bytes = randomBytes(rand, full.keywords, 1 + Math.floor(rand() * 300));
      const kind = CONTENT_KINDS[i % CONTENT_KINDS.length];
      expect(mayMatchBytes(lazy, bytes, kind)).toBe(mayMatchBytes(full, bytes, kind));
      const text = bytes.toString('utf8');
      expect([...lazy.hits(text).keys()].sort()).toEqual([...full.hits(text).keys()].sort());
      if (full.anyInBytes(bytes)) withKeyword++;
    }
    expect(withKeyword).toBeGreaterThan(50);
    expect(withKeyword).toBeLessThan(400);
    expect(loads).toBe(0);
    // A rule asked for: compiled once, the same rules.
    expect(lazy.rules.map((c) => c.rule.id)).toEqual(full.rules.map((c) => c.rule.id));
    expect(lazy.byKeyword.size).toBe(full.byKeyword.size);
    expect(loads).toBe(1);
  });

  it('names the content kinds of keyword-less rules, or all of them', () => {
    const base = rules.find((r) => r.keywords.length > 0)!;
    const without = (contentKinds?: Rule['contentKinds']): Rule => ({ ...base, id: `x-${String(contentKinds)}`, keywords: [], contentKinds });
    expect(alwaysKinds([base])).toEqual([]);
    expect(alwaysKinds([base, without(['env-file']), without(['agent-config', 'env-file'])])).toEqual(['agent-config', 'env-file']);
    expect(alwaysKinds([base, without(['env-file']), without(undefined)])).toBe('all');
  });

  it('is never used with other rules than its own: compiling them says the build is stale', () => {
    const stale = summarizedRuleSet({ keywords: ruleKeywords(rules).slice(1), always: alwaysKinds(rules) }, () => [...rules]);
    expect(() => stale.rules).toThrow(/does not list the keywords/);
  });

  it('backs the built-in rule set of a scan', () => {
    const set = builtinRuleSet(() => [...rules]);
    expect(set.keywords).toEqual(ruleKeywords(rules));
    expect(set.rules).toHaveLength(rules.length);
  });
});
