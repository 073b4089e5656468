// Real git repositories in temp dirs for the git-mode tests. Keys are fake, generated at test
// time; dates are fixed so commit order and "earliest commit" are deterministic.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gitScanOptions, type GitFlags } from '../../src/cli/git-options.js';
import { expandFakes } from '../../src/rules/fake.js';
import { parseRuleList } from '../../src/rules/load.js';
import { must } from '../../src/problems/problem.js';
import { scan } from '../../src/scan.js';
import type { ScanResult } from '../../src/contracts/result.js';
import type { Rule } from '../../src/contracts/rule.js';
import { TEST_RULE_YAML } from '../helpers/tree.js';

export const RULES: Rule[] = must(parseRuleList(TEST_RULE_YAML, 'test.yaml'));

/** A fresh fake test-rule key (matches the test-token rule). */
export function fakeKey(seed: number): string {
  return expandFakes('tst_<<b62:32>>', seed);
}

const BASE_DATE = Date.parse('2024-01-01T00:00:00Z');

export class Repo {
  readonly dir: string;
  private tick = 0;

  constructor(dir?: string) {
    this.dir = dir ?? mkdtempSync(join(tmpdir(), 'keysprawl-git-'));
    if (!dir) {
      this.git('init', '-q', '-b', 'main');
      this.git('config', 'user.name', 'Test Author');
      this.git('config', 'user.email', 'author@example.test');
      this.git('config', 'commit.gpgsign', 'false');
    }
  }

  git(...args: string[]): string {
    const date = new Date(BASE_DATE + this.tick * 60_000).toISOString();
    return execFileSync('git', args, {
      cwd: this.dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, LC_ALL: 'C' },
      stdio: ['pipe', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  }

  /** Write (string) or delete (null) files without staging them. */
  write(files: Record<string, string | null>): void {
    for (const [rel, content] of Object.entries(files)) {
      const abs = join(this.dir, rel);
      if (content === null) unlinkSync(abs);
      else {
        mkdirSync(dirname(abs), { recursive: true });
        writeFileSync(abs, content);
      }
    }
  }

  /** Write files, stage everything, commit one minute after the previous commit; returns the sha. */
  commit(files: Record<string, string | null>, message = 'change'): string {
    this.write(files);
    this.git('add', '-A');
    this.tick++;
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.head();
  }

  head(rev = 'HEAD'): string {
    return this.git('rev-parse', rev).trim();
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface GitScan {
  result: ScanResult;
  warnings: string[];
}

/** Scan a repository in-process through the CLI's option builder, with the test rule. */
export async function scanGit(dir: string, flags: GitFlags, maxFileSize = 25 * 1024 * 1024): Promise<GitScan> {
  const warnings: string[] = [];
  const git = await gitScanOptions([dir], flags, maxFileSize);
  if (!git) throw new Error('no git mode in flags');
  const result = await scan({ source: git.source, rules: RULES, structured: [], onWarning: (l) => warnings.push(l) });
  return { result, warnings };
}

/** Plain working-tree scan of the same folder (what a scan without git flags sees). */
export async function scanTree(dir: string): Promise<ScanResult> {
  return scan({ paths: [dir], rules: RULES, structured: [] });
}
