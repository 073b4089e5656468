// Builders of realistic ScanResult objects for reporter (and other) tests. Raw secret values are
// generated at test time with the fake-token generator and never enter a result: secrets carry
// only the redacted form, snippets only the redacted line. The raw values are returned
// separately so tests can assert that no output contains them.
import { Diagnostics } from '../../src/diagnostics.js';
import { redact } from '../../src/redaction/redact.js';
import { secretId } from '../../src/redaction/secret-id.js';
import { expandFakes } from '../../src/rules/fake.js';
import { severityForScore } from '../../src/report/severity.js';
import type { Origin } from '../../src/contracts/blob.js';
import type { ContentKind } from '../../src/contracts/fragment.js';
import type { ScanResult, ScanStats, SkipReason } from '../../src/contracts/result.js';
import type { Rule } from '../../src/contracts/rule.js';
import type { Factor, Secret } from '../../src/contracts/scored.js';
import type { Occurrence } from '../../src/contracts/secret.js';

export const TEST_SALT = 'keysprawl test salt';
/** A root with a space, so URI encoding is always exercised. */
export const SAMPLE_ROOT = '/home/dev/agent repo';
export const SAMPLE_VERSION = '0.1.0';
export const SAMPLE_STARTED_AT = '2025-06-01T12:00:00.000Z';

/** A detection rule with sensible defaults. */
export function makeRule(id: string, over: Partial<Rule> = {}): Rule {
  return {
    id,
    name: over.name ?? id.replace(/[-/]/g, ' '),
    provider: over.provider ?? id.split(/[-/]/)[0],
    category: 'generic',
    keywords: [],
    regex: '(?!)',
    secretGroup: 0,
    validate: 'none',
    onInvalid: 'drop',
    privilege: 'unknown',
    scope: 'unknown',
    lifetime: 'long-lived',
    remediation: 'Revoke the key and load a short-lived credential from your identity provider at run time.',
    references: [],
    examples: { positive: [], negative: [] },
    ...over,
  };
}

export interface OccurrenceInput {
  path: string;
  contentKind?: ContentKind;
  line?: number;
  column?: number;
  /** Length of the raw value on the line (for endColumn); defaults to 40. */
  length?: number;
  /** The line of the file, with `{{secret}}` where the value stands; it is filled in redacted. */
  text?: string;
  origin?: Partial<Origin>;
  properties?: Record<string, unknown>;
  suppressed?: Occurrence['suppressed'];
}

/** An occurrence whose snippet holds `shown` (the redacted value) in place of `{{secret}}`. */
export function makeOccurrence(input: OccurrenceInput, shown: string): Occurrence {
  const line = input.line ?? 1;
  const column = input.column ?? 1;
  const text = input.text ?? `API_KEY={{secret}}`;
  return {
    origin: { kind: 'file', path: input.path, ...input.origin },
    contentKind: input.contentKind ?? 'code',
    line,
    column,
    endLine: line,
    endColumn: column + (input.length ?? 40),
    snippet: text.split('{{secret}}').join(shown).trim(),
    ...(input.properties ? { properties: input.properties } : {}),
    ...(input.suppressed ? { suppressed: input.suppressed } : {}),
  };
}

export interface SecretInput {
  rule: Rule;
  /** The raw value (secret kind); absent for posture findings. Only its redacted form is kept. */
  raw?: string;
  score: number;
  occurrences: OccurrenceInput[];
  factors?: Factor[];
  nhi?: string[];
  confidence?: Secret['confidence'];
  suppressed?: Secret['suppressed'];
  derived?: Secret['derived'];
  /** Posture findings: what makes the id unique (the matched text). */
  postureKey?: string;
}

/** A scored secret; severity follows the score's band. */
export function makeSecret(input: SecretInput): Secret {
  const posture = input.rule.category === 'posture' || input.raw === undefined;
  const shown = posture ? '' : redact(input.raw!);
  const id = posture
    ? secretId(`posture\0${input.rule.id}\0${input.postureKey ?? input.occurrences[0]?.path ?? ''}`, TEST_SALT)
    : secretId(input.raw!, TEST_SALT);
  return {
    id,
    ruleId: input.rule.id,
    provider: input.rule.provider,
    redacted: shown,
    confidence: input.confidence ?? 'medium',
    // A secret is suppressed when every occurrence is (as correlate() decides).
    occurrences: input.occurrences.map((o) =>
      makeOccurrence({ length: input.raw?.length, ...(input.suppressed ? { suppressed: input.suppressed } : {}), ...o }, shown)),
    score: input.score,
    factors: input.factors ?? [],
    severity: severityForScore(input.score),
    remediation: input.rule.remediation,
    nhi: input.nhi ?? (posture ? ['NHI6'] : ['NHI2']),
    kind: posture ? 'posture' : 'secret',
    ...(input.derived ? { derived: input.derived } : {}),
    ...(input.suppressed ? { suppressed: input.suppressed } : {}),
  };
}

export function emptyStats(over: Partial<ScanStats> = {}): ScanStats {
  return { ...new Diagnostics().stats, ...over };
}

/** Collects rules and secrets into a ScanResult. */
export class SampleResultBuilder {
  private readonly rules = new Map<string, Rule>();
  private readonly secrets: Secret[] = [];
  /** Raw values used to build the secrets (never inside the result). */
  readonly raws: string[] = [];
  private statsValue: ScanStats = emptyStats();

  constructor(private readonly opts: { root?: string; version?: string; redacted?: boolean; startedAt?: string } = {}) {}

  add(input: SecretInput): this {
    this.rules.set(input.rule.id, input.rule);
    if (input.raw !== undefined) this.raws.push(input.raw);
    this.secrets.push(makeSecret(input));
    return this;
  }

  /** Add an already built secret (its rule, when given, joins the rule list). */
  addSecret(secret: Secret, rule?: Rule): this {
    if (rule) this.rules.set(rule.id, rule);
    this.secrets.push(secret);
    return this;
  }

  stats(over: Partial<ScanStats>): this {
    this.statsValue = { ...this.statsValue, ...over };
    return this;
  }

  skip(path: string, reason: SkipReason, message: string = reason): this {
    const s = this.statsValue;
    s.skipped = { ...s.skipped, [reason]: (s.skipped[reason] ?? 0) + 1 };
    s.skippedItems = [...s.skippedItems, { path, reason, message }];
    return this;
  }

  warn(line: string): this {
    this.statsValue.warnings = [...this.statsValue.warnings, line];
    return this;
  }

  build(): ScanResult {
    return {
      schema: 'keysprawl/v1',
      tool: { name: 'keysprawl', version: this.opts.version ?? SAMPLE_VERSION },
      root: this.opts.root ?? SAMPLE_ROOT,
      startedAt: this.opts.startedAt ?? SAMPLE_STARTED_AT,
      secrets: [...this.secrets],
      rules: [...this.rules.values()],
      stats: structuredClone(this.statsValue),
      redacted: this.opts.redacted ?? true,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// The canonical sample: one of everything a reporter must handle.

export const RULES = {
  openai: makeRule('openai-project-key', {
    name: 'OpenAI project API key',
    provider: 'openai',
    category: 'llm',
    keywords: ['sk-proj-'],
    privilege: 'write',
    scope: 'project',
    remediation: 'Create a project service account key with the smallest set of permissions, keep it in a secret manager, and prefer short-lived keys issued per task.',
    references: ['https://platform.openai.com/docs/api-reference/authentication'],
    confidence: 'high',
  }),
  github: makeRule('github-pat-classic', {
    name: 'GitHub personal access token (classic)',
    provider: 'github',
    category: 'scm',
    keywords: ['ghp_'],
    validate: 'github-crc32',
    privilege: 'admin',
    scope: 'account',
    description: 'A classic GitHub personal access token: it acts as the user, across every repository the user can reach.',
    remediation: 'Use a GitHub App installation token or the workflow GITHUB_TOKEN with minimal permissions.',
    references: ['https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens'],
  }),
  anthropic: makeRule('anthropic-api-key', {
    name: 'Anthropic API key',
    provider: 'anthropic',
    category: 'llm',
    keywords: ['sk-ant-api03-'],
    privilege: 'write',
    scope: 'org',
    remediation: 'Revoke the key in the console and give each workload its own key from a secret manager.',
    references: [],
  }),
  generic: makeRule('generic-api-key', {
    name: 'Generic API key',
    provider: 'generic',
    category: 'generic',
    remediation: 'Move the value to a secret manager and rotate it.',
  }),
  awsPosture: makeRule('ci/aws-static-keys', {
    name: 'Static AWS keys in GitHub Actions',
    provider: 'aws',
    category: 'posture',
    remediation: 'Use aws-actions/configure-aws-credentials with role-to-assume and permissions: id-token: write (OIDC) instead of access keys.',
    references: ['https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services'],
  }),
};

const COMMIT_A = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const COMMIT_B = '0f1e2d3c4b5a69788796a5b4c3d2e1f001234567';

export interface Sample {
  result: ScanResult;
  /** Raw values the redacted forms were made from: no output may contain them. */
  raws: string[];
}

/** The canonical realistic sample (deterministic: same seed, same values). */
export function sampleResult(opts: { redacted?: boolean } = {}): Sample {
  const raw = {
    openai: expandFakes('sk-proj-<<b62:40>>T3BlbkFJ<<b62:40>>', 11),
    github: expandFakes('<<github:ghp_>>', 12),
    anthropic: expandFakes('sk-ant-api03-<<b64url:93>>AA', 13),
    generic: expandFakes('<<hex:40>>', 14),
    suppressed: expandFakes('sk-proj-<<b62:40>>T3BlbkFJ<<b62:40>>', 15),
  };
  const b = new SampleResultBuilder({ redacted: opts.redacted });
  b.add({
    rule: RULES.openai,
    raw: raw.openai,
    score: 95,
    confidence: 'high',
    nhi: ['NHI2', 'NHI7', 'NHI9'],
    factors: [
      { factor: 'privilege', value: 'write', points: 15, reason: 'write privilege' },
      { factor: 'scope', value: 'project', points: 10, reason: 'project scope' },
      { factor: 'lifetime', value: 'long-lived', points: 15, reason: 'long-lived: valid until someone revokes it' },
      { factor: 'spread.files', value: 7, points: 15, reason: 'found in 7 files' },
      { factor: 'exposure', value: 'notebook-output', points: 20, reason: 'in notebook-output' },
      { factor: 'confidence', value: 'high', points: 20, reason: 'checksum or structure verified' },
    ],
    occurrences: [
      { path: 'test/fixtures/keys.txt', contentKind: 'test', line: 2, column: 9 },
      { path: '.env', contentKind: 'env-file', line: 3, column: 16, text: 'OPENAI_API_KEY={{secret}}' },
      { path: 'notebooks/eval run.ipynb', contentKind: 'notebook-output', line: 120, column: 14, text: '"OPENAI_API_KEY: {{secret}}\\n",', properties: { cell: 4 } },
      { path: 'prompts/agent.md', contentKind: 'prompt', line: 8, column: 30, text: 'Use this key when calling tools: {{secret}}' },
      { path: '.cursor/mcp.json', contentKind: 'agent-config', line: 6, column: 27, text: '"OPENAI_API_KEY": "{{secret}}"' },
      { path: 'src/llm/client.ts', contentKind: 'code', line: 4, column: 20, text: "const apiKey = '{{secret}}';" },
      { path: 'scripts/old.py', contentKind: 'code', line: 1, column: 11, origin: { kind: 'git', commit: COMMIT_A, presentAtHead: false, date: '2024-01-02T03:04:05Z' } },
      { path: 'src/llm/legacy.ts', contentKind: 'code', line: 10, column: 5, origin: { kind: 'git', commit: COMMIT_B, presentAtHead: false } },
    ],
  });
  b.add({
    rule: RULES.github,
    raw: raw.github,
    score: 78,
    confidence: 'high',
    nhi: ['NHI2', 'NHI5', 'NHI7'],
    factors: [
      { factor: 'privilege', value: 'admin', points: 20, reason: 'admin privilege' },
      { factor: 'exposure.history-only', value: true, points: -5, reason: 'removed from HEAD, still in history (needs rotation)' },
    ],
    occurrences: [
      {
        path: '.github/workflows/deploy.yml', contentKind: 'ci-config', line: 14, column: 22, text: 'GH_TOKEN: {{secret}}',
        origin: { kind: 'git', repo: 'https://github.com/acme/agents', commit: COMMIT_A, presentAtHead: false },
      },
    ],
  });
  b.add({
    rule: RULES.awsPosture,
    score: 72,
    nhi: ['NHI6', 'NHI7'],
    confidence: 'high',
    factors: [{ factor: 'privilege', value: 'unknown', points: 5, reason: 'unknown privilege' }],
    occurrences: [
      { path: '.github/workflows/deploy.yml', contentKind: 'ci-config', line: 30, column: 9, length: 52, text: 'aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}' },
    ],
  });
  b.add({
    rule: RULES.anthropic,
    raw: raw.anthropic,
    score: 55,
    nhi: ['NHI2'],
    factors: [{ factor: 'exposure', value: 'doc', points: 2, reason: 'in doc' }],
    occurrences: [{ path: 'docs/setup guide.md', contentKind: 'doc', line: 40, column: 12, text: 'export ANTHROPIC_API_KEY={{secret}}' }],
  });
  b.add({
    rule: RULES.generic,
    raw: raw.generic,
    score: 25,
    confidence: 'low',
    occurrences: [{ path: 'src/config.ts', contentKind: 'code', line: 7, column: 18, text: "const token = '{{secret}}';" }],
  });
  b.add({
    rule: RULES.openai,
    raw: raw.suppressed,
    score: 45,
    suppressed: { kind: 'inSource', justification: 'keysprawl:allow demo key, revoked' },
    occurrences: [{ path: 'examples/demo.ts', contentKind: 'code', line: 3, column: 15 }],
  });
  b.stats({ filesScanned: 42, bytesScanned: 1_234_567, blobsScanned: 57, elapsedMs: 1234, suppressed: 1 })
    .skip('assets/logo.png', 'binary', 'binary file')
    .skip('assets/font.woff2', 'binary', 'binary file')
    .skip('vendor/model.bin', 'binary', 'binary file')
    .skip('data/dump.sql', 'too-large', 'larger than 10 MB')
    .warn('notebooks/broken.ipynb: malformed notebook JSON, scanned as text');
  return { result: b.build(), raws: b.raws };
}

/** A result with no findings. */
export function emptyResult(): ScanResult {
  return new SampleResultBuilder().stats({ filesScanned: 3, bytesScanned: 2048, elapsedMs: 87 }).build();
}
