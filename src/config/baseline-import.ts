// Migration: read a gitleaks `.gitleaksignore` or a detect-secrets `.secrets.baseline` into
// baseline entries. Neither maps one-to-one onto our fingerprints (gitleaks knows a line, not a
// value; detect-secrets an unsalted sha1 of the value), so entries are stored as they are and
// matched at scan time; `baseline import`/`update` then turn every matched one into a native
// fingerprint. The limits of each mapping are listed in docs/config.md.
import { jsonErrorReason } from '../errors.js';
import type { DetectSecretsEntry, GitleaksEntry } from '../filter/baseline.js';
import { isObj, type Parsed, type Problem } from '../problems/problem.js';

export type ImportFormat = 'gitleaks' | 'detect-secrets';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['gitleaks', 'detect-secrets'];

/** The entries read; warnings for entries skipped or worth a second look. */
export type ImportResult<T> = Parsed<T[]>;

/**
 * gitleaks rule id prefix → our provider name. Generic rules (generic-api-key, private-key, jwt)
 * are deliberately absent: they cannot name a provider, so their entries match path + line only.
 */
const GITLEAKS_PROVIDERS: Record<string, string> = {
  'adafruit': 'adafruit', 'age': 'age', 'airtable': 'airtable', 'algolia': 'algolia', 'alibaba': 'alibaba',
  'anthropic': 'anthropic', 'asana': 'asana', 'atlassian': 'atlassian', 'authress': 'authress', 'aws': 'aws',
  'azure': 'azure', 'beamer': 'beamer', 'bitbucket': 'bitbucket', 'clojars': 'clojars', 'cloudflare': 'cloudflare',
  'cohere': 'cohere', 'confluent': 'confluent', 'databricks': 'databricks', 'datadog': 'datadog', 'digitalocean': 'digitalocean',
  'discord': 'discord', 'doppler': 'doppler', 'dropbox': 'dropbox', 'duffel': 'duffel', 'dynatrace': 'dynatrace',
  'easypost': 'easypost', 'facebook': 'facebook', 'fastly': 'fastly', 'flyio': 'flyio', 'gcp': 'google',
  'github': 'github', 'gitlab': 'gitlab', 'grafana': 'grafana', 'groq': 'groq', 'hashicorp': 'hashicorp',
  'heroku': 'heroku', 'hubspot': 'hubspot', 'huggingface': 'huggingface', 'intercom': 'intercom', 'linear': 'linear',
  'mailchimp': 'mailchimp', 'mailgun': 'mailgun', 'mistral': 'mistral', 'netlify': 'netlify', 'new': 'newrelic',
  'npm': 'npm', 'nuget': 'nuget', 'okta': 'okta', 'openai': 'openai', 'perplexity': 'perplexity',
  'planetscale': 'planetscale', 'postman': 'postman', 'pulumi': 'pulumi', 'pypi': 'pypi', 'readme': 'readme',
  'rubygems': 'rubygems', 'sendgrid': 'sendgrid', 'sendinblue': 'sendinblue', 'sentry': 'sentry', 'shopify': 'shopify',
  'slack': 'slack', 'snyk': 'snyk', 'square': 'square', 'stripe': 'stripe', 'supabase': 'supabase',
  'telegram': 'telegram', 'terraform': 'hashicorp', 'twilio': 'twilio', 'twitch': 'twitch', 'twitter': 'twitter',
  'vault': 'hashicorp', 'xai': 'xai',
};

/** Our provider for a gitleaks rule id, or undefined for generic and unknown rules. */
export function gitleaksProvider(ruleId: string): string | undefined {
  const head = ruleId.toLowerCase().split('-')[0];
  return Object.hasOwn(GITLEAKS_PROVIDERS, head) ? GITLEAKS_PROVIDERS[head] : undefined;
}

const cleanPath = (p: string) => p.replace(/\\/g, '/').replace(/^(\.\/)+/, '');

/**
 * `.gitleaksignore`: one fingerprint per line, `<commit>:<file>:<rule-id>:<line>` (git scans) or
 * `<file>:<rule-id>:<line>` (directory scans); `#` comments and blank lines are skipped. Parsed
 * from the right, so a path holding ':' still reads.
 */
export function parseGitleaksIgnore(text: string, file: string): ImportResult<GitleaksEntry> {
  const entries: GitleaksEntry[] = [];
  const warnings: Problem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const m = /^(?:([0-9a-f]{7,40}):)?(.+):([A-Za-z0-9][\w.-]*):(\d+)$/.exec(line);
    if (!m) {
      warnings.push({ code: 'gitleaks-line-skipped', path: '', file, line: i + 1 });
      return;
    }
    const [, commit, path, ruleId, lineNo] = m;
    const provider = gitleaksProvider(ruleId);
    entries.push({
      from: 'gitleaks', path: cleanPath(path), ruleId, line: Number(lineNo),
      ...(provider ? { provider } : {}), ...(commit ? { commit } : {}),
    });
  });
  if (!entries.length && !warnings.length) warnings.push({ code: 'no-fingerprints', path: '', file });
  return { value: entries, problems: [], warnings };
}

/**
 * detect-secrets `.secrets.baseline`: `results` maps each file to entries with `type`,
 * `hashed_secret` (sha1 of the value) and `line_number`. Entries audited as real
 * (`is_secret: true`) are imported too, with a note: adoption accepts what exists, but they
 * are known live keys to rotate.
 */
export function parseDetectSecretsBaseline(text: string, file: string): ImportResult<DetectSecretsEntry> {
  const failed = (p: Omit<Problem, 'file'>): ImportResult<DetectSecretsEntry> => ({ value: [], problems: [{ ...p, file }], warnings: [] });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return failed({ code: 'invalid-json', path: '', data: { what: 'detect-secrets baseline', reason: jsonErrorReason(err) } });
  }
  if (!isObj(data) || !isObj(data.results)) return failed({ code: 'not-detect-secrets', path: 'results' });
  const entries: DetectSecretsEntry[] = [];
  const warnings: Problem[] = [];
  let real = 0;
  for (const [path, list] of Object.entries(data.results)) {
    const at = `results[${JSON.stringify(path)}]`;
    if (!Array.isArray(list)) {
      warnings.push({ code: 'entry-skipped', path: at, file, data: { expected: 'a list' } });
      continue;
    }
    list.forEach((e, i) => {
      if (!isObj(e) || typeof e.hashed_secret !== 'string' || !/^[0-9a-f]{40}$/.test(e.hashed_secret)) {
        warnings.push({ code: 'entry-skipped', path: `${at}[${i}].hashed_secret`, file, data: { expected: 'a sha1 (40 hex characters)' } });
        return;
      }
      if (e.is_secret === true) real++;
      entries.push({ from: 'detect-secrets', path: cleanPath(path), hashedSecret: e.hashed_secret, ...(typeof e.type === 'string' ? { type: e.type } : {}) });
    });
  }
  if (real) warnings.push({ code: 'audited-real', path: '', file, data: { count: real } });
  return { value: entries, problems: [], warnings };
}
