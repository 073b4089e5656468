// Two-part credentials through the real engine: the halves found together are one credential.
import { describe, expect, it } from 'vitest';
import { PAIR_WINDOW_LINES } from '../../src/correlate/pairing.js';
import { key, only, scanFiles } from './setup.js';

const akia = `AKIA${key('<<upper:16>>', 41).replace(/[0189]/g, 'Z')}`;
const secretKey = key('<<b62:40>>', 42);
const guid = (seed: number) => key('<<hex:8>>-<<hex:4>>-<<hex:4>>-<<hex:4>>-<<hex:12>>', seed);
const azureSecret = key('<<b62:36>>', 43);
const dbPass = key('<<b62:20>>', 44);

describe('pairing two-part credentials', () => {
  it('reports an AWS key id and secret access key in one file as one credential, each half at its own line', async () => {
    const result = await scanFiles({ '.aws/credentials': `[default]\naws_access_key_id = ${akia}\naws_secret_access_key = ${secretKey}\n` });
    expect(result.secrets.map((s) => s.ruleId).sort()).toEqual(['aws-access-key-id', 'aws-secret-access-key']);
    const s = only(result, 'aws-secret-access-key');
    const id = only(result, 'aws-access-key-id');
    expect(s.pairedWith).toEqual([
      expect.objectContaining({ role: 'aws-access-key-id', ruleId: 'aws-access-key-id', secretId: id.id, where: ['.aws/credentials:2'] }), // the key id's own line
    ]);
    expect(id.pairedWith).toEqual([
      expect.objectContaining({ role: 'aws-secret-access-key', ruleId: 'aws-secret-access-key', secretId: s.id, where: ['.aws/credentials:3'] }),
    ]);
    expect(id.occurrences.map((o) => [o.line, o.column])).toEqual([[2, 21]]);
    expect(s.factors.map((f) => f.factor)).toContain('paired');
    expect(id.factors.map((f) => f.factor)).toContain('paired');
    // The key id says long-lived; the secret key inherits it.
    expect(s.derived?.lifetime).toBe('long-lived');
    expect(JSON.stringify(result)).not.toContain(akia);
    expect(JSON.stringify(result)).not.toContain(secretKey);
  });

  it('keeps the key id as its own finding when it also appears alone elsewhere', async () => {
    const result = await scanFiles({
      'creds.ini': `aws_access_key_id = ${akia}\naws_secret_access_key = ${secretKey}\n`,
      'notes/ids.py': `KEY_ID = "${akia}"\n`,
    });
    const id = only(result, 'aws-access-key-id');
    const sk = only(result, 'aws-secret-access-key');
    expect(sk.pairedWith?.[0].secretId).toBe(id.id);
  });

  it(`does not pair halves more than ${PAIR_WINDOW_LINES} lines apart`, async () => {
    const gap = '\n'.repeat(PAIR_WINDOW_LINES + 5);
    const result = await scanFiles({ 'creds.ini': `aws_access_key_id = ${akia}${gap}aws_secret_access_key = ${secretKey}\n` });
    expect(result.secrets.map((s) => s.ruleId).sort()).toEqual(['aws-access-key-id', 'aws-secret-access-key']);
    expect(only(result, 'aws-secret-access-key').pairedWith).toBeUndefined();
  });

  it('does not pair halves in different files', async () => {
    const result = await scanFiles({ 'a.ini': `aws_access_key_id = ${akia}\n`, 'b.ini': `aws_secret_access_key = ${secretKey}\n` });
    expect(result.secrets).toHaveLength(2);
    expect(result.secrets.every((s) => !s.pairedWith)).toBe(true);
  });

  it('pairs an Azure client secret with its client and tenant ids', async () => {
    const client = guid(45);
    const tenant = guid(46);
    const result = await scanFiles({ '.env': `AZURE_TENANT_ID=${tenant}\nAZURE_CLIENT_ID=${client}\nAZURE_CLIENT_SECRET=${azureSecret}\n` });
    const s = only(result, 'azure-client-secret');
    expect(s.pairedWith?.map((p) => [p.role, p.shown])).toEqual([
      ['azure-client-id', client],
      ['azure-tenant-id', tenant],
    ]);
  });

  it.each([
    { name: 'a connection URI', file: 'config.py', text: `DSN = "postgres://app:${dbPass}@db.prod.internal:5432/shop"\n`, ruleId: 'postgres-uri' },
    { name: 'host and password assignments', file: '.env', text: `DB_HOST=db.prod.internal\nDB_USER=app\nDB_PASSWORD=${dbPass}\n`, ruleId: 'db-password' },
  ])('pairs a database password with its host from $name', async ({ file, text, ruleId }) => {
    const s = only(await scanFiles({ [file]: text }), ruleId);
    expect(s.pairedWith).toEqual([expect.objectContaining({ role: 'database-host', shown: 'db.prod.internal' })]);
  });

  it('leaves a password without a host nearby unpaired', async () => {
    const s = only(await scanFiles({ '.env': `DB_PASSWORD=${dbPass}\n` }), 'db-password');
    expect(s.pairedWith).toBeUndefined();
    expect(s.factors.map((f) => f.factor)).not.toContain('paired');
  });
});
