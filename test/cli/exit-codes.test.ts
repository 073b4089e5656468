// Only src/cli/main.ts decides exit codes: a ProblemError or UsageError from a command is exit 2
// with its lines, anything else is a bug (exit 3) whose one line says how to report it.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { ProblemError } from '../../src/problems/problem.js';

let thrown: unknown;
vi.mock('../../src/cli/scan-command.js', () => ({
  runScan: () => {
    throw thrown;
  },
}));

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (to: string[]) => Object.assign(new PassThrough(), { write: (s: string) => (to.push(s), true) });
  return { io: { stdout: sink(out), stderr: sink(err), stdin: new PassThrough(), env: {} }, stderr: () => err.join('') };
}

async function run(err: unknown): Promise<{ code: number; stderr: string }> {
  thrown = err;
  const { main } = await import('../../src/cli/main.js');
  const h = io();
  const code = await main(['scan', '.'], h.io as never);
  return { code, stderr: h.stderr() };
}

afterEach(() => {
  thrown = undefined;
});

describe('exit codes (cli/main.ts)', () => {
  it('a ProblemError is exit 2, one line per problem, each naming file and key path', async () => {
    const r = await run(new ProblemError([
      { code: 'unknown-key', path: 'colour', file: 'c.yaml', data: { expected: ['a', 'b'] } },
      { code: 'invalid-value', path: 'fail-on', file: 'c.yaml', data: { expected: 'one of high, low', found: 'a string of 3 characters' } },
    ]));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('keysprawl: c.yaml: colour: unknown key (expected a, b)\nc.yaml: fail-on: must be one of high, low, found a string of 3 characters\n');
  });

  it('a UsageError is exit 2 with its message', async () => {
    expect(await run(new UsageError('x.json: no such file or directory'))).toEqual({ code: 2, stderr: 'keysprawl: x.json: no such file or directory\n' });
  });

  it('any other error is a bug: exit 3, one line saying so and how to report it, no stack', async () => {
    const r = await run(new TypeError('cannot read properties of undefined'));
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('keysprawl: internal error (a bug in keysprawl: open an issue with the command line and this message): cannot read properties of undefined\n');
  });
});
