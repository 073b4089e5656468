// GitHub Actions: static cloud credentials where OIDC federation would do (AWS, GCP, Azure).
// One finding per job and rule, pointing at the key that hands the credential over.
import type { CEntry } from '../../extract/config-tree.js';
import { isStaticValue, keySpan, type PostureFinding } from './finding.js';
import { AWS_STATIC_KEYS, AZURE_STATIC_CREDS, GCP_STATIC_KEY } from './rule-ids.js';
import { canUseOidc, secretRefs, valueOf, type Job, type Step, type Workflow } from './workflow.js';

interface CloudCheck {
  ruleId: string;
  /** Action inputs that carry a static credential, by action (lower-case, no @ref). */
  inputs: Record<string, string[]>;
  /** Environment variables that carry one (when set from a secret or literally). */
  env: string[];
  /** Only count env values that reference a secret (a literal there is a file path). */
  envNeedsSecret?: boolean;
  /** A shell command that logs in with a static credential. */
  script?: RegExp;
  federation: string;
}

const CHECKS: CloudCheck[] = [
  {
    ruleId: AWS_STATIC_KEYS,
    inputs: { 'aws-actions/configure-aws-credentials': ['aws-secret-access-key', 'aws-access-key-id'] },
    env: ['AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID'],
    script: /aws configure set aws_(?:secret_)?access_key(?:_id)?/,
    federation: 'role-to-assume with id-token: write',
  },
  {
    ruleId: GCP_STATIC_KEY,
    inputs: {
      'google-github-actions/auth': ['credentials_json'],
      'google-github-actions/setup-gcloud': ['service_account_key'],
      'googlecloudplatform/github-actions/setup-gcloud': ['service_account_key'],
    },
    env: ['GOOGLE_APPLICATION_CREDENTIALS', 'GOOGLE_CREDENTIALS', 'GCP_SA_KEY', 'GCLOUD_SERVICE_KEY', 'GOOGLE_CLOUD_KEYFILE_JSON'],
    envNeedsSecret: true,
    script: /gcloud auth activate-service-account(?=[^\n]*--key-file)/,
    federation: 'workload_identity_provider with id-token: write',
  },
  {
    ruleId: AZURE_STATIC_CREDS,
    inputs: { 'azure/login': ['creds'], 'azure/webapps-deploy': ['publish-profile'], 'azure/functions-action': ['publish-profile'] },
    env: ['AZURE_CLIENT_SECRET', 'ARM_CLIENT_SECRET'],
    script: /az login(?=[^\n]*--service-principal)(?![^\n]*--federated-token)/,
    federation: 'azure/login with client-id, tenant-id, subscription-id and id-token: write',
  },
];

interface Hit {
  start: number;
  end: number;
  names: string[];
}

function envHits(src: string, entries: CEntry[], c: CloudCheck): Hit[] {
  // The most sensitive variable first (the secret key before its id): that is where the finding points.
  return entries
    .filter((e) => c.env.includes(e.key.toUpperCase()) && isStaticValue(valueOf(e)))
    .filter((e) => !c.envNeedsSecret || secretRefs(src, e.value).length > 0)
    .sort((a, b) => c.env.indexOf(a.key.toUpperCase()) - c.env.indexOf(b.key.toUpperCase()))
    .map((e) => ({ ...keySpan(e), names: secretRefs(src, e.value).map((r) => r.name) }));
}

function stepHits(src: string, step: Step, c: CloudCheck): Hit[] {
  const wanted = step.action ? c.inputs[step.action] : undefined;
  const hits = wanted
    ? step.with
        .filter((e) => wanted.includes(e.key) && isStaticValue(valueOf(e)))
        .sort((a, b) => wanted.indexOf(a.key) - wanted.indexOf(b.key))
        .map((e) => ({ ...keySpan(e), names: secretRefs(src, e.value).map((r) => r.name) }))
    : [];
  hits.push(...envHits(src, step.env, c));
  const m = step.run && c.script ? c.script.exec(src.slice(step.run.start, step.run.end)) : null;
  if (m && step.run) {
    const start = step.run.start + m.index;
    hits.push({ start, end: start + m[0].length, names: secretRefs(src, step.run).map((r) => r.name) });
  }
  return hits;
}

function finding(path: string, job: string, c: CloudCheck, hits: Hit[], oidc: boolean | undefined): PostureFinding {
  const names = [...new Set(hits.flatMap((h) => h.names))].sort();
  return {
    ruleId: c.ruleId,
    key: `${path}#${job}#${c.ruleId}`,
    start: hits[0].start,
    end: hits[0].end,
    facts: {
      workflow: path, job, ...(names.length ? { secrets: names } : {}),
      federation: c.federation, ...(oidc !== undefined ? { idTokenWrite: oidc } : {}),
    },
  };
}

function jobHits(src: string, job: Job, c: CloudCheck): Hit[] {
  return [...envHits(src, job.env, c), ...job.steps.flatMap((s) => stepHits(src, s, c))];
}

export function cloudFindings(src: string, path: string, wf: Workflow): PostureFinding[] {
  const out: PostureFinding[] = [];
  for (const c of CHECKS) {
    const top = envHits(src, wf.env, c);
    if (top.length) out.push(finding(path, '(workflow env)', c, top, undefined));
    for (const job of wf.jobs) {
      const hits = jobHits(src, job, c);
      if (hits.length) out.push(finding(path, job.id, c, hits, canUseOidc(wf, job)));
    }
  }
  return out;
}
