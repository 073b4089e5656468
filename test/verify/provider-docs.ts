// What each provider's documentation says about its check call, written out independently of
// src/verify so the tests compare the code against the docs: the request (method, path, where
// the key goes, required headers), a live answer, a refused answer, and the access-map facts a
// live answer must produce. Bodies follow each provider's documented examples (ids shortened).

export type KeyAt = { header: string; prefix?: string } | { path: true } | { query: string };

export interface ProviderDoc {
  method: 'GET' | 'POST';
  /** The documented path (for a key in the path: with {key}). */
  path: string;
  key: KeyAt;
  /** Headers the docs require besides the key. */
  headers?: Record<string, string>;
  live: { body: unknown; headers?: Record<string, string> };
  revoked: { status: number; body: unknown };
  /** Facts the access map must hold for the live answer. */
  access?: Record<string, unknown>;
}

const bearer: KeyAt = { header: 'authorization', prefix: 'Bearer ' };
const unauthorized = { status: 401, body: { error: { message: 'Invalid API key' } } };
const models = { body: { object: 'list', data: [{ id: 'model-a', object: 'model' }] } };

export const DOCS: Record<string, ProviderDoc> = {
  openai: {
    method: 'GET', path: '/v1/models', key: bearer,
    live: { ...models, headers: { 'openai-organization': 'org-acme' } },
    revoked: unauthorized, access: { owner: 'org-acme' },
  },
  'openai-admin': {
    method: 'GET', path: '/v1/organization', key: bearer,
    live: { body: { id: 'org-abc', object: 'organization', name: 'acme', title: 'Acme Inc', personal: false } },
    revoked: unauthorized, access: { identity: 'Acme Inc', owner: 'org-abc', principal: 'admin key', privilege: 'admin' },
  },
  anthropic: {
    method: 'GET', path: '/v1/models', key: { header: 'x-api-key' }, headers: { 'anthropic-version': '2023-06-01' },
    live: { body: { data: [{ id: 'claude-sonnet-4', type: 'model' }], has_more: false }, headers: { 'anthropic-organization-id': 'org-uuid-1' } },
    revoked: { status: 401, body: { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } } },
    access: { owner: 'org-uuid-1' },
  },
  'anthropic-admin': {
    method: 'GET', path: '/v1/organizations/me', key: { header: 'x-api-key' }, headers: { 'anthropic-version': '2023-06-01' },
    live: { body: { id: '12345678-1234-5678-1234-567812345678', name: 'Organization Name', type: 'organization' } },
    revoked: { status: 401, body: { type: 'error', error: { type: 'authentication_error' } } },
    access: { identity: 'Organization Name', principal: 'admin key', privilege: 'admin' },
  },
  huggingface: {
    method: 'GET', path: '/api/whoami-v2', key: bearer,
    live: { body: { type: 'user', name: 'someone', auth: { type: 'access_token', accessToken: { displayName: 'ci', role: 'write', expiration: '2030-01-01T00:00:00.000Z' } } } },
    revoked: { status: 401, body: { error: 'Invalid credentials in Authorization header' } },
    access: { identity: 'someone', principal: 'user', role: 'write', privilege: 'write', expiresAt: '2030-01-01T00:00:00.000Z' },
  },
  openrouter: {
    method: 'GET', path: '/api/v1/key', key: bearer,
    live: { body: { data: { label: 'Production key', limit: 100, usage: 25.5, limit_reset: 'monthly', is_free_tier: false, is_management_key: false, is_provisioning_key: false, expires_at: '2027-12-31T23:59:59Z' } } },
    revoked: unauthorized,
    access: { identity: 'Production key', role: 'inference key', limits: 'limit 100 credits, used 25.5 (resets monthly)', expiresAt: '2027-12-31T23:59:59.000Z' },
  },
  groq: { method: 'GET', path: '/openai/v1/models', key: bearer, live: models, revoked: unauthorized },
  mistral: { method: 'GET', path: '/v1/models', key: bearer, live: models, revoked: unauthorized },
  deepseek: {
    method: 'GET', path: '/user/balance', key: bearer,
    live: { body: { is_available: true, balance_infos: [{ currency: 'USD', total_balance: '10.00' }] } }, revoked: unauthorized,
  },
  xai: {
    method: 'GET', path: '/v1/api-key', key: bearer,
    live: { body: { redacted_api_key: 'xai-...b14o', user_id: 'u-1', name: 'My API Key', team_id: 'team-1', acls: ['api-key:model:*', 'api-key:endpoint:*'], api_key_id: 'k-1', team_blocked: false, api_key_blocked: false, api_key_disabled: false } },
    revoked: { status: 400, body: { error: 'Incorrect API key provided' } },
    access: { identity: 'My API Key', owner: 'team-1', scopes: ['api-key:endpoint:*', 'api-key:model:*'] },
  },
  together: { method: 'GET', path: '/v1/models', key: bearer, live: { body: [{ id: 'meta-llama/x', object: 'model' }] }, revoked: unauthorized },
  fireworks: { method: 'GET', path: '/inference/v1/models', key: bearer, live: models, revoked: unauthorized },
  cerebras: { method: 'GET', path: '/v1/models', key: bearer, live: models, revoked: unauthorized },
  cohere: {
    method: 'POST', path: '/v1/check-api-key', key: bearer,
    live: { body: { valid: true, organization_id: 'org-9', owner_id: 'owner-3' } }, revoked: unauthorized,
    access: { owner: 'org-9', identity: 'owner-3' },
  },
  replicate: {
    method: 'GET', path: '/v1/account', key: bearer,
    live: { body: { type: 'organization', username: 'acme', name: 'Acme', github_url: null } }, revoked: unauthorized,
    access: { identity: 'acme', principal: 'organization' },
  },
  deepgram: {
    method: 'GET', path: '/v1/projects', key: { header: 'authorization', prefix: 'Token ' },
    live: { body: { projects: [{ project_id: 'p-1', name: 'main' }] } }, revoked: unauthorized,
  },
  google: {
    method: 'GET', path: '/v1beta/models', key: { header: 'x-goog-api-key' },
    live: { body: { models: [{ name: 'models/gemini-2.0-flash' }] } },
    revoked: { status: 400, body: { error: { code: 400, status: 'INVALID_ARGUMENT', details: [{ reason: 'API_KEY_INVALID' }] } } },
  },
  stability: {
    method: 'GET', path: '/v1/user/account', key: bearer,
    live: { body: { id: 'user-1', email: 'a@example.com', organizations: [{ id: 'org-1', name: 'Acme', role: 'MEMBER', is_default: true }] } },
    revoked: unauthorized, access: { identity: 'user-1', role: 'MEMBER', owner: 'Acme' },
  },
  tavily: {
    method: 'GET', path: '/usage', key: bearer,
    live: { body: { key: { usage: 150, limit: 1000 }, account: { current_plan: 'Bootstrap', plan_usage: 500, plan_limit: 15000 } } },
    revoked: unauthorized, access: { role: 'Bootstrap', limits: 'used 150 of 1000 limit' },
  },
  firecrawl: { method: 'GET', path: '/v1/team/credit-usage', key: bearer, live: { body: { success: true, data: { remaining_credits: 1000 } } }, revoked: unauthorized },
  apify: {
    method: 'GET', path: '/v2/users/me', key: bearer,
    live: { body: { data: { id: 'u1', username: 'acme-bot', plan: { id: 'FREE' } } } }, revoked: unauthorized,
    access: { identity: 'acme-bot', role: 'FREE' },
  },
  pinecone: {
    method: 'GET', path: '/indexes', key: { header: 'api-key' }, headers: { 'x-pinecone-api-version': '2025-01' },
    live: { body: { indexes: [] } }, revoked: unauthorized,
  },
  github: {
    method: 'GET', path: '/user', key: bearer, headers: { 'x-github-api-version': '2022-11-28' },
    live: { body: { login: 'octocat', id: 1, type: 'User' }, headers: { 'x-oauth-scopes': 'repo, admin:org, read:user', 'github-authentication-token-expiration': '2030-05-15 12:00:00 UTC' } },
    revoked: { status: 401, body: { message: 'Bad credentials' } },
    access: { identity: 'octocat', principal: 'User', scopes: ['admin:org', 'read:user', 'repo'], privilege: 'admin', expiresAt: '2030-05-15T12:00:00.000Z' },
  },
  gitlab: {
    method: 'GET', path: '/api/v4/personal_access_tokens/self', key: { header: 'private-token' },
    live: { body: { id: 4, name: 'Test Token', revoked: false, created_at: '2020-07-23T14:31:47.729Z', scopes: ['api'], user_id: 24, active: true, expires_at: '2031-01-01' } },
    revoked: { status: 401, body: { message: '401 Unauthorized' } },
    access: { identity: 'Test Token', owner: '24', scopes: ['api'], privilege: 'write', expiresAt: '2031-01-01T00:00:00.000Z' },
  },
  npm: {
    method: 'GET', path: '/-/whoami', key: bearer,
    live: { body: { username: 'publisher' } }, revoked: unauthorized, access: { identity: 'publisher' },
  },
  circleci: {
    method: 'GET', path: '/api/v2/me', key: { header: 'circle-token' },
    live: { body: { id: 'u-1', login: 'builder', name: 'Builder' } }, revoked: unauthorized, access: { identity: 'builder' },
  },
  terraform: {
    method: 'GET', path: '/api/v2/account/details', key: bearer,
    live: { body: { data: { id: 'user-1', type: 'users', attributes: { username: 'ops' } } } }, revoked: unauthorized,
    access: { identity: 'ops', principal: 'users' },
  },
  vercel: {
    method: 'GET', path: '/v2/user', key: bearer,
    live: { body: { user: { id: 'u1', username: 'deployer' } } },
    revoked: { status: 403, body: { error: { code: 'forbidden', message: 'Not authorized', invalidToken: true } } },
    access: { identity: 'deployer' },
  },
  netlify: {
    method: 'GET', path: '/api/v1/user', key: bearer,
    live: { body: { id: 'u1', email: 'site@example.com', full_name: 'Site' } }, revoked: unauthorized, access: { identity: 'site@example.com' },
  },
  heroku: {
    method: 'GET', path: '/account', key: bearer, headers: { accept: 'application/vnd.heroku+json; version=3' },
    live: { body: { id: 'u1', email: 'app@example.com' } }, revoked: unauthorized, access: { identity: 'app@example.com' },
  },
  digitalocean: {
    method: 'GET', path: '/v2/account', key: bearer,
    live: { body: { account: { email: 'ops@example.com', uuid: 'u1', status: 'active', team: { uuid: 't1', name: 'Ops team' } } } },
    revoked: { status: 401, body: { id: 'unauthorized', message: 'Unable to authenticate you.' } },
    access: { identity: 'ops@example.com', owner: 'Ops team' },
  },
  cloudflare: {
    method: 'GET', path: '/client/v4/user/tokens/verify', key: bearer,
    live: { body: { success: true, errors: [], messages: [], result: { id: 'tok-1', status: 'active', expires_on: '2029-01-01T00:00:00Z' } } },
    revoked: { status: 401, body: { success: false, errors: [{ code: 1000, message: 'Invalid API Token' }] } },
    access: { identity: 'tok-1', expiresAt: '2029-01-01T00:00:00.000Z' },
  },
  doppler: {
    method: 'GET', path: '/v3/me', key: bearer,
    live: { body: { workplace: { slug: 'acme', name: 'Acme' }, type: 'service_token', name: 'ci-token', slug: 's1' } }, revoked: unauthorized,
    access: { identity: 'ci-token', principal: 'service_token', owner: 'Acme' },
  },
  supabase: { method: 'GET', path: '/v1/projects', key: bearer, live: { body: [{ id: 'p1', name: 'db' }] }, revoked: unauthorized },
  slack: {
    method: 'POST', path: '/api/auth.test', key: bearer,
    live: { body: { ok: true, url: 'https://acme.slack.com/', team: 'Acme', user: 'deploybot', team_id: 'T1', user_id: 'U1', bot_id: 'B1' }, headers: { 'x-oauth-scopes': 'chat:write,channels:read' } },
    revoked: { status: 200, body: { ok: false, error: 'invalid_auth' } },
    access: { identity: 'deploybot', owner: 'Acme', principal: 'bot', scopes: ['channels:read', 'chat:write'], privilege: 'write' },
  },
  discord: {
    method: 'GET', path: '/api/v10/users/@me', key: { header: 'authorization', prefix: 'Bot ' },
    live: { body: { id: '80351110224678912', username: 'helper', bot: true } }, revoked: { status: 401, body: { message: '401: Unauthorized', code: 0 } },
    access: { identity: 'helper', principal: 'bot' },
  },
  telegram: {
    method: 'GET', path: '/bot{key}/getMe', key: { path: true },
    live: { body: { ok: true, result: { id: 123, is_bot: true, first_name: 'Helper', username: 'helper_bot' } } },
    revoked: { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } },
    access: { identity: 'helper_bot', principal: 'bot' },
  },
  sendgrid: {
    method: 'GET', path: '/v3/scopes', key: bearer,
    live: { body: { scopes: ['mail.send', 'alerts.read'] } }, revoked: { status: 401, body: { errors: [{ field: null, message: 'authorization required' }] } },
    access: { scopes: ['alerts.read', 'mail.send'], privilege: 'write' },
  },
  notion: {
    method: 'GET', path: '/v1/users/me', key: bearer, headers: { 'notion-version': '2022-06-28' },
    live: { body: { object: 'user', id: 'u1', name: 'Docs sync', type: 'bot', bot: { owner: { type: 'workspace', workspace: true }, workspace_name: 'Acme HQ' } } },
    revoked: { status: 401, body: { object: 'error', status: 401, code: 'unauthorized' } },
    access: { identity: 'Docs sync', principal: 'bot', owner: 'Acme HQ' },
  },
  postmark: {
    method: 'GET', path: '/server', key: { header: 'x-postmark-server-token' },
    live: { body: { ID: 1, Name: 'Transactional' } }, revoked: { status: 401, body: { ErrorCode: 10, Message: 'Bad or missing Server API token' } },
    access: { identity: 'Transactional' },
  },
  stripe: {
    method: 'GET', path: '/v1/balance', key: bearer,
    live: { body: { object: 'balance', livemode: true, available: [] } }, revoked: unauthorized, access: { role: 'live mode' },
  },
  square: {
    method: 'GET', path: '/v2/locations', key: bearer,
    live: { body: { locations: [{ id: 'L1' }] } }, revoked: { status: 401, body: { errors: [{ category: 'AUTHENTICATION_ERROR' }] } },
  },
  airtable: {
    method: 'GET', path: '/v0/meta/whoami', key: bearer,
    live: { body: { id: 'usrX', email: 'data@example.com', scopes: ['data.records:read', 'data.records:write'] } }, revoked: unauthorized,
    access: { identity: 'data@example.com', scopes: ['data.records:read', 'data.records:write'], privilege: 'write' },
  },
  figma: {
    method: 'GET', path: '/v1/me', key: { header: 'x-figma-token' },
    live: { body: { id: '1', email: 'd@example.com', handle: 'designer' } }, revoked: { status: 403, body: { status: 403, err: 'Invalid token' } },
    access: { identity: 'designer' },
  },
  asana: {
    method: 'GET', path: '/api/1.0/users/me', key: bearer,
    live: { body: { data: { gid: '1', name: 'PM bot', email: 'pm@example.com' } } }, revoked: unauthorized, access: { identity: 'PM bot' },
  },
  linear: {
    method: 'POST', path: '/graphql', key: { header: 'authorization' },
    live: { body: { data: { viewer: { id: 'v1', name: 'Triage' } } } }, revoked: unauthorized, access: { identity: 'Triage' },
  },
  postman: {
    method: 'GET', path: '/me', key: { header: 'x-api-key' },
    live: { body: { user: { id: 1, username: 'apitester', teamName: 'QA' } } }, revoked: unauthorized,
    access: { identity: 'apitester', owner: 'QA' },
  },
  mapbox: {
    method: 'GET', path: '/tokens/v2', key: { query: 'access_token' },
    live: { body: { code: 'TokenValid', token: { usage: 'sk', user: 'mapper', authorization: 'a1' } } },
    revoked: { status: 401, body: { code: 'TokenInvalid' } }, access: { identity: 'mapper', principal: 'sk' },
  },
};
