// Config problems are collected, never thrown one by one, so a user fixes them all in one pass.
// Each reads "<file>: <dotted key path>: <what was expected>", e.g.
// ".keysprawl.yaml: rules[3].regex: invalid regular expression: ...".
import { UsageError } from '../errors.js';

export class Problems {
  readonly list: string[] = [];

  constructor(readonly file: string) {}

  add(path: string, what: string): void {
    this.list.push(path ? `${this.file}: ${path}: ${what}` : `${this.file}: ${what}`);
  }

  get count(): number {
    return this.list.length;
  }

  /** Throw every problem as one UsageError (exit 2), one per line. */
  throwIfAny(): void {
    if (this.list.length) throw new ConfigError(this.list);
  }
}

export class ConfigError extends UsageError {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/** A key for a message: `rules[3]`, `allowlist.paths[0]`, `kinds[1].kind`. */
export function keyPath(...parts: Array<string | number>): string {
  return parts.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value by its type and size, never its content: a config value may be a key pasted in. */
export const describe = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping'
    : typeof v === 'string' ? `a string of ${v.length} characters` : typeof v;

/** "Invalid regular expression: /(a/: Unterminated group" → "Unterminated group" (the pattern is in the file). */
export function regexReason(message: string): string {
  return message.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '');
}

/** A list of non-empty strings at `key` (or one string when `single`); problems name each bad entry. */
export function stringList(raw: unknown, key: string, problems: Problems, opts: { single?: boolean } = {}): string[] {
  if (raw === undefined) return [];
  if (opts.single && typeof raw === 'string') raw = [raw];
  if (!Array.isArray(raw)) {
    problems.add(key, `must be a list of strings${opts.single ? ' (or one string)' : ''}, found ${describe(raw)}`);
    return [];
  }
  const out: string[] = [];
  raw.forEach((v, i) => {
    if (typeof v !== 'string' || !v.trim()) problems.add(`${key}[${i}]`, `must be a non-empty string, found ${describe(v)}`);
    else out.push(v);
  });
  return out;
}
