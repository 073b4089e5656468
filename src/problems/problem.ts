// Problems as values: what is wrong with an input, where (a dotted key path such as
// `rules[3].regex`) and in which file, with the data a message template needs. Parsers return
// them in a Parsed result and never throw strings; the CLI renders them (messages.ts) and alone
// decides the exit code.
import { UsageError } from '../errors.js';
import type { ProblemCode } from './messages.js';
import { renderProblem } from './messages.js';

export type { ProblemCode } from './messages.js';

export interface Problem {
  code: ProblemCode;
  /** Dotted key path inside the file (`allowlist.values[0]`); '' for the file as a whole. */
  path: string;
  /** The file as named in messages; set by the parser that read it. */
  file?: string;
  /** A line of a line-based file (a .gitleaksignore), when that is the place. */
  line?: number;
  /** What the template needs: found (a value's type and size, never its content), expected, ... */
  data?: Record<string, unknown>;
}

/** What every parser returns: the value (meaningful only when problems is empty), and what it found wrong. */
export interface Parsed<T> {
  value: T;
  problems: Problem[];
  warnings: Problem[];
}

/** A key for a message: `rules[3]`, `allowlist.paths[0]`, `kinds[1].kind`. */
export function keyPath(...parts: Array<string | number>): string {
  return parts.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

/** Problems collected while parsing one file: each check pushes, none throws. */
export class ProblemList {
  readonly list: Problem[] = [];

  constructor(readonly file?: string) {}

  add(path: string, code: ProblemCode, data?: Record<string, unknown>): void {
    this.list.push({ code, path, ...(this.file !== undefined ? { file: this.file } : {}), ...(data ? { data } : {}) });
  }

  /** Problems found elsewhere (a sub-parser), placed under `at` and in this file. */
  addAll(problems: readonly Problem[], at = ''): void {
    for (const p of problems) {
      const path = !at ? p.path : !p.path ? at : p.path.startsWith('[') ? `${at}${p.path}` : `${at}.${p.path}`;
      this.list.push({ ...p, path, ...(this.file !== undefined ? { file: this.file } : {}) });
    }
  }

  get count(): number {
    return this.list.length;
  }
}

/**
 * Problems the user can fix, thrown where a caller cannot go on (exit 2 in the CLI). `message`
 * is every problem rendered, one per line, each naming its file and key path.
 */
export class ProblemError extends UsageError {
  readonly lines: string[];

  constructor(readonly problems: readonly Problem[]) {
    const lines = problems.map(renderProblem);
    super(lines.join('\n'));
    this.lines = lines;
    this.name = 'ProblemError';
  }
}

/** The value of a parse, or a ProblemError naming every problem. */
export function must<T>(parsed: Parsed<T>): T {
  if (parsed.problems.length) throw new ProblemError(parsed.problems);
  return parsed.value;
}

/** Problems in the file `file` (a parser names the file once, at the end). */
export function inFile(problems: readonly Problem[], file: string): Problem[] {
  return problems.map((p) => ({ ...p, file }));
}

/** A value by its type and size, never its content: an input value may be a key pasted in. */
export const describeValue = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping'
    : typeof v === 'string' ? `a string of ${v.length} characters` : typeof v;

export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
