// `keysprawl history --format json`: the history summary as a versioned JSON document.
import type { HistorySummary } from '../contracts/history.js';

export const HISTORY_SCHEMA_TAG = 'keysprawl-history/v1';

/** 2-space indent, trailing newline. */
export function renderHistoryJson(h: HistorySummary): string {
  return `${JSON.stringify({ schema: HISTORY_SCHEMA_TAG, ...h }, null, 2)}\n`;
}
