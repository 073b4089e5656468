// `keysprawl init`: the built CLI in temp folders, and once in-process to answer its question.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type Io } from '../../src/cli/main.js';
import { STARTER_CONFIG } from '../../src/config/starter.js';
import { runCli } from '../helpers/cli.js';
import { makeTree, TEST_RULE_YAML, type Tree } from '../helpers/tree.js';

let tree: Tree;
let rulesDir: string;

beforeAll(() => {
  tree = makeTree({
    'rules/test.yaml': TEST_RULE_YAML,
    'clean/README.md': '# nothing to see\n',
    'dirty/app.py': 'TOKEN = "tst_<<b62:32>>"\n',
    'yes/app.py': 'TOKEN = "tst_<<b62:32>>"\n',
    'ask/app.py': 'TOKEN = "tst_<<b62:32>>"\n',
    'noscan/app.py': 'TOKEN = "tst_<<b62:32>>"\n',
  });
  rulesDir = join(tree.dir, 'rules');
});
afterAll(() => tree.cleanup());

const init = (dir: string, ...args: string[]) => runCli(['init', ...args, '--rules', rulesDir], { cwd: join(tree.dir, dir) });

describe('keysprawl init', () => {
  it('writes the commented starter config and says a clean repository is clean', () => {
    const r = init('clean');
    expect(r.code).toBe(0);
    expect(readFileSync(join(tree.dir, 'clean', '.keysprawl.yaml'), 'utf8')).toBe(STARTER_CONFIG);
    expect(r.stdout).toContain('no findings in .: from now on every new key fails keysprawl scan');
    expect(existsSync(join(tree.dir, 'clean', '.keysprawl-baseline.json'))).toBe(false);
  });

  it('refuses to overwrite a config unless --force', () => {
    writeFileSync(join(tree.dir, 'clean', '.keysprawl.yaml'), 'fail-on: high\n');
    const r = init('clean');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('keysprawl: .keysprawl.yaml: already exists (add --force to overwrite it)\n');
    expect(readFileSync(join(tree.dir, 'clean', '.keysprawl.yaml'), 'utf8')).toBe('fail-on: high\n');
    expect(init('clean', '--force').code).toBe(0);
    expect(readFileSync(join(tree.dir, 'clean', '.keysprawl.yaml'), 'utf8')).toBe(STARTER_CONFIG);
  });

  it('offers the baseline when there are findings, without creating it unasked', () => {
    const r = init('dirty');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 secret(s) already in . (1 high)');
    expect(r.stdout).toContain('to accept them: keysprawl baseline create -o .keysprawl-baseline.json');
    expect(existsSync(join(tree.dir, 'dirty', '.keysprawl-baseline.json'))).toBe(false);
  });

  it('--yes records the findings and enables the baseline in the config, after which a plain scan passes', () => {
    const r = init('yes', '--yes');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('baseline: recorded 1 finding(s) in .keysprawl-baseline.json, used by every scan (baseline: in .keysprawl.yaml)');
    expect(r.stdout).toContain('next: keysprawl scan\n');
    const cwd = join(tree.dir, 'yes');
    expect(readFileSync(join(cwd, '.keysprawl.yaml'), 'utf8')).toMatch(/^baseline: \.keysprawl-baseline\.json$/m);
    // The hint works when pasted: the next plain scan passes, and without the config it fails.
    expect(runCli(['scan', '--rules', rulesDir], { cwd }).code).toBe(0);
    expect(runCli(['scan', '--rules', rulesDir, '--no-config'], { cwd }).code).toBe(1);
  });

  it('--no-scan only writes the config; a folder argument names where', () => {
    const r = runCli(['init', join(tree.dir, 'noscan'), '--no-scan']);
    expect(r.code).toBe(0);
    expect(existsSync(join(tree.dir, 'noscan', '.keysprawl.yaml'))).toBe(true);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('asks on a terminal and records the baseline on "y"', async () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    const stdout = Object.assign(new PassThrough(), { isTTY: true });
    const chunks: string[] = [];
    stdout.on('data', (c: Buffer) => {
      chunks.push(c.toString());
      if (c.toString().includes('[y/N]')) stdin.write('y\n');
    });
    const io: Io = { stdin, stdout, stderr: new PassThrough(), env: {} };
    const dir = join(tree.dir, 'ask');
    mkdirSync(dir, { recursive: true });
    const code = await main(['init', dir, '--rules', rulesDir], io);
    expect(code).toBe(0);
    expect(chunks.join('')).toMatch(/so only new findings fail\? \[y\/N\]/);
    expect(existsSync(join(dir, '.keysprawl-baseline.json'))).toBe(true);
    // "y" leaves the project passing a plain scan, as the printed next step says.
    expect(chunks.join('')).toContain('next: keysprawl scan ');
    expect(runCli(['scan', dir, '--rules', rulesDir]).code).toBe(0);
  });
});
