// `keysprawl history STORE [--since WHEN] [--until WHEN]`: what the sweep history says for a
// period: keys new, reintroduced, still open and resolved in it, the trend and the time to resolve.
import { UsageError } from '../errors.js';
import { openStore } from '../history/store.js';
import { summarizePeriod } from '../history/summary.js';
import type { HistorySummary } from '../contracts/history.js';
import { HISTORY_FORMATS, formatList, reporterFor } from '../report/registry.js';
import type { Io } from './io.js';
import { planOutputs } from './outputs.js';
import { writeFileAtomic } from './write-file.js';

export interface HistoryFlags {
  since?: string;
  until?: string;
  format: string[];
  output: string[];
  verbose?: boolean;
}

const DAY_MS = 86_400_000;

/** `2026-11-30`, an ISO time, or `30d` / `8w` before `now`. `endOfDay` makes a date inclusive. */
export function parseWhen(flag: string, text: string, now: Date, endOfDay = false): string {
  const rel = /^(\d{1,5})([dw])$/.exec(text.trim());
  if (rel) return new Date(now.getTime() - Number(rel[1]) * (rel[2] === 'w' ? 7 : 1) * DAY_MS).toISOString();
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text.trim());
  const ms = Date.parse(dateOnly ? `${text.trim()}T00:00:00Z` : text);
  if (Number.isNaN(ms)) throw new UsageError(`${flag} ${text}: expected a date (2026-11-30), an ISO time, or a number of days or weeks back (30d, 8w)`);
  return new Date(dateOnly && endOfDay ? ms + DAY_MS - 1 : ms).toISOString();
}

export async function runHistory(store: string, flags: HistoryFlags, io: Io, now = new Date()): Promise<number> {
  const plans = planOutputs(flags.format, flags.output);
  const writers = plans.map((plan) => {
    const renderHistory = reporterFor(plan.format).renderHistory;
    if (!renderHistory) throw new UsageError(`history writes ${formatList(HISTORY_FORMATS)} (${plan.format.toUpperCase()} holds findings, not their history)`);
    return { plan, renderHistory };
  });
  const from = flags.since ? parseWhen('--since', flags.since, now) : undefined;
  const to = flags.until ? parseWhen('--until', flags.until, now, true) : undefined;
  const db = openStore(store, { readonly: true });
  let h: HistorySummary;
  try {
    h = summarizePeriod(db, from, to);
  } finally {
    db.close();
  }
  for (const { plan, renderHistory } of writers) {
    const text = renderHistory(h, { color: false, verbose: !!flags.verbose });
    if (plan.file) await writeFileAtomic(plan.file, text, { private: false });
    else io.stdout.write(text);
  }
  return 0;
}
