// Start-up of the CLI bundle (dist/cli/keysprawl.cjs) with a V8 code cache: what bin/ runs.
//
// Node 20 keeps no compiled code between runs of an ES module, so every `scan --staged` parsed
// and compiled the 1.4 MB bundle again (the largest item of a pre-commit hook's CPU time). The
// bundle is therefore built as a CommonJS script and compiled here with vm.Script, given the
// code V8 produced the last time (`cachedData`): V8 then skips parsing and compiling what the
// cache holds, including the functions a scan ran, not only the top level.
//
// The cache is code that runs: it lives beside the bundle in dist/cli/ (whoever can write it
// can write the bundle itself), never in a scanned tree, a temporary folder or the home folder.
// Its file name carries the build's bundle id (a SHA-256 of the bundle, appended to it by
// scripts/bundle.mjs), V8's version and the architecture; V8 checks its own version, flags and
// the source length again and rejects a cache that does not fit (`cachedDataRejected`), which
// only costs the compile. The build writes the cache after a warm-up scan; a run that finds none
// or has it rejected (another Node) writes a new one when it may write there, and says nothing
// when it may not. KEYSPRAWL_NO_CODE_CACHE=1 (and KEYSPRAWL_DEBUG, for source-mapped stack
// traces) loads the bundle as a plain CommonJS module. The bundle file is one function
// expression with Node's CommonJS parameters, so it is compiled as read, never copied.
import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { prestartStaged, type PrestartedGit } from '../sources/git/prestart.js';

/** The CLI bundle built by scripts/bundle.mjs. */
export const BUNDLE = fileURLToPath(new URL('./keysprawl.cjs', import.meta.url));

type Main = (argv: string[], io?: unknown, prestarted?: PrestartedGit) => Promise<number>;

export interface LoadedCli {
  main: Main;
  /** How the code cache was used: `off` when the bundle was loaded without one. */
  cache: 'accepted' | 'rejected' | 'absent' | 'off';
  script?: vm.Script;
  cacheFile?: string;
}

/** The trailer scripts/bundle.mjs appends: the SHA-256 of the bundle before it. */
const BUNDLE_ID = /\/\/# keysprawl-bundle-id=([0-9a-f]{64})\s*$/;

export function codeCacheFile(bundle: string, id: string): string {
  return join(dirname(bundle), `keysprawl-${id.slice(0, 16)}-v8-${process.versions.v8}-${process.arch}.cache`);
}

/** The USE_MAIN_CONTEXT_DEFAULT_LOADER constant (Node 20.12+): import() inside the script works as in a module. */
function mainContextImporter(): unknown {
  return (vm.constants as { USE_MAIN_CONTEXT_DEFAULT_LOADER?: unknown } | undefined)?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
}

/** Compile and run the bundle's top level; its `main` is the CLI. */
export function loadCli(bundle: string = BUNDLE, env: NodeJS.ProcessEnv = process.env): LoadedCli {
  // The bundle is minified: a debug run loads it as a plain module, whose stack traces Node
  // maps back through keysprawl.cjs.map (it does not for a vm.Script).
  if (env.KEYSPRAWL_DEBUG) process.setSourceMapsEnabled(true);
  // The build checks that the bundle is ASCII, so Latin-1 reads it as it is, as a one-byte string.
  const source = readFileSync(bundle, 'latin1');
  const id = BUNDLE_ID.exec(source.slice(-200))?.[1];
  const importer = mainContextImporter();
  if (!id || importer === undefined || env.KEYSPRAWL_NO_CODE_CACHE || env.KEYSPRAWL_DEBUG) return { main: asModule(bundle, source).main, cache: 'off' };
  const cacheFile = codeCacheFile(bundle, id);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // No cache yet: compiled from source, and written after the run.
  }
  // The bundle is one function expression with Node's CommonJS parameters (scripts/bundle.mjs),
  // compiled as read: no wrapped copy of the 1 MB source.
  const script = new vm.Script(source, {
    filename: bundle,
    cachedData,
    importModuleDynamically: importer as never,
  });
  const module = { exports: {} as { main?: Main } };
  (script.runInThisContext() as (...a: unknown[]) => void).call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  const cache = cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'accepted';
  return { main: module.exports.main!, cache, script, cacheFile };
}

/** Node's CommonJS internals the plain load uses (stable since Node 0.x, not in @types/node). */
interface CommonJsModule {
  exports: { main?: Main };
  filename: string;
  paths: string[];
  _compile(content: string, filename: string): void;
}

/**
 * The bundle loaded as a plain CommonJS module (no code cache): its function expression called
 * with the module's own parameters, so Node maps a stack trace through keysprawl.cjs.map.
 */
function asModule(bundle: string, source: string): { main: Main } {
  const M = Module as unknown as { new (id: string): CommonJsModule; _nodeModulePaths(dir: string): string[] };
  const m = new M(bundle);
  m.filename = bundle;
  m.paths = M._nodeModulePaths(dirname(bundle));
  m._compile(`const __keysprawl_cli = ${source}\n;__keysprawl_cli.call(exports, exports, require, module, __filename, __dirname);\n`, bundle);
  return m.exports as { main: Main };
}

/**
 * Write the code V8 has compiled so far as the cache, when there was none or it was rejected.
 * Atomic (a private temporary name, then a rename), and silent when the folder is not writable.
 */
export function saveCodeCache(cli: LoadedCli, opts: { force?: boolean } = {}): boolean {
  if (!cli.script || !cli.cacheFile || (cli.cache === 'accepted' && !opts.force)) return false;
  const tmp = `${cli.cacheFile}.${process.pid}.tmp`;
  let fd: number;
  try {
    fd = openSync(tmp, 'wx', 0o644);
  } catch {
    return false;
  }
  try {
    writeSync(fd, cli.script.createCachedData());
    closeSync(fd);
    renameSync(tmp, cli.cacheFile);
    return true;
  } catch {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to remove
    }
    return false;
  }
}

/** bin/keysprawl.js: run the CLI, then keep its compiled code for the next run. */
export async function runCli(argv: string[]): Promise<number> {
  // `scan --staged`'s git processes start before the bundle loads (see prestart.ts).
  const prestarted = process.env.KEYSPRAWL_NO_PRESTART ? undefined : prestartStaged(argv);
  const cli = loadCli();
  const code = await cli.main(argv, undefined, prestarted);
  saveCodeCache(cli);
  return code;
}
