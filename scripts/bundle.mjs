#!/usr/bin/env node
// Build step: bundle the CLI into one file (dist/cli/keysprawl.cjs). Resolving and loading
// ~150 separate modules costs about half of a small scan's wall time; one file halves start-up,
// which is what a pre-commit hook on a one-line change pays on every commit. The CLI bundle is
// CommonJS so that dist/cli/launch.js can compile it with a V8 code cache (Node 20 keeps none
// for ES modules); the cache is written here after a warm-up scan (docs/performance.md).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  logLevel: /** @type {const} */ ('warning'),
  // A native module (the sweep history store) is loaded from node_modules at run time.
  external: ['better-sqlite3'],
};
const esm = {
  ...common,
  format: 'esm',
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
  banner: { js: "import { createRequire as __keysprawlRequire } from 'node:module'; const require = __keysprawlRequire(import.meta.url);" },
};
const CLI = 'dist/cli/keysprawl.cjs';
// Strict like the ES modules it is built from; import.meta.url is the bundle's own URL.
const cjsBanner = { js: "'use strict'; const __keysprawl_url = require('node:url').pathToFileURL(__filename).href;" };
const cjsDefine = { 'import.meta.url': '__keysprawl_url' };
// Minified (1.4 → 1.0 MB for whitespace and syntax, → 0.75 MB with local names too): the source
// is read, and held as a string, on every start, and its code cache shrinks with it (800 → 750
// KB); a smaller one measured 10–15 % less CPU for a whole `scan` of an empty folder. Nothing
// reads a function's name (errors set theirs; a stack trace is printed only under
// KEYSPRAWL_DEBUG); the source map (keysprawl.cjs.map) turns such a trace back into dist/ lines.
// The bundle is written as one function expression with Node's CommonJS parameters, which the
// launcher compiles as it is with its code cache: wrapping the 1 MB source in the launcher made
// V8 flatten a second copy of it on every start (~280 page faults, ~5 ms of CPU). In the banner,
// so the source map counts it.
await build({
  ...common,
  format: 'cjs',
  banner: { js: `(function (exports, require, module, __filename, __dirname) {${cjsBanner.js}` },
  footer: { js: '})' },
  define: cjsDefine,
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: true,
  sourcemap: 'linked',
  entryPoints: ['dist/cli/main.js'],
  outfile: CLI,
});
// The launcher reads the bundle as Latin-1 (a one-byte string, no UTF-8 decoding): ASCII only.
// esbuild escapes non-ASCII characters in strings but leaves them in regular expression literals;
// those are written as \uXXXX here, which a regex reads as the same character (a character beyond
// U+FFFF as its two halves, as a regex without the u flag reads the literal, and as one code
// point with it). A non-ASCII character right after a backslash is not rewritten: the build stops.
const decoded = readFileSync(CLI, 'utf8');
let escaped = '';
let last = 0;
for (let i = 0; i < decoded.length; i++) {
  const c = decoded.charCodeAt(i);
  if (c < 0x80) continue;
  let slashes = 0;
  for (let j = i - 1; j >= 0 && decoded[j] === '\\'; j--) slashes++;
  if (slashes % 2 === 1) {
    const line = decoded.slice(0, i).split('\n').length;
    console.error(`bundle: ${CLI}:${line}: an escaped non-ASCII character (write it as \\uXXXX in the source)`);
    process.exit(1);
  }
  escaped += `${decoded.slice(last, i)}\\u${c.toString(16).padStart(4, '0')}`;
  last = i + 1;
}
const bytes = Buffer.from(escaped + decoded.slice(last), 'latin1');
// The bundle id names the code cache built for exactly these bytes (src/cli/launch.ts).
writeFileSync(CLI, `${bytes.toString('latin1')}//# keysprawl-bundle-id=${createHash('sha256').update(bytes).digest('hex')}\n`, 'latin1');
// The launcher bin/keysprawl.js requires (CommonJS too, so no ES module loader starts).
await build({ ...common, format: 'cjs', banner: cjsBanner, define: cjsDefine, entryPoints: ['dist/cli/launch.js'], outfile: 'dist/cli/launch.cjs' });
for (const f of readdirSync('dist/cli')) if (/^keysprawl-.*\.cache$|^keysprawl\.mjs$/.test(f)) unlinkSync(join('dist/cli', f));

// The worker entry sits beside the bundle under the name the pool looks for (./scan-worker.js).
await build({ ...esm, entryPoints: ['dist/engine/scan-worker.js'], outfile: 'dist/cli/scan-worker.js' });
// The AI-client hook (keysprawl hook install --agent): its own small bundle, started on every prompt.
await build({ ...esm, entryPoints: ['dist/cli/guard-entry.js'], outfile: 'dist/cli/keysprawl-guard.mjs' });

/** Warm-up: scan an empty folder and a one-line staged change, then keep the compiled code. */
async function warmCodeCache() {
  const { loadCli, saveCodeCache } = await import('../dist/cli/launch.js');
  const cli = loadCli(undefined, {});
  if (cli.cache === 'off') return 'off (this Node has no vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER)';
  const sink = () => new Writable({ write: (_c, _e, cb) => cb() });
  const io = { stdout: sink(), stderr: sink(), stdin: process.stdin, env: { ...process.env, CI: '1' } };
  const dir = mkdtempSync(join(tmpdir(), 'keysprawl-warm-'));
  try {
    await cli.main(['scan', dir, '-q'], io);
    try {
      const git = (...a) => execFileSync('git', a, { cwd: dir, stdio: 'ignore' });
      git('init', '-q');
      writeFileSync(join(dir, 'a.txt'), 'hello\n');
      git('add', 'a.txt');
      git('-c', 'user.name=k', '-c', 'user.email=k@example.com', 'commit', '-qm', 'a');
      writeFileSync(join(dir, 'a.txt'), 'hello\napi_key = "not-a-key"\n');
      git('add', 'a.txt');
      await cli.main(['scan', '--staged', '-q', dir], io);
    } catch {
      // No git here: the cache then holds the folder scan only.
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return saveCodeCache(cli, { force: true }) ? 'written' : 'not written (dist/cli not writable)';
}
console.log(`bundle: ${CLI}, dist/cli/launch.cjs, dist/cli/scan-worker.js, dist/cli/keysprawl-guard.mjs; code cache ${await warmCodeCache()}`);
