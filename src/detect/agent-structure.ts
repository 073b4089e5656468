// Structured detector: a value stored under a credential-named key in an agent config (an MCP
// server's env or headers, an OAI_CONFIG_LIST or litellm `api_key`, a `--api-key` argument) or
// in a Kubernetes Secret is reported even without a provider prefix, when it looks like a
// credential (one token, letters and digits, random enough, not a placeholder, path or
// reference). Provider rules still win where they also match: this rule is 'generic'.
import { isLowVariety, placeholderVerdict } from './placeholders.js';
import type { Fragment, Match, Rule } from '../types.js';
import { deriveFacts } from './derive.js';
import { shannonEntropy } from './entropy.js';
import { registerDetector } from './structured.js';

export const AGENT_CONFIG_RULE: Rule = {
  id: 'agent-config-credential',
  name: 'Credential in an agent config',
  provider: 'unknown',
  category: 'generic',
  keywords: [],
  regex: '',
  secretGroup: 0,
  validate: 'none',
  onInvalid: 'drop',
  privilege: 'unknown',
  scope: 'unknown',
  lifetime: 'long-lived',
  confidence: 'medium',
  description:
    'A literal credential under a credential-named key of an agent config (MCP server env/headers/args, OAI_CONFIG_LIST, litellm model_list, Continue, aider): the agent hands it to every tool it runs.',
  remediation:
    'Rotate the key, then take it out of the config: reference it from the environment or a secret manager (VS Code `${input:...}`/`${env:...}`, an env passthrough in Claude or Cursor, litellm `os.environ/NAME`), and prefer short-lived, scoped credentials issued per session (OAuth for remote MCP servers, workload identity for cloud APIs) over a static API key.',
  references: ['https://modelcontextprotocol.io/specification/draft/basic/authorization', 'https://owasp.org/www-project-non-human-identities-top-10/'],
  examples: {
    positive: ['{"mcpServers": {"github": {"env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "<<b62:40>>"}}}}'],
    negative: ['{"mcpServers": {"github": {"env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "${input:github_token}"}}}}'],
  },
  contentKinds: ['agent-config'],
  tags: ['security', 'secret', 'agent', 'NHI2', 'NHI3'],
};

export const CONFIG_CREDENTIAL_RULE: Rule = {
  ...AGENT_CONFIG_RULE,
  id: 'config-credential',
  name: 'Credential in a Kubernetes Secret or encoded config value',
  description: 'A literal credential under a credential-named key of a Kubernetes Secret (`data:` decoded from base64, or `stringData:`) or of another base64-wrapped config value.',
  remediation:
    'Rotate the credential and stop committing it: generate the Secret at deploy time from a secret manager (External Secrets Operator, Sealed Secrets, SOPS, CSI secret store), and where the workload calls a cloud API use workload identity (IRSA, GKE/Azure Workload Identity) instead of a static key.',
  references: ['https://kubernetes.io/docs/concepts/security/secrets-good-practices/'],
  examples: {
    positive: ['apiVersion: v1\nkind: Secret\nmetadata: {name: app}\nstringData:\n  api-key: <<b62:40>>'],
    negative: ['apiVersion: v1\nkind: Secret\nmetadata: {name: app}\ndata:\n  api-key: Y2hhbmdlbWU='],
  },
  contentKinds: undefined,
  tags: ['security', 'secret', 'NHI2'],
};

/** An authorization scheme before the token itself (`Bearer xyz`). */
const SCHEME = /^(?:bearer|basic|token|apikey|api-key)\s+/i;
const REFERENCE = /^[a-z][\w+.-]*:\/\/|^(?:op|vault|arn|secretref|keyvault|env|file|aws-sm|gcp-sm|os\.environ\/|secret):/i;
const PATH_LIKE = /^(?:\/|~|\.\.?\/|[A-Za-z]:\\)|\/[^/]*\.[a-z]{1,5}$/;

/** Structure already says "credential": the value only has to look like one. */
export function looksLikeCredential(value: string): boolean {
  if (value.length < 12 || value.length > 1024 || /\s/.test(value)) return false;
  if (REFERENCE.test(value) || PATH_LIKE.test(value) || value.includes('${') || value.includes('{{')) return false;
  if (!/[A-Za-z]/.test(value) || !/\d/.test(value)) return false;
  if (placeholderVerdict(value).placeholder || isLowVariety(value)) return false;
  return shannonEntropy(value) >= (value.length < 24 ? 3.2 : 3.5);
}

/** OPENAI_API_KEY → openai: a hint for the reader, not a claim about the key's format. */
const GENERIC_WORDS = new Set(['api', 'access', 'auth', 'secret', 'private', 'bearer', 'x', 'client', 'app', 'db', 'my', 'personal']);
function providerHint(name: string): string | undefined {
  const parts = name.replace(/^-+/, '').toLowerCase().split(/[_.-]/);
  if (parts.length < 2 || !/(?:key|token|secret|password)$/.test(parts[parts.length - 1])) return undefined;
  return GENERIC_WORDS.has(parts[0]) || !/^[a-z][a-z0-9]+$/.test(parts[0]) ? undefined : parts[0];
}

function detectCredential(fragment: Fragment): Match[] {
  const ctx = fragment.credentialContext;
  if (!ctx) return [];
  const start = SCHEME.exec(fragment.text)?.[0].length ?? 0;
  const value = fragment.text.slice(start);
  if (!looksLikeCredential(value)) return [];
  const ruleId = fragment.properties?.structure === 'agent-config' ? AGENT_CONFIG_RULE.id : CONFIG_CREDENTIAL_RULE.id;
  const end = fragment.text.length;
  const from = fragment.toFileLine(start);
  const to = fragment.toFileLine(end);
  const hint = providerHint(ctx.name);
  return [{
    ruleId, secret: value, start, end,
    line: from.line, column: from.column, endLine: to.line, endColumn: to.column,
    confidence: 'medium',
    derived: deriveFacts(ruleId, value),
    properties: { credentialName: ctx.name, ...(hint ? { providerHint: hint } : {}) },
  }];
}

registerDetector({
  name: 'agent-structure',
  rules: [AGENT_CONFIG_RULE, CONFIG_CREDENTIAL_RULE],
  applies: (fragment) => fragment.credentialContext !== undefined,
  detect: detectCredential,
});
