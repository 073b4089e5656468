#!/usr/bin/env node
// Thin entry: all logic lives in the CLI bundle built from src/cli/main.ts (npm run build).
import { main } from '../dist/cli/keysprawl.mjs';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
