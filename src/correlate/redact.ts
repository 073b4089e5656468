// Redaction: at most the first 4 and last 2 characters of a secret are ever shown,
// fewer for short values (DESIGN.md §1).
export function redact(value: string): string {
  const n = value.length;
  if (n >= 20) return `${value.slice(0, 4)}…${value.slice(-2)}`;
  if (n >= 12) return `${value.slice(0, 2)}…${value.slice(-1)}`;
  return '*'.repeat(Math.min(Math.max(n, 3), 8));
}

const MAX_SNIPPET = 200;

/**
 * The line holding a match with the secret replaced by its shown form, cut to at most 200
 * characters around it. For a multi-line secret only the part on this line is replaced.
 */
export function snippetFor(lineText: string, secret: string, shown: string): string {
  let line = lineText;
  const at = line.indexOf(secret);
  if (at !== -1) {
    line = line.slice(0, at) + shown + line.slice(at + secret.length);
  } else {
    // The secret spans lines: mask whichever part of it this line holds.
    for (const part of secret.split(/\r?\n/)) {
      if (part.length >= 4 && line.includes(part)) line = line.split(part).join(shown);
    }
  }
  line = line.trim();
  if (line.length <= MAX_SNIPPET) return line;
  const pos = Math.max(0, line.indexOf(shown) - 80);
  return `${pos > 0 ? '…' : ''}${line.slice(pos, pos + MAX_SNIPPET)}…`;
}
