import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/detect.js';
import { expandFakes, fakeGithubToken, prng } from '../../src/rules/fake.js';
import { parseRuleList } from '../../src/rules/load.js';
import { candidateRules, compileRules } from '../../src/detect/ruleset.js';
import { crc32Base62Valid } from '../../src/detect/validators.js';
import { plainFragment } from '../../src/extract/plain.js';
import type { ContentKind } from '../../src/contracts/fragment.js';

const YAML = `
- id: short-prefix
  name: Short prefix
  provider: p
  category: llm
  keywords: [sk-]
  regex: '\\b(sk-[A-Za-z0-9]{30,60})\\b'
  secretGroup: 1
  remediation: r
  examples: { positive: ['sk-<<b62:40>>'], negative: ['sk-x'] }
- id: long-prefix
  name: Long prefix
  provider: p
  category: llm
  keywords: [sk-proj-]
  regex: '\\b(sk-proj-[A-Za-z0-9]{30,60})\\b'
  secretGroup: 1
  remediation: r
  examples: { positive: ['sk-proj-<<b62:40>>'], negative: ['sk-proj-x'] }
- id: gh
  name: GitHub
  provider: github
  category: scm
  keywords: [ghp_]
  regex: '\\b(ghp_[A-Za-z0-9]{36})\\b'
  secretGroup: 1
  validate: github-crc32
  remediation: r
  examples: { positive: ['<<github:ghp_>>'], negative: ['ghp_x'] }
- id: gh-demote
  name: GitHub demoted
  provider: github
  category: scm
  keywords: [ghd_]
  regex: '\\b(ghd_[A-Za-z0-9]{36})\\b'
  secretGroup: 1
  validate: github-crc32
  onInvalid: demote
  remediation: r
  examples: { positive: ['<<github:ghd_>>'], negative: ['ghd_x'] }
- id: generic-thing
  name: Generic
  provider: generic
  category: generic
  keywords: [token]
  regex: 'token\\s*=\\s*"([^"\\s]{16,80})"'
  secretGroup: 1
  entropy: 3
  remediation: r
  examples: { positive: ['token = "<<b62:30>>"'], negative: ['token = "aaaaaaaaaaaaaaaaaaaa"'] }
- id: env-only
  name: Env only
  provider: generic
  category: generic
  regex: '=([A-Za-z0-9]{40})$'
  flags: m
  secretGroup: 1
  contentKinds: [env-file]
  remediation: r
  examples: { positive: ['A=<<b62:40>>'], negative: ['A=b'] }
`;
const parsed = parseRuleList(YAML, 'engine.yaml');
const rules = parsed.value;
const set = compileRules(rules);
const frag = (text: string, kind: ContentKind = 'code', lines?: Set<number>) =>
  plainFragment({ kind: 'file', path: 'f' }, kind, text, lines);

describe('keyword prefilter', () => {
  it('parses the test rules', () => expect(parsed.problems).toEqual([]));

  it('selects rules whose keywords occur, including keywords contained in a longer one', () => {
    const ids = candidateRules(set, 'x = "sk-proj-abc"').map((c) => c.rule.id).sort();
    expect(ids).toEqual(['env-only', 'long-prefix', 'short-prefix']);
  });

  it('runs no keyword rule on text without its keywords', () => {
    expect(candidateRules(set, 'nothing here').map((c) => c.rule.id)).toEqual(['env-only']);
  });

  it('matches keywords case-insensitively', () => {
    expect(candidateRules(set, 'GHP_ABC'.toLowerCase()).map((c) => c.rule.id)).toContain('gh');
  });
});

describe('detect', () => {
  it('reports line and column of the secret, not of the whole match', () => {
    const text = expandFakes('first line\n  token = "<<b62:30>>"\n', 3);
    const [m] = detect(frag(text), set);
    expect(m).toMatchObject({ ruleId: 'generic-thing', line: 2, column: 12, endLine: 2 });
    expect(text.split('\n')[1].slice(m.column - 1, m.endColumn - 1)).toBe(m.secret);
  });

  it('prefers the more specific rule where two overlap', () => {
    const text = expandFakes('sk-proj-<<b62:40>>', 4);
    expect(detect(frag(text), set).map((m) => m.ruleId)).toEqual(['long-prefix']);
  });

  it('drops a token whose checksum fails (onInvalid: drop) and demotes with onInvalid: demote', () => {
    const good = fakeGithubToken('ghp_', prng(5));
    const bad = `${good.slice(0, -1)}${good.endsWith('A') ? 'B' : 'A'}`;
    expect(crc32Base62Valid(good)).toBe(true);
    expect(detect(frag(good), set)).toMatchObject([{ ruleId: 'gh', confidence: 'high' }]);
    expect(detect(frag(bad), set)).toEqual([]);
    const badD = `ghd_${bad.slice(4)}`;
    expect(detect(frag(badD), set)).toMatchObject([{ ruleId: 'gh-demote', confidence: 'low' }]);
  });

  it('a generic match loses to a specific one on the same value', () => {
    const text = expandFakes('token = "sk-proj-<<b62:40>>"', 6);
    expect(detect(frag(text), set).map((m) => m.ruleId)).toEqual(['long-prefix']);
  });

  it('applies the entropy threshold and placeholder filter', () => {
    expect(detect(frag('token = "abababababababababab"'), set)).toEqual([]);
    expect(detect(frag('token = "your-api-key-goes-here-now"'), set)).toEqual([]);
    expect(detect(frag('token = "${OPENAI_API_KEY_FROM_ENV}"'), set)).toEqual([]);
  });

  it('runs a content-kind-restricted rule only on that kind', () => {
    const text = expandFakes('A=<<b62:40>>', 8);
    expect(detect(frag(text, 'code'), set)).toEqual([]);
    expect(detect(frag(text, 'env-file'), set).map((m) => m.ruleId)).toEqual(['env-only']);
  });

  it('reports only the lines a fragment restricts to (staged/diff)', () => {
    const text = expandFakes('sk-<<b62:40>>\nsk-<<b62:40>>\n', 9);
    expect(detect(frag(text, 'code', new Set([2])), set).map((m) => m.line)).toEqual([2]);
  });
});

describe('keyword automaton', () => {
  it('finds every keyword present, overlapping or contained, in any ASCII case', async () => {
    const { keywordAutomaton, keywordsIn } = await import('../../src/detect/keyword-automaton.js');
    const words = ['sk-', 'sk-proj-', 'proj', 'ghp_', 'token', 'ünïcode'];
    const a = keywordAutomaton(words);
    const found = (t: string) => [...keywordsIn(a, t)].map((i) => words[i]).sort();
    expect(found('x = "SK-PROJ-abc"')).toEqual(['proj', 'sk-', 'sk-proj-']);
    expect(found('GHP_ and Token')).toEqual(['ghp_', 'token']);
    expect(found('tok en gh p_')).toEqual([]);
    expect(found('ÜNÏCODE text')).toEqual(['ünïcode']);
    expect(found('ssk-')).toEqual(['sk-']);
  });
});

describe('keyword windows', () => {
  it('finds every key in a long text by reading only the windows around keyword hits', async () => {
    const { KEYWORD_WINDOW, candidates } = await import('../../src/detect/ruleset.js');
    const filler = 'let x = compute(alpha, beta); // filler line without keywords\n';
    const parts: string[] = [];
    const keys: string[] = [];
    for (let i = 0; i < 6; i++) {
      parts.push(filler.repeat(300 + i * 50));
      const k = fakeGithubToken('ghp_', prng(40 + i));
      keys.push(k);
      parts.push(`auth = "${k}"\n`);
    }
    const text = parts.join('');
    expect(text.length).toBeGreaterThan(20 * KEYWORD_WINDOW);
    // Without anchors (a rule run as a global regex), the six windows around the hits.
    const windowed = compileRules(rules, undefined, { anchors: false });
    const gh = candidates(windowed, text).find((c) => c.compiled.rule.id === 'gh')!;
    expect(gh.windows?.length).toBe(6);
    // Anchored (every match of gh starts with its keyword), only the six places the keyword starts.
    void set.automaton;
    const at = candidates(set, text).find((c) => c.compiled.rule.id === 'gh')!;
    expect([...at.starts!].map((i) => text.slice(i, i + 4))).toEqual(Array(6).fill('ghp_'));
    for (const s of [windowed, set]) {
      const found = detect(frag(text), s).filter((m) => m.ruleId === 'gh');
      expect(found.map((m) => m.secret)).toEqual(keys);
      for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.secret);
    }
  });
});
