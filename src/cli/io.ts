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

/**
 * The process's own streams. Standard input is opened only when a command reads it (`scan -`,
 * `init`): opening it makes Node set up a file or socket stream (the fs/promises, stream and
 * readline modules with it), which a scan that never reads it would pay on every start.
 */
export const defaultIo = (): Io => ({
  stdout: process.stdout,
  stderr: process.stderr,
  get stdin() {
    return process.stdin;
  },
  env: process.env,
});

/** The standard input for a scan's options: only when a path is `-` (the source reads it then). */
export const stdinFor = (paths: readonly string[], io: Io): { stdin?: NodeJS.ReadableStream } => (paths.includes('-') ? { stdin: io.stdin } : {});
