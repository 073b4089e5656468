// schema/*.json are written from the valibot schemas that check config and rule packs: they must
// be current, valid JSON Schema, accept every shipped rule pack and valid config, and reject a
// misspelt key (an editor underlines it before keysprawl would refuse it).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { jsonSchemas, schemaText } from '../../src/config/json-schemas.js';
import { STARTER_CONFIG } from '../../src/config/starter.js';
import { REPO_ROOT } from '../helpers/cli.js';

const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as typeof AjvModule.default;
const schemas = jsonSchemas();
const validator = (name: string) => new Ajv({ allErrors: true, strict: false }).compile(schemas[name]);
const yamlIn = (dir: string) => readdirSync(join(REPO_ROOT, dir)).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(REPO_ROOT, dir, f));

describe('schema/*.json', () => {
  it.each(Object.keys(schemas))('%s is current (npm run build && npm run schemas)', (name) => {
    expect(readFileSync(join(REPO_ROOT, 'schema', name), 'utf8')).toBe(schemaText(schemas[name]));
  });

  it('the rule-pack schema accepts every shipped pack', () => {
    const valid = validator('rule-pack.schema.json');
    for (const file of yamlIn('rules')) expect(valid(parse(readFileSync(file, 'utf8'))), `${file}: ${JSON.stringify(valid.errors?.slice(0, 3))}`).toBe(true);
  });

  it('the config schema accepts the valid fixtures and the starter config with every example uncommented', () => {
    const valid = validator('keysprawl.schema.json');
    const uncommented = STARTER_CONFIG.split('\n').map((l) => (/^# ([a-z][a-z-]*:|\s+\S)/.test(l) ? l.slice(2) : l)).join('\n');
    for (const doc of [...yamlIn('fixtures/config/valid').map((f) => readFileSync(f, 'utf8')), uncommented]) {
      expect(valid(parse(doc)), JSON.stringify(valid.errors?.slice(0, 3))).toBe(true);
    }
  });

  it('rejects a misspelt key, at the top and inside a rule', () => {
    const config = validator('keysprawl.schema.json');
    expect(config(parse(readFileSync(join(REPO_ROOT, 'fixtures/config/invalid/unknown-top-key.yaml'), 'utf8')))).toBe(false);
    expect(config.errors?.[0]).toMatchObject({ keyword: 'additionalProperties', params: { additionalProperty: 'alowlist' } });
    const pack = validator('rule-pack.schema.json');
    expect(pack(parse(readFileSync(join(REPO_ROOT, 'fixtures/config/invalid/rule-unknown-field.yaml'), 'utf8')).rules)).toBe(false);
    expect(pack.errors?.some((e) => e.params && (e.params as { additionalProperty?: string }).additionalProperty === 'regexp')).toBe(true);
  });
});
