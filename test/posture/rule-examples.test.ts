// Every structured rule proves itself like a regex rule does: each positive example fires it
// through a real scan (extract, detect, correlate, finalize), each negative example does not.
// Its metadata is data (rules/*.yaml entries with `detector:`), joined to the detector by id:
// every id a detector reports has exactly one entry, and every entry names a detector that
// reports it.
import { afterEach, describe, expect, it } from 'vitest';
import { SHARED_SECRET, SHARED_SECRET_MIN_PLACES } from '../../src/detect/posture/rule-ids.js';
import { STRUCTURED_DETECTORS } from '../../src/detect/structured-detectors.js';
import { builtinStructuredRules } from '../../src/rules/load.js';
import { scanTree, type Scanned } from '../extract/support.js';

let scanned: Scanned | undefined;
afterEach(() => scanned?.tree.cleanup());

const structured = builtinStructuredRules();

describe('structured rule examples', () => {
  for (const rule of structured) {
    it(`${rule.id}: positives fire, negatives stay quiet`, async () => {
      expect(rule.examples.positive.length).toBeGreaterThan(0);
      expect(rule.examples.negative.length).toBeGreaterThan(0);
      for (const [label, list, want] of [['positive', rule.examples.positive, true], ['negative', rule.examples.negative, false]] as const) {
        for (const [i, example] of list.entries()) {
          scanned?.tree.cleanup();
          scanned = await scanTree({ [rule.exampleFile]: example });
          const fired = scanned.result.secrets.some((s) => s.ruleId === rule.id);
          expect(fired, `${label}[${i}]`).toBe(want);
          expect(scanned.warnings, `${label}[${i}] parses`).toEqual([]);
        }
      }
    });
  }

  it('joins every detector rule id to exactly one metadata entry, and every entry to its detector', () => {
    const detectors = STRUCTURED_DETECTORS;
    expect(detectors.map((d) => d.name).sort()).toEqual(['agent-structure', 'ci-posture', 'login-table']);
    const reported = detectors.flatMap((d) => d.ruleIds.map((id) => `${d.name} ${id}`)).sort();
    expect(structured.map((r) => `${r.detector} ${r.id}`).sort()).toEqual(reported);
    expect(builtinStructuredRules(detectors).map((r) => r.id)).toEqual(detectors.flatMap((d) => [...d.ruleIds]));
    // A detector whose matches yield to provider rules reports generic rules, and only such a one does.
    for (const d of detectors) {
      for (const r of structured.filter((x) => x.detector === d.name)) expect(r.category === 'generic', r.id).toBe(d.generic);
    }
  });

  it('posture rules carry a federated remediation, an OWASP NHI tag and the posture category', () => {
    const posture = structured.filter((r) => r.detector === 'ci-posture');
    expect(posture).toHaveLength(8);
    for (const rule of posture) {
      expect(rule.id).toMatch(/^ci\//);
      expect(rule.category).toBe('posture');
      expect(rule.confidence).toBe('high');
      expect(rule.tags?.slice(0, 3)).toEqual(['security', 'posture', 'ci']);
      expect(rule.tags?.some((t) => /^NHI\d+$/.test(t)), rule.id).toBe(true);
      expect(rule.remediation).toMatch(/OIDC|id_tokens|federat|workload identity|role_arn|role-to-assume|environment/i);
    }
    // The shared-secret threshold lives in code; the description the report shows states it.
    expect(posture.find((r) => r.id === SHARED_SECRET)?.description).toContain(`read by ${SHARED_SECRET_MIN_PLACES} or more jobs`);
  });
});
