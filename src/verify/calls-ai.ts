// Model, inference, agent-tooling and vector-database providers: each one's cheapest documented
// read-only call (list models, whoami, key info), as data (call-spec.ts). docs/verify.md tables them.
import type { AccessMap } from '../contracts/verification.js';
import { at } from './access-clean.js';
import type { CallSpec } from './call-spec.js';
import type { Judgement } from './judge.js';
import { adminKey } from './privilege.js';

const list = 'data';

/** xAI answers for disabled and blocked keys too; they do not work, so they are not live. */
function xaiRefused(json: unknown): Judgement | undefined {
  for (const flag of ['api_key_blocked', 'api_key_disabled', 'team_blocked']) {
    if (at(json, flag) === true) return { verdict: 'revoked', reason: `${flag.replace(/_/g, ' ')}` };
  }
  return undefined;
}

function openRouterFacts(f: AccessMap, json: unknown): Partial<AccessMap> {
  const d = (k: string) => at(json, `data.${k}`);
  const admin = d('is_management_key') === true || d('is_provisioning_key') === true;
  const limit = typeof d('limit') === 'number' ? `limit ${String(d('limit'))} credits` : 'no credit limit';
  const used = typeof d('usage') === 'number' ? `, used ${String(d('usage'))}` : '';
  return {
    role: admin ? 'management key' : d('is_free_tier') === true ? 'free-tier key' : 'inference key',
    limits: `${limit}${used}${typeof d('limit_reset') === 'string' ? ` (resets ${String(d('limit_reset'))})` : ''}`,
    ...(admin ? { privilege: 'admin' as const } : {}),
    ...(f.identity?.startsWith('sk-or-') ? { identity: undefined } : {}),
  };
}

function hfFacts(f: AccessMap): Partial<AccessMap> {
  const role = f.role;
  if (role === 'read') return { privilege: 'read' };
  if (role === 'write') return { privilege: 'write' };
  return {};
}

function stabilityFacts(_f: AccessMap, json: unknown): Partial<AccessMap> {
  const orgs = at(json, 'organizations');
  const first = Array.isArray(orgs) ? orgs.find((o) => at(o, 'is_default') === true) ?? orgs[0] : undefined;
  const role = at(first, 'role');
  const name = at(first, 'name');
  return {
    ...(typeof role === 'string' ? { role, ...(/owner|admin/i.test(role) ? { privilege: 'admin' as const } : {}) } : {}),
    ...(typeof name === 'string' ? { owner: name } : {}),
  };
}

export const AI_CALLS: readonly CallSpec[] = [
  {
    name: 'openai', rules: ['openai-user-key', 'openai-project-key', 'openai-service-account-key'],
    // Admin keys (sk-admin-) are checked by openai-admin below.
    prefix: /^sk-(?!admin-)(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}T3BlbkFJ/, shape: /^sk-(?!admin-)/,
    url: 'https://api.openai.com/v1/models', auth: { bearer: true }, expect: list, forbiddenIsLive: true,
    access: { headers: { owner: 'openai-organization', identity: 'openai-project' } },
    docs: 'https://platform.openai.com/docs/api-reference/models/list',
  },
  {
    name: 'openai-admin', rules: ['openai-admin-key'], prefix: /^sk-admin-[A-Za-z0-9_-]{20,}T3BlbkFJ/,
    url: 'https://api.openai.com/v1/organization', auth: { bearer: true }, expect: 'id',
    access: { identity: 'title', owner: 'id', derive: adminKey, derives: ['principal', 'privilege'] },
    docs: 'https://platform.openai.com/docs/api-reference/admin-api-keys',
  },
  {
    name: 'anthropic', rules: ['anthropic-api-key'], prefix: /^sk-ant-api03-/,
    url: 'https://api.anthropic.com/v1/models', auth: { header: 'x-api-key' }, headers: { 'anthropic-version': '2023-06-01' },
    expect: list, forbiddenIsLive: true, access: { headers: { owner: 'anthropic-organization-id' } },
    docs: 'https://docs.anthropic.com/en/api/models-list',
  },
  {
    name: 'anthropic-admin', rules: ['anthropic-admin-key'], prefix: /^sk-ant-admin01-/,
    url: 'https://api.anthropic.com/v1/organizations/me', auth: { header: 'x-api-key' }, headers: { 'anthropic-version': '2023-06-01' },
    expect: 'id', access: { identity: 'name', owner: 'id', derive: adminKey, derives: ['principal', 'privilege'] },
    docs: 'https://docs.anthropic.com/en/api/admin-api/organization/get-me',
  },
  {
    name: 'huggingface', rules: ['huggingface-access-token', 'huggingface-org-token'], prefix: /^(?:hf_|api_org_)[A-Za-z]{30,}$/,
    url: 'https://huggingface.co/api/whoami-v2', auth: { bearer: true }, expect: 'name',
    access: { identity: 'name', principal: 'type', role: 'auth.accessToken.role', expiresAt: 'auth.accessToken.expiration', derive: hfFacts, derives: ['privilege'] },
    docs: 'https://huggingface.co/docs/hub/api',
  },
  {
    name: 'openrouter', rules: ['openrouter-api-key'], prefix: /^sk-or-v1-[a-f0-9]{64}$/,
    url: 'https://openrouter.ai/api/v1/key', auth: { bearer: true }, expect: 'data',
    access: { identity: 'data.label', expiresAt: 'data.expires_at', derive: openRouterFacts, derives: ['role', 'limits', 'privilege'] },
    docs: 'https://openrouter.ai/docs/api/api-reference/api-keys/get-current-key',
  },
  {
    name: 'groq', rules: ['groq-api-key'], prefix: /^gsk_[A-Za-z0-9]{52}$/,
    url: 'https://api.groq.com/openai/v1/models', auth: { bearer: true }, expect: list,
    docs: 'https://console.groq.com/docs/api-reference#models-list',
  },
  {
    name: 'mistral', rules: ['mistral-api-key'],
    url: 'https://api.mistral.ai/v1/models', auth: { bearer: true }, expect: list,
    docs: 'https://docs.mistral.ai/api/#tag/models/operation/list_models_v1_models_get',
  },
  {
    name: 'deepseek', rules: ['deepseek-api-key'],
    url: 'https://api.deepseek.com/user/balance', auth: { bearer: true }, expect: 'is_available',
    docs: 'https://api-docs.deepseek.com/api/get-user-balance',
  },
  {
    name: 'xai', rules: ['xai-api-key'], prefix: /^xai-[A-Za-z0-9]{80}$/,
    url: 'https://api.x.ai/v1/api-key', auth: { bearer: true }, expect: 'acls', dead: [400, 401], refuse: xaiRefused,
    access: { identity: 'name', owner: 'team_id', scopes: 'acls' },
    docs: 'https://docs.x.ai/docs/api-reference#api-key',
  },
  {
    name: 'together', rules: ['together-api-key', 'together-legacy-api-key'], prefix: /^tgp_v1_/,
    url: 'https://api.together.xyz/v1/models', auth: { bearer: true }, expect: '[]',
    docs: 'https://docs.together.ai/reference/models-1',
  },
  {
    name: 'fireworks', rules: ['fireworks-api-key'], prefix: /^fw_[A-Za-z0-9]{20,64}$/,
    url: 'https://api.fireworks.ai/inference/v1/models', auth: { bearer: true }, expect: list,
    docs: 'https://docs.fireworks.ai/api-reference/list-models',
  },
  {
    name: 'cerebras', rules: ['cerebras-api-key'], prefix: /^csk-[A-Za-z0-9]{48}$/,
    url: 'https://api.cerebras.ai/v1/models', auth: { bearer: true }, expect: list,
    docs: 'https://inference-docs.cerebras.ai/api-reference/models',
  },
  {
    name: 'cohere', rules: ['cohere-api-key'], method: 'POST', body: '{}',
    url: 'https://api.cohere.com/v1/check-api-key', auth: { bearer: true }, expect: 'valid',
    refuse: (j) => (at(j, 'valid') === false ? { verdict: 'revoked', reason: 'check-api-key: valid false' } : undefined),
    access: { owner: 'organization_id', identity: 'owner_id' },
    docs: 'https://docs.cohere.com/reference/checkapikey',
  },
  {
    name: 'replicate', rules: ['replicate-api-token'], prefix: /^r8_[A-Za-z0-9]{37}$/,
    url: 'https://api.replicate.com/v1/account', auth: { bearer: true }, expect: 'username',
    access: { identity: 'username', principal: 'type' },
    docs: 'https://replicate.com/docs/reference/http#account.get',
  },
  {
    name: 'deepgram', rules: ['deepgram-api-key'],
    url: 'https://api.deepgram.com/v1/projects', auth: { header: 'authorization', scheme: 'Token' }, expect: 'projects', forbiddenIsLive: true,
    docs: 'https://developers.deepgram.com/reference/get-projects',
  },
  {
    name: 'google', rules: ['google-api-key'], prefix: /^AIza[0-9A-Za-z_-]{35}$/,
    // A key restricted to other Google APIs gets 403 here: it is still a working key.
    url: 'https://generativelanguage.googleapis.com/v1beta/models', auth: { header: 'x-goog-api-key' }, expect: 'models',
    dead: [400], forbiddenIsLive: true,
    docs: 'https://ai.google.dev/api/models#method:-models.list',
  },
  {
    name: 'stability', rules: ['stability-api-key'],
    url: 'https://api.stability.ai/v1/user/account', auth: { bearer: true }, expect: 'id',
    access: { identity: 'id', derive: stabilityFacts, derives: ['role', 'owner', 'privilege'] },
    docs: 'https://platform.stability.ai/docs/api-reference#tag/User/paths/~1v1~1user~1account/get',
  },
  {
    name: 'tavily', rules: ['tavily-api-key'], prefix: /^tvly-(?:dev-|prod-)?[A-Za-z0-9]{32}$/,
    url: 'https://api.tavily.com/usage', auth: { bearer: true }, expect: 'key',
    access: { role: 'account.current_plan', derive: (_f, j) => (typeof at(j, 'key.usage') === 'number' ? { limits: `used ${String(at(j, 'key.usage'))} of ${String(at(j, 'key.limit') ?? 'no')} limit` } : {}), derives: ['limits'] },
    docs: 'https://docs.tavily.com/documentation/api-reference/endpoint/usage',
  },
  {
    name: 'firecrawl', rules: ['firecrawl-api-key'], prefix: /^fc-[a-f0-9]{32}$/,
    url: 'https://api.firecrawl.dev/v1/team/credit-usage', auth: { bearer: true }, expect: 'data',
    docs: 'https://docs.firecrawl.dev/api-reference/endpoint/credit-usage',
  },
  {
    name: 'apify', rules: ['apify-api-token'], prefix: /^apify_api_[A-Za-z0-9]{36}$/,
    url: 'https://api.apify.com/v2/users/me', auth: { bearer: true }, expect: 'data.id',
    access: { identity: 'data.username', role: 'data.plan.id' },
    docs: 'https://docs.apify.com/api/v2/users-me-get',
  },
  {
    name: 'pinecone', rules: ['pinecone-api-key', 'pinecone-legacy-api-key'], prefix: /^pcsk_/,
    url: 'https://api.pinecone.io/indexes', auth: { header: 'api-key' }, headers: { 'x-pinecone-api-version': '2025-01' }, expect: 'indexes',
    docs: 'https://docs.pinecone.io/reference/api/2025-01/control-plane/list_indexes',
  },
];
