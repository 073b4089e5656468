import { describe, expect, it } from 'vitest';
import { parseSize, planOutputs } from '../../src/cli/outputs.js';
import { runCli } from '../helpers/cli.js';

describe('--format/--output pairing', () => {
  it('defaults to text on stdout', () => expect(planOutputs([], [])).toEqual([{ format: 'text', file: undefined }]));
  it('pairs formats and outputs in order, leaving one for stdout', () => {
    expect(planOutputs(['sarif', 'json', 'text'], ['a.sarif', 'b.json'])).toEqual([
      { format: 'sarif', file: 'a.sarif' },
      { format: 'json', file: 'b.json' },
      { format: 'text', file: undefined },
    ]);
  });
  it('takes the format from the output extension', () => {
    expect(planOutputs([], ['r.sarif'])).toEqual([{ format: 'sarif', file: 'r.sarif' }]);
  });
  it('rejects two reports on stdout and unknown formats', () => {
    expect(() => planOutputs(['json', 'text'], [])).toThrow(/more than one --format/);
    expect(() => planOutputs(['xml'], [])).toThrow(/--format xml: unknown format/);
  });
  it('rejects a format that contradicts its file name, and an extension that names no format, unless forced', () => {
    expect(() => planOutputs(['text', 'html'], ['merged.html', 'merged.sarif'])).toThrow(
      '--format text with --output merged.html: the file name says html; pair -f html with it, rename the file, or add --force-format',
    );
    expect(() => planOutputs([], ['report.xml'])).toThrow(/^--output report\.xml: cannot tell the format from "\.xml"; add -f text\|json\|sarif\|html/);
    expect(planOutputs(['text'], ['merged.html'], { force: true })).toEqual([{ format: 'text', file: 'merged.html' }]);
    expect(planOutputs(['sarif'], ['report.xml'])).toEqual([{ format: 'sarif', file: 'report.xml' }]);
    expect(() => planOutputs(['json'], ['gl.sarif.json'])).toThrow(/the file name says sarif/);
    expect(planOutputs([], ['report'])).toEqual([{ format: 'text', file: 'report' }]);
  });
  it('is a usage error (exit 2, one line) on the command line, for scan and merge alike', () => {
    for (const args of [['scan', '.', '-f', 'text', '-o', 'out.html'], ['merge', 'x.json', '-f', 'text', '-f', 'html', '-o', 'merged.html', '-o', 'merged.sarif']]) {
      const r = runCli(args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/--force-format/);
    }
  });
  it('parses sizes', () => {
    expect(parseSize('25m')).toBe(25 * 1024 * 1024);
    expect(parseSize('512k')).toBe(512 * 1024);
    expect(parseSize('100')).toBe(100);
    expect(() => parseSize('lots')).toThrow(/--max-file-size lots/);
  });
});
