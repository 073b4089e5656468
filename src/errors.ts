// Errors are values with a code: the CLI maps them to exit codes (DESIGN.md §5).

/** A usage or configuration problem the user can fix: exit 2, one line. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A bug or an unexpected failure inside keysprawl: exit 3. */
export class InternalError extends Error {
  readonly exitCode = 3;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InternalError';
  }
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
