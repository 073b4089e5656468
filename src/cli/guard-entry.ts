// Entry of dist/cli/keysprawl-guard.mjs: runs the guard on this process's stdin. Kept apart from
// the CLI entry so the hook loads only the guard (rules, detectors) and nothing else.
import { readFileSync } from 'node:fs';
import { MAX_PAYLOAD_CHARS } from '../guard/payload.js';
import { readAll, runGuard } from './guard-main.js';

async function readStdin(): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(0);
  } catch (err) {
    // A non-blocking stdin (some parents set O_NONBLOCK) cannot be read at once: stream it.
    if ((err as NodeJS.ErrnoException).code === 'EAGAIN') return readAll(process.stdin);
    throw err;
  }
  if (bytes.length > MAX_PAYLOAD_CHARS) throw new Error(`payload over ${MAX_PAYLOAD_CHARS} bytes`);
  return bytes.toString('utf8');
}

try {
  process.exitCode = await runGuard(process.argv.slice(2), process, readStdin);
} catch {
  // Fail closed even if writing the answer failed.
  process.exitCode = 2;
}
