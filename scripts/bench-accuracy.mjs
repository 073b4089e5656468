#!/usr/bin/env node
// `npm run bench:accuracy`: builds the labelled corpus (bench/accuracy/), runs keysprawl (the
// built CLI, JSON output), keysprawl's generic detectors alone, secretlint with its
// recommended preset and, when it is installed, gitleaks with its default rules over it, then prints per-kind recall and overall precision, recall and F1
// side by side. A finding counts once per file and first line; it is a true positive when its
// line range covers a line labelled true, else a false positive (labelled negative or not).
// Needs `npm run build` first. Options: --out DIR (corpus folder), --json (machine output),
// --gitleaks PATH (the gitleaks binary; else $GITLEAKS, /tmp/gitleaks/root/usr/bin/gitleaks, or
// gitleaks on PATH; without one the row is left out and the report says so).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { buildCorpus, DEFAULT_OUT } from '../bench/accuracy/build.mjs';

const REPO = resolve(import.meta.dirname, '..');
/** Kinds with no provider format: only the generic detectors can find them. */
export const FORMATLESS_KINDS = new Set(['generic-api-key', 'generic-secret', 'password', 'basic-auth']);
/** The provider-independent detectors that weigh entropy and context (not the structural jwt rule), measured on their own. */
export const GENERIC_RULES = new Set(['generic-secret-assignment', 'generic-high-entropy-string', 'generic-authorization-header', 'generic-authorization-scheme', 'generic-secret-in-prose',
  'password-in-url', 'password-in-command-line', 'token-as-curl-user', 'password-in-sql', 'password-in-powershell', 'password-in-curlopt-userpwd',
  'password-in-id-pw-pair', 'password-label-non-english', 'password-in-login-table']);
/** The rule packs of the provider-independent detectors. */
const GENERIC_PACKS = ['generic.yaml', 'credential-contexts.yaml'];

function run(cmd, args, cwd) {
  const res = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, FORCE_COLOR: '0' } });
  if (res.error) throw res.error;
  return res;
}

/** keysprawl findings as {file, line, endLine, ruleId}; the paired half of a key counts where it sits. */
export function keysprawlFindings(filesDir, extraArgs = []) {
  const res = run(process.execPath, [join(REPO, 'bin', 'keysprawl.js'), 'scan', filesDir, '--format', 'json', '--no-config', '--fail-on', 'none', '-q', ...extraArgs], REPO);
  if (res.status !== 0) throw new Error(`keysprawl exited ${res.status}: ${res.stderr.trim()}`);
  const out = [];
  for (const s of JSON.parse(res.stdout).secrets) {
    for (const o of s.occurrences) out.push({ file: o.origin.path, line: o.line, endLine: o.endLine ?? o.line, ruleId: s.ruleId });
    for (const p of s.pairedWith ?? []) {
      for (const w of p.where) {
        const at = w.lastIndexOf(':');
        const line = Number(w.slice(at + 1));
        out.push({ file: w.slice(0, at), line, endLine: line, ruleId: p.ruleId ?? `${s.ruleId}/paired` });
      }
    }
  }
  return out;
}

/** The generic detectors alone: only their packs loaded, so no provider rule takes a match from them. */
export function genericOnlyFindings(filesDir) {
  const dir = mkdtempSync(join(tmpdir(), 'keysprawl-generic-rules-'));
  try {
    for (const pack of GENERIC_PACKS) copyFileSync(join(REPO, 'rules', pack), join(dir, pack));
    return keysprawlFindings(filesDir, ['--rules', dir]).filter((f) => GENERIC_RULES.has(f.ruleId));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** secretlint with @secretlint/secretlint-rule-preset-recommend (exit 1 means it found something; 0 with --output). */
export function secretlintFindings(filesDir) {
  const dir = mkdtempSync(join(tmpdir(), 'keysprawl-secretlint-'));
  try {
    const rc = join(dir, '.secretlintrc.json');
    writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
    const bin = join(REPO, 'node_modules', '.bin', 'secretlint');
    // --output: secretlint exits before a large report piped to stdout is flushed.
    const report = join(dir, 'report.json');
    const res = run(bin, ['**/*', '--format', 'json', '--secretlintrc', rc, '--no-color', '--output', report], filesDir);
    if (res.status !== 0 && res.status !== 1) throw new Error(`secretlint exited ${res.status}: ${res.stderr.trim()}`);
    return JSON.parse(readFileSync(report, 'utf8') || '[]').flatMap((f) =>
      f.messages.map((m) => ({ file: relative(filesDir, f.filePath).split('\\').join('/'), line: m.loc.start.line, endLine: m.loc.end.line, ruleId: m.ruleId })));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The gitleaks binary to compare with: an explicit path, $GITLEAKS, the private unpack folder, or PATH. */
export function findGitleaks(explicit) {
  const candidates = [explicit, process.env.GITLEAKS, '/tmp/gitleaks/root/usr/bin/gitleaks'].filter(Boolean);
  for (const c of candidates) if (existsSync(c)) return c;
  const which = spawnSync('sh', ['-c', 'command -v gitleaks'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : undefined;
}

/** gitleaks `dir` mode with its default configuration; a finding is {file, line, endLine, ruleId}. */
export function gitleaksFindings(filesDir, bin) {
  const dir = mkdtempSync(join(tmpdir(), 'keysprawl-gitleaks-'));
  try {
    const report = join(dir, 'report.json');
    const res = run(bin, ['dir', filesDir, '--report-format', 'json', '--report-path', report, '--no-banner', '--exit-code', '0', '--log-level', 'error'], dir);
    if (res.status !== 0) throw new Error(`gitleaks exited ${res.status}: ${res.stderr.trim()}`);
    return JSON.parse(readFileSync(report, 'utf8') || '[]').map((f) => ({
      file: relative(filesDir, resolve(filesDir, f.File)).split('\\').join('/'), line: f.StartLine, endLine: f.EndLine, ruleId: f.RuleID,
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function gitleaksVersion(bin) {
  const v = run(bin, ['version'], REPO).stdout.trim();
  // Debian's build prints "version is set by build process": say so instead of a version.
  return /^v?\d/.test(v) ? v : 'version not stamped by its build';
}

const ratio = (a, b) => (b === 0 ? 0 : a / b);

/** Precision, recall, F1, per-kind recall, and where the false positives came from. */
export function score(labels, findings) {
  const byFile = new Map();
  for (const l of labels) byFile.set(l.file, [...(byFile.get(l.file) ?? []), l]);
  const unique = new Map();
  for (const f of findings) unique.set(`${f.file}\0${f.line}`, unique.get(`${f.file}\0${f.line}`) ?? f);
  const found = new Set();
  let tp = 0;
  const fpByKind = {};
  const fpByRule = {};
  const falsePositives = [];
  for (const f of unique.values()) {
    const covered = (byFile.get(f.file) ?? []).filter((l) => l.line >= f.line && l.line <= Math.max(f.line, f.endLine));
    const hits = covered.filter((l) => l.label);
    if (hits.length) {
      tp++;
      for (const l of hits) found.add(l);
      continue;
    }
    const kind = covered[0]?.kind ?? 'unlabelled';
    fpByKind[kind] = (fpByKind[kind] ?? 0) + 1;
    fpByRule[f.ruleId] = (fpByRule[f.ruleId] ?? 0) + 1;
    falsePositives.push({ file: f.file, line: f.line, ruleId: f.ruleId, kind });
  }
  const positives = labels.filter((l) => l.label);
  const perKind = {};
  for (const l of positives) {
    const k = (perKind[l.kind] ??= { total: 0, found: 0 });
    k.total++;
    if (found.has(l)) k.found++;
  }
  const precision = ratio(tp, unique.size);
  const recall = ratio(found.size, positives.length);
  const f1 = ratio(2 * precision * recall, precision + recall);
  return { findings: unique.size, tp, fp: unique.size - tp, fn: positives.length - found.size, precision, recall, f1, perKind, fpByKind, fpByRule, falsePositives };
}

export function readLabels(path) {
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

/** Build the corpus and score every tool; rows are keysprawl, keysprawl generic-only, secretlint, gitleaks when found. */
export async function runBenchmark({ out = DEFAULT_OUT, gitleaks } = {}) {
  if (!existsSync(join(REPO, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const { filesDir, labelsPath } = await buildCorpus(out);
  const labels = readLabels(labelsPath);
  const rows = [
    { tool: 'keysprawl', ...score(labels, keysprawlFindings(filesDir)) },
    { tool: 'keysprawl (generic only)', ...score(labels, genericOnlyFindings(filesDir)) },
    { tool: 'secretlint (recommend)', ...score(labels, secretlintFindings(filesDir)) },
  ];
  const gitleaksBin = gitleaks === false ? undefined : findGitleaks(gitleaks);
  if (gitleaksBin) rows.push({ tool: 'gitleaks (default rules)', ...score(labels, gitleaksFindings(filesDir, gitleaksBin)) });
  const files = readdirSync(filesDir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length;
  const notes = gitleaksBin ? [`gitleaks: ${gitleaksBin} (${gitleaksVersion(gitleaksBin)})`] : ['gitleaks: not found (pass --gitleaks PATH or set GITLEAKS; /work/shared/tools/get-gitleaks /tmp/gitleaks fetches it), row left out'];
  return { filesDir, files, labels, rows, notes };
}

/** Found / labelled over the kinds only a generic detector can find. */
export function formatlessRecall(row) {
  const kinds = Object.entries(row.perKind).filter(([k]) => FORMATLESS_KINDS.has(k));
  return { found: kinds.reduce((n, [, v]) => n + v.found, 0), total: kinds.reduce((n, [, v]) => n + v.total, 0) };
}

const pct = (x) => `${(x * 100).toFixed(1)}%`;

function table(header, lines) {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
  const fmt = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [fmt(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...lines.map(fmt)].join('\n');
}

export function report({ files, labels, rows, notes = [] }) {
  const pos = labels.filter((l) => l.label).length;
  const kinds = [...new Set(labels.filter((l) => l.label).map((l) => l.kind))].sort();
  const overall = table(['tool', 'findings', 'TP', 'FP', 'FN', 'precision', 'recall', 'F1'],
    rows.map((r) => [r.tool, r.findings, r.tp, r.fp, r.fn, pct(r.precision), pct(r.recall), r.f1.toFixed(3)]));
  const perKind = table(['kind', 'labelled', ...rows.map((r) => r.tool)],
    kinds.map((k) => [k, rows[0].perKind[k].total, ...rows.map((r) => `${r.perKind[k].found}/${r.perKind[k].total}`)]));
  const fps = rows.map((r) => `${r.tool}: ${Object.entries(r.fpByKind).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`);
  const formatless = rows.map((r) => {
    const { found, total } = formatlessRecall(r);
    return `${r.tool}: ${found}/${total} (${pct(ratio(found, total))})`;
  });
  return [
    `Corpus: ${labels.length} labelled lines in ${files} files (${pos} credentials, ${labels.length - pos} hard negatives)`,
    ...notes, '', overall, '', 'Recall by kind:', '', perKind, '', 'False positives by labelled kind:', ...fps.map((l) => `  ${l}`),
    '', `Recall on credentials with no provider format (${[...FORMATLESS_KINDS].join(', ')}):`, ...formatless.map((l) => `  ${l}`),
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  try {
    const glAt = args.indexOf('--gitleaks');
    const result = await runBenchmark({ out: outAt >= 0 ? resolve(args[outAt + 1]) : DEFAULT_OUT, gitleaks: glAt >= 0 ? resolve(args[glAt + 1]) : undefined });
    if (args.includes('--json')) console.log(JSON.stringify(result.rows.map(({ falsePositives: _fp, ...r }) => r), null, 2));
    else console.log(report(result));
    if (args.includes('--verbose')) for (const r of result.rows) for (const f of r.falsePositives) console.log(`FP ${r.tool}: ${f.file}:${f.line} ${f.ruleId} (${f.kind})`);
  } catch (err) {
    console.error(`bench:accuracy: ${err.message}`);
    process.exitCode = 2;
  }
}
