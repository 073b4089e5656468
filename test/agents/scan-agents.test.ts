// `scan --agents` end to end: the built CLI run as a user would, on a temp home holding every
// client's files with fake keys planted in each kind of place (test/helpers/agent-home.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgentHome, type AgentHome } from '../helpers/agent-home.js';
import { runCli } from '../helpers/cli.js';
import type { JsonReport } from '../../src/report/json.js';

let planted: AgentHome;
let report: JsonReport;

beforeAll(() => {
  planted = buildAgentHome();
  const run = runCli(['scan', '--agents', '--home', planted.home, planted.repo, '-f', 'json', '--fail-on', 'none', '--threads', '1'], { cwd: planted.repo, env: { HOME: planted.home } });
  expect(run.stderr).toBe('');
  report = JSON.parse(run.stdout) as JsonReport;
});
afterAll(() => planted.cleanup());

describe('scan --agents on a home with every client', () => {
  it('finds every planted key with its client, file and line', () => {
    const missing: string[] = [];
    for (const p of planted.planted) {
      const found = report.secrets.some((s) =>
        s.occurrences.some((o) => o.origin.path === p.path && o.line === p.line && (p.client === '' || o.origin.agent?.client === p.client)),
      );
      if (!found) missing.push(`${p.client || '(repo)'} ${p.path}:${p.line}`);
    }
    expect(missing).toEqual([]);
  });
});

