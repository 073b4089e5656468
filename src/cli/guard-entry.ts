// Entry of dist/cli/keysprawl-guard.mjs: runs the guard on this process's stdin. Kept apart from
// the CLI entry so the hook loads only the guard (rules, detectors) and nothing else.
import { runGuard } from './guard-main.js';

try {
  process.exitCode = await runGuard(process.argv.slice(2), process);
} catch {
  // Fail closed even if writing the answer failed.
  process.exitCode = 2;
}
