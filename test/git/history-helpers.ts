// Shared by the line-reuse history tests: a fast-import stream writer for generated histories,
// the scan of a history as the CLI sets it up (with line reuse or every blob whole), and what a
// user sees of each secret in a stable order, to compare the two.
import { setUpScan } from '../../src/cli/scan-setup.js';
import { builtinRules } from '../../src/rules/load.js';
import { scan } from '../../src/scan.js';
import type { ScanResult } from '../../src/contracts/result.js';

/** One positive example of every built-in rule whose example is a single line without a config format. */
export function keyLines(): string[] {
  return builtinRules()
    .flatMap((r) => r.examples.positive.slice(0, 1))
    .filter((t) => !t.includes('\n') && !/^\s*[{[]/.test(t));
}

export class HistoryWriter {
  private readonly parts: string[] = [];
  private mark = 0;
  private time = 1704067200;

  /** `step`: seconds from one commit's date to the next (negative: a date before its parent's, as after a rebase). */
  constructor(private readonly step: () => number = () => 60) {}

  commit(branch: string, files: Map<string, string[]>, changed: string[], from?: number, merge?: number): number {
    const data = (s: string) => `data ${Buffer.byteLength(s)}\n${s}`;
    this.mark++;
    this.time += this.step();
    this.parts.push(`commit refs/heads/${branch}`, `mark :${this.mark}`, `committer A <a@example.test> ${this.time} +0000`, data(`c${this.mark}`));
    if (from) this.parts.push(`from :${from}`);
    if (merge) this.parts.push(`merge :${merge}`);
    for (const path of changed) {
      const lines = files.get(path);
      if (!lines) this.parts.push(`D ${path}`);
      else this.parts.push(`M 100644 inline ${path}`, data(`${lines.join('\n')}\n`));
    }
    return this.mark;
  }

  /** A merge commit on `branch` of `from` and `merged` (several: an octopus merge). */
  commitMerge(branch: string, files: Map<string, string[]>, changed: string[], from: number, merged: number[]): number {
    const data = (s: string) => `data ${Buffer.byteLength(s)}\n${s}`;
    this.mark++;
    this.time += this.step();
    this.parts.push(`commit refs/heads/${branch}`, `mark :${this.mark}`, `committer A <a@example.test> ${this.time} +0000`, data(`c${this.mark}`), `from :${from}`);
    for (const m of merged) this.parts.push(`merge :${m}`);
    for (const path of changed) {
      const lines = files.get(path);
      if (!lines) this.parts.push(`D ${path}`);
      else this.parts.push(`M 100644 inline ${path}`, data(`${lines.join('\n')}\n`));
    }
    return this.mark;
  }

  stream(): string {
    return `${this.parts.join('\n')}\n`;
  }
}

export async function history(dir: string, reuseLines: boolean): Promise<ScanResult> {
  // The CLI's own setup: built-in rules and filters (inline allow comments), no config file.
  const { options } = await setUpScan([dir], { history: true, maxFileSize: '25m', gitignore: true, config: false }, {});
  return scan({ ...options, source: { ...options.source!, reuseLines }, threads: 1 });
}


/** What a user sees of each secret, in a stable order. */
export function canonical(result: ScanResult): unknown[] {
  return result.secrets
    .map((s) => ({
      id: s.id,
      ruleId: s.ruleId,
      score: s.score,
      severity: s.severity,
      suppressed: s.suppressed,
      occurrences: s.occurrences
        .map((o) => ({ ...o.origin, line: o.line, column: o.column, endLine: o.endLine, snippet: o.snippet, suppressed: o.suppressed, properties: o.properties }))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}
