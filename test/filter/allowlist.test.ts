// Allowlists from config: dropped as noise (not suppressed), by path glob, value regex or stopword.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRuleList } from '../../src/rules/load.js';
import { must } from '../../src/problems/problem.js';
import { allowlistFilter, disabledRulesFilter, globMatcher } from '../../src/filter/allowlist.js';
import { scan } from '../../src/scan.js';
import type { Rule } from '../../src/contracts/rule.js';
import { makeTree, TEST_RULE_YAML, type Tree } from '../helpers/tree.js';

let tree: Tree;
let rules: Rule[];

beforeAll(() => {
  rules = must(parseRuleList(TEST_RULE_YAML, 'test.yaml'));
  tree = makeTree({
    'vendor/lib/client.py': 'k = "tst_<<b62:32>>"\n',
    'src/__snapshots__/app.snap': 'k = "tst_<<b62:32>>"\n',
    'build/out.js': 'k = "tst_<<b62:32>>"\n',
    'src/build/keep.js': 'k = "tst_<<b62:32>>"\n',
    'src/test-key.py': 'k = "tst_testAAAA<<b62:24>>"\n',
    'src/stop.py': 'k = "tst_<<b62:8>>NotASecret<<b62:14>>"\n',
    'src/real.py': 'k = "tst_<<b62:32>>"\n',
  });
});
afterAll(() => tree.cleanup());

const paths = (secrets: { occurrences: { origin: { path: string } }[] }[]) => secrets.flatMap((s) => s.occurrences.map((o) => o.origin.path)).sort();

describe('allowlist filter', () => {
  it('drops hits by path glob, value regex and stopword; keeps the rest; counts nothing as suppressed', async () => {
    const unfiltered = await scan({ paths: [tree.dir], rules, structured: [] });
    expect(paths(unfiltered.secrets)).toHaveLength(7);
    const filter = allowlistFilter({ paths: ['vendor/', '**/*.snap', '/build'], values: ['^tst_test'], stopwords: ['notasecret'] });
    const result = await scan({ paths: [tree.dir], rules, structured: [], filters: [filter] });
    expect(paths(result.secrets)).toEqual(['src/build/keep.js', 'src/real.py']);
    expect(result.stats.suppressed).toBe(0);
  });

  it('drops every hit of a disabled rule id', async () => {
    const result = await scan({ paths: [tree.dir], rules, structured: [], filters: [disabledRulesFilter(new Set(['test-token']))] });
    expect(result.secrets).toEqual([]);
  });
});

describe('globMatcher (gitignore syntax over scan-root-relative paths)', () => {
  it('matches folders, extensions at any depth, anchored paths and negations', () => {
    const m = globMatcher(['vendor/', '*.lock', '/build', 'docs/**/*.md', '!docs/keep.md']);
    expect(m('vendor/a/b.js')).toBe(true);
    expect(m('src/vendor/a.js')).toBe(true);
    expect(m('deep/dir/yarn.lock')).toBe(true);
    expect(m('build/x.js')).toBe(true);
    expect(m('src/build/x.js')).toBe(false);
    expect(m('docs/a/b.md')).toBe(true);
    expect(m('docs/keep.md')).toBe(false);
    expect(m('src/app.ts')).toBe(false);
  });

  it('never matches a path it cannot judge (absolute, outside the root, empty)', () => {
    const m = globMatcher(['*']);
    expect(m('/etc/passwd')).toBe(false);
    expect(m('../other/file')).toBe(false);
    expect(m('')).toBe(false);
    expect(m('./app.py')).toBe(true);
  });
});
