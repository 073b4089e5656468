// Source hosts, package registries, CI and cloud platforms: each one's cheapest documented
// read-only call (whoami, token self-info), as data (call-spec.ts). docs/verify.md tables them.
import type { AccessMap } from '../contracts/verification.js';
import { at } from './access-clean.js';
import type { CallSpec } from './call-spec.js';
import type { Judgement } from './judge.js';
import { scopePrivilege } from './privilege.js';

/** GitLab answers /self for a token that is revoked or inactive in some versions. */
function gitlabRefused(json: unknown): Judgement | undefined {
  if (at(json, 'revoked') === true) return { verdict: 'revoked', reason: 'token revoked (personal_access_tokens/self)' };
  if (at(json, 'active') === false) return { verdict: 'revoked', reason: 'token inactive or expired (personal_access_tokens/self)' };
  return undefined;
}

/** Cloudflare's verify answers 200 for expired and disabled tokens, with their status. */
function cloudflareRefused(json: unknown): Judgement | undefined {
  const status = at(json, 'result.status');
  if (typeof status === 'string' && status !== 'active') return { verdict: 'revoked', reason: `token status ${/^[a-z_]{1,20}$/.test(status) ? status : 'not active'}` };
  return undefined;
}

export const DEV_CALLS: readonly CallSpec[] = [
  {
    name: 'github', rules: ['github-classic-pat', 'github-oauth-token', 'github-user-to-server-token', 'github-installation-token', 'github-fine-grained-pat'],
    // Refresh tokens (ghr_) are not bearer tokens: not checked.
    prefix: /^(?:gh[pous]_|github_pat_)/, shape: /^(?:gh[pous]_|github_pat_)/, intervalMs: 100,
    url: 'https://api.github.com/user', auth: { bearer: true }, headers: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
    expect: 'login', forbiddenIsLive: true,
    access: {
      identity: 'login', principal: 'type',
      // Classic tokens list their scopes here; fine-grained tokens (and classic ones with an
      // expiry) carry their expiry in the second header.
      headers: { scopes: 'x-oauth-scopes', expiresAt: 'github-authentication-token-expiration' },
      derive: scopePrivilege(/^(?:admin:(?:org|enterprise|repo_hook|org_hook|public_key|gpg_key)|delete_repo|site_admin)$/, /^(?:repo|public_repo|workflow|write:|gist|user$|project$|codespace)/),
      derives: ['privilege'],
    },
    docs: 'https://docs.github.com/en/rest/users/users#get-the-authenticated-user',
  },
  {
    name: 'gitlab', rules: ['gitlab-access-token', 'gitlab-access-token-routable'], prefix: /^glpat-/,
    url: 'https://gitlab.com/api/v4/personal_access_tokens/self', auth: { header: 'private-token' }, expect: 'scopes', refuse: gitlabRefused,
    selfHosted: 'by gitlab.com: the token may belong to a self-managed GitLab instance, so it is not called revoked',
    access: {
      identity: 'name', owner: 'user_id', scopes: 'scopes', expiresAt: 'expires_at',
      derive: scopePrivilege(/^(?:sudo|admin_mode)$/, /^(?:api|write_|create_runner|manage_runner|k8s_proxy|ai_features)/), derives: ['privilege'],
    },
    docs: 'https://docs.gitlab.com/api/personal_access_tokens/#get-single-personal-access-token',
  },
  {
    name: 'npm', rules: ['npm-access-token'], prefix: /^npm_[A-Za-z0-9]{36}$/,
    url: 'https://registry.npmjs.org/-/whoami', auth: { bearer: true }, expect: 'username',
    access: { identity: 'username' },
    docs: 'https://github.com/npm/registry/blob/main/docs/user/authentication.md',
  },
  {
    name: 'circleci', rules: ['circleci-personal-token'], prefix: /^CCIPAT_/,
    url: 'https://circleci.com/api/v2/me', auth: { header: 'circle-token' }, expect: 'id',
    access: { identity: 'login' },
    docs: 'https://circleci.com/docs/api/v2/index.html#operation/getCurrentUser',
  },
  {
    name: 'terraform', rules: ['terraform-cloud-token'], prefix: /^[A-Za-z0-9]{14}\.atlasv1\./,
    url: 'https://app.terraform.io/api/v2/account/details', auth: { bearer: true }, headers: { accept: 'application/vnd.api+json' },
    expect: 'data.id', forbiddenIsLive: true, access: { identity: 'data.attributes.username', principal: 'data.type' },
    docs: 'https://developer.hashicorp.com/terraform/cloud-docs/api-docs/account#get-your-account-details',
  },
  {
    name: 'vercel', rules: ['vercel-access-token'],
    // Vercel answers an invalid token with 403 (invalidToken).
    url: 'https://api.vercel.com/v2/user', auth: { bearer: true }, expect: 'user', dead: [401, 403],
    access: { identity: 'user.username' },
    docs: 'https://vercel.com/docs/rest-api/endpoints/user#get-the-user',
  },
  {
    name: 'netlify', rules: ['netlify-access-token', 'netlify-legacy-access-token'], prefix: /^nfp_/,
    url: 'https://api.netlify.com/api/v1/user', auth: { bearer: true }, expect: 'id',
    access: { identity: 'email' },
    docs: 'https://open-api.netlify.com/#tag/user/operation/getCurrentUser',
  },
  {
    name: 'heroku', rules: ['heroku-api-key', 'heroku-legacy-api-key'], prefix: /^HRKU-/,
    url: 'https://api.heroku.com/account', auth: { bearer: true }, headers: { accept: 'application/vnd.heroku+json; version=3' }, expect: 'id',
    access: { identity: 'email' },
    docs: 'https://devcenter.heroku.com/articles/platform-api-reference#account-info',
  },
  {
    name: 'digitalocean', rules: ['digitalocean-personal-access-token', 'digitalocean-oauth-token'], prefix: /^do[op]_v1_[a-f0-9]{64}$/,
    url: 'https://api.digitalocean.com/v2/account', auth: { bearer: true }, expect: 'account',
    access: { identity: 'account.email', owner: 'account.team.name' },
    docs: 'https://docs.digitalocean.com/reference/api/digitalocean/#tag/Account/operation/account_get',
  },
  {
    name: 'cloudflare', rules: ['cloudflare-api-token'],
    url: 'https://api.cloudflare.com/client/v4/user/tokens/verify', auth: { bearer: true }, expect: 'result.status', dead: [400, 401],
    refuse: cloudflareRefused,
    access: { identity: 'result.id', expiresAt: 'result.expires_on', derive: (_f: AccessMap, j: unknown) => (typeof at(j, 'result.not_before') === 'string' ? { limits: `not before ${String(at(j, 'result.not_before'))}` } : {}), derives: ['limits'] },
    docs: 'https://developers.cloudflare.com/api/resources/user/subresources/tokens/methods/verify/',
  },
  {
    name: 'doppler', rules: ['doppler-service-token', 'doppler-account-token'], prefix: /^dp\.(?:st|pt|ct|sa|scim|audit)\./,
    url: 'https://api.doppler.com/v3/me', auth: { bearer: true }, expect: 'type',
    access: { identity: 'name', principal: 'type', owner: 'workplace.name' },
    docs: 'https://docs.doppler.com/reference/auth-me',
  },
  {
    name: 'supabase', rules: ['supabase-personal-access-token'], prefix: /^sbp_[a-f0-9]{40}$/,
    url: 'https://api.supabase.com/v1/projects', auth: { bearer: true }, expect: '[]',
    docs: 'https://supabase.com/docs/reference/api/v1-list-all-projects',
  },
];
