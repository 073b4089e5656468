// Hostile input, part 7 (issue 16, items 4 and 5): input shaped to hide a key from the scan or to
// make a report print it. The scan root as a symlink, stray NUL bytes, a binary file with a text region, BOM-less UTF-16, keys in
// zip/tar/gzip archives (nested, and past the depth limit), keys behind JSON, JS and YAML
// escapes, a missing blob in --history, a blobless partial clone (no fetch), an unreadable new
// blob under --staged (fails closed). Each: found (or the documented exit code), and no output
// holds the raw value.
import { execFileSync } from 'node:child_process';
import { chmodSync, readdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretId } from '../../src/redaction/secret-id.js';
import { knownKey, noCrash, noLeak, parseReport, runCapped, tempDir, type Dir } from './hostile-helpers.js';

type Report = ReturnType<typeof parseReport> & { secrets: Array<{ id: string; occurrences: Array<{ origin: { path: string }; line: number; column: number; snippet: string }> }> };
const occurrence = (report: Report, raw: string) => report.secrets.find((s) => s.id === secretId(raw))?.occurrences[0];

/** A zip with stored or deflated entries, written here so the test needs no zip tool. */
function zip(entries: Array<[string, Buffer]>, deflate = true): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const body = deflate ? deflateRawSync(data) : data;
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, body);
    centrals.push(central, n);
    offset += 30 + n.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** A one-file ustar archive. */
function tar(name: string, data: Buffer): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0);
  h.write('0000644\0', 100);
  h.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
  h.write('0', 156);
  h.write('ustar\0' + '00', 257);
  h.write('        ', 148);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return Buffer.concat([h, data, Buffer.alloc((512 - (data.length % 512)) % 512), Buffer.alloc(1024)]);
}

describe('keys hidden by the shape of the input', () => {
  let d: Dir;
  let run: Awaited<ReturnType<typeof runCapped>>;
  let report: Report;
  const k = Array.from({ length: 13 }, (_, i) => knownKey(1900 + i));
  const env = (i: number) => Buffer.from(`GITHUB_TOKEN=${k[i]}\n`);
  const escaped = (s: string) => s.slice(0, 4) + [...s.slice(4, 10)].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('') + s.slice(10);

  beforeAll(async () => {
    d = tempDir();
    d.write('real/nul.txt', Buffer.concat([Buffer.from('header\0\0 stray NULs\n'), env(0)]));
    d.write('real/utf16.txt', Buffer.from(`first\r\nGITHUB_TOKEN=${k[1]}\r\n`, 'utf16le'));
    d.write('real/bundle.zip', zip([['config/.env', env(2)], ['icon.bin', Buffer.alloc(64, 0)]]));
    d.write('real/backup.tar', tar('deploy/secrets.txt', env(3)));
    d.write('real/dump.sql.gz', gzipSync(env(4)));
    d.write('real/release.tgz', gzipSync(tar('etc/app.env', env(5))));
    d.write('real/outer.zip', zip([['inner.zip', zip([['deep.env', env(6)]], false)]]));
    // Three levels of zip: the innermost is past the depth limit, a counted skip.
    d.write('real/russian.zip', zip([['l1.zip', zip([['l2.zip', zip([['l3.zip', zip([['x.env', env(7)]])]])]])]]));
    d.write('real/settings.json', `{\n  "name": "x",\n  "token": "${escaped(k[8])}"\n}\n`);
    d.write('real/client.js', `const t = '${k[9].slice(0, 8)}\\x${k[9].charCodeAt(8).toString(16)}${k[9].slice(9)}';\n`);
    d.write('real/.github/workflows/ci.yml', `on: push\nenv:\n  TOKEN: "${k[10].slice(0, 20)}\\\n    ${k[10].slice(20)}"\n`);
    d.write('real/notebook.ipynb', JSON.stringify({ cells: [{ cell_type: 'code', source: ['print(1)'], outputs: [{ output_type: 'stream', name: 'stdout', text: ['token KEY\n'] }] }], metadata: {}, nbformat: 4, nbformat_minor: 5 }).replace('KEY', escaped(k[11])));
    // Binary from its first byte (control bytes far above 1 in 32), with the key in a text region.
    const junk = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => [0, 1, 2, 3, 0x80, 0xff][(i * 7) % 6]));
    d.write('real/app.bin', Buffer.concat([junk(9000), Buffer.from('\n'), env(12), junk(9000)]));
    symlinkSync(join(d.dir, 'real'), join(d.dir, 'link'));
    // The scan root itself is the symlink.
    run = await runCapped(['scan', join(d.dir, 'link'), '--format', 'json']);
    report = parseReport(run) as Report;
  });
  afterAll(() => d.cleanup());

  it('a root that is a symlink is walked (was 0 files, exit 0)', () => {
    noCrash(run);
    expect(run.code).toBe(1);
    expect(report.stats.filesScanned).toBeGreaterThan(5);
  });

  it('stray NUL bytes and BOM-less UTF-16 are text', () => {
    expect(occurrence(report, k[0])).toMatchObject({ origin: { path: 'nul.txt' }, line: 2, column: 14 });
    expect(occurrence(report, k[1])).toMatchObject({ origin: { path: 'utf16.txt' }, line: 2, column: 14 });
  });

  it('a file that looks binary from its first byte is read in its text regions, in place', () => {
    expect(occurrence(report, k[12])).toMatchObject({ origin: { path: 'app.bin' }, line: 2, column: 14 });
    const binaryChars = [...occurrence(report, k[12])!.snippet].filter((c) => c.charCodeAt(0) < 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0xff));
    expect(binaryChars).toEqual([]);
  });

  it('archives are opened as nested paths; past the depth limit is a counted skip', () => {
    expect(occurrence(report, k[2])?.origin.path).toBe('bundle.zip!config/.env');
    expect(occurrence(report, k[3])?.origin.path).toBe('backup.tar!deploy/secrets.txt');
    expect(occurrence(report, k[4])?.origin.path).toBe('dump.sql.gz!dump.sql');
    expect(occurrence(report, k[5])?.origin.path).toBe('release.tgz!release.tar!etc/app.env');
    expect(occurrence(report, k[6])?.origin.path).toBe('outer.zip!inner.zip!deep.env');
    expect(occurrence(report, k[7])).toBeUndefined();
    expect(report.stats.skippedItems.filter((s) => s.path.startsWith('russian.zip'))).toEqual([
      { path: 'russian.zip!l1.zip!l2.zip!l3.zip', reason: 'archive', message: 'russian.zip!l1.zip!l2.zip!l3.zip: archive nested 3 deep, not opened' },
    ]);
  });

  it('JSON \\u, JS \\x and YAML escaped line breaks are decoded, at the escaped form\'s place, masked there', () => {
    expect(occurrence(report, k[8])).toMatchObject({ origin: { path: 'settings.json' }, line: 3, column: 13 });
    expect(occurrence(report, k[9])).toMatchObject({ origin: { path: 'client.js' }, line: 1, column: 12 });
    expect(occurrence(report, k[10])).toMatchObject({ origin: { path: '.github/workflows/ci.yml' }, line: 3, column: 11 });
    expect(occurrence(report, k[8])!.snippet).toBe(`"token": "${k[8].slice(0, 4)}…${k[8].slice(-2)}"`);
  });

  it('a JSON-escaped key in a notebook output: snippet masked by position, in JSON and SARIF', async () => {
    const occ = occurrence(report, k[11])!;
    expect(occ.origin.path).toBe('notebook.ipynb');
    expect(occ.snippet).not.toContain(k[11].slice(10, 20));
    const sarif = await runCapped(['scan', join(d.dir, 'link'), '--format', 'sarif']);
    for (const key of k) noLeak(sarif, key);
    expect(sarif.stdout).not.toContain(k[11].slice(10, 20));
  });

  it('no output carries any key whole', () => {
    for (const key of k) noLeak(run, key);
  });
});

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd, encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1', HOME: cwd },
  }).trim();
}

const objectFile = (repo: string, sha: string) => join(repo, '.git', 'objects', sha.slice(0, 2), sha.slice(2));

describe('git objects that are missing or unreadable', () => {
  let d: Dir;
  const keys = [knownKey(1950), knownKey(1951), knownKey(1952)];
  beforeAll(() => {
    d = tempDir();
    git(d.dir, 'init', '-q', '-b', 'main', 'src');
    const src = join(d.dir, 'src');
    keys.forEach((key, i) => {
      writeFileSync(join(src, `f${i}.env`), `GITHUB_TOKEN=${key}\n`);
      git(src, 'add', '.');
      git(src, 'commit', '-q', '-m', `c${i}`);
    });
    git(src, 'config', 'uploadpack.allowFilter', 'true');
  });
  afterAll(() => d.cleanup());

  it('--history with a missing blob: skipped and counted, the rest scanned, exit 1 (was exit 2)', async () => {
    git(d.dir, 'clone', '-q', '--no-local', join(d.dir, 'src'), 'missing');
    const repo = join(d.dir, 'missing');
    const sha = git(repo, 'rev-parse', 'HEAD:f1.env');
    // Unpack everything to loose objects so one blob can be removed.
    for (const p of readdirSync(join(repo, '.git', 'objects', 'pack')).filter((f) => f.endsWith('.pack'))) {
      const pack = join(repo, '.git', 'objects', 'pack', p);
      const moved = `${pack}.moved`;
      execFileSync('mv', [pack, moved]);
      execFileSync('sh', ['-c', `git unpack-objects -q < "${moved}"`], { cwd: repo });
      unlinkSync(moved);
      unlinkSync(pack.replace(/\.pack$/, '.idx'));
    }
    unlinkSync(objectFile(repo, sha));
    const run = await runCapped(['scan', '--history', repo, '--format', 'json']);
    noCrash(run);
    expect(run.code).toBe(1);
    const report = parseReport(run);
    expect(report.secrets.map((s) => s.id).sort()).toEqual([secretId(keys[0]), secretId(keys[2])].sort());
    expect(report.stats.skipped['missing-object']).toBe(1);
    expect(report.stats.warnings.filter((w) => /missing from the repository/.test(w))).toHaveLength(1);
    for (const key of keys) noLeak(run, key);
  });

  it('a blobless partial clone: missing blobs are skipped and counted, nothing is fetched', async () => {
    git(d.dir, 'clone', '-q', '--filter=blob:none', '--no-checkout', `file://${join(d.dir, 'src')}`, 'partial');
    const repo = join(d.dir, 'partial');
    const count = () => git(repo, 'count-objects', '-v');
    const before = count();
    const run = await runCapped(['scan', '--history', repo, '--format', 'json']);
    noCrash(run);
    expect(run.code).toBe(0);
    expect(parseReport(run).stats.skipped['missing-object']).toBe(3);
    expect(count()).toBe(before);
  });

  it('--staged with a CR-only file (one line to git): its key is reported at its own line', async () => {
    git(d.dir, 'init', '-q', '-b', 'main', 'cr');
    const repo = join(d.dir, 'cr');
    const key = knownKey(1954);
    writeFileSync(join(repo, 'mac.txt'), `first\rGITHUB_TOKEN=${key}\r`);
    git(repo, 'add', 'mac.txt');
    const run = await runCapped(['scan', '--staged', repo, '--format', 'json']);
    expect(run.code).toBe(1);
    expect(parseReport(run).secrets.find((s) => s.id === secretId(key))?.occurrences[0]).toMatchObject({ line: 2, column: 14 });
    noLeak(run, key);
  });

  it('--staged with an unreadable added blob fails closed: exit 2 naming the file (was exit 0)', async () => {
    git(d.dir, 'init', '-q', '-b', 'main', 'staged');
    const repo = join(d.dir, 'staged');
    writeFileSync(join(repo, 'new.env'), `GITHUB_TOKEN=${knownKey(1953)}\n`);
    git(repo, 'add', 'new.env');
    const sha = git(repo, 'rev-parse', ':new.env');
    chmodSync(objectFile(repo, sha), 0o644);
    writeFileSync(objectFile(repo, sha), 'not a zlib stream');
    const run = await runCapped(['scan', '--staged', repo]);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/^keysprawl: new\.env: the added version \(blob [0-9a-f]{7}\) cannot be read/)]);
    noLeak(run, knownKey(1953));
  });
});
