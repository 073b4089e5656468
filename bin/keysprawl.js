#!/usr/bin/env node
// Thin entry: all logic lives in the CLI bundle built from src/cli/main.ts (npm run build),
// started through src/cli/launch.ts with a V8 code cache.
import { runCli } from '../dist/cli/launch.js';

runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
