#!/usr/bin/env node
// Speed benchmark (npm run bench). Not a test: it prints figures side by side, as ratios against
// reference tools run on the same corpus in the same run, because shared machines are noisy.
//
//   node scripts/bench.mjs [--corpus DIR] [--commits N] [--no-secretlint] [--no-history]
//
// Rows: keysprawl working tree, secretlint on the same files, ripgrep with keysprawl's own
// prefilter keywords, keysprawl --history on a synthetic repository, keysprawl --staged latency,
// and the AI-client guard's cold-start latency per payload (scripts/bench-guard.mjs).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { benchGuard, printGuard } from './bench-guard.mjs';

const REPO = resolve(import.meta.dirname, '..');
const CLI = join(REPO, 'bin', 'keysprawl.js');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i === -1 ? dflt : args[i + 1];
};

function corpusBytes(dir) {
  let bytes = 0;
  let files = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        bytes += statSync(p).size;
        files++;
      }
    }
  };
  walk(dir);
  return { bytes, files };
}

/** Runs a command under GNU time: wall seconds and peak RSS in MB. */
function timed(cmd, argv, opts = {}) {
  const res = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...argv], { encoding: 'utf8', maxBuffer: 1 << 30, ...opts });
  const last = res.stderr.trim().split('\n').pop() ?? '';
  const [wall, kb] = last.split(' ').map(Number);
  return { wall, rssMb: kb / 1024, status: res.status, stdout: res.stdout, stderr: res.stderr };
}

const mbps = (bytes, s) => bytes / 1024 / 1024 / s;
const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');

function benchKeysprawl(corpus, bytes) {
  const out = join(tmpdir(), `keysprawl-bench-${process.pid}.json`);
  const r = timed(process.execPath, [CLI, 'scan', corpus, '-f', 'json', '-o', out, '--fail-on', 'none', '-q']);
  if (r.status !== 0) throw new Error(`keysprawl failed: ${r.stderr}`);
  const report = JSON.parse(execFileSync('cat', [out], { encoding: 'utf8', maxBuffer: 1 << 30 }));
  rmSync(out, { force: true });
  return { ...r, mbps: mbps(bytes, r.wall), findings: report.secrets.length, scanned: report.stats.bytesScanned };
}

function benchSecretlint(corpus, bytes) {
  const rc = join(tmpdir(), `secretlintrc-${process.pid}.json`);
  writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  const bin = join(REPO, 'node_modules', '.bin', 'secretlint');
  // secretlint globs relative to its cwd; it exits 1 when it finds something, 2 on errors.
  const r = timed(bin, ['**/*', '--secretlintrc', rc, '--format', 'json', '--no-color'], { cwd: corpus });
  rmSync(rc, { force: true });
  if (r.status !== 0 && r.status !== 1) throw new Error(`secretlint failed: ${r.stderr.split('\n')[0]}`);
  return { ...r, mbps: mbps(bytes, r.wall) };
}

function benchRipgrep(corpus, bytes) {
  const kw = join(tmpdir(), `keysprawl-keywords-${process.pid}.txt`);
  const keywords = execFileSync(process.execPath, [CLI, 'rules', 'list', '--keywords'], { encoding: 'utf8' });
  writeFileSync(kw, keywords);
  const r = timed('rg', ['--hidden', '-i', '-F', '-c', '-f', kw, corpus]);
  rmSync(kw, { force: true });
  return { ...r, mbps: mbps(bytes, r.wall), keywords: keywords.trim().split('\n').length };
}

/** A synthetic history: N commits, each changing one of ~200 real source files. */
function buildHistory(corpus, commits) {
  const dir = mkdtempSync(join(tmpdir(), 'keysprawl-bench-history-'));
  const sources = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (sources.length >= 200) return;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && /\.(js|ts|json|md)$/.test(e.name) && statSync(p).size < 64 * 1024) sources.push(p);
    }
  };
  walk(corpus);
  const texts = sources.map((p) => execFileSync('cat', [p]));
  let stream = '';
  const parts = [];
  const t0 = Math.floor(Date.now() / 1000) - commits * 60;
  for (let c = 0; c < commits; c++) {
    const i = c % texts.length;
    texts[i] = Buffer.concat([texts[i], Buffer.from(`// change ${c}\n`)]);
    const files = c === 0 ? texts.map((t, j) => [j, t]) : [[i, texts[i]]];
    stream = `commit refs/heads/main\nmark :${c + 1}\ncommitter Bench <bench@example.com> ${t0 + c * 60} +0000\ndata 9\nchange ${String(c % 10)}\n`;
    if (c > 0) stream += `from :${c}\n`;
    parts.push(Buffer.from(stream));
    for (const [j, t] of files) {
      parts.push(Buffer.from(`M 100644 inline src/f${j}.txt\ndata ${t.length}\n`), t, Buffer.from('\n'));
    }
  }
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: Buffer.concat(parts), maxBuffer: 1 << 30 });
  execFileSync('git', ['checkout', '-q', 'main'], { cwd: dir });
  return dir;
}

function benchHistory(corpus, commits) {
  const dir = buildHistory(corpus, commits);
  const out = join(tmpdir(), `keysprawl-bench-h-${process.pid}.json`);
  const r = timed(process.execPath, [CLI, 'scan', '--history', dir, '-f', 'json', '-o', out, '--fail-on', 'none', '-q']);
  let blobs = NaN;
  let bytes = NaN;
  if (r.status === 0) {
    const report = JSON.parse(execFileSync('cat', [out], { encoding: 'utf8', maxBuffer: 1 << 30 }));
    blobs = report.stats.blobsScanned;
    bytes = report.stats.bytesScanned;
  }
  rmSync(out, { force: true });
  rmSync(dir, { recursive: true, force: true });
  return { ...r, commits, blobs, bytes, mbps: mbps(bytes, r.wall) };
}

function benchStaged() {
  const dir = mkdtempSync(join(tmpdir(), 'keysprawl-bench-staged-'));
  const git = (...a) => execFileSync('git', a, { cwd: dir });
  git('init', '-q');
  git('config', 'user.email', 'b@example.com');
  git('config', 'user.name', 'b');
  writeFileSync(join(dir, 'a.txt'), 'hello\n');
  git('add', '.');
  git('commit', '-qm', 'init');
  writeFileSync(join(dir, 'a.txt'), 'hello\nworld\n');
  git('add', '.');
  const runs = [];
  const base = [];
  for (let i = 0; i < 7; i++) {
    runs.push(timed(process.execPath, [CLI, 'scan', '--staged', '-q'], { cwd: dir }).wall);
    base.push(timed(process.execPath, ['-e', '0']).wall);
  }
  rmSync(dir, { recursive: true, force: true });
  const median = (a) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)];
  return { wall: median(runs), node: median(base) };
}

const corpus = resolve(opt('--corpus', join(REPO, 'node_modules')));
if (!existsSync(corpus)) {
  console.error(`bench: ${corpus}: no such folder (run npm ci first, or pass --corpus DIR)`);
  process.exit(2);
}
// secretlint ignores node_modules paths by default: bench a copy under a neutral name.
const work = mkdtempSync(join(tmpdir(), 'keysprawl-bench-corpus-'));
const copy = join(work, 'corpus');
mkdirSync(copy);
cpSync(corpus, copy, { recursive: true, verbatimSymlinks: true });
const { bytes, files } = corpusBytes(copy);
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).stdout.trim();
console.log(`keysprawl bench — ${new Date().toISOString().slice(0, 10)}, commit ${commit}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
console.log(`corpus: ${corpus} (${files} files, ${fmt(bytes / 2 ** 20)} MB)\n`);

const ks = benchKeysprawl(copy, bytes);
console.log(`keysprawl  working tree  ${fmt(ks.wall, 2)} s  ${fmt(ks.mbps)} MB/s  peak RSS ${fmt(ks.rssMb, 0)} MB  (${ks.findings} findings)`);
let sl;
if (!flag('--no-secretlint')) {
  sl = benchSecretlint(copy, bytes);
  console.log(`secretlint  same files    ${fmt(sl.wall, 2)} s  ${fmt(sl.mbps)} MB/s  peak RSS ${fmt(sl.rssMb, 0)} MB`);
}
const rg = benchRipgrep(copy, bytes);
console.log(`ripgrep     ${rg.keywords} keywords  ${fmt(rg.wall, 2)} s  ${fmt(rg.mbps)} MB/s  peak RSS ${fmt(rg.rssMb, 0)} MB`);
rmSync(work, { recursive: true, force: true });

if (!flag('--no-history')) {
  const h = benchHistory(corpus, Number(opt('--commits', '5000')));
  if (h.status === 0) {
    console.log(`keysprawl  --history     ${fmt(h.wall, 2)} s  ${h.commits} commits (${fmt(h.commits / h.wall, 0)} commits/s), ${h.blobs} unique blobs (${fmt(h.blobs / h.wall, 0)} blobs/s), ${fmt(h.mbps)} MB/s of blob content, peak RSS ${fmt(h.rssMb, 0)} MB`);
  } else {
    console.log(`keysprawl  --history     failed: ${h.stderr.trim().split('\n')[0]}`);
  }
}
const st = benchStaged();
console.log(`keysprawl  --staged      ${fmt(st.wall * 1000, 0)} ms median of 7 on a one-line change (node -e 0: ${fmt(st.node * 1000, 0)} ms)`);

printGuard(await benchGuard());

console.log('\nratios (same corpus, same run):');
if (sl) console.log(`  keysprawl speed / secretlint speed = ${fmt(ks.mbps / sl.mbps, 2)}×  (target ≥ 5×)`);
console.log(`  ripgrep speed / keysprawl speed    = ${fmt(rg.mbps / ks.mbps, 2)}×  (target ≤ 3×)`);
