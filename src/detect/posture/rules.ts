// Metadata of the CI posture rules (DESIGN.md §3): static credentials used where federation
// is available. There is no value to report, so each rule carries the federated replacement in
// its remediation, an OWASP NHI tag, and workflow snippets proving it fires and stays quiet.
import type { Rule } from '../../types.js';

type PostureSpec = Pick<Rule, 'id' | 'name' | 'description' | 'remediation' | 'references' | 'examples' | 'privilege' | 'scope' | 'tags'>;

function postureRule(spec: PostureSpec): Rule {
  return {
    provider: 'ci', category: 'posture', keywords: [], regex: '', secretGroup: 0, validate: 'none',
    onInvalid: 'drop', lifetime: 'long-lived', confidence: 'high', contentKinds: ['ci-config'],
    ...spec,
    tags: ['security', 'posture', 'ci', ...(spec.tags ?? [])],
  };
}

const GH = 'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments';

export const AWS_STATIC_KEYS = postureRule({
  id: 'ci/aws-static-keys',
  name: 'Static AWS keys in a GitHub Actions workflow',
  description: 'A job passes a long-lived IAM user key to aws-actions/configure-aws-credentials, or exports AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, where GitHub OIDC federation would issue short-lived credentials.',
  remediation: 'Create an IAM role trusting token.actions.githubusercontent.com (scoped to this repository and branch or environment), give the job `permissions: id-token: write`, pass `role-to-assume: <role ARN>` to aws-actions/configure-aws-credentials, then delete the IAM user key and its repository secrets.',
  references: [`${GH}/configuring-openid-connect-in-amazon-web-services`],
  privilege: 'admin', scope: 'account', tags: ['cloud', 'NHI6', 'NHI7'],
  examples: {
    positive: ['on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}\n          aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n          aws-region: us-east-1\n'],
    negative: ['on: push\npermissions:\n  id-token: write\n  contents: read\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: arn:aws:iam::123456789012:role/deploy\n          aws-region: us-east-1\n'],
  },
});

export const GCP_STATIC_KEY = postureRule({
  id: 'ci/gcp-static-key',
  name: 'GCP service account key in a GitHub Actions workflow',
  description: 'A job authenticates to Google Cloud with a service account JSON key from a secret (`credentials_json`, `service_account_key`, GOOGLE_APPLICATION_CREDENTIALS) instead of Workload Identity Federation.',
  remediation: 'Set up a Workload Identity Pool and provider for GitHub (restricted to this repository), give the job `permissions: id-token: write`, pass `workload_identity_provider` (and optionally `service_account`) to google-github-actions/auth, then delete the service account key.',
  references: ['https://github.com/google-github-actions/auth#preferred-direct-workload-identity-federation'],
  privilege: 'admin', scope: 'project', tags: ['cloud', 'NHI6', 'NHI7'],
  examples: {
    positive: ["on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: google-github-actions/auth@v2\n        with:\n          credentials_json: '${{ secrets.GCP_SA_KEY }}'\n"],
    negative: ["on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - uses: google-github-actions/auth@v2\n        with:\n          workload_identity_provider: 'projects/1/locations/global/workloadIdentityPools/gh/providers/gh'\n"],
  },
});

export const AZURE_STATIC_CREDS = postureRule({
  id: 'ci/azure-static-creds',
  name: 'Azure client secret or publish profile in a GitHub Actions workflow',
  description: 'A job signs in to Azure with a service principal secret (`azure/login` `creds:`, AZURE_CLIENT_SECRET/ARM_CLIENT_SECRET) or deploys with a publish profile, where OIDC federated credentials would do.',
  remediation: 'Add a federated credential for this repository to the app registration or user-assigned managed identity, give the job `permissions: id-token: write`, pass `client-id`, `tenant-id` and `subscription-id` to azure/login (no `creds`), deploy after that login instead of with a publish profile, then delete the client secret.',
  references: ['https://learn.microsoft.com/en-us/azure/developer/github/connect-from-azure-openid-connect'],
  privilege: 'admin', scope: 'account', tags: ['cloud', 'NHI6', 'NHI7'],
  examples: {
    positive: ['on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: azure/login@v2\n        with:\n          creds: ${{ secrets.AZURE_CREDENTIALS }}\n'],
    negative: ['on: push\npermissions:\n  id-token: write\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: azure/login@v2\n        with:\n          client-id: ${{ secrets.AZURE_CLIENT_ID }}\n          tenant-id: ${{ secrets.AZURE_TENANT_ID }}\n          subscription-id: ${{ secrets.AZURE_SUBSCRIPTION_ID }}\n'],
  },
});

export const LLM_KEY_WORKFLOW_ENV = postureRule({
  id: 'ci/llm-key-workflow-env',
  name: 'LLM or agent provider key exposed to every job',
  description: 'A workflow-level `env:` hands an LLM or agent-platform key to every step of every job, third-party actions included, rather than to the one step that calls the model.',
  remediation: 'Move the variable to the `env:` of the single step that calls the provider (or to a job gated by an `environment:` with required reviewers); better, replace the static key with short-lived credentials: a provider reached through your cloud (Bedrock, Vertex AI, Azure OpenAI) accepts the job\'s OIDC identity, and an internal gateway can mint per-run tokens.',
  references: [`${GH}/using-secrets-in-github-actions`],
  privilege: 'write', scope: 'project', tags: ['llm', 'NHI3', 'NHI5'],
  examples: {
    positive: ['on: push\nenv:\n  OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n'],
    negative: ['on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n      - run: npm run eval\n        env:\n          OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}\n'],
  },
});

/** Distinct (workflow, job) places a secret name needs before it counts as shared. */
export const SHARED_SECRET_MIN_PLACES = 3;

export const SHARED_SECRET = postureRule({
  id: 'ci/shared-secret',
  name: 'Cloud key kept as a CI secret and read by many jobs',
  description: `A stored AWS, Google Cloud or Azure credential (a CI secret, not a leaked value) is read by ${SHARED_SECRET_MIN_PLACES} or more jobs of one repository that do not federate: one long-lived cloud key serves them all, where each job could get its own short-lived credentials from the CI's OIDC identity.`,
  remediation: 'Let each job federate instead of reading the stored key: give it `permissions: id-token: write` and use `role-to-assume` (AWS), `workload_identity_provider` (Google Cloud) or azure/login with `client-id` (Azure), one role per job with only what that job needs; then delete the stored key.',
  references: [`${GH}/about-security-hardening-with-openid-connect`],
  privilege: 'unknown', scope: 'account', tags: ['cloud', 'NHI6', 'NHI9'],
  examples: {
    positive: ['on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: [{run: deploy, env: {KEY: "${{ secrets.AWS_SECRET_ACCESS_KEY }}"}}]\n  b:\n    runs-on: ubuntu-latest\n    steps: [{run: deploy, env: {KEY: "${{ secrets.AWS_SECRET_ACCESS_KEY }}"}}]\n  c:\n    runs-on: ubuntu-latest\n    steps: [{run: deploy, env: {KEY: "${{ secrets.AWS_SECRET_ACCESS_KEY }}"}}]\n'],
    negative: ['on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: [{run: deploy, env: {TOKEN: "${{ secrets.DEPLOY_TOKEN }}"}}]\n  b:\n    runs-on: ubuntu-latest\n    steps: [{run: deploy, env: {TOKEN: "${{ secrets.DEPLOY_TOKEN }}"}}]\n  c:\n    runs-on: ubuntu-latest\n    steps: [{run: deploy, env: {TOKEN: "${{ secrets.DEPLOY_TOKEN }}"}}]\n'],
  },
});

export const PR_TARGET_SECRETS = postureRule({
  id: 'ci/pr-target-secrets',
  name: 'Secrets reachable from untrusted pull request code',
  description: 'A `pull_request_target` or `workflow_run` job checks out the pull request\'s code and can read secrets: anyone who opens a pull request can run code that exfiltrates them ("pwn request").',
  remediation: 'Run untrusted code under `pull_request` (no secrets, read-only token) and pass results to a separate privileged workflow as artifacts; if the privileged job must exist, never check out the PR head in it, or gate it behind an `environment:` with required reviewers; keep `permissions:` minimal and prefer OIDC-federated, short-lived credentials over stored secrets.',
  references: ['https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/'],
  privilege: 'admin', scope: 'account', tags: ['NHI2', 'NHI3'],
  examples: {
    positive: ['on: pull_request_target\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n      - run: npm test\n        env:\n          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n'],
    negative: ['on: pull_request\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n      - run: npm test\n        env:\n          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n'],
  },
});

export const GITLAB_STATIC_CLOUD_KEYS = postureRule({
  id: 'ci/gitlab-static-cloud-keys',
  name: 'Static cloud keys in GitLab CI variables',
  description: 'A GitLab CI job (or the global `variables:`) sets static cloud credentials (AWS_SECRET_ACCESS_KEY, a GCP key file, an Azure client secret) or configures them in its script, where GitLab `id_tokens` OIDC would issue short-lived credentials.',
  remediation: 'Declare `id_tokens:` (e.g. `AWS_ID_TOKEN: {aud: sts.amazonaws.com}`) in the job and exchange the token for short-lived credentials (`aws sts assume-role-with-web-identity`, GCP Workload Identity Federation, Azure federated credentials); then remove the static key variables from the project.',
  references: ['https://docs.gitlab.com/ci/cloud_services/'],
  privilege: 'admin', scope: 'account', tags: ['cloud', 'NHI6', 'NHI7'],
  examples: {
    positive: ['deploy:\n  variables:\n    AWS_ACCESS_KEY_ID: $PROD_AWS_KEY_ID\n    AWS_SECRET_ACCESS_KEY: $PROD_AWS_SECRET\n  script:\n    - aws s3 sync dist s3://bucket\n'],
    negative: ['deploy:\n  id_tokens:\n    AWS_ID_TOKEN:\n      aud: sts.amazonaws.com\n  script:\n    - aws sts assume-role-with-web-identity --role-arn "$ROLE_ARN" --role-session-name ci --web-identity-token "$AWS_ID_TOKEN"\n'],
  },
});

export const CIRCLECI_STATIC_CLOUD_KEYS = postureRule({
  id: 'ci/circleci-static-cloud-keys',
  name: 'Static cloud keys in a CircleCI config',
  description: 'A CircleCI job, executor or orb step uses static cloud credentials (AWS access keys, a GCP service key) where CircleCI OIDC ($CIRCLE_OIDC_TOKEN) would issue short-lived credentials.',
  remediation: 'Use CircleCI OIDC: pass `role_arn` to the aws-cli orb\'s setup (it assumes the role with $CIRCLE_OIDC_TOKEN_V2), or `use_oidc: true` with the gcp-cli orb; restrict the cloud trust policy to your organisation and project ids, then delete the static keys from contexts and project settings.',
  references: ['https://circleci.com/docs/openid-connect-tokens/'],
  privilege: 'admin', scope: 'account', tags: ['cloud', 'NHI6', 'NHI7'],
  examples: {
    positive: ['version: 2.1\norbs:\n  aws-cli: circleci/aws-cli@4.1\njobs:\n  deploy:\n    docker: [{image: cimg/base:current}]\n    steps:\n      - aws-cli/setup:\n          aws_access_key_id: AWS_ACCESS_KEY_ID\n          aws_secret_access_key: AWS_SECRET_ACCESS_KEY\n'],
    negative: ['version: 2.1\norbs:\n  aws-cli: circleci/aws-cli@4.1\njobs:\n  deploy:\n    docker: [{image: cimg/base:current}]\n    steps:\n      - aws-cli/setup:\n          role_arn: arn:aws:iam::123456789012:role/deploy\n'],
  },
});

export const POSTURE_RULES: Rule[] = [
  AWS_STATIC_KEYS, GCP_STATIC_KEY, AZURE_STATIC_CREDS, LLM_KEY_WORKFLOW_ENV, SHARED_SECRET,
  PR_TARGET_SECRETS, GITLAB_STATIC_CLOUD_KEYS, CIRCLECI_STATIC_CLOUD_KEYS,
];

/** The file each rule's examples are written as (they are read as that CI system's config). */
export function examplePath(rule: Rule): string {
  if (rule.id.startsWith('ci/gitlab')) return '.gitlab-ci.yml';
  if (rule.id.startsWith('ci/circleci')) return '.circleci/config.yml';
  return '.github/workflows/example.yml';
}
