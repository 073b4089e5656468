// A file handed to keysprawl as JSON may be anything, secrets included: a parse error names the
// file and the problem without quoting the input.
import { describe, expect, it } from 'vitest';
import { jsonErrorReason } from '../../src/errors.js';
import { parseBaseline } from '../../src/config/baseline-file.js';
import { must } from '../../src/problems/problem.js';
import { expandFakes } from '../../src/rules/fake.js';

describe('JSON parse errors', () => {
  it('drop the excerpt of the input V8 puts in the message', () => {
    const key = expandFakes('sk-proj-<<b62:40>>', 3);
    let err: unknown;
    try {
      JSON.parse(`{"a": 1, "k": ${key}}`);
    } catch (e) {
      err = e;
    }
    expect(jsonErrorReason(err)).toBe("Unexpected token 's' (not valid JSON)");
    expect(() => must(parseBaseline(`TOKEN=${key}\n`, '.env'))).toThrow(/^\.env: not a keysprawl baseline: invalid JSON \(Unexpected token 'T' \(not valid JSON\)\)$/);
  });
});
