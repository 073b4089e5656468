// Every rule proven where keys are really written: the value a rule's first positive example
// yields is wrapped in the common syntaxes (env, shell export, JSON, YAML, TOML, Python,
// TypeScript, Go, Java, docker-compose, a Kubernetes Secret, a notebook cell, a curl line) and the
// whole rule set must report it under the rule's id, with exactly that value at exactly its
// position. Prefixed tokens get every syntax under a neutral name; a rule bound to a name
// (mistral_api_key = <32 chars>) gets the name of its own example.
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/detect.js';
import { expandFakes } from '../../src/rules/fake.js';
import { builtinRules } from '../../src/rules/load.js';
import { compileRules } from '../../src/detect/ruleset.js';
import { plainFragment } from '../../src/extract/plain.js';
import type { ContentKind, Rule } from '../../src/types.js';

export interface Syntax {
  name: string;
  kind: ContentKind;
  path: string;
  /** The text, with the value at the one place marked VALUE. */
  wrap(name: string, value: string): string;
  /** Needs the value to identify itself (a prefixed token): no credential name is written. */
  prefixedOnly?: boolean;
}

export const SYNTAXES: Syntax[] = [
  { name: 'env', kind: 'env-file', path: '.env', wrap: (n, v) => `# service\n${n}=${v}\n` },
  { name: 'shell export', kind: 'code', path: 'deploy.sh', wrap: (n, v) => `#!/bin/sh\nexport ${n}="${v}"\n./run\n` },
  { name: 'JSON', kind: 'code', path: 'config.json', wrap: (n, v) => `{\n  "region": "eu-west-1",\n  "${n}": "${v}"\n}\n` },
  { name: 'YAML', kind: 'code', path: 'config.yaml', wrap: (n, v) => `service:\n  region: eu-west-1\n  ${n}: ${v}\n` },
  { name: 'YAML quoted', kind: 'code', path: 'config.yml', wrap: (n, v) => `${n}: "${v}"\n` },
  { name: 'TOML', kind: 'code', path: 'config.toml', wrap: (n, v) => `[service]\n${n} = "${v}"\n` },
  { name: 'Python', kind: 'code', path: 'settings.py', wrap: (n, v) => `import os\n\n${n} = "${v}"\n` },
  { name: 'TypeScript', kind: 'code', path: 'config.ts', wrap: (n, v) => `export const config = {\n  ${n}: '${v}',\n};\n` },
  { name: 'Go', kind: 'code', path: 'main.go', wrap: (n, v) => `package main\n\nfunc main() {\n\t${n} := "${v}"\n\t_ = ${n}\n}\n` },
  { name: 'Java', kind: 'code', path: 'Config.java', wrap: (n, v) => `class Config {\n    private static final String ${n} = "${v}";\n}\n` },
  { name: 'docker-compose', kind: 'code', path: 'docker-compose.yml', wrap: (n, v) => `services:\n  app:\n    image: acme/app:1.4\n    environment:\n      - ${n}=${v}\n` },
  { name: 'Kubernetes Secret', kind: 'code', path: 'secret.yaml', wrap: (n, v) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n  ${n}: "${v}"\n` },
  { name: 'notebook cell', kind: 'notebook-cell', path: 'nb.ipynb', wrap: (n, v) => `import os\nos.environ["${n}"] = "${v}"\n` },
  { name: 'curl', kind: 'code', path: 'call.sh', wrap: (_n, v) => `curl -s -H "Authorization: Bearer ${v}" https://api.service.test/v1/me\n`, prefixedOnly: true },
];

const rules = builtinRules();
const all = compileRules(rules);

/**
 * What a rule reports in its first positive example (seed 7), when it is one line: the secret,
 * the name it is assigned to there, and the whole assigned value (a connection string or URL
 * around the secret; the secret itself for a token).
 */
function sampleValue(rule: Rule): { value: string; payload: string; name?: string } | undefined {
  const text = expandFakes(rule.examples.positive[0], 7);
  const hit = detect(plainFragment({ kind: 'file', path: 'example' }, rule.contentKinds?.[0] ?? 'code', text), all).find((m) => m.ruleId === rule.id);
  if (!hit || hit.secret.includes('\n')) return undefined;
  // A rule that needs more than the assignment (a service-account file's other fields) is proven by its own examples.
  if (text.trim().includes('\n')) return { value: hit.secret, payload: hit.secret };
  const assignment = /^\s*(?:export\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*[:=]+\s*["']?(.*?)["']?[;,]?\s*$/.exec(text);
  const payload = assignment?.[2].includes(hit.secret) ? assignment[2] : hit.secret;
  return { value: hit.secret, payload, name: assignment?.[1] };
}

/** Rules proven here: provider rules (generic context rules have their own contexts) that run on code. */
const candidates = rules.filter((r) => r.category !== 'generic' && !r.contentKinds && r.secretGroup >= 1);

describe('rules in common syntaxes', () => {
  it('cover most provider rules', () => {
    const proven = candidates.filter((r) => {
      const s = sampleValue(r);
      return s && (r.keywords.some((k) => s.value.toLowerCase().startsWith(k)) || s.name);
    });
    expect(proven.length / candidates.length).toBeGreaterThan(0.9);
  });

  it.each(candidates.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
    const sample = sampleValue(rule);
    if (!sample) return;
    const prefixed = rule.keywords.some((k) => sample.value.toLowerCase().startsWith(k));
    const name = prefixed ? 'SERVICE_TOKEN' : sample.name;
    if (!name) return;
    const problems: string[] = [];
    for (const syntax of SYNTAXES) {
      if (syntax.prefixedOnly && !prefixed) continue;
      const wrapped = prefixed ? sample.value : sample.payload;
      const text = syntax.wrap(name, wrapped);
      const at = text.indexOf(wrapped) + wrapped.indexOf(sample.value);
      const hits = detect(plainFragment({ kind: 'file', path: syntax.path }, syntax.kind, text), all).filter((m) => m.ruleId === rule.id);
      const line = text.slice(0, at).split('\n').length;
      const column = at - text.lastIndexOf('\n', at - 1);
      if (hits.length !== 1) problems.push(`${syntax.name}: ${hits.length} matches in ${JSON.stringify(text)}`);
      else if (hits[0].secret !== sample.value || hits[0].start !== at || hits[0].line !== line || hits[0].column !== column) {
        problems.push(`${syntax.name}: reported ${JSON.stringify(hits[0].secret)} at ${hits[0].line}:${hits[0].column}, expected the value at ${line}:${column}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
