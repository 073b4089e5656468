// The raw AWS access key id beside a secret access key, for --verify (sts:GetCallerIdentity needs
// both halves). Pairing (pairing.ts) notes where the id sits, redacted; this reads the raw id back
// from the fragment at that line and column and keeps it on the match (Match.pairedRaw). It runs
// in the per-blob step, which may be a worker thread: only there is the fragment's text at hand.
import type { Hit } from '../contracts/match.js';
import { AWS_KEY_ID } from './pairing.js';
import { redact } from '../redaction/redact.js';

/** Lines either side of the match searched for the key id (pairing looks at most 8 away). */
const WINDOW_LINES = 10;

function lineWindow(text: string, start: number, end: number): [number, number] {
  let from = start;
  for (let i = 0; i < WINDOW_LINES && from > 0; i++) from = text.lastIndexOf('\n', from - 1);
  let to = end;
  for (let i = 0; i < WINDOW_LINES && to !== -1; i++) to = text.indexOf('\n', to + 1);
  return [Math.max(0, from), to === -1 ? text.length : to];
}

/** The raw access key id pairing noted for this match, or undefined. */
export function pairedKeyId(hit: Hit): string | undefined {
  const note = hit.match.facts?.pairedWith?.find((n) => n.role === 'aws-access-key-id');
  if (!note) return undefined;
  const { text } = hit.fragment;
  const [from, to] = lineWindow(text, hit.match.start, hit.match.end);
  const slice = text.slice(from, to);
  for (const m of slice.matchAll(AWS_KEY_ID)) {
    const at = from + (m.index ?? 0);
    const pos = hit.fragment.toFileLine(at);
    if (pos.line === note.line && pos.column === note.column && redact(m[0]) === note.shown) return m[0];
  }
  return undefined;
}

/** Keep the raw key id on the match (Match.pairedRaw) while the fragment's text is at hand. */
export function capturePairedKeyId(hit: Hit): void {
  const id = pairedKeyId(hit);
  if (id) hit.match.pairedRaw = id;
}
