// Finds and reads .keysprawl.yaml: `--config FILE`, else `.keysprawl.yaml` (or `.yml`) in the
// scan root. A broken config is a ConfigError (exit 2) listing every problem.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { yamlDepthProblem } from '../extract/config-tree.js';
import { OWN_FILE_LIMITS, readOwnFile } from '../own-file.js';
import { Problems } from './problems.js';
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

/** Parse and check config text; `problems` collects everything wrong with it. */
export function parseConfig(text: string, file: string, dir: string, problems = new Problems(file)): KeysprawlConfig {
  const deep = yamlDepthProblem(text);
  if (deep) {
    problems.add('', `invalid YAML: ${deep}`);
    return checkConfig({}, new Problems(file), dir);
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) {
    for (const e of doc.errors) {
      const pos = e.linePos?.[0];
      const what = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      problems.add('', `invalid YAML${pos ? ` at line ${pos.line}, column ${pos.col}` : ''}: ${what}`);
    }
    return checkConfig({}, new Problems(file), dir);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // An alias bomb: `yaml` refuses to expand past maxAliasCount.
    if (!(err instanceof ReferenceError)) throw err;
    problems.add('', 'invalid YAML: aliases expand past 100 nodes (an alias bomb)');
    return checkConfig({}, new Problems(file), dir);
  }
  return checkConfig(data, problems, dir);
}

/** Read, parse and check a config file; throws a ConfigError naming every problem. */
export function loadConfig(file: string): KeysprawlConfig {
  const shown = displayPath(file);
  const problems = new Problems(shown);
  let text: string;
  try {
    text = readOwnFile(file, OWN_FILE_LIMITS.config);
  } catch (err) {
    problems.add('', `cannot read config (${(err as Error).message})`);
    problems.throwIfAny();
    throw err;
  }
  const config = parseConfig(text, shown, dirname(resolve(file)), problems);
  problems.throwIfAny();
  return config;
}
