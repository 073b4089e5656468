// The JSON Schemas editors complete .keysprawl.yaml and rule packs from (schema/*.json), written
// from the same valibot schemas that check them, so the two cannot drift (a test compares them).
// Used by scripts/write-schemas.mjs and its test only, so @valibot/to-json-schema is a
// devDependency and never part of the CLI bundle.
import { toJsonSchema } from '@valibot/to-json-schema';
import { isObj } from '../problems/problem.js';
import type * as v from 'valibot';
import { rulePackSchema } from '../rules/schema.js';
import { configSchema } from './schema.js';

/** Closed mappings (metadata `closed`) say additionalProperties: false; empty `required` lists go. */
function editorForm(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(editorForm);
  if (!isObj(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(node)) {
    if (k === 'closed' && value === true) out.additionalProperties = false;
    else if (!(k === 'required' && Array.isArray(value) && !value.length)) out[k] = editorForm(value);
  }
  return out;
}

/**
 * The JSON Schema (draft-07) of a valibot schema. Checks a schema cannot say (a regex that
 * compiles, a glob) are left out; closed mappings say additionalProperties: false.
 */
function jsonSchemaOf(schema: v.GenericSchema, extra: Record<string, unknown>): Record<string, unknown> {
  const { $schema, ...rest } = editorForm(toJsonSchema(schema, { errorMode: 'ignore' })) as Record<string, unknown>;
  return { $schema, ...extra, ...rest };
}

/** File name under schema/ → its JSON Schema. */
export function jsonSchemas(): Record<string, Record<string, unknown>> {
  return {
    'keysprawl.schema.json': jsonSchemaOf(configSchema(), {
      title: '.keysprawl.yaml',
      description: 'keysprawl settings: custom rules, allowlists, content kinds, weights, the gate and outputs (docs/config.md).',
    }),
    'rule-pack.schema.json': jsonSchemaOf(rulePackSchema(), {
      title: 'keysprawl rule pack',
      description: 'A list of detection rules, each with positive and negative examples (docs/rules.md).',
    }),
  };
}

/** The text of a schema file: 2-space JSON and a trailing newline. */
export const schemaText = (schema: Record<string, unknown>): string => `${JSON.stringify(schema, null, 2)}\n`;
