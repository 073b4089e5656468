#!/usr/bin/env node
// Builds the labelled accuracy corpus: every file under templates/ (minus its .tmpl suffix) is
// copied to <out>/files/ with its markers expanded into fake keys, and every marked line is
// written to <out>/labels.jsonl as {"file", "line", "label", "kind"}.
//
//   @@+kind:TEMPLATE@@        a credential (label true); TEMPLATE uses src/rules/fake.ts
//                             generators: sk-proj-<<b64url:74>>T3BlbkFJ<<b64url:74>>
//   @@-kind:TEXT@@            a labelled hard negative (label false): placeholder, digest, id...
//   @@+kind#name:TEMPLATE@@   the same value wherever `name` is used (one key in many files)
//
// A multi-line value (a PEM block) is labelled at its first line and keeps the indentation of
// the marker's line. The checked-in hard negatives (fixtures/hard-negatives/) are copied in as
// hard-negatives/: they hold no credential, so any finding there is a false positive. Values are seeded from the file path and marker index, so a build is
// reproducible; the expanded keys are never committed (corpus/ is git-ignored).
// Needs the built package (npm run build): the fake generators are imported from dist/.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const HERE = import.meta.dirname;
const REPO = resolve(HERE, '..', '..');
export const TEMPLATES = join(HERE, 'templates');
export const DEFAULT_OUT = join(HERE, 'corpus');
export const HARD_NEGATIVES = join(REPO, 'fixtures', 'hard-negatives');
const MARKER = /@@([+-])([a-z0-9-]+)(?:#([\w-]+))?:(.*?)@@/g;

function listFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const abs = join(dir, name);
    return statSync(abs).isDirectory() ? listFiles(abs) : [abs];
  });
}

const seedOf = (text) => createHash('sha256').update(text).digest().readUInt32BE(0);

/** Expand one template file; returns the text and its labels (1-based lines). */
function expandFile(rel, template, expandFakes, named) {
  const out = [];
  const labels = new Map();
  let index = 0;
  for (const line of template.split('\n')) {
    const indent = /^\s*/.exec(line)[0];
    const at = out.length + 1;
    let built = '';
    let last = 0;
    for (const m of line.matchAll(MARKER)) {
      const [all, sign, kind, name, body] = m;
      built += line.slice(last, m.index);
      last = m.index + all.length;
      const key = name ? `${kind}#${name}` : undefined;
      let value = key ? named.get(key) : undefined;
      if (value === undefined) value = expandFakes(body, seedOf(`${rel}:${index}`));
      if (key) named.set(key, value);
      index++;
      const lineNo = at + (built.match(/\n/g)?.length ?? 0);
      const prev = labels.get(lineNo);
      // One label a line: a credential beats a labelled negative on the same line.
      if (!prev || (sign === '+' && !prev.label)) labels.set(lineNo, { file: rel, line: lineNo, label: sign === '+', kind });
      built += value.replace(/\n/g, `\n${indent}`);
    }
    built += line.slice(last);
    // Generators outside markers (a digest, an id) are allowed: they are unlabelled negatives.
    out.push(...expandFakes(built, seedOf(`${rel}:line${at}`)).split('\n'));
  }
  return { text: out.join('\n'), labels: [...labels.values()] };
}

/** Build the corpus into `out` (files/ + labels.jsonl); returns the paths and the labels. */
export async function buildCorpus(out = DEFAULT_OUT) {
  const fake = join(REPO, 'dist', 'rules', 'fake.js');
  const { expandFakes } = await import(pathToFileURL(fake).href);
  const filesDir = join(out, 'files');
  rmSync(filesDir, { recursive: true, force: true });
  const named = new Map();
  const labels = [];
  for (const abs of listFiles(TEMPLATES).sort()) {
    const rel = relative(TEMPLATES, abs).split('\\').join('/').replace(/\.tmpl$/, '');
    const { text, labels: found } = expandFile(rel, readFileSync(abs, 'utf8'), expandFakes, named);
    mkdirSync(dirname(join(filesDir, rel)), { recursive: true });
    writeFileSync(join(filesDir, rel), text);
    labels.push(...found);
  }
  cpSync(HARD_NEGATIVES, join(filesDir, 'hard-negatives'), { recursive: true });
  const labelsPath = join(out, 'labels.jsonl');
  writeFileSync(labelsPath, labels.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return { filesDir, labelsPath, labels };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { filesDir, labels } = await buildCorpus(process.argv[2] ? resolve(process.argv[2]) : DEFAULT_OUT);
  const pos = labels.filter((l) => l.label).length;
  console.log(`${filesDir}: ${labels.length} labelled lines (${pos} credentials, ${labels.length - pos} hard negatives)`);
}
