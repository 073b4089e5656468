// The quick start, on this repository: it holds rule examples, fixtures and test generators,
// but no key, so a scan of it must come back clean (no look-alike secrets are committed).
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

describe('keysprawl scan . on its own repository', () => {
  it('finds nothing (exit 0)', () => {
    const r = runCli(['scan', '.', '-f', 'json'], { cwd: REPO_ROOT });
    const report = JSON.parse(r.stdout);
    const open = report.secrets.filter((s: { suppressed?: unknown }) => !s.suppressed);
    expect(open.map((s: { ruleId: string; occurrences: Array<{ origin: { path: string } }> }) => `${s.ruleId} ${s.occurrences[0].origin.path}`)).toEqual([]);
    expect(r.code).toBe(0);
  });
});
