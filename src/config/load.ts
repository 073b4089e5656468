// Finds and reads .keysprawl.yaml: `--config FILE`, else `.keysprawl.yaml` (or `.yml`) in the
// scan root. Parsing returns every problem as a value; loadConfig throws them as one
// ProblemError (exit 2 in the CLI), one line each.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { yamlDepthProblem } from '../extract/config-tree.js';
import { OWN_FILE_LIMITS, readOwnFile } from '../own-file.js';
import { must, ProblemError, type Parsed, type Problem } from '../problems/problem.js';
import { checkConfig, type KeysprawlConfig } from './schema.js';

export const CONFIG_NAMES = ['.keysprawl.yaml', '.keysprawl.yml'];

/** The config file to use: the one named, else the first of CONFIG_NAMES in `root`. */
export function findConfig(root: string, explicit?: string): string | undefined {
  if (explicit) return explicit;
  return CONFIG_NAMES.map((n) => join(root, n)).find((p) => existsSync(p));
}

/** How the file is named in messages: relative to the cwd when under it. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const abs = resolve(file);
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.replace(/\\/g, '/') : abs;
}

/** The YAML document's data, or the problems that keep it from being read. */
function readYaml(text: string, file: string): { data?: unknown; problems: Problem[] } {
  const problem = (data: Record<string, unknown>): Problem => ({ code: 'invalid-yaml', path: '', file, data });
  const deep = yamlDepthProblem(text);
  if (deep) return { problems: [problem({ reason: deep })] };
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) {
    return {
      problems: doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const reason = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
        return problem({ reason, ...(pos ? { line: pos.line, column: pos.col } : {}) });
      }),
    };
  }
  try {
    return { data: doc.toJS({ maxAliasCount: 100 }), problems: [] };
  } catch (err) {
    // An alias bomb: `yaml` refuses to expand past maxAliasCount.
    if (!(err instanceof ReferenceError)) throw err;
    return { problems: [problem({ reason: 'aliases expand past 100 nodes (an alias bomb)' })] };
  }
}

/** Parse and check config text: the config, and every problem with it. */
export function parseConfig(text: string, file: string, dir: string): Parsed<KeysprawlConfig> {
  const yaml = readYaml(text, file);
  if (yaml.problems.length) return { ...checkConfig({}, file, dir), problems: yaml.problems };
  return checkConfig(yaml.data, file, dir);
}

/** Read, parse and check a config file; throws a ProblemError naming every problem. */
export function loadConfig(file: string): KeysprawlConfig {
  const shown = displayPath(file);
  let text: string;
  try {
    text = readOwnFile(file, OWN_FILE_LIMITS.config);
  } catch (err) {
    throw new ProblemError([{ code: 'cannot-read', path: '', file: shown, data: { what: 'config', reason: (err as Error).message } }]);
  }
  return must(parseConfig(text, shown, dirname(resolve(file))));
}
