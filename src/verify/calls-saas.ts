// Chat, email, payment and work-tool providers: each one's cheapest documented read-only call, as
// data (call-spec.ts). docs/verify.md tables them.
import type { AccessMap } from '../contracts/verification.js';
import { at } from './access-clean.js';
import type { CallSpec } from './call-spec.js';
import type { Judgement } from './judge.js';
import { scopePrivilege } from './privilege.js';

const SLACK_DEAD = new Set(['invalid_auth', 'token_revoked', 'token_expired', 'account_inactive', 'not_authed', 'org_login_required']);

/** auth.test answers HTTP 200 with ok:false and an error code for a refused token. */
function slackRefused(json: unknown): Judgement | undefined {
  if (at(json, 'ok') === true) return undefined;
  // Slack's error codes are short snake_case words; anything else is not echoed.
  const e = at(json, 'error');
  const code = typeof e === 'string' && /^[a-z_]{1,40}$/.test(e) ? e : 'unrecognised error';
  return SLACK_DEAD.has(code) ? { verdict: 'revoked', reason: `auth.test: ${code}` } : { verdict: 'unknown', reason: `auth.test: ${code}` };
}

const slackScopes = scopePrivilege(/^(?:admin(?:\.|$)|client$)/, /:write|^(?:chat:write|files:write|bot$)/);

function slackFacts(f: AccessMap, json: unknown): Partial<AccessMap> {
  return { principal: typeof at(json, 'bot_id') === 'string' ? 'bot' : 'user', ...slackScopes(f) };
}

const sendgridScopes = scopePrivilege(/^(?:api_keys\.|teammates\.(?:create|update|delete)|subusers\.(?:create|delete)|user\.account\.)/, /\.(?:create|update|delete|send)$/);

export const SAAS_CALLS: readonly CallSpec[] = [
  {
    name: 'slack', rules: ['slack-bot-token', 'slack-user-token', 'slack-legacy-token'],
    // App-level tokens (xapp-), refresh tokens (xoxe-) and webhooks are not checked.
    prefix: /^xox[bpa]-/, shape: /^xox[bpa]-/, intervalMs: 250,
    method: 'POST', url: 'https://slack.com/api/auth.test', auth: { bearer: true }, expect: 'ok', refuse: slackRefused,
    access: { identity: 'user', owner: 'team', headers: { scopes: 'x-oauth-scopes' }, derive: slackFacts, derives: ['principal', 'privilege'] },
    docs: 'https://api.slack.com/methods/auth.test',
  },
  {
    name: 'discord', rules: ['discord-bot-token'],
    url: 'https://discord.com/api/v10/users/@me', auth: { header: 'authorization', scheme: 'Bot' }, expect: 'id',
    access: { identity: 'username', derive: (_f, j) => (at(j, 'bot') === true ? { principal: 'bot' } : {}), derives: ['principal'] },
    docs: 'https://discord.com/developers/docs/resources/user#get-current-user',
  },
  {
    name: 'telegram', rules: ['telegram-bot-token'],
    url: 'https://api.telegram.org/bot{key}/getMe', auth: { inUrl: true }, expect: 'result.id', dead: [401, 404],
    access: { identity: 'result.username', derive: (_f, j) => (at(j, 'result.is_bot') === true ? { principal: 'bot' } : {}), derives: ['principal'] },
    docs: 'https://core.telegram.org/bots/api#getme',
  },
  {
    name: 'sendgrid', rules: ['sendgrid-api-key'], prefix: /^SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/,
    url: 'https://api.sendgrid.com/v3/scopes', auth: { bearer: true }, expect: 'scopes', forbiddenIsLive: true,
    access: { scopes: 'scopes', derive: sendgridScopes, derives: ['privilege'] },
    docs: 'https://www.twilio.com/docs/sendgrid/api-reference/api-key-permissions/retrieve-a-list-of-scopes-for-which-this-user-has-access',
  },
  {
    name: 'notion', rules: ['notion-integration-token'], prefix: /^(?:ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})$/,
    url: 'https://api.notion.com/v1/users/me', auth: { bearer: true }, headers: { 'notion-version': '2022-06-28' }, expect: 'id',
    access: { identity: 'name', principal: 'type', owner: 'bot.workspace_name' },
    docs: 'https://developers.notion.com/reference/get-self',
  },
  {
    name: 'postmark', rules: ['postmark-server-token'],
    url: 'https://api.postmarkapp.com/server', auth: { header: 'x-postmark-server-token' }, expect: 'ID',
    access: { identity: 'Name' },
    docs: 'https://postmarkapp.com/developer/api/server-api#get-server',
  },
  {
    name: 'stripe', rules: ['stripe-live-secret-key', 'stripe-live-restricted-key', 'stripe-test-secret-key'], intervalMs: 100,
    prefix: /^(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{20,}$/, shape: /^(?:sk|rk)_(?:live|test)_/,
    // A restricted key (rk_) without balance read access gets 403: it is still a working key.
    url: 'https://api.stripe.com/v1/balance', auth: { bearer: true }, expect: 'object', forbiddenIsLive: true,
    access: { derive: (_f, j) => (typeof at(j, 'livemode') === 'boolean' ? { role: at(j, 'livemode') ? 'live mode' : 'test mode' } : {}), derives: ['role'] },
    docs: 'https://docs.stripe.com/api/balance/balance_retrieve',
  },
  {
    name: 'square', rules: ['square-access-token'],
    url: 'https://connect.squareup.com/v2/locations', auth: { bearer: true }, headers: { 'square-version': '2024-01-18' }, expect: 'locations', forbiddenIsLive: true,
    docs: 'https://developer.squareup.com/reference/square/locations-api/list-locations',
  },
  {
    name: 'airtable', rules: ['airtable-personal-access-token'], prefix: /^pat[A-Za-z0-9]{14}\.[a-f0-9]{64}$/,
    url: 'https://api.airtable.com/v0/meta/whoami', auth: { bearer: true }, expect: 'id',
    access: { identity: 'email', scopes: 'scopes', derive: scopePrivilege(/^(?:workspacesAndBases:manage|enterprise\.)/, /:write$|:manage$/), derives: ['privilege'] },
    docs: 'https://airtable.com/developers/web/api/get-user-id-scopes',
  },
  {
    name: 'figma', rules: ['figma-access-token'], prefix: /^fig[du]_/,
    // Figma answers an invalid token with 403 ("Invalid token").
    url: 'https://api.figma.com/v1/me', auth: { header: 'x-figma-token' }, expect: 'id', dead: [401, 403],
    access: { identity: 'handle' },
    docs: 'https://www.figma.com/developers/api#get-me-endpoint',
  },
  {
    name: 'asana', rules: ['asana-personal-access-token'],
    url: 'https://app.asana.com/api/1.0/users/me', auth: { bearer: true }, expect: 'data.gid',
    access: { identity: 'data.name' },
    docs: 'https://developers.asana.com/reference/getuser',
  },
  {
    name: 'linear', rules: ['linear-api-key'], prefix: /^lin_api_/,
    method: 'POST', url: 'https://api.linear.app/graphql', auth: { header: 'authorization' }, body: '{"query":"{ viewer { id name } }"}', expect: 'data.viewer.id',
    access: { identity: 'data.viewer.name' },
    docs: 'https://linear.app/developers/graphql#authentication',
  },
  {
    name: 'postman', rules: ['postman-api-key'], prefix: /^PMAK-/,
    url: 'https://api.getpostman.com/me', auth: { header: 'x-api-key' }, expect: 'user',
    access: { identity: 'user.username', owner: 'user.teamName' },
    docs: 'https://learning.postman.com/docs/developer/postman-api/authentication/',
  },
  {
    name: 'mapbox', rules: ['mapbox-secret-token'], prefix: /^sk\.eyJ/,
    url: 'https://api.mapbox.com/tokens/v2?access_token={key}', auth: { inUrl: true }, expect: 'code',
    refuse: (j) => (at(j, 'code') === 'TokenValid' ? undefined : { verdict: 'revoked', reason: 'token not valid (tokens/v2)' }),
    access: { identity: 'token.user', principal: 'token.usage' },
    docs: 'https://docs.mapbox.com/api/accounts/tokens/#retrieve-a-token',
  },
];
