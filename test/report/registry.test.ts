// The reporter registry: one entry per format, from which --format, --output inference, the help
// and the history formats come; and the place descriptions every reporter shares.
import { describe, expect, it } from 'vitest';
import { describeOccurrence, EXPLAIN_VIEW, HTML_VIEW, SARIF_VIEW, TEXT_VIEW } from '../../src/report/describe.js';
import { FORMATS, HISTORY_FORMATS, REPORTERS, formatList, formatOfFile, isFormat } from '../../src/report/registry.js';
import type { Occurrence } from '../../src/contracts/secret.js';

describe('reporter registry', () => {
  it('lists each format once, with distinct file name endings', () => {
    expect(FORMATS).toEqual(['text', 'json', 'sarif', 'html']);
    expect(new Set(FORMATS).size).toBe(FORMATS.length);
    const endings = REPORTERS.flatMap((r) => r.extensions);
    expect(new Set(endings).size).toBe(endings.length);
    for (const e of endings) expect(e).toMatch(/^\.[a-z.]+$/);
    expect(isFormat('sarif')).toBe(true);
    expect(isFormat('xml')).toBe(false);
    expect(isFormat(undefined)).toBe(false);
  });

  it('tells the format from a file name: the longest ending wins, case does not matter', () => {
    expect(formatOfFile('out/report.SARIF')).toBe('sarif');
    expect(formatOfFile('gl.sarif.json')).toBe('sarif');
    expect(formatOfFile('report.json')).toBe('json');
    expect(formatOfFile('page.htm')).toBe('html');
    expect(formatOfFile('scan.log')).toBe('text');
    expect(formatOfFile('report.xml')).toBeUndefined();
    expect(formatOfFile('report')).toBeUndefined();
    // A dotfile named like an extension has no extension.
    expect(formatOfFile('.json')).toBeUndefined();
  });

  it('names the formats for help and messages, and which of them history writes', () => {
    expect(formatList()).toBe('text, json, sarif or html');
    expect(HISTORY_FORMATS).toEqual(['text', 'json', 'html']);
    expect(formatList(HISTORY_FORMATS)).toBe('text, json or html');
  });
});

describe('place descriptions', () => {
  const o: Occurrence = {
    origin: { kind: 'git', path: 'nb/eval.ipynb', repo: 'acme/\u001b[2Jagents', commit: 'a1b2c3d4e5f60718', presentAtHead: false, date: '2024-01-02T03:04:05Z', agent: { client: 'cursor', role: 'transcript', scope: 'user' } },
    contentKind: 'notebook-output', line: 3, column: 4, endLine: 3, endColumn: 44, snippet: '',
    properties: { cell: 2, message: 5 },
    suppressed: { kind: 'inSource', justification: 'rotated' },
  };

  it('shows the same facts in the same order, each view its own subset', () => {
    expect(describeOccurrence(o, TEXT_VIEW)).toBe('notebook-output, cursor, message 5, cell 2, commit a1b2c3d, repo acme/\\x1b[2Jagents, not at HEAD, suppressed');
    expect(describeOccurrence(o, SARIF_VIEW)).toBe('notebook-output, cell 2, commit a1b2c3d in acme/\u001b[2Jagents, not at HEAD, suppressed: rotated');
    expect(describeOccurrence(o, HTML_VIEW)).toBe('notebook-output, commit a1b2c3d, not at HEAD, suppressed');
    expect(describeOccurrence(o, EXPLAIN_VIEW)).toBe('notebook-output, cell 2, commit a1b2c3d, repo acme/\\x1b[2Jagents, 2024-01-02, not at HEAD, suppressed (inSource)');
  });

  it('names the repository on its own when there is no commit, and staged places', () => {
    const staged: Occurrence = { ...o, origin: { kind: 'staged', path: 'a.env', repo: 'acme/x' }, contentKind: 'env-file', properties: {}, suppressed: undefined };
    expect(describeOccurrence(staged, SARIF_VIEW)).toBe('env-file, repo acme/x, staged');
    expect(describeOccurrence(staged, HTML_VIEW)).toBe('env-file');
  });
});
