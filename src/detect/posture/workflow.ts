// A GitHub Actions workflow read from its YAML (not grepped): triggers, permissions, env, jobs,
// steps and every `secrets.NAME` reference inside a `${{ }}` expression, each with its raw
// offsets so a posture finding points at the exact key in the file.
import { child, childString, leaves, type CEntry, type CNode, type CScalar } from '../../extract/config-tree.js';

export interface SecretRef {
  name: string;
  start: number;
  end: number;
}

export interface Step {
  index: number;
  node: CNode;
  /** The action, lower-cased, without its @ref (`aws-actions/configure-aws-credentials`). */
  action?: string;
  with: CEntry[];
  env: CEntry[];
  run?: CScalar;
}

export interface Job {
  id: string;
  entry: CEntry;
  env: CEntry[];
  steps: Step[];
  /** Secret references anywhere in the job (env, with, run, reusable-workflow secrets). */
  refs: SecretRef[];
  /** `secrets: inherit` hands every secret to a reusable workflow. */
  inheritsSecrets: boolean;
  permissions?: CNode;
}

export interface Workflow {
  triggers: Set<string>;
  env: CEntry[];
  envRefs: SecretRef[];
  permissions?: CNode;
  jobs: Job[];
}

export const entriesOf = (node: CNode | undefined): CEntry[] => (node?.kind === 'map' ? node.entries : []);

/** `secrets.NAME` / `secrets['NAME']` inside `${{ ... }}` expressions of every scalar under `node`. */
export function secretRefs(src: string, node: CNode | undefined): SecretRef[] {
  if (!node) return [];
  const out: SecretRef[] = [];
  for (const { scalar } of leaves(node)) {
    const raw = src.slice(scalar.start, scalar.end);
    for (const expr of raw.matchAll(/\$\{\{([\s\S]*?)\}\}/g)) {
      const base = scalar.start + expr.index + 3;
      for (const m of expr[1].matchAll(/\bsecrets\s*(?:\.\s*([A-Za-z_][\w-]*)|\[\s*['"]([A-Za-z_][\w-]*)['"]\s*\])/g)) {
        out.push({ name: m[1] ?? m[2], start: base + m.index, end: base + m.index + m[0].length });
      }
    }
  }
  return out;
}

function triggersOf(node: CNode | undefined): Set<string> {
  if (node?.kind === 'scalar') return new Set(node.value ? [node.value] : []);
  if (node?.kind === 'seq') return new Set(node.items.flatMap((i) => (i.kind === 'scalar' && i.value ? [i.value] : [])));
  return new Set(entriesOf(node).map((e) => e.key));
}

function stepOf(node: CNode, index: number): Step {
  const uses = childString(node, 'uses');
  const run = child(node, 'run');
  return {
    index, node,
    action: uses?.split('@')[0].trim().toLowerCase(),
    with: entriesOf(child(node, 'with')),
    env: entriesOf(child(node, 'env')),
    run: run?.kind === 'scalar' ? run : undefined,
  };
}

function jobOf(src: string, entry: CEntry): Job {
  const node = entry.value;
  const steps = child(node, 'steps');
  return {
    id: entry.key, entry,
    env: entriesOf(child(node, 'env')),
    steps: steps?.kind === 'seq' ? steps.items.map(stepOf) : [],
    refs: secretRefs(src, node),
    inheritsSecrets: childString(node, 'secrets') === 'inherit',
    permissions: child(node, 'permissions'),
  };
}

export function readWorkflow(src: string, root: CNode): Workflow | undefined {
  const jobs = child(root, 'jobs');
  if (jobs?.kind !== 'map') return undefined;
  const env = child(root, 'env');
  return {
    // YAML 1.1 readers turn `on:` into true; the yaml package (1.2) keeps the string.
    triggers: triggersOf(child(root, 'on') ?? child(root, 'true')),
    env: entriesOf(env),
    envRefs: secretRefs(src, env),
    permissions: child(root, 'permissions'),
    jobs: jobs.entries.map((e) => jobOf(src, e)),
  };
}

/** Whether the job may request an OIDC token (`id-token: write`, or `write-all`). */
export function canUseOidc(wf: Workflow, job: Job): boolean {
  const perms = job.permissions ?? wf.permissions;
  if (perms?.kind === 'scalar') return perms.value === 'write-all';
  return childString(perms, 'id-token') === 'write';
}

/** The value text of an entry (scalars only). */
export const valueOf = (e: CEntry): string => (e.value.kind === 'scalar' ? (e.value.value ?? '') : '');
