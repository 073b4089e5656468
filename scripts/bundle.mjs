#!/usr/bin/env node
// Build step: bundle the CLI into one ES module (dist/cli/keysprawl.mjs). Resolving and loading
// ~150 separate modules costs about half of a small scan's wall time; one file halves start-up,
// which is what a pre-commit hook on a one-line change pays on every commit.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: /** @type {const} */ ('warning'),
  // A native module (the sweep history store) is loaded from node_modules at run time.
  external: ['better-sqlite3'],
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
  banner: { js: "import { createRequire as __keysprawlRequire } from 'node:module'; const require = __keysprawlRequire(import.meta.url);" },
};
await build({ ...common, entryPoints: ['dist/cli/main.js'], outfile: 'dist/cli/keysprawl.mjs' });
// The worker entry sits beside the bundle under the name the pool looks for (./scan-worker.js).
await build({ ...common, entryPoints: ['dist/engine/scan-worker.js'], outfile: 'dist/cli/scan-worker.js' });
// The AI-client hook (keysprawl hook install --agent): its own small bundle, started on every prompt.
await build({ ...common, entryPoints: ['dist/cli/guard-entry.js'], outfile: 'dist/cli/keysprawl-guard.mjs' });
console.log('bundle: dist/cli/keysprawl.mjs, dist/cli/scan-worker.js, dist/cli/keysprawl-guard.mjs');
