// Rule contracts (DESIGN.md §2). What a rule says about the keys it reports (RuleMeta: names,
// the blast-radius facts, remediation, documentation) is apart from how a pattern rule finds
// them (RulePattern: keywords, regex, validator), so scoring, reporting and merge take metadata
// alone, and a structured detector's rule (CI posture, agent configs) carries no fake pattern.
import type { ContentKind } from './fragment.js';
import type { Confidence } from './match.js';

export type Privilege = 'admin' | 'write' | 'read' | 'unknown';
export type Scope = 'org' | 'account' | 'project' | 'resource' | 'unknown';
export type Lifetime = 'long-lived' | 'short-lived' | 'derived';

export type RuleCategory =
  | 'llm' | 'agent-platform' | 'vector-db' | 'cloud' | 'scm' | 'ci' | 'payments'
  | 'messaging' | 'database' | 'observability' | 'saas' | 'generic' | 'posture';

/**
 * What a positive example must capture and where (eslint RuleTester style). In YAML it is the
 * mapping form of a positive (`- {text, secret, line, column}`); loaded, the text joins the
 * other positives and this keeps its index. `secret` may hold fake templates: they expand with
 * the example's seed, like the text. `line` and `column` (1-based) are where the match starts.
 */
export interface RuleCapture {
  /** Index into `positive`. */
  example: number;
  secret?: string;
  line?: number;
  column?: number;
}

export interface RuleExamples {
  positive: string[];
  negative: string[];
  captures?: RuleCapture[];
}

/** What a rule says about the keys it reports: everything but how to find them. */
export interface RuleMeta {
  id: string;
  name: string;
  provider: string;
  category: RuleCategory;
  privilege: Privilege;
  scope: Scope;
  lifetime: Lifetime;
  /** Overrides the confidence derived from validate/prefix. */
  confidence?: Confidence;
  /** Caps the blast-radius score of this rule's keys (test-mode keys: still reported, kept low). */
  maxScore?: number;
  description?: string;
  remediation: string;
  references: string[];
  tags?: string[];
}

/** How a pattern rule finds its keys in a fragment's text. */
export interface RulePattern {
  /** lower-case literals; the rule runs only on text containing one (empty: always runs) */
  keywords: string[];
  regex: string;
  /** Extra RegExp flags: any of 'i', 's', 'm' ('g' and 'd' are always added). */
  flags?: string;
  secretGroup: number;
  validate: string; // 'none' or a validator name
  /** What to do with a match that fails validation. */
  onInvalid: 'drop' | 'demote';
  entropy?: number;
  /** Only run on these content kinds (e.g. standalone entropy only in env-file/agent-config). */
  contentKinds?: ContentKind[];
}

/** What a rule pack entry adds to a rule: its proof and where it came from. */
export interface RuleSource {
  examples: RuleExamples;
  /** Source file the rule came from, for error messages. */
  file?: string;
}

/** A pattern rule as loaded from rules/*.yaml or .keysprawl.yaml. */
export interface Rule extends RuleMeta, RulePattern, RuleSource {}

/**
 * The metadata of a rule a structured detector reports (rules/*.yaml entries with `detector:`
 * and no pattern), joined to the detector by id.
 */
export interface StructuredRule extends RuleMeta, RuleSource {
  /** The structured detector (src/detect/structured.ts) that reports this rule. */
  detector: string;
  /** The file path each example is scanned as (`.github/workflows/example.yml`, `mcp.json`). */
  exampleFile: string;
}
