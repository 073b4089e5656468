// Lines of a JSON/YAML file that report the same whether the file is read as structure or as
// plain text. The structured reading (extract/config-file.ts) decodes base64-wrapped values and
// masks them from the plain scan, which makes its findings depend on the whole document (does
// it parse? under which key is the value?), so line reuse would have to parse every version of
// such a file whole. But a value that decodes to nothing worth reporting (the base64 example of
// an OpenAPI file), a run that only looks like base64, or binary base64 (a CA certificate)
// makes no difference either way: when every line of a version that may hold an encoded value
// reports the same in both readings, the version reports what its plain reading does, line by
// line. Each distinct line is probed once, on its own (its key is on it), in both readings; the
// answer is kept by line key (line-keys.ts), so a line costs 8 bytes to remember. A line that
// may be one piece of a value wrapped over lines (a base64 word alone on its line) never is.
import { encodedLine } from '../extract/encoded.js';
import type { Blob } from '../contracts/blob.js';
import type { Match } from '../contracts/match.js';
import { lineKeys, type LineKeys } from './line-keys.js';
import { SeenLines } from './seen-lines.js';

/** The findings the engine's per-blob step (processBlob) reports for a blob. */
export type Probe = (blob: Blob) => Match[];

const signature = (ms: Match[]) => ms.map((m) => `${m.ruleId}\0${m.line}\0${m.column}\0${m.endLine}\0${m.secret}`).sort().join('\n');

/** Keeps the keys of probed lines apart from those of scanned ones. */
const SEED = 0x6e6c;

export class NeutralLines {
  private readonly quiet = new SeenLines(20);
  private readonly loud = new SeenLines(20);
  /** Distinct lines probed (for the tests and the benchmark). */
  probed = 0;

  constructor(private readonly probe: Probe) {}

  /**
   * Whether every line of the blob that may hold an encoded value reports the same, whether the
   * file parses or not. `lines`: where the blob's lines start (line-keys.ts); `known(i)`: line i
   * is already known to be neutral (a line of an earlier version that passed), not looked at again.
   */
  all(blob: Blob, lines: Pick<LineKeys, 'starts' | 'count'> = lineKeys(blob.bytes, SEED), known: (i: number) => boolean = () => false): boolean {
    const b = blob.bytes;
    const { starts, count } = lines;
    for (let i = 0; i < count; i++) {
      const start = starts[i];
      const end = Math.min(starts[i + 1] - 1, b.length);
      if (end > start && !known(i) && !this.isNeutral(b.subarray(start, end), blob)) return false;
    }
    return true;
  }

  private isNeutral(line: Buffer, blob: Blob): boolean {
    const holds = encodedLine(line.toString('latin1'));
    // A piece of a wrapped value decodes together with lines around it: no line alone tells.
    if (holds !== 'value') return holds === 'none';
    const k = lineKeys(line, SEED);
    const hi = k.hi[0];
    const lo = k.lo[0];
    if (this.quiet.has(hi, lo)) return true;
    if (this.loud.has(hi, lo)) return false;
    this.probed++;
    const one: Blob = { origin: blob.origin, bytes: Buffer.from(line) };
    // Structured: the line as a document of its own (decoded values, the rest masked); plain: as text.
    const neutral = signature(this.probe(one)) === signature(this.probe({ ...one, partial: true }));
    (neutral ? this.quiet : this.loud).add(hi, lo);
    return neutral;
  }
}
