// Every config failure mode has its own fixture (fixtures/config/invalid/*.yaml) that names the
// message it must produce in `# expect:` lines: the message starts with the file and the dotted
// key path, and says what was expected.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyConfig } from '../../src/config/apply.js';
import { displayPath, loadConfig } from '../../src/config/load.js';
import { UsageError } from '../../src/errors.js';
import { ProblemError } from '../../src/problems/problem.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

const DIR = join(REPO_ROOT, 'fixtures', 'config', 'invalid');
const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

function expectations(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => /^# expect: (.*)$/.exec(l)?.[1])
    .filter((x): x is string => !!x);
}

/** Load and apply (disable ids are checked against the rules), returning every problem. */
function problemsOf(file: string): string[] {
  try {
    applyConfig(loadConfig(file), [], []);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return err instanceof ProblemError ? err.lines : [(err as Error).message];
  }
  return [];
}

describe('config errors (fixtures/config/invalid)', () => {
  it('has a fixture for each failure mode, each with at least one expected message', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
    for (const f of fixtures) expect(expectations(join(DIR, f)), f).not.toEqual([]);
  });

  for (const name of fixtures) {
    it(name, () => {
      const file = join(DIR, name);
      const problems = problemsOf(file);
      const shown = displayPath(file);
      for (const want of expectations(file)) {
        expect(problems.some((p) => p.startsWith(`${shown}: ${want}`)), `${want}\n  in:\n${problems.join('\n')}`).toBe(true);
      }
      // Only the problems the fixture names: a fixture shows one failure mode.
      expect(problems.length).toBe(expectations(file).length);
    });
  }
});

describe('config errors through the CLI', () => {
  it('exits 2 with one line per problem, each naming the file and key, and no stack trace', () => {
    const file = join(DIR, 'multiple-problems.yaml');
    const r = runCli(['scan', '--config', file, join(REPO_ROOT, 'fixtures', 'config', 'valid')]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^keysprawl: .*fixtures\/config\/invalid\/multiple-problems\.yaml: colour: unknown key/);
    for (const l of lines) expect(l).toMatch(/multiple-problems\.yaml: [a-z-]/);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('exits 2 naming a --config file that does not exist', () => {
    const r = runCli(['scan', '--config', join(DIR, 'nope.yaml'), join(REPO_ROOT, 'fixtures', 'config', 'valid')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.yaml: cannot read config \(no such file\)/);
  });
});
