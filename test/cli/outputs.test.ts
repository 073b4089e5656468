import { describe, expect, it } from 'vitest';
import { parseSize, planOutputs } from '../../src/cli/outputs.js';

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
  it('parses sizes', () => {
    expect(parseSize('25m')).toBe(25 * 1024 * 1024);
    expect(parseSize('512k')).toBe(512 * 1024);
    expect(parseSize('100')).toBe(100);
    expect(() => parseSize('lots')).toThrow(/--max-file-size lots/);
  });
});
