// A snapshot of the keyword automaton of the built-in rules, written at build time next to
// dist/rules.json (dist/keywords.bin). Building the dense table costs tens of milliseconds,
// which a pre-commit scan of one line would pay on every commit; reading it back is one file
// read. The snapshot names its keywords and is used only for exactly that keyword list, so a
// changed rule pack or a user's own rules never read a stale table.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { keywordAutomaton, wideStarters, type KeywordAutomaton } from './keyword-automaton.js';

/** dist/keywords.bin (from dist/detect/ and from the bundle in dist/cli/ alike). */
export const AUTOMATON_SNAPSHOT = fileURLToPath(new URL('../keywords.bin', import.meta.url));

interface Header {
  keywords: string[];
  outputs: Array<number[] | undefined>;
  wide: Array<[number, string]>;
  /** wideStarters(wide) and the Unicode version of the Node that found them (another reads them again). */
  starters?: string;
  unicode?: string;
}

export function writeAutomatonSnapshot(keywords: string[], file: string = AUTOMATON_SNAPSHOT): void {
  const a = keywordAutomaton(keywords);
  const header = Buffer.from(JSON.stringify({ keywords, outputs: a.outputs, wide: a.wide, starters: wideStarters(a.wide), unicode: process.versions.unicode } satisfies Header));
  const size = Buffer.alloc(4);
  size.writeUInt32LE(header.length);
  // The table starts at a multiple of 4 so it can be viewed as an Int32Array in place.
  const pad = Buffer.alloc((4 - ((4 + header.length) % 4)) % 4);
  writeFileSync(file, Buffer.concat([size, header, pad, Buffer.from(a.table.buffer, a.table.byteOffset, a.table.byteLength)]));
}

function readSnapshot(keywords: string[], file: string): KeywordAutomaton | undefined {
  try {
    const buf = readFileSync(file);
    const len = buf.readUInt32LE(0);
    const header = JSON.parse(buf.toString('utf8', 4, 4 + len)) as Header;
    if (header.keywords.length !== keywords.length || header.keywords.some((k, i) => k !== keywords[i])) return undefined;
    const start = 4 + len + ((4 - ((4 + len) % 4)) % 4);
    const table = new Int32Array(buf.buffer.slice(buf.byteOffset + start, buf.byteOffset + buf.length));
    const accepting = new Uint8Array(header.outputs.length);
    header.outputs.forEach((o, i) => (accepting[i] = o ? 1 : 0));
    const starters = header.unicode === process.versions.unicode && header.starters !== undefined ? { starters: header.starters } : {};
    return { table, outputs: header.outputs.map((o) => o ?? undefined), accepting, wide: header.wide, ...starters };
  } catch {
    return undefined;
  }
}

/** The automaton for these keywords: from the snapshot when it holds exactly them, else built. */
export function automatonFor(keywords: string[], file: string = AUTOMATON_SNAPSHOT): KeywordAutomaton {
  return readSnapshot(keywords, file) ?? keywordAutomaton(keywords);
}
