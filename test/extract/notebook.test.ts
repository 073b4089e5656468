import { afterEach, describe, expect, it } from 'vitest';
import { decodeString, parseJson, type JsonString } from '../../src/extract/json-source.js';
import { occurrencesIn, positionOf, scanTree, tokensIn, type Scanned } from './support.js';

// A notebook as Jupyter writes it (indent 1). Escapes before the keys (\" \u00e9 \\t) make the
// decoded column differ from the file column: the report must give the file column.
const NOTEBOOK = [
  '{', // 1
  ' "cells": [',
  '  {',
  '   "cell_type": "code",',
  '   "execution_count": 1,', // 5
  '   "metadata": {},',
  '   "outputs": [',
  '    {',
  '     "name": "stdout",',
  '     "output_type": "stream",', // 10
  '     "text": [',
  '      "loaded\\n",',
  '      "\\u001b[32mkey=tst_<<b62:32>>\\u001b[0m\\n"', // 13: stream output
  '     ]',
  '    },', // 15
  '    {',
  '     "data": {',
  '      "image/png": "iVBORw0KGgo/tst_<<b62:32>>/AAAAAElFTkSuQmCC",', // 18: image, never scanned
  '      "text/plain": [',
  '       "<Figure size 640x480 with 1 Axes>"', // 20
  '      ]',
  '     },',
  '     "metadata": {},',
  '     "output_type": "display_data"',
  '    },', // 25
  '    {',
  '     "data": {',
  '      "application/json": {"token": "tst_<<b62:32>>"},', // 28: structured output
  '      "text/html": "<td>\\"tst_<<b62:32>>\\"</td>"', // 29
  '     },', // 30
  '     "execution_count": 1,',
  '     "metadata": {},',
  '     "output_type": "execute_result"',
  '    }',
  '   ],', // 35
  '   "source": [',
  '    "import os\\n",',
  '    "print(\\"caf\\u00e9\\\\t\\", \\"tst_<<b62:32>>\\")"', // 38: code cell source
  '   ]',
  '  },', // 40
  '  {',
  '   "cell_type": "markdown",',
  '   "metadata": {},',
  '   "source": ["Use `tst_<<b62:32>>` for the demo."]', // 44
  '  },', // 45
  '  {',
  '   "cell_type": "code",',
  '   "execution_count": 2,',
  '   "metadata": {},',
  '   "outputs": [', // 50
  '    {',
  '     "ename": "KeyError",',
  '     "evalue": "\'missing\'",',
  '     "output_type": "error",',
  '     "traceback": [', // 55
  '      "\\u001b[0;31mKeyError\\u001b[0m Traceback",',
  '      "  api_key = \\"tst_<<b62:32>>\\""', // 57: traceback
  '     ]',
  '    }',
  '   ],', // 60
  '   "source": "x = 1"',
  '  }',
  ' ],',
  ' "metadata": {"kernelspec": {"name": "python3"}},',
  ' "nbformat": 4,', // 65
  ' "nbformat_minor": 5',
  '}',
  '',
].join('\n');

let scanned: Scanned | undefined;
afterEach(() => scanned?.tree.cleanup());

describe('notebook extractor', () => {
  it('reports each key at its exact line and column in the .ipynb, with cell facts', async () => {
    scanned = await scanTree({ 'analysis/demo.ipynb': NOTEBOOK });
    const text = scanned.tree.files['analysis/demo.ipynb'];
    const [stream, image, json, html, code, md, tb] = tokensIn(text);
    const found = occurrencesIn(scanned.result, 'analysis/demo.ipynb');
    const at = (token: string) => {
      const hit = found.find((f) => f.secret.redacted === `${token.slice(0, 4)}…${token.slice(-2)}` && f.occ.line === positionOf(text, token).line);
      expect(hit, `finding for ${token.slice(0, 8)}`).toBeDefined();
      return hit!.occ;
    };
    // Hard-coded positions: the file column counts escapes (\" is two characters, \u00e9 six).
    expect(at(code)).toMatchObject({ line: 38, column: 32, endLine: 38, endColumn: 68, contentKind: 'notebook-cell' });
    expect(at(code).properties).toEqual({ cell: 0, cellType: 'code' });
    expect(at(stream)).toMatchObject({ line: 13, column: 22, endColumn: 58, contentKind: 'notebook-output' });
    expect(at(stream).properties).toMatchObject({ cell: 0, cellType: 'code', output: true, outputType: 'stream', outputIndex: 0 });
    expect(at(json)).toMatchObject({ line: 28, column: 38, contentKind: 'notebook-output' });
    expect(at(json).properties).toMatchObject({ outputType: 'execute_result', field: 'application/json', outputIndex: 2 });
    expect(at(html)).toMatchObject({ line: 29, column: 27, contentKind: 'notebook-output' });
    expect(at(md)).toMatchObject({ line: 44, column: 21, contentKind: 'notebook-cell' });
    expect(at(md).properties).toEqual({ cell: 1, cellType: 'markdown' });
    expect(at(tb)).toMatchObject({ line: 57, column: 22, contentKind: 'notebook-output' });
    expect(at(tb).properties).toMatchObject({ cell: 2, outputType: 'error', field: 'traceback' });
    // Every position agrees with where the token really is in the file.
    for (const token of [stream, json, html, code, md, tb]) expect(at(token)).toMatchObject(positionOf(text, token));
    // The image payload is skipped, not scanned.
    expect(found.some((f) => f.occ.line === 18)).toBe(false);
    expect(image).toBeDefined();
    expect(found).toHaveLength(6);
    expect(scanned.warnings).toEqual([]);
  });

  it('shows the raw notebook line in snippets, with the key redacted', async () => {
    scanned = await scanTree({ 'n.ipynb': NOTEBOOK });
    const code = tokensIn(scanned.tree.files['n.ipynb'])[4];
    const occ = occurrencesIn(scanned.result, 'n.ipynb').find((f) => f.occ.line === 38)!.occ;
    expect(occ.snippet).toBe(`"print(\\"caf\\u00e9\\\\t\\", \\"${code.slice(0, 4)}…${code.slice(-2)}\\")"`);
    expect(JSON.stringify(scanned.result)).not.toContain(code);
  });

  it('falls back to plain text with one warning for a truncated notebook, and the scan goes on', async () => {
    const truncated = NOTEBOOK.slice(0, NOTEBOOK.indexOf('"source": "x = 1"'));
    scanned = await scanTree({ 'broken.ipynb': truncated, 'ok.ipynb': NOTEBOOK });
    expect(scanned.warnings).toHaveLength(1);
    expect(scanned.warnings[0]).toMatch(/^broken\.ipynb: malformed notebook \(expected .+ at line 61 column \d+\), scanned as plain text$/);
    const broken = occurrencesIn(scanned.result, 'broken.ipynb');
    // Plain text sees every key, including the one in the image (no structure to skip it by).
    expect(broken.length).toBe(7);
    expect(broken.every((f) => f.occ.contentKind === 'notebook-cell')).toBe(true);
    expect(occurrencesIn(scanned.result, 'ok.ipynb')).toHaveLength(6);
  });

  it('treats a JSON file that is not a notebook as malformed', async () => {
    scanned = await scanTree({ 'x.ipynb': '{"hello": "tst_<<b62:32>>"}' });
    expect(scanned.warnings).toEqual(['x.ipynb: malformed notebook (no "cells" list), scanned as plain text']);
    expect(scanned.result.secrets).toHaveLength(1);
  });

  it('reads nbformat 3 worksheets (input, outputs with text)', async () => {
    const v3 = JSON.stringify({
      nbformat: 3,
      worksheets: [{ cells: [{ cell_type: 'code', input: ['k = "tst_<<b62:32>>"'], outputs: [{ output_type: 'pyout', text: ['tst_<<b62:32>>'] }] }] }],
    }, null, 1);
    scanned = await scanTree({ 'old.ipynb': v3 });
    const kinds = occurrencesIn(scanned.result, 'old.ipynb').map((f) => f.occ.contentKind).sort();
    expect(kinds).toEqual(['notebook-cell', 'notebook-output']);
    expect(scanned.warnings).toEqual([]);
  });
});

describe('JSON string decoding', () => {
  it('maps every decoded offset to the raw offset of its character or escape', () => {
    const src = '"a\\"b\\u00e9\\ud83d\\ude00\\\\c"';
    const node = parseJson(src) as JsonString;
    const { value, map } = decodeString(src, node);
    expect(value).toBe('a"bé😀\\c');
    // a " b é (hi) (lo) \ c, then the closing quote
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => map.toRaw(i))).toEqual([1, 2, 4, 5, 11, 17, 23, 25, 26]);
  });

  it('tolerates comments and trailing commas, and rejects deep nesting without a stack overflow', () => {
    expect(() => parseJson('// c\n{"a": [1, 2,], /* x */ "b": null,}')).not.toThrow();
    expect(() => parseJson('['.repeat(100_000))).toThrow(/nesting deeper/);
  });
});
