// The engine runs a plan's stages in order and scores once: a source's provenance (git history's
// presentAtHead, commits) is joined to the correlated secrets before scoring, so the score and
// its factors reflect it; whole-scan detector passes run before scoring too.
import { describe, expect, it } from 'vitest';
import { buildPlan, runPlan, scan } from '../../src/scan.js';
import type { Source } from '../../src/sources/source.js';
import type { Blob } from '../../src/contracts/blob.js';
import type { CorrelatedSecret as Secret } from '../../src/contracts/secret.js';
import { must } from '../../src/problems/problem.js';
import { parseRuleList } from '../../src/rules/load.js';
import { expandFakes } from '../../src/rules/fake.js';
import { TEST_RULE_YAML } from '../helpers/tree.js';

const rules = must(parseRuleList(TEST_RULE_YAML, 'test.yaml'));
const text = `k = "${expandFakes('tst_<<b62:32>>', 3)}"\n`;

function source(provenance?: Source['provenance']): Source & { calls: Secret[][] } {
  const calls: Secret[][] = [];
  return {
    root: '/repo',
    calls,
    async *blobs(): AsyncGenerator<Blob> {
      yield { origin: { kind: 'git', path: 'a.py', commit: 'a'.repeat(40), blob: 'b'.repeat(40) }, bytes: Buffer.from(text) };
    },
    ...(provenance ? { provenance: async (secrets: Secret[]) => (calls.push(secrets), provenance(secrets)) } : {}),
  };
}

const gone = async (secrets: Secret[]) => secrets.map((s) => ({ ...s, occurrences: s.occurrences.map((o) => ({ ...o, origin: { ...o.origin, presentAtHead: false } })) }));

describe('a scan plan', () => {
  it('joins the source provenance before scoring, which scores what it joined', async () => {
    const atHead = await scan({ source: source(), rules, structured: [], threads: 1 });
    const src = source(gone);
    const removed = await scan({ source: src, rules, structured: [], threads: 1 });
    // Provenance saw unscored secrets: scoring had not run yet.
    expect(src.calls).toHaveLength(1);
    expect(src.calls[0].map((s) => ['score', 'factors', 'severity'].filter((k) => k in s))).toEqual([[]]);
    expect(removed.secrets[0].occurrences[0].origin.presentAtHead).toBe(false);
    expect(removed.secrets[0].factors.map((f) => f.factor)).toContain('exposure.history-only');
    expect(atHead.secrets[0].factors.map((f) => f.factor)).not.toContain('exposure.history-only');
    expect(removed.secrets[0].score).toBeLessThan(atHead.secrets[0].score);
  });

  it('takes its root from the source and can be run as built', async () => {
    const plan = buildPlan({ source: source(), rules, structured: [], threads: 1 });
    expect(Object.isFrozen(plan)).toBe(true);
    const { result, baseline } = await runPlan(plan);
    expect(result.root).toBe('/repo');
    expect(result.secrets).toHaveLength(1);
    expect(baseline).toBeUndefined();
  });
});
