// Every structured rule proves itself like a regex rule does: each positive example fires it
// through a real scan (extract, detect, correlate, finalize), each negative example does not.
import { afterEach, describe, expect, it } from 'vitest';
import { AGENT_CONFIG_RULE, CONFIG_CREDENTIAL_RULE } from '../../src/detect/agent-structure.js';
import { examplePath, POSTURE_RULES } from '../../src/detect/posture/rules.js';
import type { Rule } from '../../src/types.js';
import { scanTree, type Scanned } from '../extract/support.js';

let scanned: Scanned | undefined;
afterEach(() => scanned?.tree.cleanup());

const pathFor = (rule: Rule): string =>
  rule === AGENT_CONFIG_RULE ? 'mcp.json' : rule === CONFIG_CREDENTIAL_RULE ? 'k8s/secret.yaml' : examplePath(rule);

describe('structured rule examples', () => {
  for (const rule of [...POSTURE_RULES, AGENT_CONFIG_RULE, CONFIG_CREDENTIAL_RULE]) {
    it(`${rule.id}: positives fire, negatives stay quiet`, async () => {
      expect(rule.examples.positive.length).toBeGreaterThan(0);
      expect(rule.examples.negative.length).toBeGreaterThan(0);
      for (const [label, list, want] of [['positive', rule.examples.positive, true], ['negative', rule.examples.negative, false]] as const) {
        for (const [i, example] of list.entries()) {
          scanned?.tree.cleanup();
          scanned = await scanTree({ [pathFor(rule)]: example });
          const fired = scanned.result.secrets.some((s) => s.ruleId === rule.id);
          expect(fired, `${label}[${i}]`).toBe(want);
          expect(scanned.warnings, `${label}[${i}] parses`).toEqual([]);
        }
      }
    });
  }

  it('posture rules carry a federated remediation, an OWASP NHI tag and the posture category', () => {
    for (const rule of POSTURE_RULES) {
      expect(rule.id).toMatch(/^ci\//);
      expect(rule.category).toBe('posture');
      expect(rule.tags?.some((t) => /^NHI\d+$/.test(t)), rule.id).toBe(true);
      expect(rule.remediation).toMatch(/OIDC|id_tokens|federat|workload identity|role_arn|role-to-assume|environment/i);
    }
  });
});
