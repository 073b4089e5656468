// Finds and reads .keysprawl.yaml: `--config FILE`, else `.keysprawl.yaml` (or `.yml`) in the
// scan root. A broken config is a ConfigError (exit 2) listing every problem.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parseDocument } from 'yaml';
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
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) {
    for (const e of doc.errors) {
      const pos = e.linePos?.[0];
      const what = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      problems.add('', `invalid YAML${pos ? ` at line ${pos.line}, column ${pos.col}` : ''}: ${what}`);
    }
    return checkConfig({}, new Problems(file), dir);
  }
  return checkConfig(doc.toJS({ maxAliasCount: 100 }), problems, dir);
}

/** Read, parse and check a config file; throws a ConfigError naming every problem. */
export function loadConfig(file: string): KeysprawlConfig {
  const shown = displayPath(file);
  const problems = new Problems(shown);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    problems.add('', `cannot read config (${code === 'ENOENT' ? 'no such file' : code ?? (err as Error).message})`);
    problems.throwIfAny();
    throw err;
  }
  const config = parseConfig(text, shown, dirname(resolve(file)), problems);
  problems.throwIfAny();
  return config;
}
