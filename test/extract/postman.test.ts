import { afterEach, describe, expect, it } from 'vitest';
import { EXTRACTORS } from '../../src/extract/extractors.js';
import { occurrencesIn, positionOf, scanTree, type Scanned } from './support.js';

let scanned: Scanned | undefined;
afterEach(() => scanned?.tree.cleanup());

const COLLECTION = `{
  "info": { "name": "Billing API", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
  "auth": { "type": "bearer", "bearer": [{ "key": "token", "value": "<<b62:40>>", "type": "string" }] },
  "item": [
    {
      "name": "Create invoice",
      "request": {
        "method": "POST",
        "auth": {
          "type": "apikey",
          "apikey": [
            { "key": "key", "value": "X-Billing-Key", "type": "string" },
            { "key": "value", "value": "<<b62:36>>", "type": "string" },
            { "key": "in", "value": "header", "type": "string" }
          ]
        },
        "header": [{ "key": "Authorization", "value": "Bearer <<b62:44>>" }, { "key": "Accept", "value": "application/json" }],
        "url": { "raw": "{{baseUrl}}/invoices", "host": ["{{baseUrl}}"], "path": ["invoices"] }
      }
    },
    {
      "name": "Signed call",
      "request": {
        "auth": { "type": "awsv4", "awsv4": [{ "key": "accessKey", "value": "<<b62:20>>" }, { "key": "secretKey", "value": "<<b62:40>>" }] },
        "url": "{{baseUrl}}/signed"
      }
    }
  ],
  "variable": [
    { "key": "baseUrl", "value": "https://billing.example.com/v1" },
    { "key": "api_key", "value": "<<b62:32>>" },
    { "key": "vendor_token", "value": "tst_<<b62:32>>" },
    { "key": "session_token", "value": "{{login_token}}" }
  ]
}
`;

const ENVIRONMENT = `{
  "name": "staging",
  "values": [
    { "key": "host", "value": "staging.example.com", "type": "default", "enabled": true },
    { "key": "signing", "value": "<<b62:40>>", "type": "secret", "enabled": true }
  ]
}
`;

/** The `"value": "..."` string after `"key": "<name>"` in a generated file. */
function valueOf(text: string, name: string): string {
  const m = new RegExp(`"key": "${name}", "value": "(?:Bearer )?([^"]+)"`).exec(text);
  if (!m) throw new Error(`no ${name}`);
  return m[1];
}

describe('Postman collections and environments', () => {
  it('is tried before the JSON config reader, which claims every *.json', () => {
    const names = EXTRACTORS.map((e) => e.name);
    expect(names.indexOf('postman')).toBeGreaterThanOrEqual(0);
    expect(names.indexOf('postman')).toBeLessThan(names.indexOf('config-file'));
    expect(EXTRACTORS.find((e) => e.applies('api/Billing.postman_collection.json', 'code'))?.name).toBe('postman');
    expect(EXTRACTORS.find((e) => e.applies('env/staging.postman_environment.json', 'code'))?.name).toBe('postman');
    expect(EXTRACTORS.find((e) => e.applies('api/collection.json', 'code'))?.name).toBe('config-file');
  });

  it('reports keys in auth blocks, headers, variable and values arrays at their place in the file', async () => {
    scanned = await scanTree({ 'api/Billing.postman_collection.json': COLLECTION, 'env/staging.postman_environment.json': ENVIRONMENT });
    const { files } = scanned.tree;
    const col = files['api/Billing.postman_collection.json'];
    const expectAt = (path: string, value: string, ruleId: string, keyPath: string) => {
      const at = positionOf(files[path], value);
      const hit = occurrencesIn(scanned!.result, path).find((f) => f.occ.line === at.line && f.occ.column === at.column);
      expect(hit, `${keyPath} in ${path}`).toBeDefined();
      expect(hit!.secret.ruleId).toBe(ruleId);
      expect(hit!.occ.properties).toMatchObject({ keyPath, structure: 'postman' });
    };
    expectAt('api/Billing.postman_collection.json', valueOf(col, 'token'), 'config-credential', 'auth.bearer[0].value');
    expectAt('api/Billing.postman_collection.json', valueOf(col, 'value'), 'config-credential', 'item[0].request.auth.apikey[1].value');
    expectAt('api/Billing.postman_collection.json', valueOf(col, 'Authorization'), 'config-credential', 'item[0].request.header[0].value');
    expectAt('api/Billing.postman_collection.json', valueOf(col, 'secretKey'), 'config-credential', 'item[1].request.auth.awsv4[1].value');
    expectAt('api/Billing.postman_collection.json', valueOf(col, 'api_key'), 'config-credential', 'variable[1].value');
    // A provider-prefixed key keeps its provider rule, and still carries the key path.
    expectAt('api/Billing.postman_collection.json', valueOf(col, 'vendor_token'), 'test-token', 'variable[2].value');
    expectAt('env/staging.postman_environment.json', valueOf(files['env/staging.postman_environment.json'], 'signing'), 'config-credential', 'values[1].value');
    // Not keys: the header name of an API-key auth, an AWS access key id, a URL, a {{variable}} reference.
    expect(scanned.result.secrets).toHaveLength(7);
    expect(JSON.stringify(scanned.result)).not.toContain(valueOf(col, 'token'));
    expect(scanned.warnings).toEqual([]);
  });

  it('finds none of the prefix-less keys when the same JSON is not a Postman file', async () => {
    scanned = await scanTree({ 'api/collection.json': COLLECTION });
    expect(scanned.result.secrets.map((s) => s.ruleId)).toEqual(['test-token']);
  });

  it('scans a broken collection as plain text, with one warning naming the file', async () => {
    scanned = await scanTree({ 'api/Broken.postman_collection.json': '{ "variable": [{ "key": "x", "value": "tst_<<b62:32>>" }\n' });
    expect(scanned.result.secrets.map((s) => s.ruleId)).toEqual(['test-token']);
    expect(scanned.warnings).toEqual([expect.stringMatching(/^api\/Broken\.postman_collection\.json: not valid JSON \(.+ at line \d+ column \d+\), scanned as plain text$/)]);
  });
});
