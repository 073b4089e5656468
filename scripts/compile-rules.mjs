#!/usr/bin/env node
// Build step: validate rules/*.yaml and write the precompiled set to dist/rules.json, so the CLI
// starts without parsing YAML. A broken pack fails the build with the loader's message.
import { writePrecompiledRules } from '../dist/rules/load.js';

try {
  const n = writePrecompiledRules();
  console.log(`rules: ${n} rules precompiled to dist/rules.json`);
} catch (err) {
  console.error(`rules: ${err.message}`);
  process.exit(1);
}
