// Collects what happened during a scan that is not a finding: skips (counted by reason,
// never silent) and one-line warnings naming the file. Shared by every stage.
import type { ScanStats, SkipReason } from './contracts/result.js';

export class Diagnostics {
  readonly stats: ScanStats = {
    filesScanned: 0,
    bytesScanned: 0,
    blobsScanned: 0,
    skipped: {},
    skippedItems: [],
    warnings: [],
    suppressed: 0,
    elapsedMs: 0,
  };

  private readonly said = new Set<string>();

  constructor(private readonly onWarning?: (line: string) => void) {}

  /** A file that was not scanned, with the reason. */
  skip(path: string, reason: SkipReason, message: string): void {
    this.stats.skipped[reason] = (this.stats.skipped[reason] ?? 0) + 1;
    this.stats.skippedItems.push({ path, reason, message });
  }

  /** A problem worth one line that did not stop the file being scanned (or skipped). */
  warn(line: string): void {
    // The same line twice (e.g. each window of one large file) is said once.
    if (this.said.has(line)) return;
    this.said.add(line);
    this.stats.warnings.push(line);
    this.onWarning?.(line);
  }

  scanned(bytes: number, newFile = true): void {
    if (newFile) this.stats.filesScanned++;
    this.stats.bytesScanned += bytes;
  }

  get skippedTotal(): number {
    return Object.values(this.stats.skipped).reduce((a, b) => a + (b ?? 0), 0);
  }
}
