// Tests of real components that come from a Debian package (Chromium, the pre-commit framework)
// run when the program is on PATH. Without it, a local run skips them and says so in one line
// ("skipped: chromium not installed"); CI (.ci/run) installs the packages and sets
// KEYSPRAWL_REQUIRE_REAL=1, which makes a missing component a failing test instead of a skip.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Set by .ci/run: every real component must be present. */
export const REQUIRE_REAL = process.env.KEYSPRAWL_REQUIRE_REAL === '1';

/** The first executable called `name` on PATH (as the shell would find it), or undefined. */
export function onPath(...names: string[]): string | undefined {
  for (const name of names) {
    for (const dir of (process.env.PATH ?? '').split(delimiter)) {
      if (!dir) continue;
      const file = join(dir, name);
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

export interface RealComponent {
  /** Where it is, when present. */
  path?: string;
  /** True when the tests that need it should not run (absent, and not required). */
  skip: boolean;
  /** Throws when it is absent: call it first in the tests that need it (it fails them in CI). */
  assertPresent(): string;
}

const announced = new Set<string>();

/**
 * Finds a real component by its program names. When it is missing and not required, prints
 * "skipped: <label> not installed (<install>)" once to stderr, where vitest shows it.
 */
export function realComponent(label: string, install: string, ...programs: string[]): RealComponent {
  const path = onPath(...programs);
  const skip = !path && !REQUIRE_REAL;
  if (skip && !announced.has(label)) {
    announced.add(label);
    process.stderr.write(`skipped: ${label} not installed (${install})\n`);
  }
  return {
    path,
    skip,
    assertPresent() {
      if (!path) throw new Error(`${label} is not installed and KEYSPRAWL_REQUIRE_REAL=1 requires it: ${install}`);
      return path;
    },
  };
}
