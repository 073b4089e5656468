// The text report's colours: the sixteen basic ANSI colours and three modifiers, written as chalk
// writes them at its level 1 (the report's only colour level), so the report needs no chalk
// module: loading chalk detects the terminal (node:os, node:tty, the environment), ~5 ms of every
// start, and a pre-commit hook's report is never coloured. test/report/ansi.test.ts compares
// every style and chain used here with chalk itself on strings holding escape codes, LF and CRLF.

/** An SGR code pair: the code that opens a style and the one that closes it. */
type Sgr = readonly [open: number, close: number];

const SGR = {
  bold: [1, 22],
  dim: [2, 22],
  italic: [3, 23],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
} as const satisfies Record<string, Sgr>;

export type StyleName = keyof typeof SGR;
export type Style = (text: string) => string;

const esc = (code: number): string => `\u001B[${code}m`;

/** chalk's stringEncaseCRLFWithFirstIndex: close the styles before each line break, reopen after it. */
function encaseLineBreaks(text: string, close: string, open: string, first: number): string {
  let end = 0;
  let out = '';
  let at = first;
  do {
    const cr = text[at - 1] === '\r';
    out += text.slice(end, cr ? at - 1 : at) + close + (cr ? '\r\n' : '\n') + open;
    end = at + 1;
    at = text.indexOf('\n', end);
  } while (at !== -1);
  return out + text.slice(end);
}

/**
 * `chain` applied outermost first (chalk's `c.bold.red`: ['bold', 'red']), or the text as it is
 * when `color` is false (chalk at level 0).
 */
export function style(color: boolean, ...chain: StyleName[]): Style {
  if (!color) return (text) => text;
  const codes = chain.map((n) => SGR[n]);
  const openAll = codes.map(([o]) => esc(o)).join('');
  const closeAll = codes.map(([, c]) => esc(c)).reverse().join('');
  return (text) => {
    if (!text) return text;
    let out = text;
    // A style closed inside the text is reopened right after, innermost style first (as chalk does).
    if (out.includes('\u001B')) for (const [o, c] of [...codes].reverse()) out = out.split(esc(c)).join(esc(c) + esc(o));
    const lf = out.indexOf('\n');
    if (lf !== -1) out = encaseLineBreaks(out, closeAll, openAll, lf);
    return openAll + out + closeAll;
  };
}
