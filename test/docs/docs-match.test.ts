// The docs match the tool: every keysprawl command and option the docs show exists in --help,
// every option in --help is documented, counts are the ones the code prints, every format is
// named, and every link to a file points inside the repository.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS as FORMAT_NAMES } from '../../src/report/registry.js';
import { builtinRules } from '../../src/rules/load.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

const DOCS = join(REPO_ROOT, 'docs');
const docs = readdirSync(DOCS).filter((f) => f.endsWith('.md')).map((f) => ({ name: f, text: readFileSync(join(DOCS, f), 'utf8') }));
/** The commands the README shows are checked against --help like the manual's. */
const commandSources = [...docs, { name: '../README.md', text: readFileSync(join(REPO_ROOT, 'README.md'), 'utf8') }];
const all = docs.map((d) => d.text).join('\n');

const help = (...args: string[]) => runCli([...args, '--help']).stdout;
/** Command names listed under "Commands:" in a help text. */
const commandsIn = (text: string) => [...text.split('Commands:')[1]?.matchAll(/^ {2}([a-z][a-z-]*)/gm) ?? []].map((m) => m[1]).filter((c) => c !== 'help');

const top = commandsIn(help());
const commandPaths = top.flatMap((c) => {
  const subs = commandsIn(help(c));
  return subs.length ? subs.map((s) => [c, s]) : [[c]];
});
const helpTexts = [help(), ...commandPaths.map((p) => help(...p))];
const options = (text: string) => new Set(text.match(/--[a-z][a-z0-9-]+/g) ?? []);
const helpOptions = new Set(helpTexts.flatMap((t) => [...options(t)]));

/** Command lines the docs show: inline code and code-block lines that run keysprawl. */
function shownCommands(): string[] {
  const out: string[] = [];
  for (const d of commandSources) {
    for (const m of d.text.matchAll(/`(keysprawl [^`\n]+)`/g)) out.push(m[1]);
    let fence = false;
    for (const line of d.text.split('\n')) {
      if (/^\s*```/.test(line)) fence = !fence;
      else if (fence) for (const m of line.matchAll(/(?:^|[\s;&|(]|npx (?:--\S+ )*)(keysprawl (?:[a-z][^#\n]*))/g)) out.push(m[1]);
    }
  }
  return out.map((c) => c.trim());
}

describe('docs match the tool', () => {
  it('finds the commands in --help', () => {
    expect(top).toEqual(expect.arrayContaining(['scan', 'explain', 'init', 'baseline', 'hook', 'sweep', 'merge', 'rules']));
  });

  it('show only commands that exist', () => {
    const words = new Set(shownCommands().map((c) => c.split(/\s+/)[1]));
    const unknown = [...words].filter((w) => !top.includes(w) && !/^(-|\[|<)/.test(w));
    expect(unknown).toEqual([]);
  });

  it('show only options that exist, and document every option of every command', () => {
    const shown = new Set(shownCommands().flatMap((c) => [...options(c)]));
    // Option tables: | `--flag ...` | ...
    for (const m of all.matchAll(/^\| `(--[a-z][a-z0-9-]+)/gm)) shown.add(m[1]);
    expect([...shown].filter((o) => !helpOptions.has(o)).sort()).toEqual([]);
    const documented = options(all);
    expect([...helpOptions].filter((o) => !documented.has(o) && o !== '--help').sort()).toEqual([]);
  });

  it('give the rule and provider counts that `keysprawl rules list` prints', () => {
    const summary = runCli(['rules', 'list']).stdout.trim().split('\n').at(-1)!;
    expect(summary).toMatch(/^\d+ rules \(\d+ pattern rules, \d+ structured\), \d+ providers/);
    const rulesDoc = readFileSync(join(DOCS, 'rules.md'), 'utf8').replace(/\s+/g, ' ');
    expect(rulesDoc.includes(summary), `docs/rules.md should say: ${summary}`).toBe(true);
    // The pattern rules' providers, and their rules per category, as docs/rules.md breaks them down.
    const rules = builtinRules();
    const providers = new Set(rules.map((r) => r.provider)).size;
    expect(rulesDoc).toContain(`The pattern rules cover ${providers} providers`);
    const perCategory = [...rulesDoc.matchAll(/(\d+) [a-zA-Z/ -]+? \(`([a-z-]+)`\)/g)];
    expect(perCategory.length).toBeGreaterThan(10);
    for (const m of perCategory) expect(Number(m[1]), m[0]).toBe(rules.filter((r) => r.category === m[2]).length);
    // Any other "N providers" or "N rules" where the docs describe the rule set must be one of
    // these counts (docs/verify.md counts verifiers, checked by its own test; docs/accuracy.md quotes past runs).
    const counts = new Set([...(summary.match(/\d+/g) ?? []), String(providers), ...perCategory.map((m) => m[1])]);
    for (const d of docs.filter((x) => ['usage.md', 'rules.md'].includes(x.name))) {
      for (const m of d.text.matchAll(/\b(\d+) (?:pattern )?(rules|providers)\b/g)) expect(counts, `${d.name}: ${m[0]}`).toContain(m[1]);
    }
  });

  it('name every report format where the formats are introduced', () => {
    const intro = readFileSync(join(DOCS, 'output.md'), 'utf8').split('\n\n').slice(0, 2).join(' ');
    expect(intro.slice(0, 400)).toMatch(new RegExp(`\\b${['one', 'two', 'three', 'four', 'five'][FORMAT_NAMES.length - 1]} report formats\\b`));
    for (const f of FORMAT_NAMES) expect(intro).toContain(`\`${f}\``);
    expect(help('scan')).toMatch(/text, json, sarif or html/);
  });

  it('link only to files inside the repository', () => {
    for (const d of docs) {
      for (const m of d.text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:|…/.test(m[1])) continue; // URLs, and elided examples
        expect(existsSync(resolve(DOCS, m[1])), `${d.name}: ${m[1]}`).toBe(true);
      }
      // Documents named in prose: docs/x.md, DESIGN.md, STYLE.md and the like (not inside a glob example).
      for (const m of d.text.matchAll(/(?<![\w./!*-])(docs\/[\w-]+\.md|(?:DESIGN|STYLE|CONTRIBUTING|CHANGELOG|README)\.md)\b/g)) {
        expect(existsSync(join(REPO_ROOT, m[1])), `${d.name}: ${m[1]} is not in the repository`).toBe(true);
      }
    }
  });
});
