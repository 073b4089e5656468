// Redaction: at most the first 4 and last 2 characters of a secret are ever shown,
// fewer for short values (DESIGN.md §1).
export function redact(value: string): string {
  const n = value.length;
  if (n >= 20) return `${value.slice(0, 4)}…${value.slice(-2)}`;
  if (n >= 12) return `${value.slice(0, 2)}…${value.slice(-1)}`;
  return '*'.repeat(Math.min(Math.max(n, 3), 8));
}

const MAX_SNIPPET = 200;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `line` with every occurrence of `secret` (or, for a multi-line secret, of each of its lines) replaced by `shown`. */
export function maskIn(line: string, secret: string, shown: string): string {
  if (line.includes(secret)) return line.split(secret).join(shown);
  // The secret spans lines: mask whichever parts of it this line holds, in one pass (a part
  // replaced must not be searched again inside `shown`).
  const parts = secret.split(/\r?\n/).filter((p) => p.length >= 4 && line.includes(p));
  return parts.length ? line.replace(new RegExp(parts.map(escapeRe).join('|'), 'g'), () => shown) : line;
}

/**
 * The line holding a match with the secret replaced by its shown form (every time it occurs),
 * cut to at most 200 characters around it (around `at`, where its mask starts, when known). With --no-redact (`shown` is the secret) the line is
 * kept as it is.
 */
export function snippetFor(lineText: string, secret: string, shown: string, at?: number): string {
  let line = shown === secret ? lineText : maskIn(lineText, secret, shown);
  const lead = line.length - line.trimStart().length;
  line = line.trim();
  if (line.length <= MAX_SNIPPET) return line;
  const pos = Math.max(0, (at !== undefined ? at - lead : line.indexOf(shown)) - 80);
  return `${pos > 0 ? '…' : ''}${line.slice(pos, pos + MAX_SNIPPET)}…`;
}
