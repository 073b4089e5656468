// Adopting keysprawl on a real git repository with the built CLI: init → baseline create →
// scan --baseline; lines move and nothing fails; a new key fails alone; update makes it clean.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandFakes } from '../../src/rules/fake.js';
import { runCli } from '../helpers/cli.js';
import { validateSarif } from '../helpers/sarif-schema.js';
import { makeTree, TEST_RULE_YAML, type Tree } from '../helpers/tree.js';

let tree: Tree;
let repo: string;
let rulesDir: string;
let outDir: string;
const keys: string[] = [];

function git(...args: string[]): void {
  const r = spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

function commitAll(message: string): void {
  git('add', '-A');
  git('commit', '-q', '-m', message);
}

const ks = (...args: string[]) => runCli([...args, '--rules', rulesDir], { cwd: repo });
const out = (name: string) => join(outDir, name);
const json = (name: string) => JSON.parse(readFileSync(out(name), 'utf8'));
const newKey = (seed: number) => {
  const k = expandFakes('tst_<<b62:32>>', seed);
  keys.push(k);
  return k;
};

beforeAll(() => {
  tree = makeTree({
    'repo/app.py': 'import os\nAPI_TOKEN = "tst_<<b62:32>>"\n',
    'repo/config/settings.yaml': 'service:\n  token: tst_<<b62:32>>\n',
    'repo/README.md': '# demo\n',
    'rules/test.yaml': TEST_RULE_YAML,
  });
  repo = join(tree.dir, 'repo');
  rulesDir = join(tree.dir, 'rules');
  outDir = join(tree.dir, 'out');
  mkdirSync(outDir);
  for (const f of ['repo/app.py', 'repo/config/settings.yaml']) keys.push(/tst_[A-Za-z0-9]{32}/.exec(tree.files[f])![0]);
  git('init', '-q');
  git('config', 'user.email', 'dev@example.com');
  git('config', 'user.name', 'Dev');
  commitAll('initial');
});
afterAll(() => tree.cleanup());

describe('adopting keysprawl on a repository with findings', () => {
  it('takes three commands: init, baseline create, scan --baseline', () => {
    const init = ks('init');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('wrote .keysprawl.yaml');
    expect(init.stdout).toMatch(/2 secret\(s\) already in \. \(2 high\)/);
    expect(init.stdout).toContain('to accept them: keysprawl baseline create -o .keysprawl-baseline.json');
    expect(ks('scan').code).toBe(1);

    const create = ks('baseline', 'create');
    expect(create.code).toBe(0);
    expect(create.stdout).toContain('baseline: recorded 2 findings in .keysprawl-baseline.json');
    expect(ks('baseline', 'create').code).toBe(2); // never overwritten by accident

    const scan = ks('scan', '--baseline', '.keysprawl-baseline.json');
    expect(scan.code).toBe(0);
    expect(scan.stdout).toMatch(/2 suppressed/);
    commitAll('adopt keysprawl');
  });

  it('keeps baselined keys in JSON and SARIF as suppressed (kind external), never dropped', () => {
    const r = ks('scan', '--baseline', '.keysprawl-baseline.json', '-f', 'json', '-o', out('r.json'), '-f', 'sarif', '-o', out('r.sarif'));
    expect(r.code).toBe(0);
    const report = json('r.json');
    expect(report.secrets).toHaveLength(2);
    expect(report.summary.secrets).toBe(0);
    expect(report.summary.suppressed).toBe(2);
    const sarif = json('r.sarif');
    expect(validateSarif(sarif)).toEqual([]);
    for (const result of sarif.runs[0].results) {
      expect(result.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'baseline .keysprawl-baseline.json' }]);
    }
  });

  it('does not fail when lines move', () => {
    const app = join(repo, 'app.py');
    writeFileSync(app, `"""Service entry point."""\n${'\n'.repeat(30)}${readFileSync(app, 'utf8')}`);
    commitAll('move lines');
    expect(ks('scan', '--baseline', '.keysprawl-baseline.json').code).toBe(0);
  });

  it('fails on a new key only, and update accepts it and reports what changed', () => {
    writeFileSync(join(repo, 'worker.py'), `WORKER_TOKEN = "${newKey(77)}"\n`);
    commitAll('add worker');
    const r = ks('scan', '--baseline', '.keysprawl-baseline.json', '-f', 'json', '-o', out('new.json'));
    expect(r.code).toBe(1);
    const active = json('new.json').secrets.filter((s: { suppressed?: unknown }) => !s.suppressed);
    expect(active.map((s: { occurrences: { origin: { path: string } }[] }) => s.occurrences[0].origin.path)).toEqual(['worker.py']);

    const update = ks('baseline', 'update');
    expect(update.code).toBe(0);
    expect(update.stdout).toBe('+ test-token  worker.py\nbaseline: 1 added, 0 removed, 2 unchanged (.keysprawl-baseline.json)\n');
    expect(ks('scan', '--baseline', '.keysprawl-baseline.json').code).toBe(0);
  });

  it('drops findings that are gone on update', () => {
    rmSync(join(repo, 'config', 'settings.yaml'));
    commitAll('remove settings');
    const update = ks('baseline', 'update');
    expect(update.stdout).toBe('- test-token  config/settings.yaml\nbaseline: 0 added, 1 removed, 2 unchanged (.keysprawl-baseline.json)\n');
    const again = ks('baseline', 'update');
    expect(again.stdout).toBe('baseline: 0 added, 0 removed, 2 unchanged (.keysprawl-baseline.json)\n');
  });

  it('treats the same key pasted into a new file as new', () => {
    writeFileSync(join(repo, 'notebook-copy.py'), `t = "${keys[0]}"\n`);
    expect(ks('scan', '--baseline', '.keysprawl-baseline.json').code).toBe(1);
    rmSync(join(repo, 'notebook-copy.py'));
  });

  it('never writes a secret value into the baseline', () => {
    const text = readFileSync(join(repo, '.keysprawl-baseline.json'), 'utf8');
    for (const k of keys) {
      expect(text).not.toContain(k);
      expect(text).not.toContain(k.slice(4, 20));
    }
  });

  it('shows inline allows in SARIF as suppressions of kind inSource, with the reason', () => {
    writeFileSync(join(repo, 'fixture.py'), `# keysprawl:allow reason="documented test key"\nKEY = "${newKey(78)}"\n`);
    const r = ks('scan', '--baseline', '.keysprawl-baseline.json', '-f', 'sarif', '-o', out('inline.sarif'));
    expect(r.code).toBe(0);
    const sarif = json('inline.sarif');
    expect(validateSarif(sarif)).toEqual([]);
    const result = sarif.runs[0].results.find((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
      x.locations[0].physicalLocation.artifactLocation.uri === 'fixture.py');
    expect(result.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'documented test key' }]);
    rmSync(join(repo, 'fixture.py'));
  });
});

describe('baselines over git history', () => {
  it('records keys that only history holds with --history, for scan --history', () => {
    // config/settings.yaml was deleted above: its key is only in history now.
    const plain = ks('scan', '--history', '--baseline', '.keysprawl-baseline.json', '-f', 'json', '-o', out('h1.json'));
    expect(plain.code).toBe(1);
    const create = ks('baseline', 'create', '--history', '-o', out('history.json'));
    expect(create.stdout).toContain(`next: keysprawl scan --history --baseline ${out('history.json')}`);
    const r = ks('scan', '--history', '--baseline', out('history.json'), '-f', 'json', '-o', out('h2.json'));
    expect(r.code).toBe(0);
    const paths = json('h2.json').secrets.flatMap((s: { occurrences: { origin: { path: string } }[] }) => s.occurrences.map((o) => o.origin.path));
    expect(paths).toContain('config/settings.yaml');
  });
});

describe('config defaults on the command line', () => {
  it('uses the config baseline and fail-on; flags override them; --no-config ignores the file', () => {
    writeFileSync(join(repo, 'extra.py'), `EXTRA = "${newKey(79)}"\n`); // high (a committed key in a live format), not baselined
    writeFileSync(join(repo, '.keysprawl.yaml'), 'baseline: .keysprawl-baseline.json\nfail-on: critical\n');
    const r = ks('scan', '-f', 'json', '-o', out('cfg.json'));
    expect(r.code).toBe(0);
    expect(json('cfg.json').summary).toMatchObject({ secrets: 1, suppressed: 2 });
    expect(ks('scan', '--fail-on', 'high').code).toBe(1);
    expect(ks('scan', '--no-config', '-f', 'json', '-o', out('nocfg.json')).code).toBe(1);
    expect(json('nocfg.json').summary).toMatchObject({ secrets: 3, suppressed: 0 });
    rmSync(join(repo, 'extra.py'));
  });

  it('writes the config default formats when no --format or --output is given', () => {
    // A repository's config writes only inside the scanned folder (docs/security.md).
    writeFileSync(join(repo, '.keysprawl.yaml'), `format: [sarif, json]\noutput: ['${out('cfg.sarif')}']\n`);
    expect(ks('scan').stderr).toMatch(/\.keysprawl\.yaml: output\[0\]: resolves outside the scanned folder/);
    writeFileSync(join(repo, '.keysprawl.yaml'), 'format: [sarif, json]\noutput: [reports/cfg.sarif]\n');
    mkdirSync(join(repo, 'reports'), { recursive: true });
    const r = ks('scan');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).schema).toBe('keysprawl/v1');
    expect(existsSync(join(repo, 'reports', 'cfg.sarif'))).toBe(true);
    rmSync(join(repo, 'reports'), { recursive: true });
    const flags = ks('scan', '-f', 'text');
    expect(flags.stdout).toMatch(/files scanned/);
  });
});

describe('migrating from gitleaks and detect-secrets', () => {
  it('imports a .gitleaksignore: matched entries become fingerprints, the key no longer fails', () => {
    writeFileSync(join(repo, '.keysprawl.yaml'), 'version: 1\n');
    const line = readFileSync(join(repo, 'app.py'), 'utf8').split('\n').findIndex((l) => l.includes('tst_')) + 1;
    const ignore = join(outDir, '.gitleaksignore');
    writeFileSync(ignore, `# from gitleaks\napp.py:generic-api-key:${line}\nold/gone.py:generic-api-key:3\n`);
    const r = ks('baseline', 'import', '--from', 'gitleaks', ignore, '-o', out('gl.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('imported 2 gitleaks entries');
    expect(r.stdout).toContain('1 matched current findings (1 fingerprint added), 1 kept as imported entries');
    const b = json('gl.json');
    expect(b.findings.map((f: { path: string }) => f.path)).toEqual(['app.py']);
    expect(b.imported).toEqual([{ from: 'gitleaks', path: 'old/gone.py', ruleId: 'generic-api-key', line: 3 }]);
    const scan = ks('scan', '--baseline', out('gl.json'), '-f', 'json', '-o', out('gl-scan.json'));
    const suppressed = json('gl-scan.json').secrets.filter((s: { suppressed?: unknown }) => s.suppressed);
    expect(suppressed.map((s: { occurrences: { origin: { path: string } }[] }) => s.occurrences[0].origin.path)).toEqual(['app.py']);
    expect(scan.code).toBe(1); // worker.py is not in the gitleaks file
  });

  it('imports a detect-secrets .secrets.baseline by the sha1 of each value', async () => {
    const { createHash } = await import('node:crypto');
    const sha1 = (v: string) => createHash('sha1').update(v).digest('hex');
    const file = join(outDir, '.secrets.baseline');
    writeFileSync(file, JSON.stringify({
      version: '1.5.0',
      results: {
        'worker.py': [{ type: 'Secret Keyword', filename: 'worker.py', hashed_secret: sha1(keys[2]), is_verified: false, line_number: 1 }],
      },
    }));
    const r = ks('baseline', 'import', '--from', 'detect-secrets', file, '-o', out('ds.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('imported 1 detect-secrets entry');
    expect(json('ds.json').findings.map((f: { path: string }) => f.path)).toEqual(['worker.py']);
    expect(readFileSync(out('ds.json'), 'utf8')).not.toContain(keys[2]);
  });

  it('exits 2 on a missing or malformed baseline, naming the file and key', () => {
    const missing = ks('scan', '--baseline', 'missing.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('keysprawl: missing.json: cannot read baseline (ENOENT) (create it with keysprawl baseline create)\n');
    writeFileSync(out('bad.json'), JSON.stringify({ schema: 'keysprawl-baseline/v1', findings: [{ fingerprint: 'xyz', ruleId: 'r', path: 'a' }] }));
    const bad = ks('scan', '--baseline', out('bad.json'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.json: findings[0].fingerprint: must be 64 lower-case hex characters');
    expect(ks('baseline', 'update', '-o', 'missing.json').code).toBe(2);
  });

  it('rejects an unknown --from and an unreadable file with exit 2', () => {
    expect(ks('baseline', 'import', '--from', 'trufflehog', 'x').code).toBe(2);
    const r = ks('baseline', 'import', '--from', 'gitleaks', join(outDir, 'missing'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing: cannot read \(ENOENT\)/);
  });
});
