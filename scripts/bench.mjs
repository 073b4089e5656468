#!/usr/bin/env node
// Speed benchmark (npm run bench). Not a test: it prints figures side by side, as ratios against
// reference tools run on the same corpus in the same run, because shared machines are noisy.
//
//   node scripts/bench.mjs [--corpus DIR] [--commits N] [--repo GITDIR] [--gitleaks PATH]
//                          [--secretlint] [--no-history] [--no-full-history] [--history-reference FILE]
//   node scripts/bench.mjs --latency      (the start-up rows alone)
//
// Rows: keysprawl working tree (all cores and --threads 1), gitleaks and ripgrep with keysprawl's
// own prefilter keywords on the same files (each when installed), secretlint (--secretlint),
// keysprawl --history with line reuse and with every blob whole (KEYSPRAWL_HISTORY_FULL=1) on a
// synthetic repository or --repo, gitleaks on the same history, and the start-up latency of
// --staged on a one-line change and of a scan of an empty folder, next to `node -e 0`, and the
// AI-client guard's cold-start latency per payload (scripts/bench-guard.mjs).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { clearInterval, setInterval } from 'node:timers';
import { join, resolve } from 'node:path';
import { benchGuard, printGuard } from './bench-guard.mjs';
import { expandFakes } from '../dist/rules/fake.js';

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

/**
 * Runs a command under GNU time: wall seconds, CPU seconds (user + system, the children it
 * waited for included) and peak RSS in MB. On a shared machine the wall time is mostly waiting
 * for a core; the CPU seconds say what the work cost.
 */
function timed(cmd, argv, opts = {}) {
  const res = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', cmd, ...argv], { encoding: 'utf8', maxBuffer: 1 << 30, ...opts });
  const last = res.stderr.trim().split('\n').pop() ?? '';
  const [wall, user, sys, kb] = last.split(' ').map(Number);
  return { wall, cpu: user + sys, rssMb: kb / 1024, status: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** Resident MB of a process and every descendant, from /proc (0 when it is gone). */
function treeRssMb(pid) {
  let kb = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
      for (const t of readdirSync(`/proc/${p}/task`)) {
        for (const c of readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').split(' ')) if (c.trim()) stack.push(Number(c));
      }
    } catch {
      // the process ended between the listing and the read
    }
  }
  return kb / 1024;
}

/**
 * timed(), plus the peak of the summed resident size of the process and all its children (git
 * processes included), sampled every 200 ms: the memory a history scan really holds at once.
 */
function timedTree(cmd, argv, opts = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn('/usr/bin/time', ['-f', '%e %U %S %M', cmd, ...argv], { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (d) => (stderr += d));
    let peakTree = 0;
    const tick = setInterval(() => (peakTree = Math.max(peakTree, treeRssMb(child.pid))), 200);
    child.on('close', (status) => {
      clearInterval(tick);
      const [wall, user, sys, kb] = (stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
      resolvePromise({ wall, cpu: user + sys, rssMb: kb / 1024, treeMb: peakTree, status, stderr });
    });
  });
}

const mbps = (bytes, s) => bytes / 1024 / 1024 / s;
const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');

/** The gitleaks binary: --gitleaks PATH, else `gitleaks` on PATH; undefined when there is none. */
function findGitleaks() {
  const given = opt('--gitleaks', process.env.GITLEAKS);
  const cmd = given ?? 'gitleaks';
  return spawnSync(cmd, ['version'], { encoding: 'utf8' }).error ? undefined : cmd;
}

const hasCommand = (cmd) => !spawnSync(cmd, ['--version'], { encoding: 'utf8' }).error;

function benchGitleaks(gitleaks, mode, target, bytes) {
  const out = join(tmpdir(), `keysprawl-bench-gl-${process.pid}.json`);
  const r = timed(gitleaks, [mode, target, '--no-banner', '--redact', '-f', 'json', '-r', out, '--exit-code', '0', '-l', 'error']);
  rmSync(out, { force: true });
  return { ...r, mbps: mbps(bytes, r.wall) };
}

function benchKeysprawl(corpus, bytes, extra = []) {
  const out = join(tmpdir(), `keysprawl-bench-${process.pid}.json`);
  const r = timed(process.execPath, [CLI, 'scan', corpus, '-f', 'json', '-o', out, '--fail-on', 'none', '-q', ...extra]);
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

/** Fake keys planted in the synthetic history (generated now: checksum-valid, never real). */
const PLANTED = ['const token = "<<github:ghp_>>";', 'OPENAI_API_KEY=sk-proj-<<b62:74>>T3BlbkFJ<<b62:74>>', 'gitlab: <<gitlab:glpat->>', 'slack_bot = "xoxb-<<digits:12>>-<<digits:13>>-<<b62:24>>"'];

/**
 * A synthetic history: N commits, each changing one of ~200 real source files. Every 250th
 * commit also adds a fake key to its file, and 600 commits later the key is taken out again, so
 * the comparison of line reuse with whole blobs covers keys added, carried, moved and removed.
 */
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
  const planted = [];
  const t0 = Math.floor(Date.now() / 1000) - commits * 60;
  for (let c = 0; c < commits; c++) {
    const i = c % texts.length;
    texts[i] = Buffer.concat([texts[i], Buffer.from(`// change ${c}\n`)]);
    if (c % 250 === 100) {
      const line = `${expandFakes(PLANTED[(c / 250) % PLANTED.length | 0], c)}\n`;
      texts[i] = Buffer.concat([texts[i], Buffer.from(line)]);
      planted.push({ at: c + 600, i, line });
    }
    for (const p of planted.filter((x) => x.at === c)) texts[p.i] = Buffer.from(texts[p.i].toString('latin1').replace(p.line, ''), 'latin1');
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

/** Each secret with its occurrences (place, commit, line, column, presentAtHead, removed-in), canonical. */
function historyFacts(report) {
  const facts = new Map();
  for (const s of report.secrets) {
    const occ = s.occurrences.map((o) =>
      JSON.stringify([o.origin.path, o.origin.blob, o.origin.commit, o.origin.presentAtHead, o.line, o.column, o.endLine, o.endColumn, o.properties?.removedIn ?? null, o.suppressed ?? null]),
    );
    facts.set(s.id, `${s.ruleId} ${occ.sort().join(' ')}`);
  }
  return facts;
}

/** What `b` (line reuse) lost or added against `a` (every blob whole): secrets and occurrences. */
function compareHistory(a, b) {
  let lost = 0;
  let added = 0;
  let changed = 0;
  for (const [id, f] of a) {
    if (!b.has(id)) lost++;
    else if (b.get(id) !== f) changed++;
  }
  for (const id of b.keys()) if (!a.has(id)) added++;
  return { secrets: a.size, lost, added, changed, same: !lost && !added && !changed };
}

async function historyRun(dir, env) {
  const out = join(tmpdir(), `keysprawl-bench-h-${process.pid}.json`);
  const r = await timedTree(process.execPath, [CLI, 'scan', '--history', dir, '-f', 'json', '-o', out, '--fail-on', 'none', '-q'], { env: { ...process.env, ...env } });
  let stats = {};
  let secrets = NaN;
  let facts;
  if (r.status === 0) {
    const report = JSON.parse(execFileSync('cat', [out], { encoding: 'utf8', maxBuffer: 1 << 30 }));
    stats = report.stats;
    secrets = report.secrets.length;
    facts = historyFacts(report);
  }
  rmSync(out, { force: true });
  return { ...r, stats, secrets, facts, mbps: mbps(stats.bytesScanned, r.wall) };
}

/** gitleaks `git` with the child sampler (its `git log -p` is a child too); also counts its findings. */
async function gitleaksHistory(gitleaks, dir, bytes) {
  const out = join(tmpdir(), `keysprawl-bench-glh-${process.pid}.json`);
  const r = await timedTree(gitleaks, ['git', dir, '--no-banner', '--redact', '-f', 'json', '-r', out, '--exit-code', '0', '-l', 'error', '--log-opts', '--all']);
  let findings = NaN;
  try {
    findings = JSON.parse(readFileSync(out, 'utf8')).length;
  } catch {
    // no report: the run failed, the status says so
  }
  rmSync(out, { force: true });
  return { ...r, findings, mbps: mbps(bytes, r.wall) };
}

/** --history with line reuse, then with every unique blob scanned whole, then gitleaks: same repository. */
async function benchHistory(dir, gitleaks) {
  const reuse = await historyRun(dir, {});
  const reference = opt('--history-reference', undefined);
  const full = flag('--no-full-history') || reference ? undefined : await historyRun(dir, { KEYSPRAWL_HISTORY_FULL: '1' });
  const gl = gitleaks ? await gitleaksHistory(gitleaks, dir, reuse.stats.bytesScanned) : undefined;
  // --history-reference FILE: the JSON report of an earlier KEYSPRAWL_HISTORY_FULL=1 run on the same repository.
  const wholeFacts = reference ? historyFacts(JSON.parse(readFileSync(reference, 'utf8'))) : full?.facts;
  const lost = reuse.facts && wholeFacts ? compareHistory(wholeFacts, reuse.facts) : undefined;
  return { reuse, full, gl, lost };
}

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

/** Runs of each latency command (alternated with `node -e 0`), after one warm-up of each. */
const LATENCY_RUNS = 21;

/**
 * Wall and CPU seconds (user + system, children included) of one run, to the millisecond: bash's
 * `time` (GNU time prints hundredths, 10 % of a 100 ms start).
 */
function timedFine(cmd, argv, opts = {}) {
  const res = spawnSync('bash', ['-c', 'TIMEFORMAT="%3R %3U %3S"; time "$@" >/dev/null 2>&1', 'time', cmd, ...argv], { encoding: 'utf8', ...opts });
  const [wall, user, sys] = (res.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  return { wall, cpu: user + sys };
}

/**
 * Median wall and CPU (user + system, children included) of LATENCY_RUNS runs of each,
 * alternated run by run so drift hits both alike. On a shared machine the CPU ratio is the
 * steadier of the two.
 */
function latency(cwd, argv) {
  const runs = [];
  const base = [];
  timedFine(process.execPath, [CLI, ...argv], { cwd });
  timedFine(process.execPath, ['-e', '0']);
  for (let i = 0; i < LATENCY_RUNS; i++) {
    runs.push(timedFine(process.execPath, [CLI, ...argv], { cwd }));
    base.push(timedFine(process.execPath, ['-e', '0']));
  }
  const m = (list, key) => median(list.map((r) => r[key]));
  return { wall: m(runs, 'wall'), node: m(base, 'wall'), cpu: m(runs, 'cpu'), nodeCpu: m(base, 'cpu') };
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
  const r = latency(dir, ['scan', '--staged', '-q']);
  rmSync(dir, { recursive: true, force: true });
  return r;
}

function benchEmpty() {
  const dir = mkdtempSync(join(tmpdir(), 'keysprawl-bench-empty-'));
  const r = latency(dir, ['scan', '.', '-q']);
  rmSync(dir, { recursive: true, force: true });
  return r;
}

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** The start-up rows and their ratios (also the end of a whole run). */
function printLatency(st, em) {
  console.log(`keysprawl   --staged       ${fmt(st.wall * 1000, 0)} ms (CPU ${fmt(st.cpu * 1000, 0)} ms) median of ${LATENCY_RUNS} on a one-line change (node -e 0: ${fmt(st.node * 1000, 0)} ms, CPU ${fmt(st.nodeCpu * 1000, 0)} ms)`);
  console.log(`keysprawl   empty folder   ${fmt(em.wall * 1000, 0)} ms (CPU ${fmt(em.cpu * 1000, 0)} ms) median of ${LATENCY_RUNS} (node -e 0: ${fmt(em.node * 1000, 0)} ms, CPU ${fmt(em.nodeCpu * 1000, 0)} ms)`);
}
function printLatencyRatios(st, em) {
  console.log(`  --staged / node -e 0                           = ${fmt(st.wall / st.node, 2)}× wall, ${fmt(st.cpu / st.nodeCpu, 2)}× CPU  (target ≤ 2×)`);
  console.log(`  empty folder / node -e 0                       = ${fmt(em.wall / em.node, 2)}× wall, ${fmt(em.cpu / em.nodeCpu, 2)}× CPU  (target ≤ 2×)`);
}

// --latency: the start-up rows alone (seconds, not the minutes of the whole run).
if (flag('--latency')) {
  console.log(`load average at start: ${load()}`);
  const st = benchStaged();
  const em = benchEmpty();
  printLatency(st, em);
  console.log(`load average at end: ${load()}`);
  console.log('\nratios (same run):');
  printLatencyRatios(st, em);
  process.exit(0);
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

console.log(`load average at start: ${load()}`);
const gitleaks = findGitleaks();
const ks = benchKeysprawl(copy, bytes);
console.log(`keysprawl   working tree   ${fmt(ks.wall, 2)} s  ${fmt(ks.mbps)} MB/s  CPU ${fmt(ks.cpu, 2)} s  peak RSS ${fmt(ks.rssMb, 0)} MB  (${ks.findings} findings)`);
const ks1 = benchKeysprawl(copy, bytes, ['--threads', '1']);
console.log(`keysprawl   --threads 1    ${fmt(ks1.wall, 2)} s  ${fmt(ks1.mbps)} MB/s  CPU ${fmt(ks1.cpu, 2)} s  peak RSS ${fmt(ks1.rssMb, 0)} MB`);
// One scanning thread per core, the main thread included (the default on a working tree; a history with line reuse leaves it one short).
const ksAll = benchKeysprawl(copy, bytes, ['--threads', String(cpus().length)]);
console.log(`keysprawl   --threads ${cpus().length}    ${fmt(ksAll.wall, 2)} s  ${fmt(ksAll.mbps)} MB/s  CPU ${fmt(ksAll.cpu, 2)} s  peak RSS ${fmt(ksAll.rssMb, 0)} MB`);
let glTree;
if (gitleaks) {
  glTree = benchGitleaks(gitleaks, 'dir', copy, bytes);
  console.log(`gitleaks    dir            ${fmt(glTree.wall, 2)} s  ${fmt(glTree.mbps)} MB/s  CPU ${fmt(glTree.cpu, 2)} s  peak RSS ${fmt(glTree.rssMb, 0)} MB`);
} else console.log('gitleaks    not found (pass --gitleaks PATH or put it on PATH): no gitleaks rows');
let sl;
if (flag('--secretlint')) {
  sl = benchSecretlint(copy, bytes);
  console.log(`secretlint  same files     ${fmt(sl.wall, 2)} s  ${fmt(sl.mbps)} MB/s  peak RSS ${fmt(sl.rssMb, 0)} MB`);
}
let rg;
if (hasCommand('rg')) {
  rg = benchRipgrep(copy, bytes);
  console.log(`ripgrep     ${rg.keywords} keywords  ${fmt(rg.wall, 2)} s  ${fmt(rg.mbps)} MB/s  CPU ${fmt(rg.cpu, 2)} s  peak RSS ${fmt(rg.rssMb, 0)} MB`);
} else console.log('ripgrep     not found (rg): no ripgrep row');
rmSync(work, { recursive: true, force: true });

let h;
if (!flag('--no-history')) {
  const given = opt('--repo', undefined);
  const dir = given ? resolve(given) : buildHistory(corpus, Number(opt('--commits', '5000')));
  h = await benchHistory(dir, gitleaks);
  if (!given) rmSync(dir, { recursive: true, force: true });
  const row = (name, r) =>
    r.status === 0
      ? `${name} ${fmt(r.wall, 2)} s  CPU ${fmt(r.cpu, 2)} s  ${r.stats.blobsScanned} unique blobs, ${fmt(r.stats.bytesScanned / 2 ** 20)} MB of blob content (${fmt(r.mbps)} MB/s)${r.stats.bytesReused !== undefined ? `, ${fmt(r.stats.bytesReused / 2 ** 20)} MB of it lines already scanned` : ''}, ${r.secrets} secrets, peak RSS ${fmt(r.rssMb, 0)} MB (with git children ${fmt(r.treeMb, 0)} MB)`
      : `${name} failed: ${r.stderr.trim().split('\n')[0]}`;
  console.log(`history: ${given ?? `synthetic, ${opt('--commits', '5000')} commits`}`);
  console.log(row('keysprawl   --history      ', h.reuse));
  if (h.full) console.log(row('keysprawl   whole blobs    ', h.full));
  else if (opt('--history-reference', undefined)) console.log(`keysprawl   whole blobs     not run: compared with ${opt('--history-reference', undefined)} (an earlier KEYSPRAWL_HISTORY_FULL=1 report)`);
  else console.log('keysprawl   whole blobs     not run (--no-full-history): no check that line reuse lost nothing');
  if (h.lost) {
    const l = h.lost;
    console.log(`            line reuse against whole blobs: ${l.same ? `the same ${l.secrets} secrets, occurrences, commits, lines, presentAtHead and removed-in` : `${l.lost ? 'KEYS LOST' : 'no key lost'}: ${l.lost} of ${l.secrets} secrets lost, ${l.added} added, ${l.changed} with other occurrences (versions, commits, lines or removed-in)`}`);
  }
  if (h.gl) console.log(`gitleaks    git --all      ${fmt(h.gl.wall, 2)} s  CPU ${fmt(h.gl.cpu, 2)} s  ${h.gl.findings} findings, peak RSS ${fmt(h.gl.rssMb, 0)} MB (with git children ${fmt(h.gl.treeMb, 0)} MB)${h.gl.status === 0 ? '' : ` (exit ${h.gl.status}: ${h.gl.stderr.trim().split('\n').pop()})`}`);
}
const st = benchStaged();
const em = benchEmpty();
printLatency(st, em);
printGuard(await benchGuard());
console.log(`load average at end: ${load()}`);

console.log('\nratios (same corpus, same run):');
if (glTree) console.log(`  keysprawl tree speed / gitleaks dir speed      = ${fmt(ks.mbps / glTree.mbps, 2)}×  (target ≥ 10×; CPU seconds: ${fmt(glTree.cpu / ks.cpu, 2)}×)`);
if (rg) console.log(`  ripgrep speed / keysprawl tree speed           = ${fmt(rg.mbps / ks.mbps, 2)}×  (target ≤ 4×; CPU seconds: ${fmt(ks.cpu / rg.cpu, 2)}×)`);
if (sl) console.log(`  keysprawl speed / secretlint speed             = ${fmt(ks.mbps / sl.mbps, 2)}×`);
console.log(`  all threads / --threads 1 (wall)               = ${fmt(ks.wall / ks1.wall, 2)}×  (below 1: the pool pays; CPU seconds: ${fmt(ks.cpu / ks1.cpu, 2)}×)`);
console.log(`  every core / --threads 1 (wall)                = ${fmt(ksAll.wall / ks1.wall, 2)}×  (CPU seconds: ${fmt(ksAll.cpu / ks1.cpu, 2)}×; peak RSS ${fmt(ksAll.rssMb, 0)} MB)`);
console.log(`  tree peak RSS                                  = ${fmt(ks.rssMb, 0)} MB  (target < 300 MB)`);
if (h?.reuse.status === 0) {
  const verdict = !h.lost ? 'not checked' : h.lost.same ? 'no key lost, identical' : h.lost.lost ? 'KEYS LOST' : `no key lost, ${h.lost.changed} named at other versions`;
  if (h.full?.status === 0) console.log(`  history whole blobs / line reuse (wall)        = ${fmt(h.full.wall / h.reuse.wall, 2)}×  (${verdict})`);
  else console.log(`  history line reuse against whole blobs         = ${verdict}`);
  if (h.gl) console.log(`  history gitleaks / keysprawl (wall)            = ${fmt(h.gl.wall / h.reuse.wall, 2)}×  (target > 1×; CPU seconds: ${fmt(h.gl.cpu / h.reuse.cpu, 2)}×)`);
  console.log(`  history peak RSS                               = ${fmt(h.reuse.rssMb, 0)} MB, ${fmt(h.reuse.treeMb, 0)} MB with git  (target < 300 MB)`);
}
printLatencyRatios(st, em);
