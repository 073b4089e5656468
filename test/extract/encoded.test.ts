import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expandFakes } from '../../src/rules/fake.js';
import { decodeBase64Text, MAX_DECODED_PER_FILE } from '../../src/extract/encoded.js';
import { FIXTURES, fixtureSpec, occurrencesIn, positionOf, scanTree, tokensIn, type Scanned } from './support.js';

let scanned: Scanned | undefined;
afterEach(() => scanned?.tree.cleanup());

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** Expand fakes, then `[[base64:...]]` markers, so fixtures hold encoded fake keys. */
function encodedSpec(spec: Record<string, string>): Record<string, string> {
  let seed = 100;
  return Object.fromEntries(
    Object.entries(spec).map(([path, text]) => [path, expandFakes(text, seed++).replace(/\[\[base64:([^\]]*)\]\]/g, (_m, s: string) => b64(s))]),
  );
}

describe('encoded values', () => {
  it('decodes Secret data, dockerconfigjson, base64 Helm values and credentials_json, reporting on the manifest line', async () => {
    const spec = encodedSpec(fixtureSpec(join(FIXTURES, 'encoded')));
    scanned = await scanTree(spec);
    const secrets = spec['k8s/secrets.yaml'];
    const decodedTokens = (path: string) => tokensIn(Buffer.from(spec[path], 'utf8').toString()).length;
    expect(decodedTokens('k8s/secrets.yaml')).toBe(0); // the keys exist only in encoded form

    const found = occurrencesIn(scanned.result, 'k8s/secrets.yaml');
    const byPath = (keyPath: string) => found.find((f) => f.occ.properties?.keyPath === keyPath);
    const token = byPath('data.TESTER_TOKEN')!;
    expect(token.secret.ruleId).toBe('test-token');
    const encodedAt = positionOf(secrets, secrets.split('TESTER_TOKEN: ')[1].split('\n')[0]);
    expect(token.occ).toMatchObject({ ...encodedAt, contentKind: 'code' });
    expect(token.occ.properties).toMatchObject({ encoding: 'base64', structure: 'k8s-secret', secretName: 'api-keys' });
    // The snippet hides the encoded form too: it decodes to the key.
    expect(token.occ.snippet).toBe('TESTER_TOKEN: <base64>');
    // A prefix-less password under a credential-named key, found by structure once decoded.
    expect(byPath('data.password')?.secret.ruleId).toBe('config-credential');
    expect(byPath('stringData.api-token')?.secret.ruleId).toBe('config-credential');
    expect(byPath('stringData.api-token')?.occ.properties).not.toHaveProperty('encoding');
    const docker = byPath('data[".dockerconfigjson"]')!;
    expect(docker.secret.ruleId).toBe('test-token');
    expect(docker.occ.properties).toMatchObject({ secretName: 'regcred', encoding: 'base64' });
    expect(found).toHaveLength(4); // username=admin and the binary ca.crt are not findings

    const helm = occurrencesIn(scanned.result, 'charts/app/values.yaml');
    expect(helm.map((f) => [f.secret.ruleId, f.occ.properties?.keyPath, f.occ.line])).toEqual([['test-token', 'secrets.apiKeyBase64', 5]]);

    const wf = occurrencesIn(scanned.result, '.github/workflows/deploy.yml');
    const literal = wf.find((f) => f.secret.ruleId === 'test-token')!;
    expect(literal.occ).toMatchObject({ line: 8, column: 29, contentKind: 'ci-config' });
    expect(literal.occ.properties).toMatchObject({ keyPath: 'jobs.deploy.steps[0].with.credentials_json', structure: 'encoded' });
    expect(wf.some((f) => f.secret.ruleId === 'ci/gcp-static-key')).toBe(true);
    expect(scanned.warnings).toEqual([]);
  });

  it('decodes one level only: base64 inside decoded text stays encoded', async () => {
    const inner = b64('tst_' + 'Ab1'.repeat(10) + 'Xy');
    const manifest = `kind: Secret\nmetadata: {name: x}\ndata:\n  nested: ${b64(`inner=${inner}`)}\n`;
    scanned = await scanTree({ 'nested.yaml': manifest });
    expect(scanned.result.secrets).toEqual([]);
  });

  it('caps decoded text per file and says so once', async () => {
    const big = b64('x=' + 'abcdefghij'.repeat(4_000)); // ~40 KB decoded each
    const count = Math.ceil(MAX_DECODED_PER_FILE / 40_000) + 2;
    const lines = Array.from({ length: count }, (_, i) => `  v${i}: ${big}`);
    lines.push(`  last: ${b64(expandFakes('tst_<<b62:32>>'))}`);
    scanned = await scanTree({ 'big.yaml': `kind: Secret\nmetadata: {name: big}\ndata:\n${lines.join('\n')}\n` });
    expect(scanned.warnings).toHaveLength(1);
    expect(scanned.warnings[0]).toMatch(/^big\.yaml: over 1048576 bytes of base64-encoded values, \d+ left encoded$/);
    expect(scanned.result.secrets).toEqual([]);
  });

  it('survives a YAML alias bomb and keeps scanning other files', async () => {
    const bomb = ['kind: Secret', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) bomb.push(`${'abcdefghijkl'[i]}: &${'abcdefghijkl'[i]} [${Array(9).fill(`*${'abcdefghijkl'[i - 1]}`).join(',')}]`);
    bomb.push(`data:\n  token: ${b64(expandFakes('tst_<<b62:32>>', 3))}`);
    scanned = await scanTree({ 'bomb.yaml': bomb.join('\n'), 'other.txt': 'tst_<<b62:32>>' });
    expect(scanned.result.secrets.map((s) => s.occurrences[0].origin.path).sort()).toEqual(['bomb.yaml', 'other.txt']);
  });

  it('leaves templated YAML (a Helm secret template) to plain-text scanning without a warning', async () => {
    const tpl = 'apiVersion: v1\nkind: Secret\ndata:\n  {{- range $k, $v := .Values.env }}\n  {{ $k }}: {{ $v | b64enc }}\n  {{- end }}\n  fixed: tst_<<b62:32>>\n';
    scanned = await scanTree({ 'templates/secret.yaml': tpl });
    expect(scanned.warnings).toEqual([]);
    expect(scanned.result.secrets).toHaveLength(1);
  });
});

describe('decodeBase64Text', () => {
  it('decodes printable text only', () => {
    expect(decodeBase64Text(b64('hello world'))).toBe('hello world');
    expect(decodeBase64Text(Buffer.from([0, 1, 2, 250, 251, 252]).toString('base64'))).toBeUndefined();
    expect(decodeBase64Text('not base64!')).toBeUndefined();
    const wrapped = b64('a long value wrapped over two lines');
    expect(decodeBase64Text(`${wrapped.slice(0, 24)}\n  ${wrapped.slice(24)}`)).toBe('a long value wrapped over two lines');
  });
});
