// Which lines of a JSON/YAML file line reuse must probe before reading a version line by line
// (extract/encoded.ts encodedLine), and the probe's memory (engine/neutral-lines.ts): each
// distinct line probed once, a line reporting differently in the two readings never neutral.
import { describe, expect, it } from 'vitest';
import { NeutralLines } from '../../src/engine/neutral-lines.js';
import { encodedLine } from '../../src/extract/encoded.js';
import type { Blob } from '../../src/contracts/blob.js';
import type { Match } from '../../src/contracts/match.js';

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const binary = Buffer.from(Array.from({ length: 48 }, (_, i) => (i * 37) % 256));

describe('encodedLine', () => {
  it('tells values that may decode, pieces of wrapped values and the rest apart', () => {
    expect(encodedLine(`        example: "${b64('THIS IS NOT A REAL CERTIFICATE\n')}"`)).toBe('value');
    expect(encodedLine(`  - ${b64('a value of its own in a list')}`)).toBe('value');
    expect(encodedLine(`    ${b64('one line of a longer wrapped value, ')}`)).toBe('piece');
    expect(encodedLine('    QUJD')).toBe('piece'); // too short to tell
    expect(encodedLine(`    ${binary.toString('base64')}`)).toBe('none'); // a certificate's DER
    expect(encodedLine(`  cert: ${binary.toString('base64')}`)).toBe('none');
    expect(encodedLine('        description: the container ID')).toBe('none');
    expect(encodedLine('  path: "C:\\\\ProgramData"')).toBe('value'); // escapes may spell a value
  });
});

describe('NeutralLines', () => {
  const blob = (text: string): Blob => ({ origin: { kind: 'git', path: 'api/swagger.yaml' }, bytes: Buffer.from(text) });
  const match = (ruleId: string): Match => ({ ruleId, secret: 's', start: 0, end: 1, line: 1, column: 1, endLine: 1, confidence: 'high', groups: [] }) as unknown as Match;

  it('probes each distinct line once in both readings and remembers the answer', () => {
    const seen: string[] = [];
    const lines = new NeutralLines((b) => {
      seen.push(`${b.partial ? 'plain' : 'structured'}:${b.bytes.toString()}`);
      return [];
    });
    const value = `  example: "${b64('harmless example text')}"`;
    expect(lines.all(blob(`a: 1\n${value}\nb: 2\n`))).toBe(true);
    expect(lines.all(blob(`a: 3\n${value}\n${value}\n`))).toBe(true);
    expect(seen).toEqual([`structured:${value}`, `plain:${value}`]);
    expect(lines.probed).toBe(1);
  });

  it('is false when a line reports differently read as structure and as text, or is a piece of a wrapped value', () => {
    const lines = new NeutralLines((b) => (b.partial ? [] : [match('decoded-key')]));
    expect(lines.all(blob(`token_b64: ${b64('OPENAI_API_KEY=not-a-real-key-value')}\n`))).toBe(false);
    const quiet = new NeutralLines(() => []);
    expect(quiet.all(blob(`key: |\n  ${b64('one line of a longer wrapped value, ')}\n`))).toBe(false);
    expect(quiet.probed).toBe(0);
  });
});
