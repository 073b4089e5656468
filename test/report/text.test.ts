import { describe, expect, it } from 'vitest';
import { sanitize } from '../../src/report/sanitize.js';
import { renderText, summaryLine } from '../../src/report/text.js';
import { RULES, SampleResultBuilder, emptyResult, sampleResult } from '../helpers/sample-result.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;
const plain = { color: false, verbose: false };

describe('text reporter', () => {
  it('groups findings by severity, worst first, highest score first within a group', () => {
    const b = new SampleResultBuilder();
    const hex = (n: number) => `f3a9c1e7b5d2084c6a1e9f3b7d5c2a8e4f6b${String(n).padStart(4, '0')}`;
    for (const [i, score] of [41, 99, 12, 75, 69, 91, 88].entries()) {
      b.add({ rule: RULES.generic, raw: hex(i), score, occurrences: [{ path: `src/s${score}.ts`, line: i + 1, column: 3 }] });
    }
    const out = renderText(b.build(), plain);
    const headers = out.split('\n').filter((l) => /^[A-Z]+ \(\d+\)$/.test(l));
    expect(headers).toEqual(['CRITICAL (2)', 'HIGH (2)', 'MEDIUM (2)', 'LOW (1)']);
    const order = [...out.matchAll(/src\/s(\d+)\.ts/g)].map((m) => Number(m[1]));
    expect(order).toEqual([99, 91, 88, 75, 69, 41, 12]);
  });

  it('shows location, rule, provider, redacted value, score, occurrences, factors and other places', () => {
    const { result } = sampleResult();
    const out = renderText(result, plain);
    const openai = result.secrets[0];
    expect(out).toContain(`  notebooks/eval run.ipynb:120:14  openai-project-key  openai  ${openai.redacted}  score 95 (critical)  8 occurrences\n`);
    expect(out).toContain('      +15 privilege: write privilege\n');
    expect(out).toContain('      -5 exposure.history-only: removed from HEAD, still in history (needs rotation)\n');
    expect(out).toContain('        .env:3:16 (env-file)\n');
    // Every other place is listed, then the one-line replacement.
    expect(out).not.toContain('more\n');
    expect(out).toContain('        src/llm/legacy.ts');
    expect(out).toContain('        scripts/old.py');
    // git origin: commit short sha, and the rotation warning only when nothing is at HEAD any more
    const gh = out.slice(out.indexOf('github-pat-classic'));
    expect(gh).toMatch(/^github-pat-classic {2}github {2}ghp_…\w\w {2}score 78 \(high\) {2}1 occurrence\n {6}in ci-config, commit a1b2c3d, repo https:\/\/github\.com\/acme\/agents, not at HEAD\n {6}removed from HEAD, still needs rotation\n/);
    expect(out.match(/removed from HEAD, still needs rotation/g)).toHaveLength(1);
    // posture: no value, the rule name instead
    expect(out).toContain('  .github/workflows/deploy.yml:30:9  ci/aws-static-keys  aws  Static AWS keys in GitHub Actions  score 72 (high)  1 occurrence\n');
    // suppressed findings only with verbose
    expect(out).not.toContain('examples/demo.ts');
  });

  it('ends with the summary line', () => {
    const { result } = sampleResult();
    const out = renderText(result, plain);
    const lines = out.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('42 files scanned (1.2 MB), 4 skipped (binary 3, too-large 1), 5 findings (critical 1, high 2, medium 1, low 1), 1 suppressed, 1.2 s');
    expect(out.endsWith('s\n')).toBe(true);
    expect(summaryLine(emptyResult())).toBe('3 files scanned (<0.1 MB), 0 skipped, 0 findings (critical 0, high 0, medium 0, low 0), 0.1 s');
  });

  it('says so when there is nothing to report', () => {
    expect(renderText(emptyResult(), plain)).toBe('No secrets found.\n\n3 files scanned (<0.1 MB), 0 skipped, 0 findings (critical 0, high 0, medium 0, low 0), 0.1 s\n');
  });

  it('with verbose lists suppressed findings, skipped files and warnings before the summary, and every occurrence', () => {
    const out = renderText(sampleResult().result, { color: false, verbose: true });
    const at = (s: string) => out.indexOf(s);
    expect(at('SUPPRESSED (1)')).toBeGreaterThan(at('LOW (1)'));
    expect(out).toContain('      suppressed (inSource): keysprawl:allow demo key, revoked\n');
    expect(out).toContain('Skipped (4):\n  assets/font.woff2 (binary): binary file\n');
    expect(out).toContain('  data/dump.sql (too-large): larger than 10 MB\n');
    expect(out).toContain('Warnings (1):\n  notebooks/broken.ipynb: malformed notebook JSON, scanned as text\n');
    expect(at('Warnings (1)')).toBeGreaterThan(at('Skipped (4)'));
    expect(at('42 files scanned')).toBeGreaterThan(at('Warnings (1)'));
    expect(out).toContain('        scripts/old.py:1:11 (code, commit a1b2c3d, not at HEAD)\n');
    expect(out).toContain('src/llm/legacy.ts:10:5 (code, commit 0f1e2d3, not at HEAD)');
    expect(out).not.toContain('more\n');
  });

  it('colours only when asked', () => {
    const { result } = sampleResult();
    for (const verbose of [false, true]) {
      expect(renderText(result, { color: false, verbose })).not.toMatch(ANSI);
      expect(renderText(result, { color: true, verbose })).toMatch(ANSI);
    }
    expect(renderText(emptyResult(), { color: false, verbose: true })).not.toMatch(ANSI);
    // colour changes nothing but the escapes
    // eslint-disable-next-line no-control-regex
    const strip = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');
    expect(strip(renderText(result, { color: true, verbose: true }))).toBe(renderText(result, { color: false, verbose: true }));
  });

  it('neutralises control characters from file names and messages', () => {
    const b = new SampleResultBuilder();
    b.add({ rule: RULES.generic, raw: 'f3a9c1e7b5d2084c6a1e9f3b7d5c2a8e4f6b0d1c', score: 50, occurrences: [{ path: 'evil\u001b[2J\u202e.txt' }] });
    b.warn('bad\u0007 file\r\nname');
    const out = renderText(b.build(), { color: false, verbose: true });
    expect(out).not.toMatch(ANSI);
    expect(out).toContain('evil\\x1b[2J\\u202e.txt:1:1');
    expect(out).toContain('bad\\x07 file\\x0d\\x0aname');
    expect(sanitize('tab\there')).toBe('tab\\x09here');
  });

  it('marks suppressed occurrences of a finding that is still active', () => {
    const b = new SampleResultBuilder();
    b.add({
      rule: RULES.generic, raw: 'f3a9c1e7b5d2084c6a1e9f3b7d5c2a8e4f6b0d1c', score: 60,
      occurrences: [{ path: 'src/allowed.ts', line: 2, column: 7, suppressed: { kind: 'inSource' } }, { path: 'src/live.ts', line: 9, column: 1 }],
    });
    const out = renderText(b.build(), plain);
    expect(out).toContain('  src/live.ts:9:1  generic-api-key');
    expect(out).toContain('        src/allowed.ts:2:7 (code, suppressed)\n');
    expect(out).toContain(', 1 finding (critical 0, high 0, medium 1, low 0), 0.0 s\n');
  });

  it('is deterministic whatever the input order', () => {
    const a = sampleResult().result;
    const b = sampleResult().result;
    b.secrets.reverse();
    expect(renderText(b, { color: true, verbose: true })).toBe(renderText(a, { color: true, verbose: true }));
  });
});
