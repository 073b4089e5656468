// `keysprawl verify list`: the providers --verify can check, each with its call, the rules it
// covers and what its access map records (as text, JSON or a markdown table).
import { verifierListText } from '../report/verifier-list-text.js';
import { verifierRows, verifyCounts, verifyTable } from '../verify/listing.js';
import type { Io } from './io.js';

export async function runVerifyList(opts: { json?: boolean; markdown?: boolean }, io: Io): Promise<number> {
  const rows = verifierRows();
  if (opts.json) io.stdout.write(`${JSON.stringify({ ...verifyCounts(), verifiers: rows }, null, 2)}\n`);
  else if (opts.markdown) io.stdout.write(`${verifyTable()}\n`);
  else io.stdout.write(verifierListText(rows, verifyCounts()));
  return 0;
}
