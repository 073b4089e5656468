// What replaces a static key, per provider and per place, and where to revoke it. Data only:
// remediation.ts picks the lines that fit a finding. The advice follows DESIGN.md's direction:
// workload identity and short-lived, task-scoped credentials instead of shared static keys.

/** Where a key was found, coarser than content kinds: the replacement differs by place. */
export type Place = 'ci' | 'agent' | 'notebook' | 'app' | 'test';

export interface Replacement {
  /** Display name of the provider. */
  name: string;
  /** The federated or short-lived replacement in each place; `app` is the fallback. */
  replace: Partial<Record<Place, string>> & { app: string };
  /** Where and how to revoke the exposed key. */
  rotate: string;
}

const LLM_AGENT =
  'give each agent or service its own per-project (or per-service-account) key with the least permissions, fetched at runtime from a secrets manager or a credential broker, never written into the config; admin keys are never handed to agents';

export const REPLACEMENTS: Record<string, Replacement> = {
  aws: {
    name: 'AWS',
    replace: {
      ci: 'GitHub Actions: grant `permissions: id-token: write` and use `aws-actions/configure-aws-credentials` with `role-to-assume` (OIDC federation to an IAM role) instead of access keys; GitLab and others: exchange the CI OIDC ID token with `AssumeRoleWithWebIdentity`',
      agent: 'run the agent or MCP server under an IAM role (ECS task role, EKS Pod Identity/IRSA, instance profile, IAM Roles Anywhere) or an `aws sso login` profile so the SDK gets short-lived STS credentials scoped to the tools it needs',
      notebook: 'use an `aws sso login` profile or the notebook platform\'s execution role (e.g. the SageMaker execution role) instead of keys in cells',
      app: 'use the SDK\'s default credential chain with an IAM role (task role, Pod Identity/IRSA, instance profile) in deployed code and `aws sso login` locally; no IAM user keys',
    },
    rotate: 'IAM console → Users → the key\'s user → Security credentials: deactivate, then delete the access key (`aws iam update-access-key --status Inactive`, `aws iam delete-access-key`); check CloudTrail for its use',
  },
  gcp: {
    name: 'Google Cloud',
    replace: {
      ci: 'GitHub Actions: `google-github-actions/auth` with `workload_identity_provider` and `service_account` (Workload Identity Federation) instead of `credentials_json`',
      agent: 'run the agent with an attached service account or Workload Identity, or impersonate a narrowly scoped service account for short-lived access tokens; no service-account key files',
      notebook: 'use the notebook runtime\'s service account or `gcloud auth application-default login`; no key files in cells',
      app: 'use an attached service account (Cloud Run, GKE Workload Identity) or Workload Identity Federation outside Google Cloud; `gcloud auth application-default login` locally',
    },
    rotate: 'IAM & Admin → Service accounts → the account → Keys: delete the key (`gcloud iam service-accounts keys delete`); consider the org policy `iam.disableServiceAccountKeyCreation`',
  },
  azure: {
    name: 'Azure',
    replace: {
      ci: '`azure/login` with OIDC (`client-id`, `tenant-id`, `subscription-id`, `permissions: id-token: write`) and a federated credential on the app registration, instead of `creds` or a client secret',
      agent: 'run the agent under a managed identity or a workload-identity federated credential, and let `DefaultAzureCredential` fetch short-lived tokens',
      app: 'use a managed identity (`DefaultAzureCredential`) in Azure, or workload identity federation elsewhere; no client secrets in code',
    },
    rotate: 'Microsoft Entra ID → App registrations → the app → Certificates & secrets: delete the client secret (`az ad app credential delete`); review sign-in logs for the service principal',
  },
  github: {
    name: 'GitHub',
    replace: {
      agent: 'a GitHub App installation token (expires in an hour, limited to chosen repositories and permissions) minted at runtime for the agent or MCP server, instead of a personal access token',
      ci: 'the workflow\'s own `GITHUB_TOKEN` with minimal `permissions:`, or `actions/create-github-app-token` for access to other repositories',
      app: 'a GitHub App installation token, or at least a fine-grained PAT limited to the repositories and permissions needed, with an expiry',
    },
    rotate: 'Settings → Developer settings → Personal access tokens: delete the token (or revoke the GitHub App/OAuth token); review the security log for its use',
  },
  gitlab: {
    name: 'GitLab',
    replace: {
      ci: '`CI_JOB_TOKEN` for GitLab APIs and `id_tokens` (OIDC) for cloud providers, instead of a personal or project token',
      app: 'a project or group access token with the least scope and an expiry, kept in a secrets manager',
    },
    rotate: 'User (or project) settings → Access tokens: revoke the token',
  },
  openai: {
    name: 'OpenAI',
    replace: {
      agent: LLM_AGENT,
      ci: 'a separate service-account key of one project per pipeline, stored as an environment-scoped CI secret',
      app: 'a project key (or service-account key) with restricted permissions, fetched at runtime from a secrets manager',
    },
    rotate: 'platform.openai.com → the project → API keys: revoke the key (admin keys: Organization settings → Admin keys)',
  },
  anthropic: {
    name: 'Anthropic',
    replace: {
      agent: `${LLM_AGENT}; or call Claude through Amazon Bedrock or Google Vertex AI with workload identity, with no static key at all`,
      ci: 'a dedicated key per pipeline in a workspace with spend limits, stored as an environment-scoped CI secret',
      app: 'a key of a dedicated workspace, fetched at runtime from a secrets manager; or Claude through Bedrock or Vertex AI with workload identity',
    },
    rotate: 'console.anthropic.com → Settings → API keys: disable, then delete the key (admin keys: Settings → Admin keys)',
  },
  huggingface: {
    name: 'Hugging Face',
    replace: { app: 'a fine-grained token limited to the repositories and permissions needed, fetched at runtime' },
    rotate: 'huggingface.co → Settings → Access Tokens: invalidate the token',
  },
  slack: {
    name: 'Slack',
    replace: { app: 'a Slack app bot token with the least scopes and token rotation enabled, kept in a secrets manager' },
    rotate: 'api.slack.com/apps → the app → OAuth & Permissions: revoke the token (webhooks: remove the webhook URL)',
  },
  stripe: {
    name: 'Stripe',
    replace: { app: 'a restricted key (`rk_`) limited to the resources needed, kept in a secrets manager' },
    rotate: 'Stripe Dashboard → Developers → API keys: roll the key',
  },
  npm: {
    name: 'npm',
    replace: { ci: 'npm trusted publishing (OIDC from the CI provider) instead of an `NPM_TOKEN`', app: 'a granular access token limited to the packages needed, with an expiry' },
    rotate: 'npmjs.com → Access Tokens: delete the token',
  },
  pypi: {
    name: 'PyPI',
    replace: { ci: 'PyPI trusted publishing (OIDC) instead of an API token', app: 'a project-scoped API token' },
    rotate: 'pypi.org → Account settings → API tokens: remove the token',
  },
  database: {
    name: 'the database',
    replace: {
      app: 'short-lived database credentials: IAM database authentication (RDS, Cloud SQL, Entra ID) or dynamic credentials from a secrets manager such as Vault\'s database engine, per service',
      ci: 'a per-pipeline database user with dynamic credentials issued for the job (Vault, cloud IAM auth), never the application\'s password',
    },
    rotate: 'change the user\'s password (`ALTER USER … PASSWORD …`) or drop the user, and restrict network access to the host',
  },
};

/** Rule `provider` names that mean the same entry. */
const ALIASES: Record<string, string> = {
  google: 'gcp', 'google-cloud': 'gcp', gcloud: 'gcp', microsoft: 'azure', entra: 'azure', 'azure-ad': 'azure',
  'github-app': 'github', hf: 'huggingface', 'hugging-face': 'huggingface', postgres: 'database', postgresql: 'database',
  mysql: 'database', mariadb: 'database', mongodb: 'database', mongo: 'database', redis: 'database', mssql: 'database',
};

export const FALLBACK: Replacement = {
  name: 'the provider',
  replace: {
    ci: 'the CI provider\'s OIDC federation where the service supports it; otherwise a per-pipeline key kept as an environment-scoped CI secret',
    agent: 'a per-agent key with the least permissions, fetched at runtime from a secrets manager or a credential broker, never written into the config',
    app: 'the provider\'s workload identity or short-lived tokens where offered; otherwise a per-service key fetched at runtime from a secrets manager (Vault, AWS Secrets Manager, GCP Secret Manager, Azure Key Vault)',
  },
  rotate: 'revoke the key in the provider\'s console, then issue a new one only to the one workload that needs it',
};

export function replacementFor(provider: string, category?: string): Replacement {
  const p = provider.toLowerCase();
  const key = ALIASES[p] ?? (p.startsWith('azure') ? 'azure' : p);
  return REPLACEMENTS[key] ?? (category === 'database' ? REPLACEMENTS.database : FALLBACK);
}
