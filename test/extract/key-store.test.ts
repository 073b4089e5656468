// PKCS#12 key stores (src/extract/key-store.ts, rule pkcs12-key-store): recognised by their DER
// structure whatever the file is called, binary in a tree, in git history and staged, and as
// base64 in text; the same store in both forms is one secret; the report shows a description of
// the binary file, never its bytes; a binary file that only looks like one stays a counted skip.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parsePkcs12 } from '../../src/extract/key-store.js';
import { mayBeKeyStore } from '../../src/sources/binary.js';
import { fakePkcs12, prng } from '../../src/rules/fake.js';
import { runCli } from '../helpers/cli.js';
import { Repo } from '../git/git-fixture.js';
import { byRule, scanTree, type Scanned } from './support.js';

let scanned: Scanned | undefined;
afterEach(() => scanned?.tree.cleanup());
const repos: Repo[] = [];
afterAll(() => repos.forEach((r) => r.cleanup()));

const store = (seed: number, size = 900) => fakePkcs12(prng(seed), size);
const noise = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7919 + 13) % 251));

describe('PKCS#12 key stores', () => {
  it('parses the PFX structure and rejects near misses', () => {
    const good = store(1);
    expect(parsePkcs12(good)).toEqual({ authSafe: 'data', mac: true });
    expect(mayBeKeyStore(good)).toBe(true);
    const version2 = Buffer.from(good);
    version2[good.indexOf(Buffer.from([0x02, 0x01, 0x03])) + 2] = 2;
    expect(parsePkcs12(version2)).toBeUndefined();
    const otherOid = Buffer.from(good);
    otherOid[otherOid.indexOf(Buffer.from([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01])) + 8] = 3; // envelopedData
    expect(parsePkcs12(otherOid)).toBeUndefined();
    expect(parsePkcs12(good.subarray(0, good.length - 200))).toBeUndefined(); // truncated
    expect(parsePkcs12(noise(2000))).toBeUndefined();
    expect(mayBeKeyStore(noise(2000))).toBe(false);
  });

  it('finds a binary store by structure (any name) and its base64 copy as the same secret', async () => {
    const s = store(2, 1500);
    scanned = await scanTree({
      'certs/client.p12': s,
      'assets/logo.png': store(3),
      'certs/other.pfx': noise(3000),
      'k8s/secret.yaml': `apiVersion: v1\nkind: Secret\ndata:\n  keystore.p12: ${s.toString('base64')}\n`,
    }, { rules: undefined });
    const found = byRule(scanned.result, 'pkcs12-key-store');
    expect(found).toHaveLength(2);
    const both = found.find((f) => f.occurrences.length === 2)!;
    const places = both.occurrences.map((o) => `${o.origin.path}:${o.line}:${o.column}`).sort();
    expect(places).toEqual(['certs/client.p12:1:1', 'k8s/secret.yaml:4:17']);
    const binary = both.occurrences.find((o) => o.origin.path === 'certs/client.p12')!;
    expect(binary.snippet).toBe(`(binary PKCS#12 key store, ${s.length} bytes, password-protected (MAC))`);
    expect(binary.properties?.structure).toBe('pkcs12');
    expect(found.some((f) => f.occurrences[0].origin.path === 'assets/logo.png')).toBe(true);
    // The look-alike is still a binary file: a counted skip, nothing reported.
    expect(scanned.result.secrets.some((f) => f.occurrences.some((o) => o.origin.path === 'certs/other.pfx'))).toBe(false);
    expect(scanned.result.stats.skipped.binary).toBe(1);
    // No report line holds the base64 whole.
    expect(JSON.stringify(scanned.result)).not.toContain(s.toString('base64').slice(10, 60));
  });

  it('finds a store committed to history and one staged for commit (built CLI)', () => {
    const r = new Repo();
    repos.push(r);
    r.commit({ 'README.md': '# x\n' });
    writeFileSync(join(r.dir, 'old.pfx'), store(4));
    r.git('add', 'old.pfx');
    r.git('commit', '-q', '-m', 'add store');
    r.git('rm', '-q', 'old.pfx');
    r.git('commit', '-q', '-m', 'remove store');
    const paths = (...args: string[]) => {
      const run = runCli(['scan', r.dir, '--no-config', '--format', 'json', ...args], { cwd: r.dir });
      const report = JSON.parse(run.stdout) as { secrets: Array<{ ruleId: string; occurrences: Array<{ origin: { path: string } }> }> };
      return report.secrets.filter((s) => s.ruleId === 'pkcs12-key-store').map((s) => s.occurrences[0].origin.path);
    };
    expect(paths('--history')).toEqual(['old.pfx']);
    writeFileSync(join(r.dir, 'new.p12'), store(5));
    r.git('add', 'new.p12');
    expect(paths('--staged')).toEqual(['new.p12']);
  });
});
