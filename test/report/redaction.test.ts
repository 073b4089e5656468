// Reporters never see raw values, and must never re-create them: every output of every format,
// with and without colour and verbosity, is checked for the raw strings the sample was built from.
import { describe, expect, it } from 'vitest';
import { FORMATS, render } from '../../src/report/index.js';
import { parseJsonReport } from '../../src/report/json-read.js';
import { sampleResult } from '../helpers/sample-result.js';

describe('redaction in reports', () => {
  const { result, raws } = sampleResult();
  const outputs = FORMATS.flatMap((f) =>
    [false, true].flatMap((color) => [false, true].map((verbose) => ({ name: `${f} color=${color} verbose=${verbose}`, text: render(f, result, { color, verbose }) }))),
  );

  it('the sample carries only redacted values', () => {
    expect(raws).toHaveLength(5);
    const model = JSON.stringify(result);
    for (const raw of raws) {
      expect(raw.length).toBeGreaterThanOrEqual(20);
      expect(model).not.toContain(raw);
    }
  });

  it.each(outputs)('$name contains no raw value, nor any 8-character piece of one', ({ text }) => {
    for (const raw of raws) {
      expect(text).not.toContain(raw);
      for (let i = 0; i + 8 <= raw.length; i++) expect(text.includes(raw.slice(i, i + 8)), `piece ${i} of a raw value`).toBe(false);
    }
  });

  it('the redacted forms are what is shown', () => {
    const json = outputs.find((o) => o.name.startsWith('json'))!.text;
    for (const s of parseJsonReport(json).secrets) {
      if (s.kind === 'posture') expect(s.redacted).toBe('');
      else expect(s.redacted).toMatch(/^.{4}….{2}$/);
    }
  });
});
