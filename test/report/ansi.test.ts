// The text report's own colour codes (src/report/ansi.ts) against chalk at level 1, which wrote
// them before: every style and chain the report uses, on strings with escape codes, LF and CRLF.
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { style, type StyleName } from '../../src/report/ansi.js';

const chalk = new Chalk({ level: 1 });
const plain = new Chalk({ level: 0 });

const CHAINS: StyleName[][] = [['bold'], ['dim'], ['italic'], ['red'], ['green'], ['yellow'], ['blue'], ['magenta'], ['cyan'], ['bold', 'red']];

/** The chalk builder for a chain, e.g. chalk.bold.red. */
function viaChalk(c: InstanceType<typeof Chalk>, chain: StyleName[]): (s: string) => string {
  let b: unknown = c;
  for (const n of chain) b = (b as Record<string, unknown>)[n];
  return b as (s: string) => string;
}

const TEXTS = [
  '',
  'plain',
  'two\nlines',
  'crlf\r\nline\r\n',
  '\n',
  '\r\n\r\n',
  'ends with LF\n',
  `already ${chalk.red('red')} inside`,
  `nested ${chalk.bold.red('bold red')} and ${chalk.dim('dim')}\nnext ${chalk.yellow('y\nz')}`,
  `a close code alone \u001B[39m and \u001B[22m here`,
  'lone \r carriage return',
];

describe('report colours', () => {
  it.each(CHAINS.map((c) => [c.join('.'), c] as const))('%s writes what chalk writes at level 1', (_name, chain) => {
    for (const t of TEXTS) expect(style(true, ...chain)(t)).toBe(viaChalk(chalk, chain)(t));
  });

  it('random strings over escape codes, line breaks and letters match chalk for every chain', () => {
    const pieces = ['a', 'b', ' ', '\n', '\r', '\r\n', '\u001B[39m', '\u001B[22m', '\u001B[31m', '\u001B[1m', '\u001B[23m', '\u001B'];
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let i = 0; i < 500; i++) {
      let t = '';
      const n = Math.floor(rnd() * 12);
      for (let j = 0; j < n; j++) t += pieces[Math.floor(rnd() * pieces.length)];
      for (const chain of CHAINS) expect(style(true, ...chain)(t)).toBe(viaChalk(chalk, chain)(t));
    }
  });

  it('without colour the text is unchanged, as chalk at level 0 leaves it', () => {
    for (const chain of CHAINS) for (const t of TEXTS) expect(style(false, ...chain)(t)).toBe(viaChalk(plain, chain)(t));
  });
});
