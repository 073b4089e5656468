// The built CLI in git modes: exit codes, one-line errors (never a stack trace), corrupt
// objects as counted skips, and the history facts in the JSON and text reports.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TEST_RULE_YAML } from '../helpers/tree.js';
import { fakeKey, Repo } from './git-fixture.js';

let rulesDir: string;
const repos: Repo[] = [];
function repo(): Repo {
  const r = new Repo();
  repos.push(r);
  return r;
}
beforeAll(() => {
  rulesDir = mkdtempSync(join(tmpdir(), 'keysprawl-rules-'));
  writeFileSync(join(rulesDir, 'test.yaml'), TEST_RULE_YAML);
});
afterAll(() => {
  for (const r of repos) r.cleanup();
});

const scan = (dir: string, ...args: string[]) => runCli(['scan', dir, '--rules', rulesDir, '--no-config', ...args], { cwd: dir });

function expectOneLineError(r: { code: number; stderr: string }, pattern: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

/** Overwrite a loose object's file: git can no longer inflate it. */
function corrupt(r: Repo, sha: string): void {
  const file = join(r.dir, '.git', 'objects', sha.slice(0, 2), sha.slice(2));
  chmodSync(file, 0o644);
  writeFileSync(file, 'not a zlib stream');
}

describe('keysprawl scan --history | --staged | --diff (built CLI)', () => {
  it('exits 2 with one line outside a git repository', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keysprawl-nogit-'));
    mkdirSync(join(dir, 'sub'));
    expectOneLineError(scan(join(dir, 'sub'), '--history'), /not a git repository/);
    expectOneLineError(scan(dir, '--staged'), /not a git repository/);
  });

  it('rejects flag combinations that make no sense', () => {
    const r = repo();
    r.commit({ 'a.txt': 'a\n' });
    expectOneLineError(scan(r.dir, '--branch', 'main'), /--branch: only with --history/);
    expectOneLineError(scan(r.dir, '--history', '--staged'), /--history and --staged cannot be combined/);
    expectOneLineError(scan(r.dir, '--history', '--max-count', 'ten'), /--max-count ten: expected a positive whole number/);
    expectOneLineError(scan(r.dir, '--history', '--branch', 'no-such-branch'), /no-such-branch: unknown revision/);
  });

  it('reports a history-only key with its commit, author, date and removal, and exits 1', () => {
    const r = repo();
    const key = fakeKey(31);
    const added = r.commit({ 'deploy.env': `TOKEN=${key}\n` }, 'add');
    const removed = r.commit({ 'deploy.env': 'TOKEN=\n' }, 'remove');
    const out = mkdtempSync(join(tmpdir(), 'keysprawl-out-'));
    const res = scan(r.dir, '--history', '-f', 'json', '-o', join(out, 'r.json'), '-f', 'text');
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/deploy\.env:1/);
    expect(res.stdout).toContain(`removed from HEAD in ${removed.slice(0, 12)}, still needs rotation`);
    expect(res.stdout).not.toContain(key);
    const json = JSON.parse(readFileSync(join(out, 'r.json'), 'utf8'));
    const occ = json.secrets[0].occurrences[0];
    expect(occ.origin).toMatchObject({ kind: 'git', path: 'deploy.env', commit: added, author: 'Test Author <author@example.test>', presentAtHead: false });
    expect(occ.origin.date).toMatch(/^2024-01-01T00:01:00/);
    expect(occ.properties.removedIn).toBe(removed);
    expect(json.stats.blobsScanned).toBe(2);
    // A plain scan of the same checkout finds nothing: the key is only in history.
    expect(scan(r.dir).code).toBe(0);
  });

  it('skips a corrupt blob with one warning naming the file, and scans the rest', () => {
    const r = repo();
    r.commit({ 'bad.env': `A=${fakeKey(32)}\n`, 'good.env': `B=${fakeKey(33)}\n` });
    corrupt(r, r.head('HEAD:bad.env'));
    const res = scan(r.dir, '--history', '-f', 'json');
    expect(res.code).toBe(1);
    const json = JSON.parse(res.stdout);
    expect(json.stats.skipped['corrupt-object']).toBe(1);
    expect(json.secrets.map((s: { occurrences: Array<{ origin: { path: string } }> }) => s.occurrences[0].origin.path)).toEqual(['good.env']);
    const warnings = res.stderr.trim().split('\n');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/bad\.env \(blob [0-9a-f]{7}\): corrupt git object, skipped/);
  });

  it('exits 2 with one line when a commit or tree is corrupt (the walk cannot go on)', () => {
    const r = repo();
    r.commit({ 'dir/a.txt': 'a\n' });
    r.commit({ 'b.txt': 'b\n' });
    corrupt(r, r.head('HEAD~1:dir'));
    expectOneLineError(scan(r.dir, '--history'), /repository is damaged: run git fsck/);
  });

  it('--staged exits 1 on a staged key and 0 once it is unstaged', () => {
    const r = repo();
    r.commit({ 'README.md': '# x\n' });
    r.write({ 'app.env': `K=${fakeKey(34)}\n` });
    r.git('add', 'app.env');
    const blocked = scan(r.dir, '--staged');
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toMatch(/app\.env:1/);
    r.git('rm', '-q', '--cached', 'app.env');
    expect(scan(r.dir, '--staged').code).toBe(0);
  });

  it('--staged from a subfolder reads the repository\'s .keysprawl.yaml', () => {
    const r = repo();
    // The config at the top level disables the rule; run from a subfolder, it must still apply.
    r.commit({ '.keysprawl.yaml': 'disable: [test-token]\n', 'sub/README.md': '# x\n' });
    r.write({ 'sub/app.env': `K=${fakeKey(35)}\n` });
    r.git('add', 'sub/app.env');
    const sub = join(r.dir, 'sub');
    const res = runCli(['scan', '--staged', '--rules', rulesDir], { cwd: sub });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(runCli(['scan', '--staged', '--rules', rulesDir, '--no-config'], { cwd: sub }).code).toBe(1);
  });

  // The index's diff starts beside rev-parse in the folder the scan starts from, and is used only
  // when that folder is the top level. diff.relative makes git's diff in a subfolder list that
  // subfolder's files by paths relative to it, so a diff taken there would lose top.env and name
  // sub/app.env "app.env": every start must report both files by their top-level paths.
  it('--staged reports the same from the top level, a subfolder, a path argument and GIT_DIR/GIT_WORK_TREE', () => {
    const r = repo();
    r.commit({ 'top.env': 'x\n', 'sub/app.env': 'y\n' });
    r.git('config', 'diff.relative', 'true');
    r.write({ 'top.env': `x\nK=${fakeKey(36)}\n`, 'sub/app.env': `y\nK=${fakeKey(37)}\n` });
    r.git('add', '.');
    const sub = join(r.dir, 'sub');
    const findings = (res: { code: number; stdout: string; stderr: string }) => {
      expect(res.stderr).toBe('');
      expect(res.code).toBe(1);
      const report = JSON.parse(res.stdout) as { root: string; secrets: Array<{ id: string; occurrences: Array<{ origin: { path: string }; line: number; column: number }> }> };
      return { root: report.root, secrets: report.secrets.map((s) => ({ id: s.id, at: s.occurrences.map((o) => `${o.origin.path}:${o.line}:${o.column}`) })) };
    };
    const args = ['--staged', '--rules', rulesDir, '--no-config', '--format', 'json'];
    const top = findings(runCli(['scan', ...args], { cwd: r.dir }));
    expect(top.secrets.flatMap((s) => s.at).sort()).toEqual(['sub/app.env:2:3', 'top.env:2:3']);
    expect(findings(runCli(['scan', ...args], { cwd: sub }))).toEqual(top);
    expect(findings(runCli(['scan', 'sub', ...args], { cwd: r.dir }))).toEqual(top);
    expect(findings(runCli(['scan', 'sub/app.env', ...args], { cwd: r.dir }))).toEqual(top);
    const env = { GIT_DIR: join(r.dir, '.git'), GIT_WORK_TREE: r.dir };
    expect(findings(runCli(['scan', ...args], { cwd: sub, env }))).toEqual(top);
    expect(findings(runCli(['scan', ...args], { cwd: r.dir, env: { GIT_DIR: '.git' } }))).toEqual(top);
  });
});
