#!/usr/bin/env node
// Thin entry: all logic lives in dist/cli/main.js (built from src/cli/main.ts).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
