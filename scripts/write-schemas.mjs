#!/usr/bin/env node
// Writes schema/*.json (the JSON Schemas of .keysprawl.yaml and rule packs) from the built
// valibot schemas: run `npm run build && npm run schemas` after changing one; a test fails
// while the files are stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { jsonSchemas, schemaText } from '../dist/config/json-schemas.js';

const dir = new URL('../schema/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const [name, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(new URL(name, dir), schemaText(schema));
  console.log(`schema/${name}`);
}
