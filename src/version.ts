// The tool version, read from package.json at run time so SARIF never carries a stale one.
// Looked up from this module's folder upwards: the code runs from dist/, dist/cli/ (bundle) or src/.
import { readFileSync } from 'node:fs';

function readVersion(): string {
  // The bundle's place (dist/cli/) first: it is what every start runs, and a missing file costs an exception.
  for (const rel of ['../../package.json', '../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'keysprawl' && pkg.version) return pkg.version;
    } catch {
      // not here: try one level up
    }
  }
  return '0.0.0';
}

export const VERSION = readVersion();
