// The precompiled rule set (dist/rules.json) is matched to the rule packs by content, so a copy
// whose file times changed (npm pack, npm install, a pre-commit clone) still uses it, and a pack
// whose bytes changed does not. The packs' stats recorded beside it (rules.json.stamps) spare
// hashing them on every start; a pack whose stat moved is hashed again.
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILTIN_RULES_DIR, docsFileOf, loadRuleCatalog, prefetchPackStats, readPrecompiled, readRuleSummary, writePrecompiledRules } from '../../src/rules/load.js';
import { summarize } from '../../src/detect/ruleset.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A copy of the built-in packs and its precompiled set; `later` is a clock past the 2 s a fresh copy is distrusted. */
function setUp(): { packs: string; out: string; n: number; first: string; later: { now: number } } {
  dir = mkdtempSync(join(tmpdir(), 'keysprawl-precompiled-'));
  const packs = join(dir, 'rules');
  cpSync(BUILTIN_RULES_DIR, packs, { recursive: true });
  const out = join(dir, 'rules.json');
  const later = { now: Date.now() + 60_000 };
  const n = writePrecompiledRules(packs, out, later);
  const first = readdirSync(packs).filter((f) => f.endsWith('.yaml')).sort()[0];
  return { packs, out, n, first, later };
}

/** One byte of a pack changed, its size and modification time kept (only the change time moves); its stat and bytes before. */
function flipOneByte(file: string): { before: Stats; text: string } {
  const before = statSync(file);
  const text = readFileSync(file, 'latin1');
  const at = text.indexOf('id:') + 4;
  writeFileSync(file, text.slice(0, at) + (text[at] === 'x' ? 'y' : 'x') + text.slice(at + 1), 'latin1');
  utimesSync(file, before.atime, before.mtime);
  return { before, text };
}

describe('precompiled rules', () => {
  it('are used when every pack has the same bytes, whatever its file time, and not after an edit', () => {
    const { packs, out, n, first } = setUp();
    expect(n).toBeGreaterThan(100);
    expect(readPrecompiled(packs, out)).toHaveLength(n);

    // Every file time moves (as npm pack and npm install do): still fresh.
    const past = new Date('2001-02-03T04:05:06Z');
    for (const f of readdirSync(packs)) utimesSync(join(packs, f), past, past);
    expect(readPrecompiled(packs, out)).toHaveLength(n);

    // One pack gains a byte: stale, so the packs are parsed again.
    appendFileSync(join(packs, first), '\n');
    expect(readPrecompiled(packs, out)).toBeUndefined();
  });

  it('record each pack\'s stat, and hash a pack again when its stat moved, even to the same size and time', () => {
    const { packs, out, n, first, later } = setUp();
    const stamps = JSON.parse(readFileSync(`${out}.stamps`, 'utf8')) as Record<string, [string, string]>;
    expect(Object.keys(stamps)).toHaveLength(readdirSync(packs).filter((f) => f.endsWith('.yaml')).length);

    // The same length and the same modification time, one byte different: the change time moved.
    const file = join(packs, first);
    const { before, text } = flipOneByte(file);
    expect(statSync(file).size).toBe(before.size);
    expect(readPrecompiled(packs, out, later)).toBeUndefined();

    // Its bytes back: hashed, fresh again, and its new stat recorded.
    writeFileSync(file, text, 'latin1');
    expect(readPrecompiled(packs, out, later)).toHaveLength(n);
    const again = JSON.parse(readFileSync(`${out}.stamps`, 'utf8')) as Record<string, [string, string]>;
    expect(again[first][1]).toBe(stamps[first][1]);
    expect(again[first][0]).not.toBe(stamps[first][0]);
  });

  it('trust a recorded stat without hashing (so the stamps live only where the build writes)', () => {
    const { packs, out, n, first, later } = setUp();
    // An edit whose new stat is recorded against the old hash is not seen: the stamp was trusted.
    appendFileSync(join(packs, first), '\n');
    expect(readPrecompiled(packs, out, later)).toBeUndefined();
    const stamps = JSON.parse(readFileSync(`${out}.stamps`, 'utf8')) as Record<string, [string, string]>;
    const s = statSync(join(packs, first));
    stamps[first][0] = `${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}:${s.dev}`;
    writeFileSync(`${out}.stamps`, JSON.stringify(stamps));
    expect(readPrecompiled(packs, out, later)).toHaveLength(n);
    // Without the stamps file every pack is hashed: stale.
    rmSync(`${out}.stamps`);
    expect(readPrecompiled(packs, out, later)).toBeUndefined();
    expect(existsSync(`${out}.stamps`)).toBe(false);
  });

  it('give every rule what the packs give, its texts read from the documentation file on first use', () => {
    const { packs, out } = setUp();
    const want = loadRuleCatalog(packs).rules;
    expect(readPrecompiled(packs, out)).toEqual(want);
    // The matcher's part alone is in rules.json; the texts are beside it.
    const lean = JSON.parse(readFileSync(out, 'utf8')) as { rules: Array<Record<string, unknown>> };
    expect(lean.rules.every((r) => r.remediation === 0 && r.examples === 0 && r.references === 0 && (r.description ?? 0) === 0)).toBe(true);
    // Every field in the packs' order (what `rules list --json` prints).
    const keys = (rules: unknown) => (JSON.parse(JSON.stringify(rules)) as object[]).map((r) => Object.keys(r));
    expect(keys(readPrecompiled(packs, out))).toEqual(keys(want));

    // Read on first use, not when the set is: a documentation file rewritten in between is the one read.
    const docs = JSON.parse(readFileSync(docsFileOf(out), 'utf8')) as { key: string; rules: Record<string, { remediation: string }> };
    const rules = readPrecompiled(packs, out)!;
    const id = rules[0].id;
    docs.rules[id].remediation = 'rewritten after the set was read';
    writeFileSync(docsFileOf(out), JSON.stringify(docs));
    expect(rules[0].remediation).toBe('rewritten after the set was read');

    // Missing, or from another build: the texts come from the packs.
    rmSync(docsFileOf(out));
    expect(readPrecompiled(packs, out)).toEqual(want);
    writeFileSync(docsFileOf(out), JSON.stringify({ ...docs, key: 'another build' }));
    expect(readPrecompiled(packs, out)).toEqual(want);
  });

  it('judge packs by their stats as read at the start of a run, in the background', async () => {
    const { packs, out, n, first, later } = setUp();
    await prefetchPackStats(packs);
    expect(readPrecompiled(packs, out, later)).toHaveLength(n);

    // An edit that keeps the size and modification time, made after the stats were read: the
    // check judges the packs as the run found them (it does not stat them again) ...
    flipOneByte(join(packs, first));
    expect(readPrecompiled(packs, out, later)).toHaveLength(n);

    // ... and the next run, which reads them again, sees the edit: stale.
    await prefetchPackStats(BUILTIN_RULES_DIR);
    await prefetchPackStats(packs);
    expect(readPrecompiled(packs, out, later)).toBeUndefined();
  });

  it('keep a prefilter summary that is used only while every pack is unchanged, like the set itself', () => {
    const { packs, out, first } = setUp();
    expect(readRuleSummary(packs, out)).toEqual(summarize(loadRuleCatalog(packs).rules));
    appendFileSync(join(packs, first), '\n');
    expect(readRuleSummary(packs, out)).toBeUndefined();
    expect(readPrecompiled(packs, out)).toBeUndefined();
  });
});
