// An AWS access key id next to its secret access key: both halves are findings of their own, each
// at its own line and column, and each names the other (its secret id, rule and line), in the JSON
// and SARIF reports. With several pairs in one file each secret key gets its own key id.
import { afterEach, describe, expect, it } from 'vitest';
import { render } from '../../src/report/index.js';
import type { SarifLog } from '../../src/report/sarif.js';
import { builtinRules } from '../../src/rules/load.js';
import { expandFakes } from '../../src/rules/fake.js';
import { scan } from '../../src/scan.js';
import type { ScanResult } from '../../src/contracts/result.js';
import { assertValidSarif } from '../helpers/sarif-schema.js';
import { makeTree, type Tree } from '../helpers/tree.js';

// Generated here, never committed: AKIA + 16 base32, and 40 base62 (fixed seeds).
const keyId = (seed: number) => expandFakes('AKIA<<b32:16>>', seed);
const secretKey = (seed: number) => expandFakes('<<b62:40>>', seed);

let tree: Tree | undefined;
afterEach(() => tree?.cleanup());

async function scanTree(files: Record<string, string>): Promise<ScanResult> {
  tree = makeTree(files);
  return scan({ paths: [tree.dir], rules: builtinRules(), threads: 1 });
}

/** Line and column (1-based) of `value` in `text`. */
function where(text: string, value: string): { line: number; column: number } {
  const at = text.indexOf(value);
  if (at < 0) throw new Error('value not in text');
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

interface JsonSecret {
  id: string;
  ruleId: string;
  occurrences: Array<{ origin: { path: string }; line: number; column: number; properties?: { pairedWith?: Array<{ role: string; line: number; column: number }> } }>;
  pairedWith?: Array<{ role: string; secretId?: string; ruleId?: string; where: string[] }>;
}

const ID = keyId(7101);
const SK = secretKey(7102);
const LAYOUTS: Record<string, string> = {
  '.env': `# deploy\nAWS_REGION=eu-west-1\nAWS_ACCESS_KEY_ID=${ID}\nAWS_SECRET_ACCESS_KEY=${SK}\n`,
  'config.json': `${JSON.stringify({ aws: { region: 'eu-west-1', accessKeyId: ID, secretAccessKey: SK } }, null, 2)}\n`,
  'upload.py': `import boto3\n\n\nclient = boto3.client(\n    "s3",\n    aws_access_key_id="${ID}",\n    aws_secret_access_key="${SK}",\n)\n`,
};

describe('AWS key id and secret access key pairs', () => {
  it.each(Object.keys(LAYOUTS))('%s: both halves at their own line and column, each pointing at the other (JSON)', async (file) => {
    const text = LAYOUTS[file];
    const result = await scanTree({ [file]: text });
    const json = JSON.parse(render('json', result, { color: false, verbose: false })) as { secrets: JsonSecret[] };
    expect(json.secrets.map((s) => s.ruleId).sort()).toEqual(['aws-access-key-id', 'aws-secret-access-key']);
    const id = json.secrets.find((s) => s.ruleId === 'aws-access-key-id')!;
    const sk = json.secrets.find((s) => s.ruleId === 'aws-secret-access-key')!;
    const idAt = where(text, ID);
    const skAt = where(text, SK);
    expect(id.occurrences.map((o) => [o.origin.path, o.line, o.column])).toEqual([[file, idAt.line, idAt.column]]);
    expect(sk.occurrences.map((o) => [o.origin.path, o.line, o.column])).toEqual([[file, skAt.line, skAt.column]]);
    // Secret level: the other half by id, rule and its own line.
    expect(sk.pairedWith).toEqual([expect.objectContaining({ role: 'aws-access-key-id', secretId: id.id, ruleId: 'aws-access-key-id', where: [`${file}:${idAt.line}`] })]);
    expect(id.pairedWith).toEqual([expect.objectContaining({ role: 'aws-secret-access-key', secretId: sk.id, ruleId: 'aws-secret-access-key', where: [`${file}:${skAt.line}`] })]);
    // Occurrence level: line and column of the other half.
    expect(sk.occurrences[0].properties?.pairedWith).toEqual([expect.objectContaining({ role: 'aws-access-key-id', ...idAt })]);
    expect(id.occurrences[0].properties?.pairedWith).toEqual([expect.objectContaining({ role: 'aws-secret-access-key', ...skAt })]);
    const out = JSON.stringify(json);
    expect(out).not.toContain(ID);
    expect(out).not.toContain(SK);
  });

  it.each(Object.keys(LAYOUTS))('%s: a SARIF result for each half, its related location the other half', async (file) => {
    const text = LAYOUTS[file];
    const result = await scanTree({ [file]: text });
    const log = JSON.parse(render('sarif', result, { color: false, verbose: false })) as SarifLog;
    assertValidSarif(log);
    const results = log.runs[0].results;
    const at = (ruleId: string) => results.filter((r) => r.ruleId === ruleId).map((r) => {
      const loc = r.locations[0].physicalLocation!;
      const rel = (r.relatedLocations ?? []).filter((l) => /^Paired /.test(l.message!.text));
      return {
        uri: loc.artifactLocation.uri, line: loc.region!.startLine, column: loc.region!.startColumn,
        paired: rel.map((l) => [l.physicalLocation!.artifactLocation.uri, l.physicalLocation!.region!.startLine, l.physicalLocation!.region!.startColumn]),
      };
    });
    const idAt = where(text, ID);
    const skAt = where(text, SK);
    expect(at('aws-access-key-id')).toEqual([{ uri: file, ...idAt, paired: [[file, skAt.line, skAt.column]] }]);
    expect(at('aws-secret-access-key')).toEqual([{ uri: file, ...skAt, paired: [[file, idAt.line, idAt.column]] }]);
  });

  it('pairs each secret key of a JSON list with the key id of its own object, not the nearer one above', async () => {
    const pairs = [0, 1, 2].map((i) => ({ secretAccessKey: secretKey(7200 + i), accessKeyId: keyId(7300 + i) }));
    const text = `${JSON.stringify(pairs, null, 1)}\n`;
    const result = await scanTree({ 'creds.json': text });
    for (const p of pairs) {
      const sk = result.secrets.find((s) => s.ruleId === 'aws-secret-access-key' && s.occurrences[0].line === where(text, p.secretAccessKey).line)!;
      expect(sk.pairedWith?.map((x) => x.where)).toEqual([[`creds.json:${where(text, p.accessKeyId).line}`]]);
    }
  });

  it('pairs by name when pairs interleave (PROD_ID, DEV_ID, PROD_SECRET, DEV_SECRET)', async () => {
    const [prodId, devId, prodSk, devSk] = [keyId(7401), keyId(7402), secretKey(7403), secretKey(7404)];
    const text = `AWS_PROD_ACCESS_KEY_ID = "${prodId}"\nAWS_DEV_ACCESS_KEY_ID = "${devId}"\nAWS_PROD_SECRET_ACCESS_KEY = "${prodSk}"\nAWS_DEV_SECRET_ACCESS_KEY = "${devSk}"\n`;
    const result = await scanTree({ 'settings.py': text });
    const pairedLine = (line: number) => result.secrets.find((s) => s.ruleId === 'aws-secret-access-key' && s.occurrences[0].line === line)?.pairedWith?.[0].where;
    expect(pairedLine(3)).toEqual(['settings.py:1']);
    expect(pairedLine(4)).toEqual(['settings.py:2']);
    // And each key id names its own secret key back.
    const idLine = (line: number) => result.secrets.find((s) => s.ruleId === 'aws-access-key-id' && s.occurrences[0].line === line)?.pairedWith?.[0].where;
    expect(idLine(1)).toEqual(['settings.py:3']);
    expect(idLine(2)).toEqual(['settings.py:4']);
  });

  it('pairs two halves on one line at their own columns', async () => {
    const text = `export AWS_ACCESS_KEY_ID=${ID} AWS_SECRET_ACCESS_KEY=${SK}\n`;
    const result = await scanTree({ 'env.sh': text });
    const sk = result.secrets.find((s) => s.ruleId === 'aws-secret-access-key')!;
    const id = result.secrets.find((s) => s.ruleId === 'aws-access-key-id')!;
    expect(sk.occurrences[0].properties?.pairedWith).toEqual([expect.objectContaining({ line: 1, column: where(text, ID).column })]);
    expect(id.occurrences[0].properties?.pairedWith).toEqual([expect.objectContaining({ line: 1, column: where(text, SK).column })]);
  });
});
