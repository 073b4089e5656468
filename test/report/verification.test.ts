// --verify's verdict and access map in every report, observed facts marked, and without --verify
// a note that every fact is inferred.
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { renderJson } from '../../src/report/json.js';
import {  } from '../../src/report/json-read.js';
import { toSarif } from '../../src/report/sarif.js';
import { renderText } from '../../src/report/text.js';
import { scoreSecret } from '../../src/score/score.js';
import type { ScanResult } from '../../src/contracts/result.js';
import type { Verification } from '../../src/contracts/verification.js';
import { makeRule, makeSecret, SampleResultBuilder } from '../helpers/sample-result.js';

const rule = makeRule('github-classic-pat', { provider: 'github', privilege: 'write', scope: 'account' });
const raw = 'ghp_fakefakefakefakefakefakefakefake1111';
const SOURCE = 'GET https://api.github.com/user';
const verification: Verification = {
  verdict: 'live', provider: 'github', checkedAt: '2026-01-01T00:00:00.000Z', reason: 'key accepted (HTTP 200)', call: SOURCE,
  access: { identity: 'octocat', principal: 'User', scopes: ['admin:org', 'repo'], privilege: 'admin', expiresAt: '2030-05-15T12:00:00.000Z', source: SOURCE },
};

function result(verified: boolean): ScanResult {
  const s = makeSecret({ rule, raw, score: 0, occurrences: [{ path: '.env', contentKind: 'env-file' }] });
  const scored = scoreSecret(verified ? { ...s, verification } : s, rule, undefined, new Date('2026-01-01T00:00:00Z'));
  return new SampleResultBuilder().addSecret(scored, rule).build();
}

describe('verified findings in the reports', () => {
  const r = result(true);

  it('text: the verdict, the access map, and which facts were observed', () => {
    const text = renderText(r, { color: false, verbose: false });
    expect(text).toContain('Verified live by github (GET https://api.github.com/user): key accepted (HTTP 200); identity octocat (User); scopes admin:org, repo; privilege admin; expires 2030-05-15');
    expect(text).toContain("Observed by --verify: privilege, lifetime, liveness; inferred: scope, exposure, confidence.");
    expect(text).toContain('Verified 1 key(s) with their providers: 1 live, 0 revoked, 0 unknown; 1 with an access map');
  });

  it('JSON: the access map on the secret, observed factors marked, verdicts counted in the summary', () => {
    const json = JSON.parse(renderJson(r)) as { summary: { verification?: unknown }; secrets: Array<{ verification: Verification; factors: Array<{ factor: string; observed?: string }> }> };
    expect(json.secrets[0].verification.access).toMatchObject({ identity: 'octocat', privilege: 'admin', scopes: ['admin:org', 'repo'] });
    expect(json.secrets[0].factors.find((f) => f.factor === 'privilege')?.observed).toBe(SOURCE);
    expect(json.secrets[0].factors.find((f) => f.factor === 'scope')?.observed).toBeUndefined();
    expect(json.summary.verification).toEqual({ checked: 1, live: 1, revoked: 0, unknown: 0, withAccessMap: 1 });
  });

  it('SARIF: the message names the verdict and access map; properties carry them and the fact basis', () => {
    const res = toSarif(r).runs[0].results[0];
    expect(res.message.text).toMatch(/Verified live by github .*identity octocat.*privilege admin/);
    expect(res.properties.verification).toMatchObject({ verdict: 'live', access: { identity: 'octocat' } });
    expect(res.properties.facts).toMatchObject({ observed: expect.arrayContaining(['privilege', 'liveness']) });
    expect(toSarif(r).runs[0].properties.verification).toMatchObject({ checked: 1, live: 1 });
  });

  it('HTML: the verdict paragraph and observed factors marked', () => {
    const html = renderHtml(r);
    expect(html).toContain('data-verdict="live"');
    expect(html).toContain('identity octocat (User)');
    expect(html).toMatch(/<tr data-factor="privilege" data-observed="true">/);
  });
});

describe('unverified findings', () => {
  const r = result(false);
  it('every report says the facts are inferred, and marks nothing observed', () => {
    expect(renderText(r, { color: false, verbose: false })).toContain('Not verified: privilege, scope and lifetime are inferred');
    const json = JSON.parse(renderJson(r)) as { summary: Record<string, unknown>; secrets: Array<{ factors: Array<{ observed?: string }> }> };
    expect(json.summary.verification).toBeUndefined();
    expect(json.secrets[0].factors.some((f) => f.observed)).toBe(false);
    expect(toSarif(r).runs[0].properties.verification).toMatch(/not run/);
    expect(toSarif(r).runs[0].results[0].message.text).not.toMatch(/Verified/);
    expect(renderHtml(r)).toContain('id="verification-note">Not verified');
  });
});

describe('verification read back from a JSON report (merge input is untrusted)', () => {
  it('rejects a bad verdict or access map with exit-2 errors naming the field', async () => {
    const { parseJsonReport } = await import('../../src/report/json-read.js');
    const good = JSON.parse(renderJson(result(true))) as { secrets: Array<Record<string, unknown>> };
    expect(() => parseJsonReport(JSON.stringify(good))).not.toThrow();
    const bad = (mutate: (v: Record<string, unknown>) => void) => {
      const copy = structuredClone(good);
      mutate(copy.secrets[0].verification as Record<string, unknown>);
      return () => parseJsonReport(JSON.stringify(copy), 'r.json');
    };
    expect(bad((v) => { v.verdict = 'maybe'; })).toThrow(/r\.json: .*secrets\[0\]\.verification\.verdict must be live, revoked or unknown/);
    expect(bad((v) => { (v.access as Record<string, unknown>).privilege = 'root'; })).toThrow(/verification\.access\.privilege/);
    expect(bad((v) => { (v.access as Record<string, unknown>).scopes = 'repo'; })).toThrow(/verification\.access\.scopes must be an array/);
  });
});
