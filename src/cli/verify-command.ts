// `keysprawl verify list`: the providers --verify can check, each with its call, the rules it
// covers and what its access map records.
import { verifierRows, verifyCounts, verifyTable } from '../verify/listing.js';
import type { Io } from './io.js';

export async function runVerifyList(opts: { json?: boolean; markdown?: boolean }, io: Io): Promise<number> {
  const rows = verifierRows();
  if (opts.json) {
    io.stdout.write(`${JSON.stringify({ ...verifyCounts(), verifiers: rows }, null, 2)}\n`);
    return 0;
  }
  if (opts.markdown) {
    io.stdout.write(`${verifyTable()}\n`);
    return 0;
  }
  for (const r of rows) {
    io.stdout.write(`${r.name.padEnd(16)} ${r.accessMap ? 'access map' : r.records.length ? 'identity  ' : 'verdict   '}  ${r.call}\n`);
    io.stdout.write(`${''.padEnd(16)} rules: ${r.rules.join(', ')}${r.records.length ? `; records: ${r.records.join(', ')}` : ''}\n`);
  }
  const c = verifyCounts();
  io.stdout.write(`${c.verifiers} verifiers for ${c.providers} providers (${c.rules} rules); ${c.accessMaps} providers with an access map\n`);
  return 0;
}
