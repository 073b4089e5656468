// The library and the CLI are one engine: `scan()` from the package entry, with no options but
// the path and the salt, finds what `keysprawl scan` finds on the same generated tree (inline
// allow comments and a baseline honoured alike), and `render()` writes every CLI format.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlan, render, runPlan, scan } from '../../src/index.js';
import { parseJsonReport } from '../../src/report/json-read.js';
import type { ScanResult } from '../../src/contracts/result.js';
import type { Secret } from '../../src/contracts/scored.js';
import { runCli } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/sarif-schema.js';
import { makeTree, type Tree } from '../helpers/tree.js';

const SALT = 'keysprawl library test salt';
const OPENAI = 'sk-proj-<<b62:40>>T3BlbkFJ<<b62:40>>';
let tree: Tree;
let library: ScanResult;

/** What a user sees of each secret, by id (a JSON report lists suppressed findings last). */
function canonical(secrets: readonly Secret[]): unknown[] {
  return [...secrets].sort((a, b) => a.id.localeCompare(b.id)).map((s) => ({
    id: s.id,
    ruleId: s.ruleId,
    score: s.score,
    severity: s.severity,
    suppressed: s.suppressed ?? null,
    occurrences: s.occurrences.map((o) => [o.origin.path, o.line, o.column, o.contentKind, o.suppressed?.kind ?? null]),
  }));
}

const inPath = (r: ScanResult, path: string) => r.secrets.filter((s) => s.occurrences.some((o) => o.origin.path === path));

beforeAll(async () => {
  tree = makeTree({
    'app/settings.py': `OPENAI_API_KEY = "${OPENAI}"\n`,
    'app/allowed.py': `OPENAI_API_KEY = "${OPENAI}"  # keysprawl:allow reason="library test"\n`,
    'notes/prompt.md': `Use the token <<github:ghp_>> for the tool.\n`,
  });
  library = await scan({ paths: [tree.dir], salt: SALT });
});
afterAll(() => tree.cleanup());

describe('scan() as a library', () => {
  it('finds the keys and honours an inline allow by default', () => {
    expect(inPath(library, 'app/settings.py')).toHaveLength(1);
    expect(inPath(library, 'app/settings.py')[0].suppressed).toBeUndefined();
    const allowed = inPath(library, 'app/allowed.py');
    expect(allowed).toHaveLength(1);
    expect(allowed[0].suppressed).toEqual({ kind: 'inSource', justification: 'library test' });
    expect(inPath(library, 'notes/prompt.md')).toHaveLength(1);
    expect(library.stats.suppressed).toBe(1);
  });

  it('reports the allowed key when inline allows are turned off', async () => {
    const raw = await scan({ paths: [tree.dir], salt: SALT, inlineAllow: false });
    expect(inPath(raw, 'app/allowed.py')[0].suppressed).toBeUndefined();
    expect(raw.stats.suppressed).toBe(0);
  });

  it('gives the same findings as the CLI on the same tree', () => {
    const cli = runCli(['scan', tree.dir, '--format', 'json', '--threads', '1'], { env: { KEYSPRAWL_HASH_SALT: SALT } });
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(1);
    const report = parseJsonReport(cli.stdout);
    expect(report.secrets.length).toBe(3);
    expect(canonical(report.secrets)).toEqual(canonical(library.secrets));
  });

  it('honours a baseline given as data, and returns what it matched', async () => {
    const first = await runPlan(buildPlan({ paths: [tree.dir], salt: SALT, baseline: { data: { findings: [], imported: [] } } }));
    const seen = [...first.baseline!.seen.values()];
    // The inline allow wins: the baseline never sees the allowed key.
    expect(seen.map((f) => f.path).sort()).toEqual(['app/settings.py', 'notes/prompt.md']);
    const again = await scan({ paths: [tree.dir], salt: SALT, baseline: { data: { findings: seen, imported: [] }, label: 'baseline b.json' } });
    expect(again.secrets.every((s) => s.suppressed)).toBe(true);
    expect(inPath(again, 'app/settings.py')[0].suppressed).toEqual({ kind: 'external', justification: 'baseline b.json' });
  });

  it('builds a plan once and never changes it', () => {
    const plan = buildPlan({ paths: [tree.dir], salt: SALT });
    expect(Object.isFrozen(plan)).toBe(true);
    expect(Object.isFrozen(plan.detection)).toBe(true);
    expect(Object.isFrozen(plan.suppression)).toBe(true);
    expect(plan.source.root).toBe(tree.dir);
    expect(() => buildPlan({ paths: [`${tree.dir}/missing`] })).toThrow(/no such file or directory/);
  });
});

describe('render() as a library', () => {
  const values = () => Object.values(tree.files).flatMap((text) => text.match(/sk-proj-\S+T3BlbkFJ\w+|ghp_\w+/g) ?? []);

  it('writes text, json, sarif and html, none holding a full secret', () => {
    const text = render(library, 'text');
    expect(text).toMatch(/app\/settings\.py/);
    const json = parseJsonReport(render(library, 'json'));
    expect(canonical(json.secrets)).toEqual(canonical(library.secrets));
    const sarif = JSON.parse(render(library, 'sarif')) as { version: string; runs: Array<{ results: unknown[] }> };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.length).toBeGreaterThanOrEqual(3);
    expect(schemaErrors(sarif)).toEqual([]);
    const html = render(library, 'html');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('notes/prompt.md');
    expect(values().length).toBe(3);
    for (const out of [text, render(library, 'json'), render(library, 'sarif'), html]) {
      for (const value of values()) expect(out).not.toContain(value);
    }
  });

  it('names the formats it knows when given another', () => {
    expect(() => render(library, 'xml' as never)).toThrow(/text, json, sarif, html/);
  });
});
