// docs/rules.md's inventory and rules table are generated from rules/*.yaml by
// scripts/rules-doc.mjs: the page must be what the script writes, and the script must notice a
// page that is not (a row edited by hand, a rule missing from the table).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

const SCRIPT = join(REPO_ROOT, 'scripts', 'rules-doc.mjs');
const page = readFileSync(join(REPO_ROOT, 'docs', 'rules.md'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'keysprawl-rules-doc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const check = (text: string) => {
  const file = join(dir, 'rules.md');
  writeFileSync(file, text);
  return spawnSync(process.execPath, [SCRIPT, '--check', '--page', file], { encoding: 'utf8' });
};

describe('docs/rules.md rules table', () => {
  it('is what scripts/rules-doc.mjs generates from the packs (run it after changing a rule)', () => {
    const res = check(page);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
  });

  it('is reported stale when a row is edited or missing', () => {
    const row = page.split('\n').find((l) => l.startsWith('| llm | openai | `openai-project-key` |'))!;
    expect(row).toBeDefined();
    for (const stale of [page.replace(row, row.replace('write /', 'admin /')), page.replace(`${row}\n`, '')]) {
      const res = check(stale);
      expect(res.status).toBe(1);
      expect(res.stderr).toMatch(/is stale; run `node scripts\/rules-doc\.mjs`/);
    }
  });
});
