// Structured detector: a value stored under a credential-named key in an agent config (an MCP
// server's env or headers, an OAI_CONFIG_LIST or litellm `api_key`, a `--api-key` argument) or
// in a Kubernetes Secret is reported even without a provider prefix, when it looks like a
// credential (one token, letters and digits, random enough, not a placeholder, path or
// reference). Provider rules still win where they also match: this rule is 'generic'.
import { isLowVariety, placeholderVerdict } from './placeholders.js';
import type { Fragment } from '../contracts/fragment.js';
import type { Match } from '../contracts/match.js';
import { deriveFacts } from './derive.js';
import { shannonEntropy } from './entropy.js';
import type { StructuredDetector } from './structured.js';

/** Rule ids (their metadata: rules/agent-structure.yaml). */
export const AGENT_CONFIG_RULE_ID = 'agent-config-credential';
export const CONFIG_CREDENTIAL_RULE_ID = 'config-credential';

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
  const ruleId = fragment.place?.structure === 'agent-config' ? AGENT_CONFIG_RULE_ID : CONFIG_CREDENTIAL_RULE_ID;
  const end = fragment.text.length;
  const from = fragment.toFileLine(start);
  const to = fragment.toFileLine(end);
  const hint = providerHint(ctx.name);
  return [{
    ruleId, secret: value, start, end,
    line: from.line, column: from.column, endLine: to.line, endColumn: to.column,
    confidence: 'medium',
    derived: deriveFacts(ruleId, value),
    facts: { credentialName: ctx.name, ...(hint ? { providerHint: hint } : {}) },
  }];
}

export const agentStructureDetector: StructuredDetector = {
  name: 'agent-structure',
  ruleIds: [AGENT_CONFIG_RULE_ID, CONFIG_CREDENTIAL_RULE_ID],
  generic: true,
  applies: (fragment) => fragment.credentialContext !== undefined,
  detect: detectCredential,
};
