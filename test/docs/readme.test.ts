// The README is a newcomer's page, the manual lives in docs/: the README stays short, gives the
// two commands, and links every manual page; every link between documents lands on a real file
// and, with an anchor, on a real heading of it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

const README = join(REPO_ROOT, 'README.md');
const DOCS = join(REPO_ROOT, 'docs');
const readme = readFileSync(README, 'utf8');
const manual = readdirSync(DOCS).filter((f) => f.endsWith('.md'));

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a markdown file's headings (outside code fences), with GitHub's -1, -2 suffixes. */
function anchors(text: string): Set<string> {
  const out = new Set<string>();
  const seen = new Map<string, number>();
  let fence = false;
  for (const line of text.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    const m = !fence && /^#{1,6} (.*)$/.exec(line);
    if (!m) continue;
    const base = anchorOf(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  return out;
}

describe('README', () => {
  it('is a page a newcomer reads in five minutes (under 300 lines)', () => {
    expect(readme.split('\n').length).toBeLessThan(300);
  });

  it('gives the two commands, the ways to run it and the exit codes', () => {
    expect(readme).toContain('npx keysprawl scan .');
    expect(readme).toContain('npm test');
    expect(readme).toContain('keysprawl hook install');
    expect(readme).toContain('keysprawl/keysprawl@');
    expect(readme).toContain('--agent claude-code');
    expect(readme).toMatch(/## Exit codes/);
  });

  it('links every page of the manual in docs/', () => {
    for (const page of manual) expect(readme, `README should link docs/${page}`).toContain(`](docs/${page})`);
  });

  it('names every runtime dependency with a reason', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const table = readme.slice(readme.indexOf('## Dependencies and why'));
    for (const dep of Object.keys(pkg.dependencies)) expect(table, `README's dependency table should name ${dep}`).toMatch(new RegExp(`^\\| [^|]*\\b${dep.replace(/[/.]/g, '\\$&')}\\b`, 'm'));
  });
});

describe('links between documents', () => {
  const files = [README, ...manual.map((f) => join(DOCS, f))];
  it('land on a file of the repository and on a heading of it', () => {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\]\(([^)\s]*?)(?:#([^)\s]+))?\)/g)) {
        const [, target, anchor] = m;
        if (/^[a-z]+:|…/.test(target)) continue; // URLs and elided examples
        const path = target ? resolve(dirname(file), target) : file;
        expect(existsSync(path), `${file}: ${target}`).toBe(true);
        if (anchor && path.endsWith('.md')) expect(anchors(readFileSync(path, 'utf8')).has(anchor), `${file}: #${anchor} is not a heading of ${target || 'this file'}`).toBe(true);
      }
    }
  });

  it('the anchor rule matches GitHub on the shapes the docs use', () => {
    expect(anchorOf('Adopting keysprawl on a repository that already has findings')).toBe('adopting-keysprawl-on-a-repository-that-already-has-findings');
    expect(anchorOf('`scan` options')).toBe('scan-options');
    expect(anchorOf('JSON (`keysprawl/v1`)')).toBe('json-keysprawlv1');
  });
});
