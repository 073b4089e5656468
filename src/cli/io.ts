// The streams and environment a command runs with: the process's own in `bin/`, captured ones
// in tests (main(argv, io)). Its own module so commands do not import the entry that runs them.
import type { Clock } from '../sweep/enumerate/http.js';

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  /** Time for rate-limit pauses while enumerating forges (tests pass a fake one). */
  clock?: Clock;
}

export const defaultIo = (): Io => ({ stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env });
