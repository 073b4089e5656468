// Static checks on the stage contracts and the explicit lists: src/contracts/ is a leaf (its
// files import only each other), nothing inside src/ goes through a catch-all types module, and
// extract never imports detect (the extractor list is extract's own; the engine assembles both).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const abs = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(abs);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [abs] : [];
  });
}

/** The src-relative paths (as .ts) a file imports or re-exports from, relative specifiers only. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s*'(\.[^']+)'|(?:^|\n)\s*import\s*'(\.[^']+)'/g)].map((m) => m[1] ?? m[2]);
  return specs.map((s) => relative(SRC, resolve(dirname(file), s)).replace(/\.js$/, '.ts').split('\\').join('/'));
}

const rel = (file: string) => relative(SRC, file).split('\\').join('/');

describe('stage contracts', () => {
  it('src/contracts/ imports nothing outside itself', () => {
    const outside = sourceFiles(join(SRC, 'contracts')).flatMap((f) => importsOf(f).filter((i) => !i.startsWith('contracts/')).map((i) => `${rel(f)} → ${i}`));
    expect(outside).toEqual([]);
  });

  it('no module inside src/ imports src/types.ts; the library entry re-exports the contracts', () => {
    const users = sourceFiles(SRC).filter((f) => importsOf(f).includes('types.ts')).map(rel);
    expect(users.filter((f) => f !== 'index.ts')).toEqual([]);
  });

  it('extract imports no later stage (detect, filter, correlate, ...)', () => {
    const early = ['extract/', 'contracts/', 'redaction/', 'diagnostics.ts', 'errors.ts', 'own-file.ts', 'version.ts', 'sources/'];
    const late = sourceFiles(join(SRC, 'extract')).flatMap((f) => importsOf(f).filter((i) => !early.some((e) => i.startsWith(e))).map((i) => `${rel(f)} → ${i}`));
    expect(late).toEqual([]);
  });

  it('the import scan sees imports, so the checks above can fail', () => {
    expect(importsOf(join(SRC, 'extract', 'extractors.ts'))).toEqual(expect.arrayContaining(['diagnostics.ts', 'extract/notebook.ts', 'extract/postman.ts']));
    expect(importsOf(join(SRC, 'detect', 'structured-detectors.ts'))).toEqual(expect.arrayContaining(['detect/agent-structure.ts', 'detect/posture/index.ts']));
  });
});
