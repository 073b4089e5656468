// The "done when": one tree holding every kind of content (notebooks, prompts and agent
// transcripts, agent configs, env files, docs, tests, code, Kubernetes manifests, CI configs for
// each posture rule and their OIDC twins) reports each finding with the right content kind,
// location and rule, and the OIDC twins stay clean.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandFakes } from '../../src/rules/fake.js';
import { POSTURE_RULE_IDS } from '../../src/detect/posture/rule-ids.js';
import type { ContentKind } from '../../src/contracts/fragment.js';
import { FIXTURES, fixtureSpec, occurrencesIn, positionOf, scanTree, tokensIn, type Scanned } from './support.js';

const under = (prefix: string, spec: Record<string, string>) =>
  Object.fromEntries(Object.entries(spec).map(([p, t]) => [`${prefix}${p}`, t]));

/** Kubernetes/CI fixtures hold [[base64:...]] markers: expand fakes first, then encode. */
const encoded = (spec: Record<string, string>) =>
  Object.fromEntries(Object.entries(spec).map(([p, t], i) => [p, expandFakes(t, 50 + i).replace(/\[\[base64:([^\]]*)\]\]/g, (_m, s: string) => Buffer.from(s).toString('base64'))]));

const EXPECTED_KIND: Record<string, ContentKind[]> = {
  'prompts/release-agent.md': ['prompt'],
  'CLAUDE.md': ['prompt'],
  '.cursor/rules/tools.mdc': ['prompt'],
  '.github/copilot-instructions.md': ['prompt'],
  'logs/agent-session.jsonl': ['prompt'],
  '.claude/commands/deploy.md': ['prompt'],
  '.env.production': ['env-file'],
  'docs/setup.md': ['doc'],
  'tests/test_client.py': ['test'],
  'src/client.py': ['code'],
  'notebooks/demo.ipynb': ['notebook-output', 'notebook-cell'], // in file order: the output comes first
};

let scanned: Scanned;
beforeAll(async () => {
  scanned = await scanTree({
    ...fixtureSpec(join(FIXTURES, 'kinds')),
    ...under('agents/', fixtureSpec(join(FIXTURES, 'agent-configs'))),
    ...under('deploy/', encoded(fixtureSpec(join(FIXTURES, 'encoded')))),
    ...fixtureSpec(join(FIXTURES, 'posture', 'static')),
    ...under('oidc-twin/', fixtureSpec(join(FIXTURES, 'posture', 'oidc'))),
  });
});
afterAll(() => scanned?.tree.cleanup());

describe('a tree holding every kind of content', () => {
  it('reports each key in prompts, transcripts, env files, docs, tests, code and notebooks with its kind and position', () => {
    for (const [path, kinds] of Object.entries(EXPECTED_KIND)) {
      const text = scanned.tree.files[path];
      const tokens = tokensIn(text);
      expect(tokens, path).toHaveLength(kinds.length);
      const found = occurrencesIn(scanned.result, path);
      tokens.forEach((token, i) => {
        const at = positionOf(text, token);
        const hit = found.find((f) => f.occ.line === at.line && f.occ.column === at.column);
        expect(hit, `${path} token ${i}`).toBeDefined();
        expect(hit!.occ.contentKind, path).toBe(kinds[i]);
        expect(hit!.secret.ruleId).toBe('test-token');
      });
      expect(found, path).toHaveLength(kinds.length); // the notebook's image is not scanned
    }
  });

  it('reports agent-config keys as agent-config and decoded manifest values on their manifest line', () => {
    const agents = scanned.result.secrets.flatMap((s) => s.occurrences.filter((o) => o.origin.path.startsWith('agents/')));
    expect(agents).toHaveLength(8);
    expect(agents.every((o) => o.contentKind === 'agent-config' && typeof o.properties?.keyPath === 'string')).toBe(true);
    const manifest = occurrencesIn(scanned.result, 'deploy/k8s/secrets.yaml');
    expect(manifest.map((f) => f.occ.properties?.keyPath).sort()).toEqual(['data.TESTER_TOKEN', 'data.password', 'data[".dockerconfigjson"]', 'stringData.api-token']);
  });

  it('raises every posture rule on the static workflows and nothing on their OIDC twins', () => {
    const posture = scanned.result.secrets.filter((s) => s.kind === 'posture');
    expect(new Set(posture.map((s) => s.ruleId))).toEqual(new Set(POSTURE_RULE_IDS));
    const twins = scanned.result.secrets.flatMap((s) => s.occurrences.filter((o) => o.origin.path.startsWith('oidc-twin/')).map((o) => `${s.ruleId} ${o.origin.path}`));
    expect(twins).toEqual([]);
    expect(scanned.warnings).toEqual([]);
  });
});
