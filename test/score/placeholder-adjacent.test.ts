// Placeholder-adjacent keys (issue 15, item 1): a value in a live format whose name or line calls
// it an example is still reported, never dropped, and lands in the low band. Narrow on purpose:
// only the name it is assigned to and its own item on its own line count (src/detect/placeholders.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { placeholderAdjacent } from '../../src/detect/placeholders.js';
import { failsGate } from '../../src/cli/gate.js';
import { describeOccurrence, EXPLAIN_VIEW } from '../../src/report/describe.js';
import { expandFakes } from '../../src/rules/fake.js';
import { builtinRules } from '../../src/rules/load.js';
import { scan } from '../../src/scan.js';
import { makeTree, type Tree } from '../helpers/tree.js';

let tree: Tree | undefined;
afterEach(() => tree?.cleanup());

/** placeholderAdjacent() on `line`, with the value being the first occurrence of `value` in it. */
function on(line: string, value: string, names: string[] = []): string | undefined {
  const start = line.indexOf(value);
  if (start < 0) throw new Error(`${value} not in ${line}`);
  return placeholderAdjacent(line, start, start + value.length, names);
}

const KEY = expandFakes('sk-proj-<<b64url:74>>T3BlbkFJ<<b64url:74>>', 41);
/** A provider format without a checksum. */
const ANTHROPIC = expandFakes('sk-ant-api03-<<b64url:93>>AA', 43);

describe('placeholderAdjacent: what counts as example wording next to a value', () => {
  it.each([
    [`EXAMPLE_OPENAI_API_KEY=${KEY}`, 'example'],
    [`sample_key = "${KEY}"`, 'sample'],
    [`const dummyApiKey = '${KEY}';`, 'dummy'],
    [`fake-token: ${KEY}`, 'fake'],
    [`# placeholder: ${KEY}`, 'placeholder'],
    [`Example: ${KEY}`, 'example'],
    [`OPENAI_API_KEY=${KEY} your-openai-key-here`, 'your-openai-key-here'],
    [`CHANGEME_KEY=${KEY}`, 'changeme'],
    [`client = OpenAI(api_key="${KEY}")  # Examples`, 'examples'],
  ])('%s: says %s', (line, word) => {
    expect(on(line, KEY)).toBe(`its line says "${word}"`);
  });

  it('a structured reader\'s key name counts (an agent config\'s env var)', () => {
    expect(on(KEY, KEY, ['EXAMPLE_ANTHROPIC_KEY'])).toBe('the name EXAMPLE_ANTHROPIC_KEY says "example"');
    expect(on(KEY, KEY, ['fakeToken'])).toBe('the name fakeToken says "fake"');
    expect(on(KEY, KEY, ['ANTHROPIC_API_KEY'])).toBeUndefined();
  });

  it.each([
    // nothing there
    [`OPENAI_API_KEY=${KEY}`],
    [`client = OpenAI(api_key="${KEY}")`],
    // host names and paths say nothing about the value
    [`curl https://api.example.com/v1 -H "Authorization: Bearer ${KEY}"`],
    [`python examples/agent.py --key ${KEY}`],
    // another item of the same line: beyond a , ; { } [ ] & | it is about another value
    [`{'example_input': 'hello', 'api_key': '${KEY}'}`],
    [`api_key=${KEY}&sample_rate=44100`],
    [`| example deployment | ${KEY} |`],
    // words that merely contain one
    [`resample_token = "${KEY}"`],
    [`fakeredis_url = None; token = "${KEY}"`],
  ])('%s: not placeholder-adjacent', (line) => {
    expect(on(line, KEY)).toBeUndefined();
  });

  it('reads neither the value itself nor other lines', () => {
    const value = `sk-proj-${'a1B2c3D4'.repeat(3)}fake${'e5F6g7H8'.repeat(3)}`;
    expect(on(`OPENAI_API_KEY=${value}`, value)).toBeUndefined();
    const text = `# example config below\nOPENAI_API_KEY=${KEY}\n# a dummy line after\n`;
    const start = text.indexOf(KEY);
    expect(placeholderAdjacent(text, start, start + KEY.length)).toBeUndefined();
  });
});

describe('placeholder-adjacent keys are reported, in the low band', () => {
  const run = async (files: Record<string, string>) => {
    tree = makeTree(files);
    return scan({ paths: [tree.dir], rules: builtinRules(), threads: 1 });
  };
  /** The one secret of a rule in a result, asserted present (the message lists what was found). */
  const secretOf = (result: Awaited<ReturnType<typeof run>>, ruleId: string) => {
    const found = result.secrets.find((s) => s.ruleId === ruleId);
    expect(found, result.secrets.map((s) => s.ruleId).join(', ')).toBeDefined();
    return found!;
  };

  it('a live-format key without a checksum assigned to an example name: reported, low, the cap says why, still fails the default gate', async () => {
    const result = await run({ 'src/demo.py': `EXAMPLE_ANTHROPIC_API_KEY = "${ANTHROPIC}"\n` });
    const found = secretOf(result, 'anthropic-api-key');
    expect(found!.confidence).toBe('medium');
    expect(found!.severity).toBe('low');
    expect(found!.occurrences[0].properties?.placeholderAdjacent).toBe('its line says "example"');
    const cap = found!.factors.find((f) => f.factor === 'cap');
    expect(cap?.reason).toMatch(/example wording .*: at most low/);
    expect(found!.factors.some((f) => f.factor === 'band')).toBe(false);
    // A key in a live format may still be real: the default gate (confidence) still fails on it.
    expect(failsGate(found!, {})).toBe(true);
    expect(failsGate(found!, { failOn: 'medium' })).toBe(false);
  });

  it('a checksum-valid key assigned to an example name: the wording is recorded and shown, but it stays high', async () => {
    const result = await run({ 'src/demo.py': `EXAMPLE_OPENAI_API_KEY = "${KEY}"\n` });
    const found = secretOf(result, 'openai-project-key');
    expect(found!.confidence).toBe('high');
    expect(found!.severity).toBe('high');
    expect(found!.occurrences[0].properties?.placeholderAdjacent).toBe('its line says "example"');
    expect(found!.factors.some((f) => f.factor === 'cap')).toBe(false);
    expect(found!.factors.find((f) => f.factor === 'band')?.reason).toMatch(/checksum valid despite the example wording/);
    expect(describeOccurrence(found!.occurrences[0], EXPLAIN_VIEW)).toBe('code, example wording: its line says "example"');
    expect(failsGate(found!, { failOn: 'high' })).toBe(true);
  });

  it('the same key without the wording stays high', async () => {
    const result = await run({ 'src/demo.py': `OPENAI_API_KEY = "${KEY}"\n` });
    const found = result.secrets.find((s) => s.ruleId === 'openai-project-key');
    expect(found?.severity).toBe('high');
    expect(found?.occurrences[0].properties?.placeholderAdjacent).toBeUndefined();
  });

  it('one place without the wording makes it a real key: high again', async () => {
    const result = await run({ 'docs/setup.md': `Example: ${KEY}\n`, '.env': `OPENAI_API_KEY=${KEY}\n` });
    const found = result.secrets.find((s) => s.ruleId === 'openai-project-key');
    expect(found?.occurrences).toHaveLength(2);
    expect(found?.severity).toBe('high');
    expect(found?.factors.some((f) => f.factor === 'cap')).toBe(false);
  });

  it('an agent config key named as an example: reported, low', async () => {
    const value = expandFakes('sk-ant-api03-<<b64url:93>>AA', 42);
    const mcp = JSON.stringify({ mcpServers: { s: { command: 'npx', args: ['srv'], env: { SAMPLE_ANTHROPIC_API_KEY: value } } } }, null, 2);
    const result = await run({ '.cursor/mcp.json': mcp });
    const found = secretOf(result, 'anthropic-api-key');
    expect(found!.severity).toBe('low');
    expect(found!.occurrences.every((o) => o.properties?.placeholderAdjacent)).toBe(true);
  });
});
