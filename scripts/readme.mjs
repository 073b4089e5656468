#!/usr/bin/env node
// Builds README.md from docs/*.md, in reading order, demoting each document one heading level
// below its first heading so the README reads as one page. docs/ is the source; README.md is
// regenerated with `node scripts/readme.mjs` (test/docs/readme.test.ts fails when it is stale).
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '..');
export const ORDER = [
  'intro.md', 'output.md', 'blast-radius.md', 'verify.md', 'content-kinds.md', 'git.md', 'config.md',
  'rules.md', 'accuracy.md', 'performance.md', 'sweep.md', 'agents.md', 'security.md', 'development.md',
];

/** Shift every heading (outside code fences) so the document's first heading is at `level`. */
export function demote(text, level) {
  const lines = text.split('\n');
  let fence = false;
  let shift;
  return lines
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) fence = !fence;
      const m = !fence && /^(#{1,6}) /.exec(line);
      if (!m) return line;
      shift ??= level - m[1].length;
      const depth = Math.min(6, Math.max(1, m[1].length + shift));
      return `${'#'.repeat(depth)}${line.slice(m[1].length)}`;
    })
    .join('\n');
}

export function buildReadme(docsDir = join(REPO, 'docs')) {
  const parts = [];
  for (const name of ORDER) {
    let text;
    try {
      text = readFileSync(join(docsDir, name), 'utf8');
    } catch {
      continue;
    }
    parts.push(name === 'intro.md' ? text.trimEnd() : demote(text.trimEnd(), 2));
  }
  return `${parts.join('\n\n')}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  writeFileSync(join(REPO, 'README.md'), buildReadme());
  console.log('README.md rebuilt from docs/');
}
