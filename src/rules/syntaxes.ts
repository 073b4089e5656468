// The common syntaxes a key is written in (as gitleaks' rule generator wraps a sample secret):
// env, shell, JSON, YAML, TOML, Python, TypeScript, Go, Java, compose and Kubernetes files, a
// notebook (its cell text and the .ipynb JSON itself) and a curl line. The rule tester wraps the
// value each positive example yields in every one and expects the rule to report exactly that
// value, at exactly its place.
import type { ContentKind } from '../contracts/fragment.js';

export interface Syntax {
  name: string;
  kind: ContentKind;
  path: string;
  /** The text, with the value at one place, assigned to `name` where the syntax names it. */
  wrap(name: string, value: string): string;
  /** Needs the value to identify itself (a prefixed token): no credential name is written. */
  prefixedOnly?: boolean;
  /** Read through the extractors (the notebook JSON), not as one plain fragment. */
  extracted?: boolean;
}

/** A notebook with one code cell setting the key, as Jupyter writes it (one source line per string). */
function notebook(name: string, value: string): string {
  const cell = { cell_type: 'code', execution_count: 1, metadata: {}, outputs: [], source: ['import os\n', `os.environ["${name}"] = "${value}"\n`] };
  return `${JSON.stringify({ cells: [cell], metadata: { kernelspec: { name: 'python3' } }, nbformat: 4, nbformat_minor: 5 }, null, 1)}\n`;
}

export const SYNTAXES: readonly Syntax[] = [
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
  { name: 'notebook JSON', kind: 'notebook-cell', path: 'nb.ipynb', wrap: notebook, extracted: true },
  { name: 'curl', kind: 'code', path: 'call.sh', wrap: (_n, v) => `curl -s -H "Authorization: Bearer ${v}" https://api.service.test/v1/me\n`, prefixedOnly: true },
];
