import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRuleList } from '../../src/rules/load.js';
import { must } from '../../src/problems/problem.js';
import { scan } from '../../src/scan.js';
import { makeTree, TEST_RULE_YAML, type Tree } from '../helpers/tree.js';

const rules = must(parseRuleList(TEST_RULE_YAML, 'test.yaml'));
const KEY = 'key = "tst_<<b62:32>>"\n';
let tree: Tree | undefined;
afterEach(() => tree?.cleanup());

async function paths(dir: string, extra: Parameters<typeof scan>[0] = {}) {
  const result = await scan({ paths: [dir], rules, ...extra });
  return { result, found: result.secrets.flatMap((s) => s.occurrences.map((o) => o.origin.path)).sort() };
}

describe('working-tree source', () => {
  it('honours root and nested .gitignore files, with negation', async () => {
    tree = makeTree({
      '.gitignore': 'ignored.txt\nbuild/\n',
      'a.txt': KEY,
      'ignored.txt': KEY,
      'build/out.txt': KEY,
      'sub/.gitignore': '*.log\n!keep.log\n',
      'sub/x.log': KEY,
      'sub/keep.log': KEY,
      'sub/deeper/y.log': KEY,
    });
    const { found } = await paths(tree.dir);
    expect(found).toEqual(['a.txt', 'sub/keep.log']);
  });

  it('scans ignored files with --no-gitignore, but never .git/', async () => {
    tree = makeTree({ '.gitignore': 'ignored.txt\n', 'ignored.txt': KEY, '.git/config': KEY });
    const { found } = await paths(tree.dir, { gitignore: false });
    expect(found).toEqual(['ignored.txt']);
  });

  it('applies .keysprawlignore globs even to files git would track', async () => {
    tree = makeTree({ '.keysprawlignore': 'docs/**\n*.snap\n', 'docs/a.md': KEY, 'b.snap': KEY, 'c.txt': KEY });
    const { found } = await paths(tree.dir);
    expect(found).toEqual(['c.txt']);
  });

  it('never follows a symlink out of the root and counts broken links', async () => {
    const outside = makeTree({ 'secret.txt': KEY });
    tree = makeTree({ 'inside.txt': KEY });
    symlinkSync(join(outside.dir, 'secret.txt'), join(tree.dir, 'out-link.txt'));
    symlinkSync(outside.dir, join(tree.dir, 'out-dir'));
    symlinkSync(join(tree.dir, 'nope.txt'), join(tree.dir, 'broken.txt'));
    symlinkSync(join(tree.dir, 'inside.txt'), join(tree.dir, 'in-link.txt'));
    const { found, result } = await paths(tree.dir);
    outside.cleanup();
    expect(found).toEqual(['inside.txt']);
    expect(result.stats.skipped['outside-root']).toBe(2);
    expect(result.stats.skipped['broken-symlink']).toBe(1);
    expect(result.stats.skipped.symlink).toBe(1);
  });

  it('skips binary and oversized files and counts them by reason', async () => {
    tree = makeTree({ 'bin.dat': Buffer.from([0x74, 0x73, 0x74, 0x00, 0x01]), 'big.txt': KEY + 'x'.repeat(5000), 'ok.txt': KEY });
    const { found, result } = await paths(tree.dir, { maxFileSize: 1000 });
    expect(found).toEqual(['ok.txt']);
    expect(result.stats.skipped).toMatchObject({ binary: 1, 'too-large': 1 });
    expect(result.stats.filesScanned).toBe(1);
    expect(result.stats.skippedItems.map((s) => s.path).sort()).toEqual(['big.txt', 'bin.dat']);
  });

  it('scans UTF-16 files with a BOM instead of calling them binary', async () => {
    tree = makeTree({});
    const text = makeTree({ 'k.txt': KEY }, 3);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.files['k.txt'], 'utf16le')]);
    text.cleanup();
    writeFileSync(join(tree.dir, 'wide.txt'), utf16);
    const { found } = await paths(tree.dir);
    expect(found).toEqual(['wide.txt']);
  });

  it('warns once about invalid UTF-8 and still finds the key', async () => {
    tree = makeTree({ 'ok.txt': KEY });
    const warnings: string[] = [];
    const bad = Buffer.concat([Buffer.from([0xc3, 0x28, 0x0a]), Buffer.from(tree.files['ok.txt'])]);
    writeFileSync(join(tree.dir, 'bad.txt'), bad);
    const result = await scan({ paths: [tree.dir], rules, onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual(['bad.txt: invalid UTF-8, scanned with replacement characters']);
    expect(result.secrets[0].occurrences.map((o) => o.origin.path).sort()).toEqual(['bad.txt', 'ok.txt']);
  });

  it('counts a file that vanished before it was read', async () => {
    tree = makeTree({ 'a.txt': KEY });
    const { fileSource } = await import('../../src/sources/files.js');
    const { Diagnostics } = await import('../../src/diagnostics.js');
    const diag = new Diagnostics();
    const blobs = [];
    for await (const b of fileSource({ root: tree.dir, paths: [join(tree.dir, 'gone.txt'), join(tree.dir, 'a.txt')], maxFileSize: 1e6 }, diag)) blobs.push(b);
    expect(blobs.map((b) => b.origin.path)).toEqual(['a.txt']);
    expect(diag.stats.skipped.vanished).toBe(1);
  });

  it('reports paths relative to the scanned folder, sorted walk order', async () => {
    tree = makeTree({ 'z/b.txt': KEY, 'a/c.txt': KEY });
    mkdirSync(join(tree.dir, 'empty'));
    const { found } = await paths(tree.dir);
    expect(found).toEqual(['a/c.txt', 'z/b.txt']);
  });

  it('reads "-" as standard input', async () => {
    const { Readable } = await import('node:stream');
    const t = makeTree({ 'k.txt': KEY }, 11);
    const result = await scan({ paths: ['-'], rules, stdin: Readable.from([Buffer.from(t.files['k.txt'])]) });
    t.cleanup();
    expect(result.secrets).toHaveLength(1);
    expect(result.secrets[0].occurrences[0].origin).toMatchObject({ kind: 'stdin', path: '<stdin>' });
  });

  it('counts an unreadable file (permission denied) and goes on', async () => {
    tree = makeTree({ 'a.txt': KEY, 'locked.txt': KEY });
    chmodSync(join(tree.dir, 'locked.txt'), 0o000);
    if (process.getuid?.() === 0) {
      // root reads anything: check the same path through the CLI as an unprivileged user instead.
      const { unprivilegedScan } = await import('../helpers/unprivileged.js');
      const out = unprivilegedScan(tree.dir);
      expect(out.stderr).toBe('');
      expect(JSON.parse(out.stdout).stats.skipped).toEqual({ unreadable: 1 });
      return;
    }
    const { result } = await paths(tree.dir);
    expect(result.stats.skipped.unreadable).toBe(1);
  });
});
