import { describe, expect, it } from 'vitest';
import {
  atOrAbove, compareSeverity, isSeverity, sarifLevel, securitySeverity, severityForScore, severityRank,
} from '../../src/report/severity.js';
import { SEVERITIES } from '../../src/contracts/scored.js';

describe('severity bands', () => {
  it('maps scores to bands at the boundaries', () => {
    const cases: [number, string][] = [
      [0, 'low'], [39, 'low'], [39.99, 'low'], [40, 'medium'], [69.9, 'medium'], [70, 'high'],
      [89.99, 'high'], [90, 'critical'], [100, 'critical'], [Number.NaN, 'low'],
    ];
    for (const [score, sev] of cases) expect(severityForScore(score), `score ${score}`).toBe(sev);
  });

  it('gives security-severity as a one-decimal string in the same band as the score', () => {
    const cases: [number, string][] = [
      [0, '0.1'], [0.5, '0.1'], [1, '0.1'], [5, '0.5'], [39.9, '3.9'], [40, '4.0'], [69, '6.9'], [70, '7.0'],
      [89.99, '8.9'], [90, '9.0'], [95, '9.5'], [100, '10.0'], [150, '10.0'], [-3, '0.1'], [Number.NaN, '0.1'],
    ];
    for (const [score, s] of cases) expect(securitySeverity(score), `score ${score}`).toBe(s);
    // GitHub's bands: >= 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low.
    const github = (v: number) => (v >= 9 ? 'critical' : v >= 7 ? 'high' : v >= 4 ? 'medium' : 'low');
    for (let score = 0; score <= 100; score += 0.25) {
      const v = Number(securitySeverity(score));
      expect(v).toBeGreaterThanOrEqual(0.1);
      expect(v).toBeLessThanOrEqual(10);
      expect(github(v), `score ${score}`).toBe(severityForScore(score));
    }
  });

  it('maps severities to SARIF levels', () => {
    expect(sarifLevel('critical')).toBe('error');
    expect(sarifLevel('high')).toBe('error');
    expect(sarifLevel('medium')).toBe('warning');
    expect(sarifLevel('low')).toBe('note');
  });

  it('orders severities', () => {
    expect(atOrAbove('critical', 'high')).toBe(true);
    expect(atOrAbove('high', 'high')).toBe(true);
    expect(atOrAbove('medium', 'high')).toBe(false);
    expect(atOrAbove('low', 'low')).toBe(true);
    expect(severityRank('critical')).toBeGreaterThan(severityRank('low'));
    expect(['low', 'critical', 'medium', 'high'].sort((a, b) => compareSeverity(a as never, b as never))).toEqual([...SEVERITIES]);
    expect(isSeverity('high')).toBe(true);
    expect(isSeverity('error')).toBe(false);
  });
});
