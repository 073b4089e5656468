// Typed errors for what a caller cannot go on from. Library code throws them (or returns
// problems, src/problems/); only src/cli/main.ts turns them into exit codes (DESIGN.md §5).
import { readFileSync } from 'node:fs';

/** A usage or configuration problem the user can fix (the CLI prints one line per problem). */
export class UsageError extends Error {
  readonly kind = 'usage';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A bug or an unexpected failure inside keysprawl (the CLI says how to report it). */
export class InternalError extends Error {
  readonly kind = 'internal';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InternalError';
  }
}

/** Where to report a bug: package.json `bugs` when it names a place, else what to put in an issue. */
export function bugReportHint(): string {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; bugs?: string | { url?: string } };
      if (pkg.name !== 'keysprawl') continue;
      const url = typeof pkg.bugs === 'string' ? pkg.bugs : pkg.bugs?.url;
      if (url) return `report it at ${url} with the command line and this message`;
      break;
    } catch {
      // not here: try one level up
    }
  }
  return 'open an issue with the command line and this message';
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return code && !err.message.includes(code) ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}

/**
 * JSON.parse's message without the excerpt of the input V8 quotes in it ("Unexpected token 'k',
 * "…sk-proj-ab"… is not valid JSON"): the input may be any file, secrets included.
 */
export function jsonErrorReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/,\s*(?:\.\.\.)?"[\s\S]*?"(?:\.\.\.)? is not valid JSON$/, ' (not valid JSON)');
}
