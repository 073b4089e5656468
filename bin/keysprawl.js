#!/usr/bin/env node
// Thin entry: all logic lives in the CLI bundle built from src/cli/main.ts (npm run build),
// started through src/cli/launch.ts with a V8 code cache. CommonJS (bin/package.json), like the
// launcher and the bundle: an ES module entry starts Node's module loader, ~20 ms of CPU that a
// pre-commit hook would pay on every commit.
/* global require */
/* eslint-disable @typescript-eslint/no-require-imports */
require('../dist/cli/launch.cjs')
  .runCli(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
