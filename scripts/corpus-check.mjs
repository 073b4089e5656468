#!/usr/bin/env node
// Checks keysprawl (the built library, dist/) against the real-world sample files in a corpus
// folder kept beside the repository (../shared/corpus by default, or the folder given as the first
// argument or in KEYSPRAWL_CORPUS). Those files are third-party data, not part of the repository,
// so this is not a test: `.ci/run` runs it after the test suite, and without the folder it says
// "skipped: no ../shared/corpus" and exits 0.
//
// What the corpus README says a scanner should report:
//   workflows/      aws.yml: a CI posture finding (static AWS keys to configure-aws-credentials),
//                   azure-webapps-node.yml: a static publish profile where OIDC would do; the
//                   Workload Identity google workflows and every other file: nothing.
//   notebooks/      no finding; one notebook is malformed JSON and is scanned as plain text.
//   agent-configs/  OAI_CONFIG_LIST_sample: every api_key is a placeholder, no finding.
//
// Exit codes: 0 every check passed (or skipped), 1 a check failed, 2 the build is missing.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

const REPO = resolve(import.meta.dirname, '..');
const corpus = resolve(process.argv[2] ?? process.env.KEYSPRAWL_CORPUS ?? join(REPO, '..', 'shared', 'corpus'));
const shown = relative(REPO, corpus) || '.';

if (!existsSync(corpus)) {
  console.log(`corpus-check: skipped: no ${shown}`);
  process.exit(0);
}
if (!existsSync(join(REPO, 'dist', 'index.js'))) {
  console.error('corpus-check: dist/index.js is missing; run `npm run build` first');
  process.exit(2);
}
const { scan, builtinRules } = await import(join(REPO, 'dist', 'index.js'));

/** Copies corpus files into a temp tree (`to` paths) and scans it with the shipped rules. */
async function scanCopies(files) {
  const dir = mkdtempSync(join(tmpdir(), 'keysprawl-corpus-'));
  try {
    for (const [from, to] of files) {
      mkdirSync(join(dir, to, '..'), { recursive: true });
      cpSync(join(corpus, from), join(dir, to));
    }
    const warnings = [];
    const result = await scan({ paths: [dir], rules: builtinRules(), redact: true, onWarning: (w) => warnings.push(w) });
    const found = result.secrets.flatMap((s) => s.occurrences.map((o) => `${s.kind} ${s.ruleId} ${o.origin.path}:${o.line}:${o.column}`)).sort();
    return { found, warnings, filesScanned: result.stats.filesScanned };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const listed = (folder) => (existsSync(join(corpus, folder)) ? readdirSync(join(corpus, folder)).sort() : []);

const checks = [
  {
    name: 'workflows: posture findings in aws.yml and azure-webapps-node.yml only',
    files: listed('workflows').map((f) => [`workflows/${f}`, `.github/workflows/${f}`]),
    want: {
      found: [
        'posture ci/aws-static-keys .github/workflows/aws.yml:60:9',
        'posture ci/azure-static-creds .github/workflows/azure-webapps-node.yml:77:9',
      ],
      warnings: [],
    },
  },
  {
    name: 'notebooks: no finding; the malformed one is scanned as plain text',
    files: listed('notebooks').map((f) => [`notebooks/${f}`, f]),
    want: {
      found: [],
      // gemini-cookbook's notebook lacks a comma at line 559: a real-world malformed notebook.
      warnings: [
        'gemini-cookbook_examples_gemini_google_adk_model_guardrails.ipynb: malformed notebook (expected "," or "]", found "\\"" at line 559 column 9), scanned as plain text',
      ],
    },
  },
  {
    name: 'agent-configs: no finding in OAI_CONFIG_LIST_sample (placeholders)',
    files: listed('agent-configs').map((f) => [`agent-configs/${f}`, f]),
    want: { found: [], warnings: [] },
  },
];

let failed = 0;
for (const check of checks) {
  if (check.files.length === 0) {
    console.log(`corpus-check: skipped: ${check.name} (no files in ${shown})`);
    continue;
  }
  const got = await scanCopies(check.files);
  const problems = [];
  if (got.filesScanned !== check.files.length) problems.push(`scanned ${got.filesScanned} of ${check.files.length} files`);
  if (!isDeepStrictEqual(got.found, check.want.found)) problems.push(`findings ${JSON.stringify(got.found)}, expected ${JSON.stringify(check.want.found)}`);
  if (!isDeepStrictEqual(got.warnings.sort(), check.want.warnings)) problems.push(`warnings ${JSON.stringify(got.warnings)}, expected ${JSON.stringify(check.want.warnings)}`);
  console.log(`corpus-check: ${problems.length ? 'FAIL' : 'ok'}: ${check.name} (${check.files.length} files)`);
  for (const p of problems) console.log(`  ${p}`);
  if (problems.length) failed++;
}
process.exit(failed ? 1 : 0);
