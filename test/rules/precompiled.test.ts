// The precompiled rule set (dist/rules.json) is matched to the rule packs by content, so a copy
// whose file times changed (npm pack, npm install, a pre-commit clone) still uses it, and a pack
// whose bytes changed does not.
import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILTIN_RULES_DIR, readPrecompiled, writePrecompiledRules } from '../../src/rules/load.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('precompiled rules', () => {
  it('are used when every pack has the same bytes, whatever its file time, and not after an edit', () => {
    dir = mkdtempSync(join(tmpdir(), 'keysprawl-precompiled-'));
    const packs = join(dir, 'rules');
    cpSync(BUILTIN_RULES_DIR, packs, { recursive: true });
    const out = join(dir, 'rules.json');
    const n = writePrecompiledRules(packs, out);
    expect(n).toBeGreaterThan(100);
    expect(readPrecompiled(packs, out)).toHaveLength(n);

    // Every file time moves (as npm pack and npm install do): still fresh.
    const past = new Date('2001-02-03T04:05:06Z');
    for (const f of readdirSync(packs)) utimesSync(join(packs, f), past, past);
    expect(readPrecompiled(packs, out)).toHaveLength(n);

    // One pack gains a byte: stale, so the packs are parsed again.
    const first = readdirSync(packs).filter((f) => f.endsWith('.yaml')).sort()[0];
    appendFileSync(join(packs, first), '\n');
    expect(readPrecompiled(packs, out)).toBeUndefined();
  });
});
