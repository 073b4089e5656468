// README.md is generated from docs/*.md: fail when someone edited one without the other.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

describe('README', () => {
  it('is up to date with docs/ (run node scripts/readme.mjs)', async () => {
    const { buildReadme } = (await import(join(REPO_ROOT, 'scripts', 'readme.mjs'))) as { buildReadme: () => string };
    expect(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')).toBe(buildReadme());
  });

  it('gives the two quick-start commands and documents exit codes', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('npx keysprawl scan .');
    expect(readme).toContain('npm test');
    expect(readme).toMatch(/### Exit codes/);
  });
});
