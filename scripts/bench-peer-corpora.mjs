#!/usr/bin/env node
// `node scripts/bench-peer-corpora.mjs --secretlint-mirror PATH --gitleaks-mirror PATH`: scores
// keysprawl (and secretlint and gitleaks when installed) line by line on the labelled samples
// that two peer projects ship with their own rules. Optional, never run by `npm test`; nothing
// of the peers is committed: the script reads their repositories at run time (a bare mirror or
// a checkout, read with `git show HEAD:path`) and writes the samples to a temp folder.
//
//  - secretlint: packages/@secretlint/secretlint-rule-*/test/snapshots/<name>/input*. `ng.*`
//    should report, on the lines its output.json lists (positives; its other lines negatives);
//    `ok.*` should report nothing. Skipped: `options.*` and `ok.*` with their own
//    .secretlintrc.json (what counts depends on the options), unnamed snapshots, and the policy
//    rules that report no credential (example, pattern, no-dotenv, no-homedir,
//    no-k8s-kind-secret, filter-comments).
//  - gitleaks: cmd/generate/config/rules/*.go, the literal strings of `tps` (true positives) and
//    `fps` (false positives) slices, each sample in a file of its own (the whole file is its
//    span). A sample built by a Go call (`utils.GenerateSampleSecrets(...)`, `secrets.NewSecret`,
//    `fmt.Sprintf`) is skipped and counted.
//
// Scoring: a finding counts once per file and first line; it is a true positive when its line
// range meets a positive span of that file, else a false positive. Recall is positives met /
// positives. Needs `npm run build` first. Options: --gitleaks PATH (as bench-accuracy.mjs),
// --out DIR, --json, --verbose (every miss and false positive of keysprawl).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { findGitleaks, gitleaksFindings, gitleaksVersion, keysprawlFindings, secretlintFindings } from './bench-accuracy.mjs';

const REPO = resolve(import.meta.dirname, '..');
const POLICY_RULES = new Set(['example', 'pattern', 'no-dotenv', 'no-homedir', 'no-k8s-kind-secret', 'filter-comments']);

/** A peer repository: `git --git-dir` for a bare mirror or a checkout's .git. */
function gitOf(path) {
  const gitDir = existsSync(join(path, '.git')) ? join(path, '.git') : path;
  const git = (args, opts = {}) => execFileSync('git', ['--git-dir', gitDir, ...args], { maxBuffer: 256 * 1024 * 1024, ...opts });
  return {
    files: () => git(['ls-tree', '-r', '-z', '--name-only', 'HEAD']).toString('utf8').split('\0').filter(Boolean),
    bytes: (p) => git(['show', `HEAD:${p}`]),
    head: () => git(['rev-parse', '--short', 'HEAD']).toString('utf8').trim(),
  };
}

const safe = (s) => s.replace(/[^A-Za-z0-9._-]+/g, '-');
const lineCount = (buf) => Math.max(1, buf.toString('latin1').replace(/\n$/, '').split('\n').length);

function write(dir, rel, bytes) {
  const to = join(dir, rel);
  mkdirSync(dirname(to), { recursive: true });
  writeFileSync(to, bytes);
}

// ---------------------------------------------------------------- secretlint

/** secretlint's snapshots as files under `dir`; returns { labels, skipped }. */
export function secretlintSamples(mirror, dir) {
  const git = gitOf(mirror);
  const all = git.files();
  const have = new Set(all);
  const labels = [];
  const skipped = {};
  const skip = (why) => (skipped[why] = (skipped[why] ?? 0) + 1);
  const re = /^packages\/@secretlint\/secretlint-rule-([^/]+)\/test\/snapshots\/([^/]+)\/(input(?:\.[^/]*)?)$/;
  for (const path of all) {
    const m = re.exec(path);
    if (!m) continue;
    const [, rule, snap, name] = m;
    if (rule.startsWith('preset-')) continue; // the presets repeat the rules' own snapshots
    if (POLICY_RULES.has(rule)) { skip(`policy rule (${rule})`); continue; }
    const base = path.slice(0, path.lastIndexOf('/'));
    const kind = snap.startsWith('ng.') ? 'ng' : snap.startsWith('ok.') ? 'ok' : undefined;
    if (!kind) { skip('snapshot neither ng. nor ok.'); continue; }
    if (kind === 'ok' && have.has(`${base}/.secretlintrc.json`)) { skip('ok. snapshot with its own options'); continue; }
    const bytes = git.bytes(path);
    const file = `secretlint/${rule}/${safe(snap)}/${name}`;
    write(dir, file, bytes);
    const lines = lineCount(bytes);
    const spans = [];
    if (kind === 'ng') {
      if (!have.has(`${base}/output.json`)) { skip('ng. snapshot without output.json'); continue; }
      const out = JSON.parse(git.bytes(`${base}/output.json`).toString('utf8'));
      for (const msg of out.messages ?? []) spans.push([msg.loc.start.line, Math.max(msg.loc.start.line, msg.loc.end.line)]);
      if (!spans.length) { skip('ng. snapshot with no message'); continue; }
    }
    labels.push({ file, group: rule, kind, lines, spans });
  }
  return { labels, skipped, head: git.head() };
}

// ---------------------------------------------------------------- gitleaks

/** Go source → tokens: strings (value), identifiers, punctuation; comments dropped. */
function goTokens(src) {
  const out = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '/' && src[i + 1] === '/') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (c === '/' && src[i + 1] === '*') { const e = src.indexOf('*/', i + 2); i = e < 0 ? src.length : e + 2; continue; }
    if (c === '\n') { out.push({ t: 'nl' }); i++; continue; }
    if (/\s/.test(c)) { i++; continue; }
    if (c === '`') { const e = src.indexOf('`', i + 1); out.push({ t: 'str', v: src.slice(i + 1, e) }); i = e + 1; continue; }
    if (c === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
      out.push({ t: 'str', v: unquote(src.slice(i + 1, j)) });
      i = j + 1;
      continue;
    }
    if (c === "'") { let j = i + 1; while (src[j] !== "'") j += src[j] === '\\' ? 2 : 1; out.push({ t: 'rune' }); i = j + 1; continue; }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 200));
    if (id) { out.push({ t: 'id', v: id[0] }); i += id[0].length; continue; }
    const num = /^[0-9][0-9a-fA-FxX._]*/.exec(src.slice(i, i + 50));
    if (num) { out.push({ t: 'num', v: num[0] }); i += num[0].length; continue; }
    const op = /^(\.\.\.|:=|[-+*/%&|^<>=!]=?|[(){}[\],.;:])/.exec(src.slice(i, i + 3));
    out.push({ t: 'op', v: op ? op[0] : c });
    i += op ? op[0].length : 1;
  }
  return out;
}

function unquote(s) {
  const simple = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v' };
  return s.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (_, e) => {
    if (e[0] === 'x' || e[0] === 'u' || e[0] === 'U') return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]{3}$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return simple[e] ?? e;
  });
}

/** Split tokens[from..] at top-level commas until the bracket that closes at depth 0; returns [items, end]. */
function splitArgs(toks, from) {
  const items = [];
  let cur = [];
  let depth = 0;
  for (let i = from; i < toks.length; i++) {
    const k = toks[i];
    if (k.t === 'op' && '([{'.includes(k.v)) depth++;
    if (k.t === 'op' && ')]}'.includes(k.v)) {
      if (depth === 0) { if (cur.length) items.push(cur); return [items, i]; }
      depth--;
    }
    if (k.t === 'op' && k.v === ',' && depth === 0) { items.push(cur); cur = []; continue; }
    if (k.t !== 'nl') cur.push(k);
  }
  return [items, toks.length];
}

/** An element: string literals joined by + give a sample; `name...` a named list; else a Go call (skipped). */
function elementValues(el, lists) {
  const spread = el.length >= 2 && el.at(-1).t === 'op' && el.at(-1).v === '...';
  const body = spread ? el.slice(0, -1) : el;
  if (spread && body.length === 1 && body[0].t === 'id' && lists.has(body[0].v)) return { values: lists.get(body[0].v), skipped: 0 };
  if (!spread && body.length && body.every((k, i) => (i % 2 === 0 ? k.t === 'str' : k.t === 'op' && k.v === '+'))) {
    return { values: [body.filter((k) => k.t === 'str').map((k) => k.v).join('')], skipped: 0 };
  }
  return { values: [], skipped: 1 };
}

/** The right-hand side of `x := ...` / `x = ...` starting at toks[i]: its elements and where it ends. */
function rhsValues(toks, i, lists, self) {
  const a = toks[i];
  const b = toks[i + 1];
  const c = toks[i + 2];
  // []string{ ... }
  if (a?.t === 'op' && a.v === '[' && b?.v === ']' && c?.v === 'string' && toks[i + 3]?.v === '{') {
    const [items, end] = splitArgs(toks, i + 4);
    return { ...collect(items, lists), end };
  }
  // append(first, rest...)
  if (a?.t === 'id' && a.v === 'append' && b?.v === '(') {
    const [items, end] = splitArgs(toks, i + 2);
    const [first, ...rest] = items;
    const own = first && first.length === 1 && first[0].t === 'id' && first[0].v === self;
    const firstAsSpread = first && !own ? [[...first, { t: 'op', v: '...' }]] : [];
    // A first argument that is a call returning a list (GenerateSampleSecrets) is one skipped sample group.
    return { ...collect([...(first && !own && !(first.length === 1 && first[0].t === 'id') ? [first] : firstAsSpread), ...rest], lists), end };
  }
  // anything else up to the end of the statement: a Go call
  let depth = 0;
  let j = i;
  for (; j < toks.length; j++) {
    const k = toks[j];
    if (k.t === 'op' && '([{'.includes(k.v)) depth++;
    if (k.t === 'op' && ')]}'.includes(k.v)) depth--;
    if ((k.t === 'nl' || (k.t === 'op' && k.v === ';')) && depth <= 0) break;
  }
  const lone = j === i + 1 && a?.t === 'id' && lists.has(a.v);
  return lone ? { values: [...lists.get(a.v)], skipped: 0, end: j } : { values: [], skipped: 1, end: j };
}

function collect(items, lists) {
  const values = [];
  let skipped = 0;
  for (const el of items) {
    const r = elementValues(el, lists);
    values.push(...r.values);
    skipped += r.skipped;
  }
  return { values, skipped };
}

/** tps/fps literal samples of one rules/*.go file, per function. */
export function goSamples(src) {
  const toks = goTokens(src);
  const out = [];
  let fn = '';
  let lists = new Map();
  for (let i = 0; i < toks.length; i++) {
    const k = toks[i];
    if (k.t === 'id' && k.v === 'func' && toks[i + 1]?.t === 'id') { fn = toks[i + 1].v; lists = new Map(); continue; }
    const op = toks[i + 1];
    if (k.t !== 'id' || op?.t !== 'op' || (op.v !== ':=' && op.v !== '=')) continue;
    if (toks[i - 1] && !(toks[i - 1].t === 'nl' || (toks[i - 1].t === 'op' && '{;'.includes(toks[i - 1].v)))) continue;
    const r = rhsValues(toks, i + 2, lists, k.v);
    if (k.v === 'tps' || k.v === 'fps') {
      out.push({ fn, kind: k.v === 'tps' ? 'tp' : 'fp', values: r.values, skipped: r.skipped });
    } else if (r.values.length && !r.skipped) {
      lists.set(k.v, op.v === '=' && lists.has(k.v) ? [...lists.get(k.v), ...r.values] : r.values);
    }
    i = Math.max(i, r.end - 1);
  }
  return out;
}

/** gitleaks' rule samples as files under `dir`; returns { labels, skipped }. */
export function gitleaksSamples(mirror, dir) {
  const git = gitOf(mirror);
  const labels = [];
  const skipped = {};
  let n = 0;
  for (const path of git.files()) {
    const m = /^cmd\/generate\/config\/rules\/([^/]+)\.go$/.exec(path);
    if (!m || m[1].endsWith('_test')) continue;
    const group = m[1];
    for (const s of goSamples(git.bytes(path).toString('utf8'))) {
      if (s.skipped) skipped[`${s.kind} built by a Go call`] = (skipped[`${s.kind} built by a Go call`] ?? 0) + s.skipped;
      s.values.forEach((v, idx) => {
        if (!v.trim()) return;
        const file = `gitleaks/${group}/${safe(s.fn)}-${s.kind}-${String(++n).padStart(4, '0')}-${idx}.txt`;
        const bytes = Buffer.from(v.endsWith('\n') ? v : `${v}\n`, 'utf8');
        write(dir, file, bytes);
        const lines = lineCount(bytes);
        labels.push({ file, group, kind: s.kind === 'tp' ? 'ng' : 'ok', lines, spans: s.kind === 'tp' ? [[1, lines]] : [] });
      });
    }
  }
  return { labels, skipped, head: git.head() };
}

// ---------------------------------------------------------------- scoring

const ratio = (a, b) => (b === 0 ? 0 : a / b);

/** Span scoring: precision over unique (file, first line) findings, recall over positive spans. */
export function scoreSpans(labels, findings) {
  const byFile = new Map(labels.map((l) => [l.file, l]));
  const unique = new Map();
  for (const f of findings) if (byFile.has(f.file)) unique.set(`${f.file}\0${f.line}`, unique.get(`${f.file}\0${f.line}`) ?? f);
  const met = new Set();
  let tp = 0;
  const falsePositives = [];
  for (const f of unique.values()) {
    const l = byFile.get(f.file);
    const hit = l.spans.filter(([a, b]) => f.line <= b && Math.max(f.line, f.endLine) >= a);
    if (hit.length) {
      tp++;
      for (const s of hit) met.add(s);
    } else falsePositives.push({ file: f.file, line: f.line, ruleId: f.ruleId, group: l.group });
  }
  const positives = labels.flatMap((l) => l.spans.map((s) => ({ l, s })));
  const misses = positives.filter(({ s }) => !met.has(s)).map(({ l, s }) => ({ file: l.file, line: s[0], group: l.group }));
  const precision = ratio(tp, unique.size);
  const recall = ratio(positives.length - misses.length, positives.length);
  const f1 = ratio(2 * precision * recall, precision + recall);
  return { findings: unique.size, tp, fp: unique.size - tp, fn: misses.length, positives: positives.length, precision, recall, f1, misses, falsePositives };
}

const pct = (x) => `${(x * 100).toFixed(1)}%`;

function table(header, lines) {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
  const fmt = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [fmt(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...lines.map(fmt)].join('\n');
}

/** Groups (peer rule) by keysprawl's misses, most first. */
function missGroups(row) {
  const by = {};
  for (const m of row.misses) by[m.group] = (by[m.group] ?? 0) + 1;
  return Object.entries(by).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

export async function runPeerBench({ secretlintMirror, gitleaksMirror, gitleaks, out }) {
  if (!existsSync(join(REPO, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const gitleaksBin = gitleaks === false ? undefined : findGitleaks(gitleaks);
  const hasSecretlint = existsSync(join(REPO, 'node_modules', '.bin', 'secretlint'));
  const corpora = [];
  for (const [name, mirror, build] of [['secretlint rule snapshots', secretlintMirror, secretlintSamples], ['gitleaks rule samples', gitleaksMirror, gitleaksSamples]]) {
    if (!mirror) continue;
    const dir = join(out, safe(name));
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const { labels, skipped, head } = build(resolve(mirror), dir);
    // Only findings of their own: a pair's other half that is no finding itself (a database host) is not one.
    const rows = [{ tool: 'keysprawl', ...scoreSpans(labels, keysprawlFindings(dir).filter((f) => !f.ruleId.endsWith('/paired'))) }];
    if (hasSecretlint) rows.push({ tool: 'secretlint (recommend)', ...scoreSpans(labels, secretlintFindings(dir)) });
    if (gitleaksBin) rows.push({ tool: 'gitleaks (default rules)', ...scoreSpans(labels, gitleaksFindings(dir, gitleaksBin)) });
    corpora.push({ name, head, dir, files: labels.length, positives: labels.reduce((n, l) => n + l.spans.length, 0), negatives: labels.filter((l) => !l.spans.length).length, skipped, rows });
  }
  const notes = [gitleaksBin ? `gitleaks: ${gitleaksBin} (${gitleaksVersion(gitleaksBin)})` : 'gitleaks: not found, row left out', hasSecretlint ? 'secretlint: node_modules/.bin/secretlint, preset recommend' : 'secretlint: not installed, row left out'];
  return { corpora, notes };
}

export function report({ corpora, notes }, verbose = false) {
  const out = [...notes, ''];
  for (const c of corpora) {
    const skipped = Object.entries(c.skipped).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
    out.push(`## ${c.name} (HEAD ${c.head}): ${c.files} samples, ${c.positives} positive spans, ${c.negatives} negative samples; skipped: ${skipped}`, '');
    out.push(table(['tool', 'findings', 'TP', 'FP', 'FN', 'precision', 'recall', 'F1'], c.rows.map((r) => [r.tool, r.findings, r.tp, r.fp, r.fn, pct(r.precision), pct(r.recall), r.f1.toFixed(3)])), '');
    out.push(`keysprawl misses by peer rule: ${missGroups(c.rows[0]).map(([g, n]) => `${g} ${n}`).join(', ') || 'none'}`);
    const fpBy = {};
    for (const f of c.rows[0].falsePositives) fpBy[f.ruleId] = (fpBy[f.ruleId] ?? 0) + 1;
    out.push(`keysprawl false positives by rule: ${Object.entries(fpBy).sort((a, b) => b[1] - a[1]).map(([g, n]) => `${g} ${n}`).join(', ') || 'none'}`, '');
    if (verbose) {
      for (const m of c.rows[0].misses) out.push(`MISS ${m.file}:${m.line}`);
      for (const f of c.rows[0].falsePositives) out.push(`FP ${f.file}:${f.line} ${f.ruleId}`);
      out.push('');
    }
  }
  return out.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const args = process.argv.slice(2);
  const opt = (name) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
  try {
    const secretlintMirror = opt('--secretlint-mirror');
    const gitleaksMirror = opt('--gitleaks-mirror');
    if (!secretlintMirror && !gitleaksMirror) throw new Error('pass --secretlint-mirror PATH and/or --gitleaks-mirror PATH (a clone or bare mirror of secretlint/secretlint, gitleaks/gitleaks)');
    const out = resolve(opt('--out') ?? join(tmpdir(), 'keysprawl-peer-corpora'));
    const result = await runPeerBench({ secretlintMirror, gitleaksMirror, gitleaks: opt('--gitleaks') ? resolve(opt('--gitleaks')) : undefined, out });
    if (args.includes('--json')) console.log(JSON.stringify(result.corpora.map((c) => ({ ...c, rows: c.rows.map(({ misses: _m, falsePositives: _f, ...r }) => r) })), null, 2));
    else console.log(report(result, args.includes('--verbose')));
  } catch (err) {
    console.error(`bench-peer-corpora: ${err.message}`);
    process.exitCode = 2;
  }
}
