// Which AWS access key id belongs to which secret access key, decided for a whole fragment at
// once. The nearest id in characters is wrong as soon as a file holds more than one pair: in a
// JSON list the secret of the second object sits closer to the first object's id (written just
// above it) than to its own id (written on the next line), and `PROD_ID`, `DEV_ID`,
// `PROD_SECRET`, `DEV_SECRET` interleaves them. So each candidate (a key id within the pairing
// window) is ranked by, in order:
//   1. name affinity: the assignment names share a distinctive word (`PROD_SECRET` and `PROD_ID`
//      share `prod`; `aws`, `access`, `key`, `id`, `secret` are not distinctive),
//   2. the distance in lines (the same line first),
//   3. the distance in characters,
// and secrets and ids are matched one to one, best ranked pairs first. A secret left without a
// free id (the same secret written twice beside one id) takes its best id anyway.
import type { Fragment } from '../contracts/fragment.js';

/** A key id candidate: its value and offset in the fragment text. */
export interface KeyIdAt {
  value: string;
  at: number;
}

/** What the assignment needs of one secret: where it sits and the ids in its window. */
export interface SecretSite {
  start: number;
  candidates: KeyIdAt[];
}

const GENERIC_WORDS = new Set([
  'aws', 'amazon', 'access', 'key', 'keys', 'id', 'ids', 'secret', 'secrets', 'credential', 'credentials', 'creds', 'cred',
  'export', 'set', 'configure', 'env', 'environ', 'getenv', 'os', 'process', 'value', 'default', 'akid', 'sak', 'iam',
  'string', 'const', 'let', 'var', 'val', 'private', 'public', 'static', 'final', 'self', 'this', 'config', 'settings',
]);

/** The last identifier before `offset` on its line: the name the value is assigned to. */
function nameBefore(text: string, offset: number): string {
  const from = Math.max(0, offset - 200);
  let at = offset;
  while (at > from && text.charCodeAt(at - 1) !== 10) at--;
  const m = /([A-Za-z_$][\w$.-]*)[^\w$]*$/.exec(text.slice(at, offset));
  return m ? m[1] : '';
}

/** Distinctive lower-case words of a name: `prodAwsSecretKey` → {prod}. */
export function distinctiveWords(name: string): Set<string> {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
  return new Set(words.filter((w) => w.length > 1 && !GENERIC_WORDS.has(w)));
}

/** 0 when the names share a distinctive word, 2 when both have some and share none, else 1. */
function affinity(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 1;
  for (const w of a) if (b.has(w)) return 0;
  return 2;
}

/** For each site, the index of its chosen candidate (or -1 when it has none). */
export function assignKeyIds(fragment: Fragment, sites: SecretSite[]): number[] {
  const { text } = fragment;
  const lineOf = (offset: number) => fragment.toFileLine(offset).line;
  const ranked: Array<{ site: number; cand: number; cost: [number, number, number]; value: string; at: number }> = [];
  sites.forEach((s, site) => {
    const words = distinctiveWords(nameBefore(text, s.start));
    const line = lineOf(s.start);
    s.candidates.forEach((c, cand) => {
      const cost: [number, number, number] = [affinity(words, distinctiveWords(nameBefore(text, c.at))), Math.abs(lineOf(c.at) - line), Math.abs(c.at - s.start)];
      ranked.push({ site, cand, cost, value: c.value, at: c.at });
    });
  });
  const byCost = (x: (typeof ranked)[number], y: (typeof ranked)[number]) => x.cost[0] - y.cost[0] || x.cost[1] - y.cost[1] || x.cost[2] - y.cost[2];
  ranked.sort(byCost);
  const chosen = sites.map(() => -1);
  const taken = new Set<number>(); // key id offsets already matched
  for (const r of ranked) {
    if (chosen[r.site] !== -1 || taken.has(r.at)) continue;
    chosen[r.site] = r.cand;
    taken.add(r.at);
  }
  // No free id left: the best one, shared.
  for (const r of ranked) if (chosen[r.site] === -1) chosen[r.site] = r.cand;
  return chosen;
}
