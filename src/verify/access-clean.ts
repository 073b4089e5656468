// Values copied from a provider's answer into a report: short, printable, and never a piece of
// the key (providers echo key previews in labels and error texts).
const MAX_LEN = 120;
const MAX_SCOPES = 40;
/** Length of the shortest run of the key's hidden part that makes a value unusable. */
const RUN = 8;

/** True when `value` holds any RUN-character run of the key past its first four characters. */
export function holdsKeyPiece(value: string, secret: string): boolean {
  const hidden = secret.slice(4);
  if (hidden.length < RUN) return value.includes(secret);
  for (let i = 0; i + RUN <= hidden.length; i++) if (value.includes(hidden.slice(i, i + RUN))) return true;
  return false;
}

/** A string, number or boolean from a JSON answer as a clean one-line string, else undefined. */
export function cleanValue(v: unknown, secret: string): string | undefined {
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return undefined;
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const s = String(v).replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ').trim();
  if (!s || holdsKeyPiece(s, secret)) return undefined;
  return s.length > MAX_LEN ? `${s.slice(0, MAX_LEN - 1)}…` : s;
}

/** A scope list: a JSON array of strings, or one string separated by commas or spaces. */
export function cleanScopes(v: unknown, secret: string): string[] | undefined {
  const raw = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[\s,]+/) : undefined;
  if (!raw) return undefined;
  const out = raw.map((x) => cleanValue(x, secret)).filter((x): x is string => !!x);
  return [...new Set(out)].sort().slice(0, MAX_SCOPES);
}

/** An ISO date from an ISO string or a Unix time in seconds, else undefined. */
export function cleanDate(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) return new Date(v * 1000).toISOString();
  if (typeof v !== 'string' || v.length > 64) return undefined;
  const t = Date.parse(v);
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}

/** The value at a dotted path of a parsed JSON answer. */
export function at(json: unknown, path: string): unknown {
  let cur: unknown = json;
  for (const key of path.split('.')) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}
