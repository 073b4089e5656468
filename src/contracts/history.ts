// Contract of the sweep history (src/history/): what it says about one sweep (or a period): the
// keys that are new, reintroduced, still open and resolved, and the trend. Carried by a report
// as `history` (JSON, text, HTML).

/** One key's standing at a sweep. Times are ISO 8601, from the sweeps' recorded times. */
export interface KeyHistory {
  id: string;
  ruleId: string;
  provider: string;
  /** Redacted form as last seen (never the value). */
  redacted: string;
  severity: string;
  score: number;
  /** The first sweep that saw it. */
  firstSeen: string;
  /** The last sweep that saw it. */
  lastSeen: string;
  /** Start of its current (or last) open period: first seen, or when it was reintroduced. */
  openSince: string;
  /** Set when it was resolved: the first sweep that scanned all its repositories and found it gone. */
  resolvedAt?: string;
  /** Repositories holding it when last seen. */
  repos: string[];
}

export interface TrendPoint {
  run: string;
  at: string;
  /** Keys open after this sweep (present, or not checked because their repository failed). */
  open: number;
  new: number;
  resolved: number;
  reintroduced: number;
  /** Repositories scanned (status ok) by this sweep. */
  repos: number;
}

export interface ResolveTimes {
  /** Keys resolved (each open period that ended counts once). */
  count: number;
  medianDays?: number;
  meanDays?: number;
  maxDays?: number;
}

export interface HistorySummary {
  /** The sweep this summary is about (the last one of a period). */
  sweep: { run: string; at: string };
  /** The sweep before it; absent for the first sweep of a store. */
  previous?: { run: string; at: string };
  /** With `history --since/--until`: the period covered. */
  period?: { from: string; to: string; sweeps: number };
  /** First seen in this sweep (or, for a period, during it). */
  new: KeyHistory[];
  /** Resolved before and seen again. */
  reintroduced: KeyHistory[];
  /** Seen before and still present. */
  open: KeyHistory[];
  /** Gone from every place that held it. */
  resolved: KeyHistory[];
  /** Open before, not seen now, but a repository that held it could not be scanned: still open. */
  unchecked: KeyHistory[];
  /** One point per sweep, oldest first. */
  trend: TrendPoint[];
  /** How long keys stayed open until resolved (every resolution up to this sweep). */
  timeToResolve: ResolveTimes;
}
