import { describe, expect, it } from 'vitest';
import { decodedView } from '../../src/detect/decoded-view.js';
import { detect } from '../../src/detect/detect.js';
import { expandFakes } from '../../src/rules/fake.js';
import { builtinRules } from '../../src/rules/load.js';
import { compileRules } from '../../src/detect/ruleset.js';
import { plainFragment } from '../../src/extract/plain.js';

const set = compileRules(builtinRules());

describe('decoded view', () => {
  it('is absent when there is nothing to undo', () => {
    expect(decodedView('const a = b && c; // plain')).toBeUndefined();
  });

  it('removes ANSI codes and decodes entities and \\" \\/ escapes, mapping offsets back', () => {
    const text = 'x \x1b[1mKEY\x1b[0m &quot;v&#x2F;w&#47;&quot; \\"q\\/r\\\\"';
    const view = decodedView(text)!;
    expect(view.text).toBe('x KEY "v/w/" "q/r\\\\"');
    const key = view.text.indexOf('KEY');
    expect(text.slice(view.toOriginal(key), view.toOriginalEnd(key + 3))).toBe('KEY');
    const quoted = view.text.indexOf('"v');
    expect(text.slice(view.toOriginal(quoted), view.toOriginalEnd(quoted + 6))).toBe('&quot;v&#x2F;w&#47;&quot;');
  });

  it('lets the rules see keys wrapped in a notebook traceback, an HTML attribute and an escaped JSON string', () => {
    const key = expandFakes('sk-proj-<<b64url:74>>T3BlbkFJ<<b64url:74>>', 4);
    const text = [
      `AuthenticationError: Incorrect API key provided: \x1b[1m${key}\x1b[0m`,
      `<div data-config="{&quot;apiKey&quot;:&quot;${key}&quot;}"></div>`,
      `{"config": "{\\"openai_key\\": \\"${key}\\"}"}`,
    ].join('\n');
    const hits = detect(plainFragment({ kind: 'file', path: 'mixed.txt' }, 'code', text), set);
    expect(hits.map((h) => [h.ruleId, h.line])).toEqual([['openai-project-key', 1], ['openai-project-key', 2], ['openai-project-key', 3]]);
    for (const h of hits) expect(text.slice(h.start, h.end)).toBe(key);
    expect(hits[0].column).toBe(text.indexOf(key) + 1);
    expect(hits[0].endColumn).toBe(hits[0].column + key.length);
  });
});
