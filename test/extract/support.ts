// Shared by the content-aware extractor and posture tests: scan a generated tree with a fixed
// rule set, find findings by rule and path, and locate a value in a file the way an editor
// would (1-based line and UTF-16 column), so expected positions come from the file itself.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseRuleList } from '../../src/rules/load.js';
import { must } from '../../src/problems/problem.js';
import { scan, type ScanOptions } from '../../src/scan.js';
import type { ScanResult } from '../../src/contracts/result.js';
import type { Rule } from '../../src/contracts/rule.js';
import type { Secret } from '../../src/contracts/scored.js';
import type { Occurrence } from '../../src/contracts/secret.js';
import { makeTree, TEST_RULE_YAML, type Tree } from '../helpers/tree.js';

export const REPO = join(import.meta.dirname, '..', '..');
export const FIXTURES = join(REPO, 'fixtures', 'content');

/** A provider-prefixed test rule (tst_ + 32) and nothing else, so results do not depend on the packs. */
export const TEST_RULES: Rule[] = must(parseRuleList(TEST_RULE_YAML, 'test-rules.yaml'));

export interface Scanned {
  tree: Tree;
  result: ScanResult;
  warnings: string[];
}

export async function scanTree(spec: Record<string, string | Buffer>, opts: Partial<ScanOptions> = {}, seed = 11): Promise<Scanned> {
  const tree = makeTree(spec, seed);
  const warnings: string[] = [];
  try {
    const result = await scan({ paths: [tree.dir], rules: TEST_RULES, redact: true, onWarning: (w) => warnings.push(w), ...opts });
    return { tree, result, warnings };
  } catch (err) {
    tree.cleanup();
    throw err;
  }
}

/** Every file under a fixture folder, as a makeTree spec (templates are expanded there). */
export function fixtureSpec(folder: string): Record<string, string> {
  const spec: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const abs = join(dir, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else spec[relative(folder, abs).split('\\').join('/')] = readFileSync(abs, 'utf8');
    }
  };
  walk(folder);
  return spec;
}

export const byRule = (r: ScanResult, ruleId: string): Secret[] => r.secrets.filter((s) => s.ruleId === ruleId);

export function occurrencesIn(r: ScanResult, path: string): Array<{ secret: Secret; occ: Occurrence }> {
  return r.secrets.flatMap((secret) => secret.occurrences.filter((o) => o.origin.path === path).map((occ) => ({ secret, occ })));
}

/** Line and column (1-based) of the first occurrence of `needle` in `text`. */
export function positionOf(text: string, needle: string, from = 0): { line: number; column: number } {
  const at = text.indexOf(needle, from);
  if (at === -1) throw new Error(`not found: ${needle.slice(0, 40)}`);
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - (before.lastIndexOf('\n') + 1) + 1 };
}

/** The tst_ tokens in a generated file, in order. */
export const tokensIn = (text: string): string[] => text.match(/tst_[A-Za-z0-9]{32}/g) ?? [];
