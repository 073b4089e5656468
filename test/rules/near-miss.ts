// Random near-miss inputs for a rule, built from its own positive examples: what a regex sees
// when a file holds something that almost is a key. Used by the backtracking tests.
import { expandFakes, prng } from '../../src/rules/fake.js';
import { firstSet, members, parseRegex, walk } from '../../src/rules/regex-safety-parse.js';
import type { Rule } from '../../src/contracts/rule.js';

/** Fill `size` characters by calling `next` (each call returns a piece). */
function fill(size: number, next: () => string): string {
  const parts: string[] = [];
  let n = 0;
  while (n < size) {
    const p = next() || 'x';
    parts.push(p);
    n += p.length;
  }
  return parts.join('').slice(0, size);
}

/** Characters of the rule's repeated classes (what a secret body is made of). */
function bodyChars(rule: Rule): string[] {
  const out = new Set<string>();
  for (const n of walk(parseRegex(rule.regex, rule.flags ?? ''))) {
    if (n.t === 'rep' && n.max >= 8) for (const c of members(firstSet(n.child))) if (c >= ' ' && c <= '~') out.add(c);
  }
  return out.size ? [...out] : ['a', '0'];
}

export function nearMisses(rule: Rule, seed: number, size: number): Record<string, string> {
  const rnd = prng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const positives = rule.examples.positive.flatMap((p, i) => [expandFakes(p, seed + i), expandFakes(p, seed + 100 + i)]);
  const chars = bodyChars(rule);
  const keywords = rule.keywords.length ? rule.keywords : [''];
  const pos = () => pick(positives) ?? 'x';
  return {
    truncated: fill(size, () => pos().slice(0, -1 - Math.floor(rnd() * 3))),
    'last-char-swapped': fill(size, () => `${pos().slice(0, -1)}${pick(['!', '\u0000', '#', ' ', '-', '='])}`),
    glued: fill(size, () => pos().replace(/\s+/g, '')),
    'keyword-flood': fill(size, () => pick(keywords) + pick(chars)),
    'class-pump': `${pick(keywords)}${fill(size, () => pick(chars))}\u0000`,
    'spliced-fragments': fill(size, () => {
      const p = pos();
      const a = Math.floor(rnd() * p.length);
      return p.slice(a, a + 1 + Math.floor(rnd() * 40)) + (rnd() < 0.2 ? '\n' : '');
    }),
  };
}
