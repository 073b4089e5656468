// SARIF rule descriptors (the taxonomy GitHub shows beside each alert): one per rule that has a
// result, with what the credential is, why it matters and how to replace it, its tags and its
// worst blast radius as `security-severity`.
import { rotationFor } from '../score/remediation.js';
import type { Secret } from '../contracts/scored.js';
import type { ReportRule } from './json.js';
import { cmp } from './order.js';
import { isUri } from './sarif-locations.js';
import { SARIF_MAX_TAGS, type SarifReportingDescriptor } from './sarif-types.js';
import { sarifLevel, securitySeverity, severityForScore } from './severity.js';

/** "OpenAI project API key" → "OpenAIProjectAPIKey"; falls back to the id's words. */
export function pascalCase(text: string): string {
  const out = text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
  return /^[0-9]/.test(out) ? `R${out}` : out;
}

const PRIVILEGE_WORDS: Record<string, string> = {
  admin: 'administrative privilege',
  write: 'write access',
  read: 'read-only access',
  unknown: 'unknown privilege',
};
const SCOPE_WORDS: Record<string, string> = {
  org: 'scoped to a whole organisation',
  account: 'scoped to an account',
  project: 'scoped to a project',
  resource: 'scoped to a single resource',
  unknown: 'of unknown scope',
};

function sentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** rule.description, or a sentence built from name, provider, privilege, scope and lifetime. */
export function ruleDescription(rule: ReportRule): string {
  if (rule.description?.trim()) return sentence(rule.description);
  if (rule.category === 'posture') {
    return `${rule.name}: a CI configuration that hands jobs a static ${rule.provider} credential where federated, short-lived credentials (OIDC) are available.`;
  }
  const noun =
    rule.lifetime === 'short-lived' ? 'short-lived credential' : rule.lifetime === 'derived' ? 'credential (lifetime read from the token)' : 'long-lived credential';
  return `${rule.name}: a ${noun} for ${rule.provider} with ${PRIVILEGE_WORDS[rule.privilege] ?? `${rule.privilege} privilege`}, ${SCOPE_WORDS[rule.scope] ?? `scope ${rule.scope}`}.`;
}

const WHY_SECRET =
  'A static key copied into code, a notebook, a prompt, an agent or MCP config or a CI file stops being an identity and becomes a shared secret: ' +
  'it cannot be scoped to one task, attributed to one workload, or revoked without breaking everything else that holds a copy, and it outlives the task that justified it. ' +
  'Anyone who can read this file, its git history or a log or rendered output that printed it can use the key until it is revoked.';
const WHY_POSTURE =
  'The value may be kept in a secret store, but a long-lived credential handed to CI can be exfiltrated by any workflow change, compromised action or log, ' +
  'is shared by every job that receives it, and cannot be tied to a single run. Federated identity gives each job a short-lived token scoped to that run instead.';
const ROTATE = 'Revoke or rotate the exposed key first: deleting it from the file does not make it safe, because it stays in history and in every copy.';

export function fallbackRule(ruleId: string, secret: Secret): ReportRule {
  return {
    id: ruleId,
    name: ruleId,
    provider: secret.provider,
    category: secret.kind === 'posture' ? 'posture' : 'generic',
    privilege: 'unknown',
    scope: 'unknown',
    lifetime: 'long-lived',
    remediation: secret.remediation,
    references: [],
  };
}

const PRECISION: Record<string, string> = { high: 'high', medium: 'medium', low: 'low' };

export function ruleDescriptor(rule: ReportRule, secrets: Secret[]): SarifReportingDescriptor {
  const maxScore = secrets.reduce((m, s) => Math.max(m, Number(s.score) || 0), 0);
  const posture = rule.category === 'posture' || secrets.every((s) => s.kind === 'posture');
  const full = ruleDescription(rule);
  const remediation = (rule.remediation || secrets[0]?.remediation || '').trim();
  const refs = [...new Set(rule.references ?? [])];
  const howText = [remediation, posture ? '' : `${ROTATE} ${rotationFor(rule.provider, rule.category)}`].filter(Boolean).join(' ');
  const text = [
    `What it is: ${full}`,
    `Why it matters: ${posture ? WHY_POSTURE : WHY_SECRET}`,
    `How to replace it: ${howText}`,
    ...(refs.length ? [`References:\n${refs.map((r) => `- ${r}`).join('\n')}`] : []),
  ].join('\n\n');
  const markdown = [
    `**What it is.** ${full}`,
    `**Why it matters.** ${posture ? WHY_POSTURE : WHY_SECRET}`,
    `**How to replace it.** ${howText}`,
    ...(refs.length ? [`**References**\n\n${refs.map((r) => (isUri(r) ? `- <${r}>` : `- ${r}`)).join('\n')}`] : []),
  ].join('\n\n');
  const nhi = [...new Set(secrets.flatMap((s) => s.nhi ?? []))].sort(cmp);
  const tags = [...new Set(['security', 'secret', rule.category, rule.provider, ...nhi, ...(rule.tags ?? [])].filter(Boolean))].slice(0, SARIF_MAX_TAGS);
  const confidence = rule.confidence ?? secrets.map((s) => s.confidence).sort()[0];
  const helpUri = refs.find(isUri);
  return {
    id: rule.id,
    name: pascalCase(rule.name) || pascalCase(rule.id),
    shortDescription: { text: rule.name.trim() || rule.id },
    fullDescription: { text: full },
    ...(helpUri ? { helpUri } : {}),
    help: { text, markdown },
    defaultConfiguration: { level: sarifLevel(severityForScore(maxScore)) },
    properties: {
      tags,
      'security-severity': securitySeverity(maxScore),
      ...(confidence && PRECISION[confidence] ? { precision: PRECISION[confidence] } : {}),
      provider: rule.provider,
      category: rule.category,
      privilege: rule.privilege,
      scope: rule.scope,
      lifetime: rule.lifetime,
    },
  };
}
