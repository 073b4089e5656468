// ci/shared-secret: a cloud credential stored as a repository secret and read by many jobs.
// It is advice, and only actionable where federation can replace the secret: an AWS, Google
// Cloud or Azure key that the job could get from the CI's OIDC identity instead. Identifiers
// (key ids, tenant/subscription/client/app ids, endpoints, user names) are not secrets, other
// names are not federatable, and a job that already federates with that cloud is not counted.
import type { PostureFinding } from './finding.js';
import { SHARED_SECRET } from './rule-ids.js';
import { canUseOidc, type Job, type SecretRef, type Workflow } from './workflow.js';

export type Cloud = 'aws' | 'gcp' | 'azure';

/** Last name parts that mark an identifier or a setting, not a credential. */
const NOT_CREDENTIAL = /(?:^|_)(?:IDS?|TENANT|SUBSCRIPTION|ACCOUNT|PROJECT|REGION|ZONE|LOCATION|ENDPOINT|URL|URI|HOST|HOSTNAME|DOMAIN|USER|USERNAME|LOGIN|EMAIL|NAME|BUCKET|ARN|ROLE|ENABLED|DISABLED|FLAG|MODE|VERSION|NUMBER|PREFIX|PATH|DIR|PROFILE)$/;
/**
 * Per cloud: a name part naming the cloud, and the credential kinds its OIDC federation replaces
 * (account keys, service-account keys, service-principal secrets). A service's API key
 * (AZURE_OPENAI_API_KEY, GOOGLE_API_KEY) is not among them: no federation issues one.
 */
const CLOUDS: Array<[Cloud, RegExp, RegExp]> = [
  ['aws', /(?:^|_)AWS(?:_|$)/, /SECRET_ACCESS_KEY|(?:^|_)SECRET_KEY$|(?:^|_)ACCESS_KEY$|CREDENTIALS$|SESSION_TOKEN$/],
  ['gcp', /(?:^|_)(?:GCP|GCLOUD|GOOGLE|GCS|GKE|SERVICE_ACCOUNT)(?:_|$)/, /SA_KEY|SERVICE_ACCOUNT(?:_KEY|_JSON)?$|CREDENTIALS(?:_JSON)?$|CREDS$|KEYFILE(?:_JSON)?$|KEY_JSON$/],
  ['azure', /(?:^|_)(?:AZURE|ARM)(?:_|$)/, /CREDENTIALS$|CREDS$|CLIENT_SECRET$|SP_SECRET$|SERVICE_PRINCIPAL(?:_SECRET)?$|PUBLISH_?PROFILE$/],
];

/** The cloud whose OIDC federation would replace a secret of this name, if it is such a credential. */
export function federatableCloud(name: string): Cloud | undefined {
  const upper = name.toUpperCase().replace(/-/g, '_');
  if (NOT_CREDENTIAL.test(upper) || /API_?KEY/.test(upper)) return undefined;
  return CLOUDS.find(([, cloud, credential]) => cloud.test(upper) && credential.test(upper))?.[0];
}

/** Actions (lower-case, no @ref) and inputs that mean a job signs in to a cloud by federation. */
const FEDERATED: Record<Cloud, Array<[string, string]>> = {
  aws: [['aws-actions/configure-aws-credentials', 'role-to-assume']],
  gcp: [['google-github-actions/auth', 'workload_identity_provider']],
  azure: [['azure/login', 'client-id']],
};

function federates(wf: Workflow, job: Job, cloud: Cloud): boolean {
  if (canUseOidc(wf, job)) return true;
  return job.steps.some((s) => FEDERATED[cloud].some(([action, input]) => s.action === action && s.with.some((w) => w.key === input)));
}

/** An S3-compatible store (R2, MinIO, Spaces...) takes AWS-named keys but no AWS role. */
function nonAwsEndpoint(src: string, job: Job): boolean {
  const text = src.slice(job.entry.value.start, job.entry.value.end);
  const endpoints = [...text.matchAll(/(?:endpoint[-_]?url|ENDPOINT|endpoint)\S*\s*[:=]?\s*["']?(https?:\/\/[^\s"']+)/gi)].map((m) => m[1]);
  return endpoints.some((u) => !/\.amazonaws\.com(?:[:/]|$)/i.test(u));
}

/**
 * Each (job, federatable cloud secret) pair; correlate groups them by name (the key), and the
 * detector's finalize keeps names read by enough distinct jobs.
 */
export function sharedSecretFindings(src: string, path: string, wf: Workflow): PostureFinding[] {
  const out: PostureFinding[] = [];
  const places: Array<[string, SecretRef[], Job | undefined]> = [['(workflow env)', wf.envRefs, undefined], ...wf.jobs.map((j) => [j.id, j.refs, j] as [string, SecretRef[], Job])];
  for (const [job, refs, j] of places) {
    const first = new Map<string, SecretRef>();
    for (const r of refs) if (!first.has(r.name)) first.set(r.name, r);
    for (const r of first.values()) {
      const cloud = federatableCloud(r.name);
      if (!cloud) continue;
      if (j && (federates(wf, j, cloud) || (cloud === 'aws' && nonAwsEndpoint(src, j)))) continue;
      out.push({ ruleId: SHARED_SECRET, key: r.name, start: r.start, end: r.end, facts: { workflow: path, job, secretName: r.name, cloud } });
    }
  }
  return out;
}
