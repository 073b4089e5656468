// "Done when": a tree with shared and single keys is listed in blast-radius order, with its
// explanation (factors, remediation, NHI tags), in text, JSON and SARIF.
import { describe, expect, it } from 'vitest';
import { render } from '../../src/report/index.js';
import type { SarifLog } from '../../src/report/sarif.js';
import { primaryOccurrence } from '../../src/score/score.js';
import type { ScanResult } from '../../src/contracts/result.js';
import { assertValidSarif } from '../helpers/sarif-schema.js';
import { key, scanFiles } from './setup.js';

const admin = key('sk-admin-<<b62:32>>', 61);
const proj = key('sk-proj-<<b62:32>>', 62);
const ro = key('sk-ro-<<b62:32>>', 63);
const akia = `AKIA${key('<<upper:16>>', 64).replace(/[0189]/g, 'Z')}`;
const secretKey = key('<<b62:40>>', 65);

const FILES = {
  '.env': `OPENAI_ADMIN_KEY=${admin}\n`,
  '.mcp.json': JSON.stringify({ mcpServers: { ai: { command: 'ai-mcp', env: { OPENAI_API_KEY: admin } } } }, null, 2),
  '.github/workflows/agent.yml': `jobs:\n  run:\n    env:\n      OPENAI_API_KEY: ${admin}\n      AWS_ACCESS_KEY_ID: ${akia}\n      AWS_SECRET_ACCESS_KEY: ${secretKey}\n`,
  'src/client.py': `client = OpenAI(api_key="${proj}")\n`,
  'test/fixtures/readonly.py': `KEY = "${ro}"\n`,
};

let cached: ScanResult | undefined;
async function result(): Promise<ScanResult> {
  cached ??= await scanFiles(FILES);
  return cached;
}

describe('blast radius in every output', () => {
  it('ranks the shared admin key first and the read-only test key last', async () => {
    const r = await result();
    expect(r.secrets.map((s) => s.ruleId)).toEqual(['t-admin-key', 'aws-secret-access-key', 'aws-access-key-id', 't-project-key', 't-readonly-key']);
    expect(r.secrets[0].severity).toBe('critical');
    // A read-only key is still a committed credential in a live format: at least high.
    expect(r.secrets.at(-1)!.severity).toBe('high');
  });

  it('text: sorted by score, factor lines under each finding, an explain hint with the id', async () => {
    const r = await result();
    const out = render('text', r, { color: false, verbose: false });
    const at = r.secrets.map((s) => out.indexOf(`score ${s.score} (${s.severity})`));
    expect(at.every((p) => p >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const block = out.slice(at[0], at[1]);
    for (const f of r.secrets[0].factors) expect(block).toContain(`${f.points < 0 ? '-' : '+'}${Math.abs(f.points)} ${f.factor}: ${f.reason}`);
    expect(block).toContain(`keysprawl explain ${r.secrets[0].id.slice(0, 12)}`);
    // The finding is shown at its most exposed place: the MCP config.
    expect(out).toMatch(/^ {2}\.mcp\.json:\d+:\d+ {2}t-admin-key/m);
    const verbose = render('text', r, { color: false, verbose: true });
    expect(verbose).toContain('what to do:');
    expect(verbose).toMatch(/In CI: .*role-to-assume/);
  });

  it('JSON: every secret carries score, severity, factors, remediation, NHI tags and its pair', async () => {
    const r = await result();
    const json = JSON.parse(render('json', r, { color: false, verbose: false }));
    expect(json.secrets.map((s: { score: number }) => s.score)).toEqual(r.secrets.map((s) => s.score));
    for (const s of json.secrets) {
      expect(s.factors.length).toBeGreaterThan(3);
      expect(s.remediation).toMatch(/Rotate: /);
      expect(s.nhi).toContain('NHI2');
    }
    const aws = json.secrets.find((s: { ruleId: string }) => s.ruleId === 'aws-secret-access-key');
    expect(aws.pairedWith[0]).toMatchObject({ role: 'aws-access-key-id', ruleId: 'aws-access-key-id' });
  });

  it('SARIF: one result per occurrence, the most exposed first, rank and level from the score, factors and NHI tags', async () => {
    const r = await result();
    const log = JSON.parse(render('sarif', r, { color: false, verbose: false })) as SarifLog;
    assertValidSarif(log);
    const results = log.runs[0].results;
    expect(results).toHaveLength(r.secrets.reduce((n, s) => n + s.occurrences.length, 0));
    for (const res of results) {
      const s = r.secrets.find((x) => x.id === res.properties.secretId)!;
      expect(res.rank).toBe(s.score);
      expect(res.level).toBe(s.severity === 'critical' || s.severity === 'high' ? 'error' : s.severity === 'medium' ? 'warning' : 'note');
      expect(res.properties.blastRadius).toEqual({ score: s.score, severity: s.severity, factors: s.factors });
      expect(res.properties.tags).toEqual(expect.arrayContaining(['security', 'secret', ...s.nhi]));
      expect(res.properties.remediation).toBe(s.remediation);
      if (res.properties.primary) expect(res.locations[0].physicalLocation!.artifactLocation.uri).toBe(primaryOccurrence(s)!.origin.path);
    }
    for (const s of r.secrets) expect(results.filter((x) => x.properties.secretId === s.id && x.properties.primary)).toHaveLength(1);
    const adminResult = results.find((x) => x.ruleId === 't-admin-key')!;
    expect(adminResult.locations[0].physicalLocation!.artifactLocation.uri).toBe('.mcp.json');
    expect(adminResult.relatedLocations!.map((l) => l.message!.text).sort()).toEqual(['Same secret in ci-config.', 'Same secret in env-file.']);
    // Rule help names where to revoke the provider's key.
    const rule = log.runs[0].tool.driver.rules.find((x) => x.id === 'aws-secret-access-key')!;
    expect(rule.help.markdown).toMatch(/IAM console/);
  });

  it('keeps the rule id when the same key spreads to one more file', async () => {
    const one = await scanFiles({ 'src/client.py': FILES['src/client.py'] });
    const two = await scanFiles({ 'src/client.py': FILES['src/client.py'], '.mcp.json': FILES['.mcp.json'].replace(admin, proj) });
    const ruleIds = (x: ScanResult) => (JSON.parse(render('sarif', x, { color: false, verbose: false })) as SarifLog).runs[0].results.map((res) => res.ruleId);
    expect(ruleIds(one)).toEqual(['t-project-key']);
    expect(ruleIds(two)).toEqual(['t-project-key', 't-project-key']);
    expect(two.secrets[0].score).toBeGreaterThan(one.secrets[0].score);
  });
});
