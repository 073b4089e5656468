// Hostile input, part 5 (issue 16, items 3 and 6): input built to crash or stall a scan, and
// input whose positions were reported wrong. YAML block nesting 10,000 deep (once a native
// abort), thousands of keys on one line (once cubic masking), a flood of near-miss generic
// assignments, a rule's work budget, a key 30 MB into one line, a CR-only file. Each: bounded
// (a generous child timeout catches a hang, no timing threshold), the documented exit code, the
// key beside the hostile input found, never printed whole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/detect.js';
import { compileRules } from '../../src/detect/ruleset.js';
import { fakeGithubToken, prng } from '../../src/rules/fake.js';
import { processBlob } from '../../src/engine/process-blob.js';
import { plainFragment } from '../../src/extract/plain.js';
import { secretId } from '../../src/redaction/secret-id.js';
import type { Rule } from '../../src/contracts/rule.js';
import { knownKey, noCrash, noLeak, parseReport, runCapped, tempDir, type Dir } from './hostile-helpers.js';

const hasKey = (report: ReturnType<typeof parseReport>, raw: string) => report.secrets.some((s) => s.id === secretId(raw));

describe('input that once crashed or stalled the scan', () => {
  let d: Dir;
  const key = knownKey(1600);
  beforeAll(() => {
    d = tempDir();
    d.write('nest/.github/workflows/deep.yml', `${'- '.repeat(10_000)}x\n`);
    d.write('nest/.github/workflows/deep-indent.yml', Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'));
    d.write('nest/ok.env', `GITHUB_TOKEN=${key}\n`);
  });
  afterAll(() => d.cleanup());

  it('YAML block nesting 10,000 deep: one line per file, scanned as text, exit 1 (was a V8 abort, exit 134)', async () => {
    const run = await runCapped(['scan', `${d.dir}/nest`, '--format', 'json']);
    noCrash(run);
    expect(run.code).toBe(1);
    const report = parseReport(run);
    expect(hasKey(report, key)).toBe(true);
    for (const f of ['deep.yml', 'deep-indent.yml']) {
      expect(report.stats.warnings.filter((w) => w.includes(f))).toEqual([expect.stringMatching(/nesting deeper than 256 levels/)]);
    }
    noLeak(run, key);
  });

  it('2,000 distinct keys on one line: every one found, each snippet masks them all (was cubic)', async () => {
    const keys = Array.from({ length: 2000 }, (_, i) => fakeGithubToken('ghp_', prng(20_000 + i)));
    d.write('line/one-line.txt', `${keys.join(' ')}\n`);
    const run = await runCapped(['scan', `${d.dir}/line`, '--format', 'json']);
    noCrash(run);
    expect(run.code).toBe(1);
    const report = parseReport(run) as ReturnType<typeof parseReport> & { secrets: Array<{ occurrences: Array<{ snippet: string; column: number }> }> };
    expect(report.secrets).toHaveLength(2000);
    for (const k of keys.slice(0, 50)) noLeak(run, k);
    for (const s of report.secrets) expect((s.occurrences[0] as unknown as { snippet: string }).snippet).not.toMatch(/ghp_[A-Za-z0-9]{10}/);
  });

  it('100 KB of near-miss generic assignments on one line: bounded, the real key beside it found', async () => {
    const r = prng(77);
    let line = '';
    while (line.length < 100_000) line += `secret=Ab${Array.from({ length: 9 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(r() * 36)]).join('')}x `;
    d.write('flood/near.txt', `${line}GITHUB_TOKEN=${key}\n`);
    const run = await runCapped(['scan', `${d.dir}/flood`, '--format', 'json'], { heapMb: 256 });
    noCrash(run);
    expect(run.code).toBe(1);
    expect(hasKey(parseReport(run), key)).toBe(true);
    noLeak(run, key);
  });
});

describe('per-rule work budget', () => {
  const rule: Rule = {
    id: 'test-loose', name: 'loose', provider: 'test', category: 'generic', keywords: [], regex: '\\b(tok[a-z0-9]{8,})\\b', secretGroup: 1,
    validate: 'none', privilege: 'unknown', scope: 'unknown', lifetime: 'long-lived', remediation: '', references: [],
    examples: { positive: [], negative: [] },
  } as unknown as Rule;

  it('a rule stops after its budget of hits in a fragment and is reported as a counted skip; other rules still run', () => {
    const key = knownKey(1601);
    const text = `${Array.from({ length: 500 }, (_, i) => `tok${String(i).padStart(8, 'a')}x`).join(' ')}\nGITHUB_TOKEN=${key}\n`;
    const budget = { left: 0, exhausted: [] as string[], perRule: 100 };
    const found = detect(plainFragment({ kind: 'file', path: 'f.txt' }, 'code', text), compileRules([rule]), [], budget);
    expect(found.length).toBeLessThanOrEqual(100);
    expect(budget.exhausted).toEqual(['test-loose']);
    const result = processBlob({ origin: { kind: 'file', path: 'f.txt' }, bytes: Buffer.from(text) }, {
      ruleSet: compileRules([rule]), structured: [], rulesById: new Map([[rule.id, rule]]), hitsPerRule: 100,
    });
    const skips = result.events.filter((e) => 'skip' in e);
    expect(skips).toEqual([{ skip: ['f.txt', 'budget', expect.stringMatching(/^f\.txt: over 100 candidate matches of test-loose, the rest of the file was not scanned by that rule/)] }]);
  });
});

describe('exact positions', () => {
  let d: Dir;
  afterAll(() => d?.cleanup());

  it('a key 30 MB into a single line: its real column, masked snippet', async () => {
    d = tempDir();
    const key = knownKey(1602);
    const pad = 30 * 1024 * 1024;
    d.write('long/one.txt', Buffer.concat([Buffer.alloc(pad, 'a '), Buffer.from(` ${key} tail\n`)]));
    const run = await runCapped(['scan', `${d.dir}/long`, '--format', 'json', '--max-file-size', '64m'], { heapMb: 1024 });
    noCrash(run);
    expect(run.code).toBe(1);
    const report = parseReport(run) as ReturnType<typeof parseReport> & { secrets: Array<{ occurrences: Array<{ line: number; column: number; snippet: string }> }> };
    const s = report.secrets.find((x) => x.id === secretId(key))!;
    expect(s.occurrences).toHaveLength(1);
    expect(s.occurrences[0]).toMatchObject({ line: 1, column: pad + 2 });
    expect((s.occurrences[0] as unknown as { snippet: string }).snippet).toContain(`${key.slice(0, 4)}…${key.slice(-2)} tail`);
    noLeak(run, key);
  });

  it('CR-only line endings: each key on its own line', async () => {
    const keys = [knownKey(1603), knownKey(1604)];
    d ??= tempDir();
    d.write('cr/mac.txt', `first\rGITHUB_TOKEN=${keys[0]}\rthird\r  other ${keys[1]}\r`);
    const run = await runCapped(['scan', `${d.dir}/cr`, '--format', 'json']);
    expect(run.code).toBe(1);
    const report = parseReport(run);
    const at = (k: string) => report.secrets.find((s) => s.id === secretId(k))!.occurrences[0];
    expect(at(keys[0])).toMatchObject({ line: 2, column: 14 });
    expect(at(keys[1])).toMatchObject({ line: 4, column: 9 });
    for (const k of keys) noLeak(run, k);
  });
});
