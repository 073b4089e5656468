// The ids of the CI posture rules (DESIGN.md §3): static credentials used where federation is
// available. Their metadata (name, remediation with the federated replacement, OWASP NHI tags,
// workflow examples) is data in rules/ci-posture.yaml, joined to these ids.
export const AWS_STATIC_KEYS = 'ci/aws-static-keys';
export const GCP_STATIC_KEY = 'ci/gcp-static-key';
export const AZURE_STATIC_CREDS = 'ci/azure-static-creds';
export const LLM_KEY_WORKFLOW_ENV = 'ci/llm-key-workflow-env';
export const SHARED_SECRET = 'ci/shared-secret';
export const PR_TARGET_SECRETS = 'ci/pr-target-secrets';
export const GITLAB_STATIC_CLOUD_KEYS = 'ci/gitlab-static-cloud-keys';
export const CIRCLECI_STATIC_CLOUD_KEYS = 'ci/circleci-static-cloud-keys';

export const POSTURE_RULE_IDS: readonly string[] = [
  AWS_STATIC_KEYS, GCP_STATIC_KEY, AZURE_STATIC_CREDS, LLM_KEY_WORKFLOW_ENV, SHARED_SECRET,
  PR_TARGET_SECRETS, GITLAB_STATIC_CLOUD_KEYS, CIRCLECI_STATIC_CLOUD_KEYS,
];

/** Distinct (workflow, job) places a secret name needs before it counts as shared (ci/shared-secret's description says so). */
export const SHARED_SECRET_MIN_PLACES = 3;
