// Builds fixture trees in temp dirs. File contents may hold fake-token templates
// (<<b62:40>>, <<github:ghp_>>, ...) expanded at build time, so no key is ever committed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expandFakes } from '../../src/rules/fake.js';

export interface Tree {
  dir: string;
  /** The expanded content of each file written (strings only). */
  files: Record<string, string>;
  cleanup(): void;
}

export function makeTree(spec: Record<string, string | Buffer>, seed = 7): Tree {
  const dir = mkdtempSync(join(tmpdir(), 'keysprawl-test-'));
  const files: Record<string, string> = {};
  let n = seed;
  for (const [rel, content] of Object.entries(spec)) {
    const abs = join(dir, rel);
    mkdirSync(dirname(abs), { recursive: true });
    if (typeof content === 'string') {
      files[rel] = expandFakes(content, n++);
      writeFileSync(abs, files[rel]);
    } else {
      writeFileSync(abs, content);
    }
  }
  return { dir, files, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fixed test rule set so engine tests do not depend on the shipped packs. */
export const TEST_RULE_YAML = `
- id: test-token
  name: Test token
  provider: testco
  category: llm
  keywords: [tst_]
  regex: '\\b(tst_[A-Za-z0-9]{32})\\b'
  secretGroup: 1
  privilege: write
  scope: project
  remediation: Rotate it.
  examples:
    positive: ['k = "tst_<<b62:32>>"']
    negative: ['tst_short']
`;
