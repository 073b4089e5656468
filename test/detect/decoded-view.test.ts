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

  it('reads as a scan of the whole text with the wrapping pattern would, on random mixes of wrappings', () => {
    // The reference: every match of the pattern from the start, each edit replacing it.
    // eslint-disable-next-line no-control-regex -- the ANSI escape is one of the wrappings
    const wrapping = /\x1b\[[0-9;?]{0,20}[A-Za-z]|&(?:(quot|apos|amp|lt|gt|sol|equals|colon)|#([0-9]{1,6})|#x([0-9a-f]{1,6}));|\\(["/\\])/gi;
    const named: Record<string, string> = { quot: '"', apos: "'", amp: '&', lt: '<', gt: '>', sol: '/', equals: '=', colon: ':' };
    const reference = (text: string): string => text.replace(wrapping, (all: string, name?: string, dec?: string, hex?: string, esc?: string) => {
      if (all.startsWith('\x1b')) return '';
      if (esc) return esc === '\\' ? all : esc;
      if (name) return named[name.toLowerCase()];
      const code = Number.parseInt(dec ?? hex!, dec ? 10 : 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    });
    const pieces = ['&', '&amp;', '&QUOT;', '&#x41;', '&#65;', '&#0;', '&#x110000;', '&&', '\\', '\\\\', '\\"', '\\/', '"', '/', '\x1b', '\x1b[', '\x1b[1m', '\x1b[0;31m', 'a', '#', ';', 'x', '€', '\n'];
    let seed = 11;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 20_000; i++) {
      let text = '';
      for (let n = 1 + Math.floor(rand() * 16); n > 0; n--) text += pieces[Math.floor(rand() * pieces.length)];
      const want = reference(text);
      const view = decodedView(text);
      expect(view?.text ?? text).toBe(want);
      if (!view) continue;
      // Every character of the view maps back to where it came from.
      for (let o = 0; o < view.text.length; o++) {
        const from = view.toOriginal(o);
        const to = view.toOriginalEnd(o + 1);
        expect(reference(text.slice(from, to))).toContain(view.text[o]);
      }
    }
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
