import { describe, expect, it } from 'vitest';
import { primaryOccurrence } from '../../src/report/order.js';
import { renderSarif, toSarif, type SarifLog, type SarifResult } from '../../src/report/sarif.js';
import { artifactLocation, repositoryUri, rootUri } from '../../src/report/sarif-locations.js';
import { sarifFingerprint } from '../../src/report/sarif-results.js';
import type { Secret } from '../../src/contracts/scored.js';
import {
  RULES, SAMPLE_ROOT, SampleResultBuilder, emptyResult, makeRule, makeSecret, sampleResult,
} from '../helpers/sample-result.js';
import { assertValidSarif, validateSarif } from '../helpers/sarif-schema.js';

function sarifOf(result: Parameters<typeof renderSarif>[0], opts = {}): SarifLog {
  const text = renderSarif(result, opts);
  const log = JSON.parse(text) as SarifLog;
  assertValidSarif(log);
  return log;
}

const resultFor = (log: SarifLog, ruleId: string): SarifResult => log.runs[0].results.find((r) => r.ruleId === ruleId)!;

describe('SARIF reporter', () => {
  it('produces valid SARIF 2.1.0 for the sample, an empty scan and an unredacted scan', () => {
    const log = sarifOf(sampleResult().result);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver).toMatchObject({ name: 'keysprawl', version: '0.1.0', semanticVersion: '0.1.0' });
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(true);

    const empty = sarifOf(emptyResult());
    expect(empty.runs[0].results).toEqual([]);
    expect(empty.runs[0].tool.driver.rules).toEqual([]);

    sarifOf(sampleResult({ redacted: false }).result);
  });

  it('the schema helper rejects broken SARIF', () => {
    const log = toSarif(sampleResult().result) as unknown as { runs: { results: { level: string }[] }[]; version: string };
    log.runs[0].results[0].level = 'fatal';
    expect(validateSarif(log).length).toBeGreaterThan(0);
    expect(validateSarif({ version: '2.1.0' }).length).toBeGreaterThan(0);
    // Valid for the schema, rejected by GitHub's ingestion rules (checked by Microsoft's multitool).
    const noText = toSarif(sampleResult().result) as unknown as { runs: { results: { message: unknown }[] }[] };
    noText.runs[0].results[0].message = { id: 'default' };
    expect(validateSarif(noText).filter((e) => /^GH\d+: runs\[0\]\.results\[0\]\.message: .*'text'/.test(e)).length).toBeGreaterThan(0);
  });

  it('lists each rule with a result exactly once, sorted by id, and indexes results into it', () => {
    const { result } = sampleResult();
    result.rules.push(makeRule('unused-rule', { provider: 'nobody' }));
    const log = sarifOf(result);
    const ids = log.runs[0].tool.driver.rules.map((r) => r.id);
    expect(ids).toEqual([...new Set(ids)]);
    expect(ids).toEqual([...ids].sort());
    expect(ids).not.toContain('unused-rule');
    expect(new Set(ids)).toEqual(new Set(result.secrets.map((s) => s.ruleId)));
    for (const r of log.runs[0].results) expect(ids[r.ruleIndex]).toBe(r.ruleId);
  });

  it('describes rules for GitHub: names, descriptions, help, tags, security-severity', () => {
    const log = sarifOf(sampleResult().result);
    const rules = new Map(log.runs[0].tool.driver.rules.map((r) => [r.id, r]));
    const openai = rules.get('openai-project-key')!;
    expect(openai.name).toBe('OpenAIProjectAPIKey');
    expect(openai.shortDescription.text).toBe('OpenAI project API key');
    expect(openai.fullDescription.text).toMatch(/long-lived credential for openai with write access, scoped to a project\.$/);
    expect(openai.help.text).toContain(RULES.openai.remediation);
    expect(openai.help.markdown).toContain(RULES.openai.remediation);
    expect(openai.help.markdown).toContain(RULES.openai.references[0]);
    expect(openai.help.text).toMatch(/agent/);
    expect(openai.properties.tags.slice(0, 4)).toEqual(['security', 'secret', 'llm', 'openai']);
    expect(openai.properties.tags).toEqual(expect.arrayContaining(['NHI2', 'NHI7', 'NHI9']));
    // max score among its results (95 and a suppressed 45)
    expect(openai.properties['security-severity']).toBe('9.5');
    expect(openai.defaultConfiguration.level).toBe('error');
    expect(rules.get('github-pat-classic')!.fullDescription.text).toBe(RULES.github.description);
    expect(rules.get('anthropic-api-key')!.defaultConfiguration.level).toBe('warning');
    expect(rules.get('generic-api-key')!.defaultConfiguration.level).toBe('note');
    const posture = rules.get('ci/aws-static-keys')!;
    expect(posture.help.text).toContain('role-to-assume');
    expect(posture.properties.tags).toContain('NHI6');
    for (const r of rules.values()) {
      const sev = r.properties['security-severity'];
      expect(typeof sev).toBe('string');
      expect(sev).toMatch(/^\d{1,2}\.\d$/);
      expect(Number(sev)).toBeGreaterThanOrEqual(0.1);
      expect(Number(sev)).toBeLessThanOrEqual(10);
      expect(r.properties.tags.length).toBeLessThanOrEqual(10);
      expect(new Set(r.properties.tags).size).toBe(r.properties.tags.length);
    }
  });

  it('builds a rule descriptor when the rule metadata is missing', () => {
    const b = new SampleResultBuilder();
    b.addSecret(makeSecret({ rule: makeRule('mystery-key', { provider: 'acme' }), raw: 'x'.repeat(10) + 'QpZr8vNw2k', score: 50, occurrences: [{ path: 'a.txt' }] }));
    const log = sarifOf(b.build());
    expect(log.runs[0].tool.driver.rules[0]).toMatchObject({ id: 'mystery-key', name: 'MysteryKey', properties: { 'security-severity': '5.0' } });
  });

  it('reports one result per occurrence, the primary first, each pointing at the other places', () => {
    const { result } = sampleResult();
    const log = sarifOf(result);
    const expected = result.secrets.reduce((n, s) => n + (s.kind === 'posture' ? 1 : Math.max(1, s.occurrences.length)), 0);
    expect(log.runs[0].results).toHaveLength(expected);
    const all = log.runs[0].results.filter((x) => x.properties.secretId === result.secrets[0].id);
    expect(all).toHaveLength(8);
    // Each at its own place, with a fingerprint of its own, all naming the same secret.
    expect(new Set(all.map((x) => JSON.stringify(x.locations[0]))).size).toBe(8);
    expect(new Set(all.map((x) => x.partialFingerprints['keysprawl/v1'])).size).toBe(8);
    expect(new Set(all.map((x) => x.ruleId))).toEqual(new Set(['openai-project-key']));
    for (const x of all) expect(x.relatedLocations).toHaveLength(7);
    const r = resultFor(log, 'openai-project-key');
    expect(r.properties.primary).toBe(true);
    const loc = r.locations[0].physicalLocation!;
    // The most exposed place (exposure weights: notebook-output ties prompt and agent-config, first wins).
    expect(loc.artifactLocation).toEqual({ uri: 'notebooks/eval%20run.ipynb', uriBaseId: '%SRCROOT%' });
    expect(loc.region).toMatchObject({ startLine: 120, startColumn: 14, endLine: 120 });
    expect(loc.region!.snippet!.text).toMatch(/OPENAI_API_KEY: sk-p…/);
    expect(r.relatedLocations).toHaveLength(7);
    expect(new Set(r.relatedLocations!.map((l) => l.id)).size).toBe(7);
    const texts = r.relatedLocations!.map((l) => l.message!.text);
    expect(texts).toContain('Same secret in env-file.');
    expect(texts.some((t) => /commit a1b2c3d, not at HEAD/.test(t))).toBe(true);
    expect(r.level).toBe('error');
    expect(r.rank).toBe(95);
    expect(r.message.text).toMatch(/OpenAI project API key \(openai\) sk-p…\w\w in notebook-output, cell \d+, one of 8 places holding this secret\. Blast radius 95\/100 \(critical\)/);
    expect(r.properties).toMatchObject({
      provider: 'openai', confidence: 'high', occurrences: 8, nhi: ['NHI2', 'NHI7', 'NHI9'],
      blastRadius: { score: 95, severity: 'critical' },
    });
    expect((r.properties.blastRadius as { factors: unknown[] }).factors).toHaveLength(6);
    expect(r.properties.contentKinds).toEqual(['agent-config', 'code', 'env-file', 'notebook-output', 'prompt', 'test']);
    expect(r.properties.secretId).toBe(result.secrets[0].id);
  });

  it('maps each secret severity to its level', () => {
    const log = sarifOf(sampleResult().result);
    expect(resultFor(log, 'github-pat-classic').level).toBe('error');
    expect(resultFor(log, 'anthropic-api-key').level).toBe('warning');
    expect(resultFor(log, 'generic-api-key').level).toBe('note');
  });

  it('prints no value for posture findings and marks suppressed ones', () => {
    const log = sarifOf(sampleResult().result);
    const posture = resultFor(log, 'ci/aws-static-keys');
    expect(posture.message.text).toBe('Static AWS keys in GitHub Actions (aws): 1 occurrence, blast radius 72/100 (high). Primary occurrence: ci-config.');
    const suppressed = log.runs[0].results.filter((r) => r.suppressions);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0].suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'keysprawl:allow demo key, revoked' }]);
  });

  it('keeps URIs relative to %SRCROOT%, percent-encoded, with an absolute base', () => {
    const log = sarifOf(sampleResult().result);
    expect(log.runs[0].originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///home/dev/agent%20repo/' } });
    const uris = log.runs[0].results.flatMap((r) => [...r.locations, ...(r.relatedLocations ?? [])]).map((l) => l.physicalLocation!.artifactLocation);
    for (const a of uris) {
      expect(a.uriBaseId).toBe('%SRCROOT%');
      expect(a.uri).not.toMatch(/^\/|^[a-z]+:|\\| /i);
    }
    expect(uris.map((a) => a.uri)).toContain('docs/setup%20guide.md');
    expect(uris.map((a) => a.uri)).toContain('notebooks/eval%20run.ipynb');
  });

  it('encodes awkward paths', () => {
    expect(artifactLocation('dir\\sub file#1?.txt', SAMPLE_ROOT).uri).toBe('dir/sub%20file%231%3F.txt');
    expect(artifactLocation('./a/100%/ü.env', SAMPLE_ROOT).uri).toBe('a/100%25/%C3%BC.env');
    expect(artifactLocation('c:weird/x.ts', SAMPLE_ROOT).uri).toBe('c%3Aweird/x.ts');
    expect(artifactLocation(`${SAMPLE_ROOT}/src/a.ts`, SAMPLE_ROOT)).toEqual({ uri: 'src/a.ts', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('/etc/other/a.ts', SAMPLE_ROOT)).toEqual({ uri: 'file:///etc/other/a.ts' });
    expect(rootUri('C:\\Users\\dev\\my repo')).toBe('file:///C:/Users/dev/my%20repo/');
    expect(rootUri('relative/root')).toBeUndefined();
    expect(repositoryUri('https://github.com/acme/agents')).toBe('https://github.com/acme/agents');
    expect(repositoryUri('git@github.com:acme/agents.git')).toBe('ssh://git@github.com/acme/agents.git');
    expect(repositoryUri('/srv/git/agents')).toBe('file:///srv/git/agents/');
    expect(repositoryUri('acme/agents')).toBeUndefined();

    const b = new SampleResultBuilder({ root: 'C:\\work\\repo', version: '1.0-dev' });
    b.add({
      rule: RULES.generic, raw: 'f3a9c1e7b5d2084c6a1e9f3b7d5c2a8e4f6b0d1c', score: 30,
      occurrences: [
        { path: 'weird dir/ä#%?[x].txt' },
        { path: 'x.txt', origin: { kind: 'git', repo: 'acme/agents', commit: 'abc', presentAtHead: true } },
        { path: 'y.txt', origin: { kind: 'git', repo: 'git@gitlab.example.com:acme/agents.git', commit: 'def' } },
      ],
    });
    const log = sarifOf(b.build());
    expect(log.runs[0].tool.driver.semanticVersion).toBeUndefined();
    expect(log.runs[0].originalUriBaseIds!['%SRCROOT%'].uri).toBe('file:///C:/work/repo/');
    expect(log.runs[0].versionControlProvenance).toEqual([{ repositoryUri: 'ssh://git@gitlab.example.com/acme/agents.git', properties: { commitsWithFindings: 1 } }]);
  });

  it('names repositories in versionControlProvenance only when known', () => {
    const log = sarifOf(sampleResult().result);
    expect(log.runs[0].versionControlProvenance!.map((v) => v.repositoryUri)).toEqual([
      'file:///home/dev/agent%20repo/',
      'https://github.com/acme/agents',
    ]);
    expect(log.runs[0].versionControlProvenance![0].mappedTo).toEqual({ uriBaseId: '%SRCROOT%' });
    const plain = new SampleResultBuilder().add({ rule: RULES.generic, raw: 'f3a9c1e7b5d2084c6a1e9f3b7d5c2a8e4f6b0d1c', score: 30, occurrences: [{ path: 'a.ts' }] }).build();
    expect(sarifOf(plain).runs[0].versionControlProvenance).toBeUndefined();
  });

  it('has partial fingerprints stable across line moves, distinct across paths', () => {
    const base = sampleResult().result;
    const moved = sampleResult().result;
    for (const s of moved.secrets) for (const o of s.occurrences) { o.line += 17; o.endLine += 17; o.column += 3; o.endColumn += 3; }
    const fp = (log: SarifLog) => log.runs[0].results.map((r) => r.partialFingerprints['keysprawl/v1']);
    const a = fp(sarifOf(base));
    expect(fp(sarifOf(moved))).toEqual(a);
    for (const f of a) expect(f).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(a).size).toBe(a.length);
    const renamed = sampleResult().result;
    renamed.secrets[0].occurrences[2].origin = { ...renamed.secrets[0].occurrences[2].origin, path: 'notebooks/renamed.ipynb' };
    expect(sarifFingerprint(renamed.secrets[0])).not.toBe(sarifFingerprint(base.secrets[0]));
  });

  it('picks the primary occurrence: the most exposed at HEAD, else the first', () => {
    const { result } = sampleResult();
    const openai = result.secrets.find((s) => s.ruleId === 'openai-project-key' && !s.suppressed)!;
    expect(primaryOccurrence(openai)!.origin.path).toBe('notebooks/eval run.ipynb');
    const onlyLow: Secret = { ...openai, occurrences: openai.occurrences.filter((o) => o.contentKind === 'test' || o.origin.presentAtHead === false) };
    expect(primaryOccurrence(onlyLow)!.origin.path).toBe('test/fixtures/keys.txt');
    expect(primaryOccurrence({ ...openai, occurrences: [] })).toBeUndefined();
  });

  it('is deterministic whatever the input order', () => {
    const a = sampleResult().result;
    const b = sampleResult().result;
    b.secrets.reverse();
    b.rules.reverse();
    expect(renderSarif(b)).toBe(renderSarif(a));
    const results: SarifResult[] = JSON.parse(renderSarif(a)).runs[0].results;
    for (const kind of ['secret', 'posture']) {
      const scores = results.filter((r) => r.properties.kind === kind).map((r) => r.rank);
      expect(scores).toEqual([...scores].sort((x: number, y: number) => y - x));
    }
    const kinds = results.map((r) => r.properties.kind);
    expect(kinds.indexOf('posture')).toBeGreaterThan(kinds.lastIndexOf('secret'));
  });

  it('survives odd input: no occurrences, zero line, bad dates', () => {
    const b = new SampleResultBuilder({ startedAt: 'not a date' });
    b.add({ rule: RULES.generic, raw: 'f3a9c1e7b5d2084c6a1e9f3b7d5c2a8e4f6b0d1c', score: 0, occurrences: [] });
    b.add({ rule: RULES.awsPosture, score: 100, occurrences: [{ path: 'ci.yml', line: 0, column: 0, text: '' }] });
    const log = toSarif(b.build());
    // Valid SARIF, but GitHub wants a location on every result and the spec a region on every location.
    const problems = validateSarif(log);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p).toMatch(/^(GH\d+: runs\[0\]\.results\[\d+\]: The 'locations' array .* is empty|SARIF2017: runs\[0\]\.results\[\d+\]\.locations\[0\]\.physicalLocation: The 'region' property is absent)/);
    expect(log.runs[0].invocations[0].startTimeUtc).toBeUndefined();
    // Literal secrets first, posture advice after, whatever the scores.
    expect(log.runs[0].results.map((r) => r.rank)).toEqual([0, 100]);
    expect(log.runs[0].results[0].locations).toEqual([]);
    expect(log.runs[0].results[1].locations[0].physicalLocation!.region).toBeUndefined();
  });

  it('caps results at 25,000, keeping the highest scores, and says so', () => {
    const b = new SampleResultBuilder();
    const n = 25_003;
    for (let i = 0; i < n; i++) {
      b.addSecret(makeSecret({
        rule: RULES.generic, raw: `f3a9c1e7b5d2084c6a1e9f3b7d${String(i).padStart(14, '0')}`,
        score: i === 0 ? 1 : 50 + (i % 40), occurrences: [{ path: `src/f${i}.ts` }],
      }), RULES.generic);
    }
    const log = toSarif(b.build());
    const run = log.runs[0];
    expect(run.results).toHaveLength(25_000);
    expect(run.results.some((r) => r.rank === 1)).toBe(false);
    expect(run.properties).toMatchObject({ truncated: true, totalResults: n, reportedResults: 25_000, omittedResults: 3 });
    const small = sarifOf(sampleResult().result, { maxResults: 9 });
    expect(small.runs[0].results.map((r) => r.ruleId)).toEqual([...Array(8).fill('openai-project-key'), 'github-pat-classic']);
    expect(small.runs[0].tool.driver.rules.map((r) => r.id)).toEqual(['github-pat-classic', 'openai-project-key']);
    expect(sarifOf(sampleResult().result).runs[0].properties.truncated).toBeUndefined();
  });

  it('reports warnings and skipped files as notifications, and scan stats in run properties', () => {
    const run = sarifOf(sampleResult().result).runs[0];
    const notes = run.invocations[0].toolExecutionNotifications!;
    expect(notes[0]).toEqual({ level: 'warning', message: { text: 'notebooks/broken.ipynb: malformed notebook JSON, scanned as text' } });
    expect(notes[1].message.text).toBe('4 files not scanned (binary 3, too-large 1).');
    expect(run.properties).toMatchObject({ redacted: true, filesScanned: 42, skipped: 4, findings: 5, suppressedFindings: 1 });
    expect(run.invocations[0]).toMatchObject({ startTimeUtc: '2025-06-01T12:00:00.000Z', endTimeUtc: '2025-06-01T12:00:01.234Z' });
  });

  it('ends with a newline and indents by two spaces', () => {
    const text = renderSarif(sampleResult().result);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",');
  });
});

describe('occurrence-level suppression', () => {
  it('reports a partly suppressed secret at an occurrence that is not suppressed, and says which are', () => {
    const b = new SampleResultBuilder();
    b.add({
      rule: RULES.generic, raw: 'f3a9c1e7b5d2084c6a1e9f3b7d5c2a8e4f6b0d1c', score: 60,
      occurrences: [
        { path: 'src/allowed.ts', suppressed: { kind: 'inSource', justification: 'rotated' } },
        { path: 'test/t.ts', contentKind: 'test' },
        { path: 'src/live.ts' },
      ],
    });
    const result = b.build();
    expect(result.secrets[0].suppressed).toBeUndefined();
    expect(primaryOccurrence(result.secrets[0])!.origin.path).toBe('src/live.ts');
    const log = sarifOf(result);
    const r = log.runs[0].results[0];
    expect(r.suppressions).toBeUndefined();
    expect(r.locations[0].physicalLocation!.artifactLocation.uri).toBe('src/live.ts');
    expect(r.relatedLocations!.map((l) => l.message!.text)).toEqual(['Same secret in code, suppressed: rotated.', 'Same secret in test.']);
  });
});
