// --history with line reuse over an OpenAPI-like YAML file (src/engine/neutral-lines.ts): the
// structured reading parses such a file because it holds base64 (a harmless encoded example, an
// example certificate, which is no multi-line credential either), but when every line that may hold an encoded value reports
// nothing either way, a new version is read line by line instead of being parsed whole. Proof
// that it loses nothing: a generated history of such files, with valid and invalid YAML
// versions, keys in plain lines and in base64-wrapped values, copies and removals, scanned with
// line reuse and with every blob whole, gives the same secrets, occurrences and commits; and
// most of its bytes were not scanned again.
import { execFileSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { expandFakes, prng } from '../../src/rules/fake.js';
import { Repo } from './git-fixture.js';
import { canonical, history, HistoryWriter, keyLines } from './history-helpers.js';

const repos: Repo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

/** An API description with a decodable but harmless example and an example certificate (PEM). */
function apiFile(rnd: () => number): string[] {
  const cert = Buffer.from(Array.from({ length: 300 }, () => Math.floor(rnd() * 256))).toString('base64');
  const lines = ['swagger: "2.0"', 'info:', '  title: Engine API', '  description: |', '    The Engine API.', 'definitions:'];
  for (let d = 0; d < 12; d++) {
    lines.push(`  Def${d}:`, '    type: object', '    properties:');
    for (let p = 0; p < 6; p++) lines.push(`      Field${p}:`, '        type: string', `        description: field ${p} of definition ${d}`);
  }
  lines.push('  SecretSpec:', '    properties:', '      Data:', '        type: string', '        format: base64');
  lines.push(`        example: "${Buffer.from('THIS IS NOT A REAL CERTIFICATE\n').toString('base64')}"`);
  lines.push('  CAConfig:', '    properties:', '      SigningCACert:', '        type: string', '        example: |');
  lines.push('          -----BEGIN CERTIFICATE-----');
  for (let i = 0; i < cert.length; i += 64) lines.push(`          ${cert.slice(i, i + 64)}`);
  lines.push('          -----END CERTIFICATE-----');
  lines.push('paths:', '  /info:', '    get:', '      summary: System information');
  return lines;
}

const parses = (lines: string[]) => parseAllDocuments(`${lines.join('\n')}\n`, { uniqueKeys: false }).every((d) => !d.errors.length);

/** Random edits of the API files; returns how many versions did not parse as YAML. */
function generate(r: Repo, commits: number, seed: number): number {
  const rnd = prng(seed);
  const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)];
  const templates = keyLines();
  const used: string[] = [];
  const files = new Map<string, string[]>([['api/swagger.yaml', apiFile(rnd)]]);
  const w = new HistoryWriter();
  let head = w.commit('main', files, [...files.keys()]);
  let broken = 0;
  for (let c = 1; c < commits; c++) {
    const path = pick([...files.keys()]);
    const lines = [...files.get(path)!];
    // Inside the definitions, after the head of the file.
    const at = 6 + Math.floor(rnd() * (lines.length - 10));
    const op = rnd();
    if (c % 50 === 10) {
      // A base64-wrapped key in a version that parses: found only when the value is decoded.
      for (let i = lines.findIndex((l) => l.startsWith('filler')); i !== -1; i = lines.findIndex((l) => l.startsWith('filler'))) lines.splice(i, 1);
      const line = `  token_b64_${c}: ${Buffer.from(expandFakes(pick(templates), seed * 7000 + c)).toString('base64')}`;
      lines.splice(lines.indexOf('paths:'), 0, line);
    } else if (c % 50 === 30) {
      for (let i = lines.findIndex((l) => l.includes('token_b64')); i !== -1; i = lines.findIndex((l) => l.includes('token_b64'))) lines.splice(i, 1);
    } else if (op < 0.3) {
      const i = lines.findIndex((l, j) => j >= at && l.includes('description: field'));
      if (i !== -1) lines[i] = `        description: field edited in ${c}`;
    } else if (op < 0.36) lines.splice(at, 0, `filler ${c}`); // not YAML any more
    else if (op < 0.5) {
      const i = lines.findIndex((l) => l.startsWith('filler'));
      const j = i === -1 ? lines.findIndex((l) => used.includes(l)) : i;
      if (j !== -1) lines.splice(j, 1);
    } else if (op < 0.66) {
      const key = expandFakes(pick(templates), seed * 1000 + c);
      const k = rnd();
      const line = k < 0.2 ? key : k < 0.6 ? `        # ${key}` : `        example: ${JSON.stringify(key)}`;
      used.push(line);
      lines.splice(at, 0, line);
    } else if (op < 0.8 && used.length) lines.splice(at, 0, pick(used));
    else if (op < 0.88) {
      const copy = `api/docs/v1.${c}.yaml`;
      files.set(copy, [...lines]);
      head = w.commit('main', files, [copy], head);
      continue;
    } else lines.splice(at, 0, `      Added${c}:`, '        type: integer', `        description: added in ${c}`);
    if (!parses(lines)) broken++;
    files.set(path, lines);
    head = w.commit('main', files, [path], head);
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: r.dir, input: w.stream(), maxBuffer: 64 * 1024 * 1024 });
  r.git('reset', '-q', '--hard', 'main');
  return broken;
}

describe('scan --history with line reuse over structured files', () => {
  it.each([1, 2])('reads new versions of an API description line by line and finds what whole parses find (seed %i)', async (seed) => {
    const r = new Repo();
    repos.push(r);
    const broken = generate(r, 160, seed);
    const full = await history(r.dir, false);
    const reused = await history(r.dir, true);
    // The history covers what the structured reading depends on: versions that do not parse,
    // keys found only in decoded values, keys in plain lines.
    expect(broken).toBeGreaterThan(5);
    expect(full.secrets.some((s) => s.occurrences.some((o) => o.properties?.encoding === 'base64'))).toBe(true);
    expect(full.secrets.filter((s) => s.occurrences.some((o) => o.properties?.encoding === undefined)).length).toBeGreaterThan(10);
    expect(canonical(reused)).toEqual(canonical(full));
    expect(reused.stats.blobsScanned).toBe(full.stats.blobsScanned);
    // The point of it: many versions were not parsed and scanned whole (the rest hold a key in base64).
    expect(reused.stats.bytesReused).toBeGreaterThan(full.stats.bytesScanned / 3);
  });
});
