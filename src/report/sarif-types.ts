// The SARIF 2.1.0 object types keysprawl writes (only what it writes), and the limits GitHub code
// scanning sets on them. Shared by the locations, rules, results and run modules of the reporter.
import type { SarifLevel } from './severity.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_VERSION = '2.1.0';
export const KEYSPRAWL_INFORMATION_URI = 'https://www.npmjs.com/package/keysprawl';
/** GitHub code scanning rejects runs with more results; we keep the highest scores. */
export const SARIF_MAX_RESULTS = 25_000;
/** GitHub keeps at most this many locations per result; more are dropped (count stays in properties). */
export const SARIF_MAX_RELATED_LOCATIONS = 1_000;
/**
 * Related locations per occurrence result: every place is a result of its own, so each lists
 * only the first few others (a key in n files would otherwise write n² locations).
 */
export const SARIF_MAX_RELATED_PER_OCCURRENCE = 20;
/** GitHub keeps at most 10 tags per rule. */
export const SARIF_MAX_TAGS = 10;
export const FINGERPRINT_KEY = 'keysprawl/v1';
export const SRCROOT = '%SRCROOT%';

export interface SarifOptions {
  /** Cap on results (default 25,000, GitHub's limit per run). */
  maxResults?: number;
}

// Minimal SARIF object types: only what we write.
export interface SarifMessage {
  text: string;
  markdown?: string;
}
export interface SarifArtifactLocation {
  uri?: string;
  uriBaseId?: string;
}
export interface SarifRegion {
  startLine: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
  snippet?: { text: string };
}
export interface SarifLocation {
  id?: number;
  physicalLocation?: { artifactLocation: SarifArtifactLocation; region?: SarifRegion };
  message?: SarifMessage;
}
export interface SarifReportingDescriptor {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  helpUri?: string;
  help: SarifMessage & { markdown: string };
  defaultConfiguration: { level: SarifLevel };
  properties: Record<string, unknown> & { tags: string[]; 'security-severity': string };
}
export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  rank: number;
  message: SarifMessage;
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: 'inSource' | 'external'; status: 'accepted'; justification?: string }[];
  properties: Record<string, unknown>;
}
export interface SarifVersionControlDetails {
  repositoryUri: string;
  mappedTo?: SarifArtifactLocation;
  properties?: Record<string, unknown>;
}
export interface SarifRun {
  tool: {
    driver: {
      name: 'keysprawl';
      version: string;
      semanticVersion?: string;
      informationUri: string;
      rules: SarifReportingDescriptor[];
    };
  };
  invocations: {
    executionSuccessful: boolean;
    startTimeUtc?: string;
    endTimeUtc?: string;
    toolExecutionNotifications?: { level: SarifLevel; message: SarifMessage; properties?: Record<string, unknown> }[];
  }[];
  originalUriBaseIds?: Record<string, SarifArtifactLocation>;
  versionControlProvenance?: SarifVersionControlDetails[];
  columnKind: 'utf16CodeUnits';
  results: SarifResult[];
  properties: Record<string, unknown>;
}
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [SarifRun];
}
