// `scan --staged` in a pre-commit hook is mostly start-up: loading the CLI, then three git
// processes one after another (rev-parse for the repository, the index's diff, cat-file for the
// staged blobs). Each spawn forks the whole Node process, 5–12 ms of the main thread on the
// machines measured (a shell forks in a tenth of that). So the launcher (src/cli/launch.ts)
// starts all three before it loads the CLI, through one shell: rev-parse and the diff run in the
// background, each writing to its own pipes, and the shell becomes cat-file (exec). git answers
// while the bundle compiles. The CLI takes them (`takePrestarted`) when the scan turns out to need
// exactly these commands in this folder: the same arguments, folder and environment as the ones
// it would have run, so the same answers. Otherwise, and whatever happens, they are stopped
// unread (`disposePrestarted`): a prestart can change how soon, never what, a scan reports.
// Without a POSIX shell (Windows) nothing is prestarted.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { StartedCatFile } from './cat-file.js';
import { CAT_FILE_ARGS, diffArgs, REPO_FACTS_ARGS } from './commands.js';
import { gitEnv, startedFrom, type StartedGit } from './run-git.js';

export interface PrestartedGit {
  /** The folder they were started in (the run's working folder). */
  dir: string;
  facts: StartedGit;
  diff: StartedGit;
  catFile: StartedCatFile;
  /** The shell could not be started: nothing here is usable. */
  failed(): boolean;
  stop(): void;
}

const SHELL = '/bin/sh';

const quote = (a: string): string => `'${a.replace(/'/g, `'\\''`)}'`;
const command = (args: readonly string[]): string => `git ${args.map(quote).join(' ')}`;

/**
 * fds 3/4: rev-parse's stdout/stderr, 5/6: the diff's, 7: "<name> <exit code>" lines; 0–2:
 * cat-file's (the shell itself, after exec). Background jobs read /dev/null; every job closes
 * the pipes that are not its own, so each pipe ends when its git does.
 */
const SCRIPT = [
  `{ ${command(REPO_FACTS_ARGS)} >&3 2>&4 3>&- 4>&- 7>&-; echo "facts $?" >&7; } 5>&- 6>&- &`,
  `{ ${command(diffArgs({ kind: 'staged' }))} >&5 2>&6 5>&- 6>&- 7>&-; echo "diff $?" >&7; } 3>&- 4>&- &`,
  `exec ${command(CAT_FILE_ARGS)} 3>&- 4>&- 5>&- 6>&- 7>&-`,
].join('\n');

/**
 * The three git processes of `scan --staged`, when argv asks for it: the first word is `scan` and
 * `--staged` is among the rest (anything else, such as a path argument, only leaves them unused).
 */
export function prestartStaged(argv: readonly string[], dir: string = process.cwd()): PrestartedGit | undefined {
  if (argv[0] !== 'scan' || !argv.includes('--staged') || process.platform === 'win32' || !existsSync(SHELL)) return undefined;
  let sh: ChildProcessWithoutNullStreams;
  try {
    sh = spawn(SHELL, ['-c', SCRIPT], { cwd: dir, env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe', 'pipe', 'pipe', 'pipe', 'pipe', 'pipe'] }) as ChildProcessWithoutNullStreams;
  } catch {
    return undefined; // cannot spawn at all: the CLI runs its own git and reports why
  }
  const pipe = (fd: number): Readable => sh.stdio[fd] as Readable;
  let failed = false;
  let exited = false;
  sh.on('error', () => (failed = true));
  sh.on('exit', () => (exited = true));
  sh.stdin.on('error', () => undefined); // EPIPE when cat-file is gone: handled on 'close'
  const codes = statusOf(pipe(7));
  // The shell's 127: git is not on PATH, said as the CLI's own spawn says it.
  const job = (name: string, args: readonly string[], out: number): StartedGit => {
    let missing: NodeJS.ErrnoException | undefined;
    const exit = codes.then((c) => {
      const code = c.get(name) ?? null;
      if (code === 127) missing = Object.assign(new Error('git: not found'), { code: 'ENOENT' });
      return code;
    });
    return startedFrom({ args, stdout: pipe(out), stderr: pipe(out + 1), exit, spawnError: () => missing, stop: () => pipe(out).destroy() });
  };
  const facts = job('facts', REPO_FACTS_ARGS, 3);
  const diff = job('diff', diffArgs({ kind: 'staged' }), 5);
  return {
    dir,
    facts,
    diff,
    catFile: { child: sh, exited: () => exited || failed },
    failed: () => failed,
    stop: () => {
      facts.stop();
      diff.stop();
      if (!exited) sh.kill();
    },
  };
}

/** The jobs' exit codes, once every job has closed the status pipe. */
function statusOf(stream: Readable): Promise<Map<string, number>> {
  return new Promise((resolve) => {
    let text = '';
    stream.on('data', (b: Buffer) => {
      if (text.length < 256) text += b.toString('latin1');
    });
    const done = (): void => resolve(new Map(text.split('\n').flatMap((l) => (/^(facts|diff) (\d+)$/.exec(l) ? [[l.split(' ')[0], Number(l.split(' ')[1])] as [string, number]] : []))));
    stream.on('close', done);
    stream.on('error', done);
  });
}

let offered: PrestartedGit | undefined;

/** Hands the launcher's processes to the CLI (main), which takes or disposes of them. */
export function offerPrestarted(p: PrestartedGit | undefined): void {
  disposePrestarted();
  offered = p;
}

/** The offered processes, when they were started in `dir` and the shell ran; otherwise they are stopped now. Taken once. */
export function takePrestarted(dir: string): PrestartedGit | undefined {
  const p = offered;
  offered = undefined;
  if (p && (p.dir !== dir || p.failed())) p.stop();
  return p && p.dir === dir && !p.failed() ? p : undefined;
}

/** Stop whatever was offered and not taken (a run that was not a scan of the index here, or failed first). */
export function disposePrestarted(): void {
  offered?.stop();
  offered = undefined;
}
