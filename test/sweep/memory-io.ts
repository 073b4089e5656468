// An in-memory Io for running the CLI in-process (main(argv, io)): captured stdout and stderr,
// a fixed salt unless the test gives another.
import { PassThrough } from 'node:stream';
import type { Io } from '../../src/cli/main.js';

export const TEST_SALT = 'sweep-test-salt';

export function memoryIo(env: NodeJS.ProcessEnv = {}): Io & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (b: Buffer) => (out += b.toString('utf8')));
  stderr.on('data', (b: Buffer) => (err += b.toString('utf8')));
  return { stdout, stderr, stdin: new PassThrough(), env: { KEYSPRAWL_HASH_SALT: TEST_SALT, ...env }, out: () => out, err: () => err };
}
