// Hostile input, part 6 (issue 16, items 1, 2, 7, 8): a pull request that tries to reconfigure,
// stall or misuse the gate through the files keysprawl reads for itself (its config, baseline,
// ignore file), its outputs and its standard streams. Each: the documented exit code and one
// line naming the file and field, bounded by a generous child timeout only, the key beside the
// hostile input still found where a scan runs, and never printed whole.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretId } from '../../src/redaction/secret-id.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { HANG_MS, knownKey, noCrash, noLeak, parseReport, runCapped, tempDir, type Dir } from './hostile-helpers.js';

const hasKey = (report: ReturnType<typeof parseReport>, raw: string) => report.secrets.some((s) => s.id === secretId(raw));
const env = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1' };
function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...env, HOME: cwd } }).trim();
}
const stderrLines = (s: string) => s.split('\n').filter(Boolean);

describe('untrusted-input mode: --diff reads config and baseline from the base revision', () => {
  let d: Dir;
  let repo: string;
  const key = knownKey(1700);
  beforeAll(() => {
    d = tempDir();
    repo = join(d.dir, 'repo');
    git(d.dir, 'init', '-q', '-b', 'main', 'repo');
    writeFileSync(join(repo, 'README.md'), 'hello\n');
    writeFileSync(join(repo, '.keysprawl.yaml'), 'version: 1\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'base');
    git(repo, 'checkout', '-q', '-b', 'pr');
    // The pull request adds a key and a config that would hide it and turn the gate off.
    mkdirSync(join(repo, 'secrets'));
    writeFileSync(join(repo, 'secrets', 'prod.env'), `GITHUB_TOKEN=${key}\n`);
    writeFileSync(join(repo, '.keysprawl.yaml'), "allowlist:\n  paths: ['secrets/**']\nfail-on: none\n");
    writeFileSync(join(repo, '.keysprawlignore'), 'secrets/\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'pr');
  });
  afterAll(() => d.cleanup());

  it('the head\'s own .keysprawl.yaml and .keysprawlignore change nothing: the key fails the gate', async () => {
    const run = await runCapped(['scan', repo, '--diff', 'main', '--format', 'json']);
    noCrash(run);
    expect(run.code).toBe(1);
    expect(hasKey(parseReport(run), key)).toBe(true);
    noLeak(run, key);
  });

  it('the same tree scanned as a working tree honours its own config (not a gate)', async () => {
    const run = await runCapped(['scan', repo, '--format', 'json']);
    expect(run.code).toBe(0);
  });

  it('--no-config does not read .keysprawlignore', async () => {
    const run = await runCapped(['scan', repo, '--no-config', '--format', 'json']);
    expect(run.code).toBe(1);
    expect(hasKey(parseReport(run), key)).toBe(true);
  });
});

describe('a repository config cannot read or write outside the scanned tree', () => {
  let d: Dir;
  const key = knownKey(1701);
  beforeAll(() => {
    d = tempDir();
    d.write('outside/credentials', `aws_secret_access_key = ${knownKey(1702)}\n`);
  });
  afterAll(() => d.cleanup());

  const tree = (name: string, config: string) => {
    d.write(`${name}/app.env`, `GITHUB_TOKEN=${key}\n`);
    d.write(`${name}/.keysprawl.yaml`, config);
    return join(d.dir, name);
  };

  it('output: ../ is refused, exit 2, one line naming the file and field; nothing written', async () => {
    const root = tree('out', 'output: [../written.json]\n');
    const run = await runCapped(['scan', root]);
    expect(run.code).toBe(2);
    expect(stderrLines(run.stderr)).toEqual([expect.stringMatching(/\.keysprawl\.yaml: output\[0\]: resolves outside the scanned folder/)]);
    expect(existsSync(join(d.dir, 'written.json'))).toBe(false);
  });

  it('baseline: a symlink to a credential file outside is refused without printing it', async () => {
    const root = tree('link', 'baseline: base.json\n');
    symlinkSync(join(d.dir, 'outside', 'credentials'), join(root, 'base.json'));
    const run = await runCapped(['scan', root]);
    expect(run.code).toBe(2);
    expect(stderrLines(run.stderr)).toEqual([expect.stringMatching(/\.keysprawl\.yaml: baseline: resolves outside the scanned folder/)]);
    noLeak(run, knownKey(1702));
  });

  it('baseline: /dev/zero is refused (was 15 GB of memory)', async () => {
    const root = tree('zero', 'baseline: /dev/zero\n');
    const run = await runCapped(['scan', root], { heapMb: 256 });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/baseline: resolves outside the scanned folder/);
    // Named explicitly, a device is still not read: regular files only.
    const explicit = await runCapped(['scan', root, '--no-config', '--baseline', '/dev/zero'], { heapMb: 256 });
    expect(explicit.code).toBe(2);
    expect(stderrLines(explicit.stderr)).toEqual(['keysprawl: /dev/zero: cannot read baseline (not a regular file (a device))']);
  });
});

describe('files keysprawl reads for itself are bounded', () => {
  let d: Dir;
  const key = knownKey(1703);
  beforeAll(() => {
    d = tempDir();
    d.write('t/app.env', `GITHUB_TOKEN=${key}\n`);
  });
  afterAll(() => d.cleanup());
  const root = () => join(d.dir, 't');

  it('a config that is a FIFO: exit 2 naming it (was a hang)', async () => {
    const fifo = join(d.dir, 'cfg.fifo');
    execFileSync('mkfifo', [fifo]);
    const run = await runCapped(['scan', root(), '--config', fifo]);
    expect(run.code).toBe(2);
    expect(stderrLines(run.stderr)).toEqual([`keysprawl: ${fifo}: cannot read config (not a regular file (a FIFO))`]);
  });

  it('a .keysprawlignore that is a FIFO: one warning, the scan goes on and finds the key', async () => {
    execFileSync('mkfifo', [join(root(), '.keysprawlignore')]);
    const run = await runCapped(['scan', root(), '--format', 'json']);
    expect(run.code).toBe(1);
    const report = parseReport(run);
    expect(hasKey(report, key)).toBe(true);
    expect(report.stats.warnings.filter((w) => w.includes('.keysprawlignore'))).toEqual(['.keysprawlignore: cannot read (not a regular file (a FIFO)), its patterns are not applied']);
    noLeak(run, key);
  });

  it('a config over the size cap, an alias bomb, nesting 10,000 deep: exit 2, one line naming the file', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['big.yaml', `# ${'x'.repeat(1024 * 1024 + 10)}\n`, /big\.yaml: cannot read config \(\d+ bytes is over the 1048576-byte limit\)/],
      ['bomb.yaml', `a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 8 }, (_, i) => `b${i}: &b${i} [${Array(10).fill(i ? `*b${i - 1}` : '*a').join(', ')}]`).join('\n')}\n`, /bomb\.yaml: invalid YAML: aliases expand past 100 nodes/],
      ['deep.yaml', `${'- '.repeat(10_000)}x\n`, /deep\.yaml: invalid YAML: nesting deeper than 256 levels/],
    ];
    for (const [name, text, message] of cases) {
      const file = d.write(name, text);
      const run = await runCapped(['scan', root(), '--config', file], { heapMb: 256 });
      noCrash(run);
      expect(run.code, name).toBe(2);
      expect(stderrLines(run.stderr), name).toEqual([expect.stringMatching(message)]);
    }
  });

  it('a custom rule or allowlist regex with groups nested 3,000 deep: exit 2, one line naming the file (was an internal error)', async () => {
    const deep = (inner: string) => `${'('.repeat(3000)}${inner}${')'.repeat(3000)}`;
    const rule = [
      'rules:',
      '  - id: deep-rule',
      '    name: Deep',
      '    provider: example',
      '    category: generic',
      '    keywords: [abc]',
      `    regex: '${deep('abc')}([A-Za-z0-9]{20})'`,
      '    secretGroup: 3001',
      '    remediation: rotate it',
      '    examples:',
      "      positive: ['abcABCDEFGHIJ0123456789']",
      "      negative: ['abc']",
    ].join('\n');
    const cases: Array<[string, string, RegExp]> = [
      ['deep-rule.yaml', `${rule}\n`, /deep-rule\.yaml: rules\[0\]\.regex: groups nested 3000 deep \(at most 50\)/],
      ['deep-allow.yaml', `allowlist:\n  values: ['${deep('x')}']\n`, /deep-allow\.yaml: allowlist\.values\[0\]: groups nested 3000 deep \(at most 50\)/],
    ];
    for (const [name, text, message] of cases) {
      const run = await runCapped(['scan', root(), '--config', d.write(name, text)]);
      noCrash(run);
      expect(run.code, name).toBe(2);
      expect(stderrLines(run.stderr), name).toEqual([expect.stringMatching(message)]);
    }
  });

  it('a catastrophic allowlist regex is rejected at load (was a hang), and config errors never echo a value', async () => {
    const file = d.write('redos.yaml', `allowlist:\n  values: ['(a+)+$']\n  stopwords: ['${key.slice(0, 3)}']\nfail-on: ${key}\n`);
    const run = await runCapped(['scan', root(), '--config', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/redos\.yaml: allowlist\.values\[0\]: nested quantifier/);
    expect(run.stderr).toMatch(/redos\.yaml: fail-on: must be one of .*, found a string of 40 characters/);
    noLeak(run, key);
    expect(run.stderr).not.toContain(key.slice(0, 3));
  });
});

describe('reports are written safely', () => {
  let d: Dir;
  const key = knownKey(1704);
  beforeAll(() => {
    d = tempDir();
    d.write('t/app.env', `GITHUB_TOKEN=${key}\n`);
  });
  afterAll(() => d.cleanup());

  it('a character device (a copy of /dev/null) is written through, never replaced', async () => {
    const dev = join(d.dir, 'null');
    try {
      execFileSync('mknod', [dev, 'c', '1', '3']);
    } catch {
      return; // not allowed to make device nodes here: the FIFO case below still runs
    }
    const run = await runCapped(['scan', join(d.dir, 't'), '-o', dev]);
    expect(run.code).toBe(1);
    expect(lstatSync(dev).isCharacterDevice()).toBe(true);
  });

  it('a FIFO is written through (its reader gets the report); a symlink keeps pointing at its target', async () => {
    const fifo = join(d.dir, 'out.fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = new Promise<string>((resolve) => {
      const cat = spawn('cat', [fifo]);
      let out = '';
      cat.stdout.on('data', (b: Buffer) => (out += b.toString()));
      cat.on('close', () => resolve(out));
    });
    const run = await runCapped(['scan', join(d.dir, 't'), '-f', 'json', '-o', fifo]);
    expect(run.code).toBe(1);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(JSON.parse(await reader).schema).toBe('keysprawl/v1');
    const target = d.write('real.json', '');
    const link = join(d.dir, 'link.json');
    symlinkSync(target, link);
    const viaLink = await runCapped(['scan', join(d.dir, 't'), '-o', link]);
    expect(viaLink.code).toBe(1);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(target, 'utf8')).schema).toBe('keysprawl/v1');
    noLeak(viaLink, key);
  });
});

describe('the exit contract', () => {
  let d: Dir;
  const keys = Array.from({ length: 300 }, (_, i) => knownKey(1800 + i));
  beforeAll(() => {
    d = tempDir();
    d.write('t/many.env', keys.map((k, i) => `TOKEN_${i}=${k}`).join('\n'));
  });
  afterAll(() => d.cleanup());

  it('stdout closed early (| head): quiet, the gate\'s exit code, no stack trace', async () => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'keysprawl.js'), 'scan', join(d.dir, 't'), '--format', 'json'], { env: { ...process.env, CI: 'true' } });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const timer = setTimeout(() => child.kill(), HANG_MS);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    expect(code).toBe(1);
    expect(stderr).toBe('');
  });

  it('stdout on a full disk (/dev/full): exit 2 and one line', async () => {
    if (!existsSync('/dev/full')) return;
    const out = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'keysprawl.js'), 'scan', join(d.dir, 't'), '--format', 'json'], {
        env: { ...process.env, CI: 'true' }, stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'],
      });
      let stderr = '';
      child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(out.code).toBe(2);
    expect(stderrLines(out.stderr)).toEqual(['keysprawl: cannot write to standard output (ENOSPC)']);
  });

  it('NO_COLOR is honoured on a terminal', async () => {
    const script = '/usr/bin/script';
    if (!existsSync(script)) return;
    const cmd = `${process.execPath} ${join(REPO_ROOT, 'bin', 'keysprawl.js')} scan ${join(d.dir, 't')} --quiet`;
    const run = (extra: NodeJS.ProcessEnv) => {
      const e: NodeJS.ProcessEnv = { ...process.env, ...extra };
      delete e.CI;
      delete e.FORCE_COLOR;
      try {
        return execFileSync(script, ['-qec', cmd, '/dev/null'], { env: e, encoding: 'utf8', timeout: HANG_MS });
      } catch (err) {
        return (err as { stdout: string }).stdout;
      }
    };
    expect(run({ TERM: 'xterm-256color' })).toContain('\u001b[');
    const plain = run({ TERM: 'xterm-256color', NO_COLOR: '1' });
    expect(plain).toMatch(/many\.env:1/);
    expect(plain).not.toContain('\u001b[');
  });
});
