import { describe, expect, it } from 'vitest';
import { render } from '../../src/report/index.js';
import { renderJson, toJsonReport } from '../../src/report/json.js';
import { parseJsonReport } from '../../src/report/json-read.js';
import { UsageError } from '../../src/errors.js';
import { emptyResult, sampleResult } from '../helpers/sample-result.js';

describe('JSON reporter', () => {
  it('writes the keysprawl/v1 document, pretty-printed with a trailing newline', () => {
    const { result } = sampleResult();
    const text = renderJson(result);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "schema": "keysprawl/v1",');
    const doc = JSON.parse(text);
    expect(Object.keys(doc)).toEqual(['schema', 'tool', 'root', 'startedAt', 'redacted', 'summary', 'secrets', 'rules', 'stats']);
    expect(doc.tool).toEqual({ name: 'keysprawl', version: '0.1.0' });
    expect(doc.root).toBe('/home/dev/agent repo');
    expect(doc.redacted).toBe(true);
    expect(doc.summary).toEqual({
      secrets: 5,
      bySeverity: { critical: 1, high: 2, medium: 1, low: 1 },
      byProvider: { anthropic: 1, aws: 1, generic: 1, github: 1, openai: 1 },
      filesScanned: 42,
      bytesScanned: 1_234_567,
      skipped: 4,
      suppressed: 1,
      elapsedMs: 1234,
    });
    // Literal secrets by score, then posture advice (72) whatever its score.
    expect(doc.secrets.map((s: { score: number }) => s.score)).toEqual([95, 78, 55, 45, 25, 72]);
    expect(doc.secrets[0].occurrences).toHaveLength(8);
    expect(doc.secrets[0].factors).toHaveLength(6);
    expect(doc.rules.map((r: { id: string }) => r.id)).toEqual(['anthropic-api-key', 'ci/aws-static-keys', 'generic-api-key', 'github-pat-classic', 'openai-project-key']);
    expect(Object.keys(doc.rules[0])).toEqual(['id', 'name', 'provider', 'category', 'privilege', 'scope', 'lifetime', 'remediation', 'references']);
    expect(doc.rules.find((r: { id: string }) => r.id === 'github-pat-classic').description).toMatch(/classic GitHub/);
    expect(text).not.toContain('"regex"');
    expect(text).not.toContain('"examples"');
    expect(doc.stats.skippedItems).toHaveLength(4);
  });

  it('round-trips: parse(render(x)) renders the same bytes in every format', () => {
    const { result } = sampleResult();
    const json = renderJson(result);
    const back = parseJsonReport(json);
    expect(renderJson(back)).toBe(json);
    const opts = { color: false, verbose: true };
    for (const f of ['text', 'sarif'] as const) expect(render(f, back, opts)).toBe(render(f, result, opts));
    expect(back.secrets).toEqual(toJsonReport(result).secrets);
    expect(back.stats).toEqual(result.stats);
    const empty = renderJson(emptyResult());
    expect(renderJson(parseJsonReport(empty))).toBe(empty);
  });

  it('is deterministic whatever the input order', () => {
    const a = sampleResult().result;
    const b = sampleResult().result;
    b.secrets.reverse();
    b.rules.reverse();
    expect(renderJson(b)).toBe(renderJson(a));
  });

  it('refuses what is not a keysprawl/v1 report, with a clear message', () => {
    const good = JSON.parse(renderJson(sampleResult().result));
    const bad = (mut: (d: Record<string, unknown>) => void) => {
      const d = structuredClone(good);
      mut(d);
      return JSON.stringify(d);
    };
    expect(() => parseJsonReport('{not json', 'shard-1.json')).toThrow(/^shard-1\.json: not a keysprawl JSON report: invalid JSON/);
    expect(() => parseJsonReport('[]')).toThrow(/the top level must be an object/);
    expect(() => parseJsonReport(bad((d) => delete d.schema))).toThrow('not a keysprawl JSON report: schema is missing, expected "keysprawl/v1"');
    expect(() => parseJsonReport(bad((d) => (d.schema = 'keysprawl/v2')))).toThrow('schema is "keysprawl/v2", expected "keysprawl/v1"');
    expect(() => parseJsonReport(JSON.stringify({ version: '2.1.0', runs: [] }))).toThrow(/schema is missing/);
    expect(() => parseJsonReport(bad((d) => ((d.secrets as { score: unknown }[])[2].score = '72')))).toThrow('secrets[2].score must be a number');
    expect(() => parseJsonReport(bad((d) => ((d.secrets as { occurrences: { contentKind: string }[] }[])[0].occurrences[3].contentKind = 'blog')))).toThrow(/secrets\[0\]\.occurrences\[3\]\.contentKind must be one of/);
    expect(() => parseJsonReport(bad((d) => delete (d.rules as Record<string, unknown>[])[1].remediation))).toThrow('rules[1].remediation must be a string');
    expect(() => parseJsonReport(bad((d) => delete d.stats))).toThrow('stats must be an object');
    try {
      parseJsonReport('null');
    } catch (err) {
      expect(err).toBeInstanceOf(UsageError);
      expect(err).toBeInstanceOf(Error);
    }
  });
});
