// Every occurrence is a result (DESIGN.md §5): a key in three files is three SARIF results (each
// at its own line, with the secret id, its blast radius, the other two places as related
// locations and a fingerprint of its own), three GitLab vulnerabilities, and one text block that
// lists every place and what to do. Driven through the built CLI on a temp tree.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expandFakes } from '../../src/rules/fake.js';
import { runCli, REPO_ROOT } from '../helpers/cli.js';
import { validateSarif } from '../helpers/sarif-schema.js';
import { makeTree, type Tree } from '../helpers/tree.js';

let tree: Tree | undefined;
afterEach(() => tree?.cleanup());

const key = expandFakes('sk-proj-<<b64url:74>>T3BlbkFJ<<b64url:74>>', 31);
const files = {
  '.env': `OPENAI_API_KEY=${key}\n`,
  'src/client.py': `import openai\n\nclient = openai.OpenAI(api_key="${key}")\n`,
  '.cursor/mcp.json': JSON.stringify({ mcpServers: { ai: { command: 'npx', args: ['srv'], env: { OPENAI_API_KEY: key } } } }, null, 2),
};

interface Result {
  ruleId: string;
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
  relatedLocations?: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
  partialFingerprints: Record<string, string>;
  properties: { secretId: string; blastRadius: { score: number; severity: string }; primary?: boolean };
  rank: number;
}

describe('a key in three files', () => {
  it('is three schema-valid SARIF results, one per place, each pointing at the other two', () => {
    tree = makeTree(files);
    const sarifFile = join(tree.dir, 'out.sarif');
    const run = runCli(['scan', tree.dir, '--no-config', '-f', 'sarif', '-o', sarifFile, '-q']);
    expect(run.code).toBe(1);
    const log = JSON.parse(readFileSync(sarifFile, 'utf8'));
    expect(validateSarif(log)).toEqual([]);
    const results: Result[] = log.runs[0].results;
    expect(results).toHaveLength(3);
    const uris = results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri);
    expect([...uris].sort()).toEqual(['.cursor/mcp.json', '.env', 'src/client.py']);
    // The most exposed place (an agent config) comes first and is marked primary.
    expect(uris[0]).toBe('.cursor/mcp.json');
    expect(results.filter((r) => r.properties.primary)).toHaveLength(1);
    expect(results.find((r) => r.locations[0].physicalLocation.artifactLocation.uri === 'src/client.py')!.locations[0].physicalLocation.region.startLine).toBe(3);
    expect(new Set(results.map((r) => r.properties.secretId)).size).toBe(1);
    expect(new Set(results.map((r) => r.partialFingerprints['keysprawl/v1'])).size).toBe(3);
    for (const r of results) {
      const related = r.relatedLocations!.map((l) => l.physicalLocation.artifactLocation.uri).sort();
      expect(related).toEqual(uris.filter((u) => u !== r.locations[0].physicalLocation.artifactLocation.uri).sort());
      expect(r.properties.blastRadius.severity).toMatch(/^(high|critical)$/);
      expect(r.rank).toBe(r.properties.blastRadius.score);
    }
    expect(readFileSync(sarifFile, 'utf8')).not.toContain(key);
  });

  it('keeps each result fingerprint when lines move', () => {
    const fingerprints = (spec: Record<string, string>): string[] => {
      tree?.cleanup();
      tree = makeTree(spec);
      const out = runCli(['scan', tree.dir, '--no-config', '-f', 'sarif', '-q']).stdout;
      return (JSON.parse(out).runs[0].results as Result[]).map((r) => `${r.locations[0].physicalLocation.artifactLocation.uri} ${r.partialFingerprints['keysprawl/v1']}`).sort();
    };
    const before = fingerprints(files);
    const after = fingerprints({ ...files, 'src/client.py': `# a comment\n\n\n${files['src/client.py']}` });
    expect(after).toEqual(before);
  });

  it('is three GitLab vulnerabilities, each at its own place', () => {
    tree = makeTree(files);
    const json = join(tree.dir, 'r.json');
    const gl = join(tree.dir, 'gl.json');
    expect(runCli(['scan', tree.dir, '--no-config', '-f', 'json', '-o', json, '-q']).code).toBe(1);
    execFileSync(process.execPath, [join(REPO_ROOT, 'examples', 'ci', 'gitlab-secret-detection.mjs'), json, gl]);
    const vulns = JSON.parse(readFileSync(gl, 'utf8')).vulnerabilities as Array<{ id: string; location: { file: string } }>;
    expect(vulns.map((v) => v.location.file).sort()).toEqual(['.cursor/mcp.json', '.env', 'src/client.py']);
    expect(new Set(vulns.map((v) => v.id)).size).toBe(3);
  });

  it('is one text block that lists every place and the one-line replacement', () => {
    tree = makeTree(files);
    const out = runCli(['scan', tree.dir, '--no-config'], { env: { FORCE_COLOR: '0' } }).stdout;
    expect(out.match(/openai-project-key/g)).toHaveLength(1);
    expect(out).toMatch(/^ {2}\.cursor\/mcp\.json:\d+:\d+ {2}openai-project-key/m);
    expect(out).toMatch(/also at:\n {8}\.env:1:16 \(env-file\)\n {8}src\/client\.py:3:\d+ \(code\)\n/);
    expect(out).toMatch(/\n {6}→ In an agent, MCP config or prompt: .+\n/);
    expect(out).not.toContain(key);
  });
});
