// GitLab CI and CircleCI: static cloud keys set in variables/environment or orb parameters, or
// configured in scripts, where each system's OIDC (`id_tokens`, $CIRCLE_OIDC_TOKEN) would do.
// One finding per job (or per global block), pointing at the first such key or command.
import { child, type CEntry, type CNode, type PathSeg } from '../../extract/config-tree.js';
import { keySpan, type PostureFinding } from './finding.js';
import { CIRCLECI_STATIC_CLOUD_KEYS, GITLAB_STATIC_CLOUD_KEYS } from './rule-ids.js';

const STATIC_VARS = new Set([
  'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'GOOGLE_APPLICATION_CREDENTIALS', 'GOOGLE_CREDENTIALS', 'GCP_SA_KEY',
  'GCLOUD_SERVICE_KEY', 'GOOGLE_CLOUD_KEYFILE_JSON', 'AZURE_CLIENT_SECRET', 'ARM_CLIENT_SECRET', 'AZURE_CREDENTIALS',
]);
/** Shell commands that log in with a static key (the span is the command, never the key). */
const STATIC_COMMANDS = [
  /aws configure set aws_(?:secret_)?access_key(?:_id)?/,
  /gcloud auth activate-service-account(?=[^\n]*--key-file)/,
  /az login(?=[^\n]*--service-principal)(?![^\n]*--federated-token)/,
];
const SCRIPT_KEYS = new Set(['script', 'before_script', 'after_script', 'run', 'command']);
/** Map keys that mark a block already using OIDC: its key-like parameters are not static keys. */
const OIDC_MARKERS = ['id_tokens', 'role_arn', 'use_oidc'];

interface Spot {
  group: string;
  start: number;
  end: number;
  what: string;
}

interface Walk {
  src: string;
  groupOf: (path: PathSeg[]) => string;
  /** Whether a static-looking variable at this path counts (GitLab: under `variables` only). */
  varCounts: (path: PathSeg[]) => boolean;
  spots: Spot[];
}

function commandSpot(w: Walk, node: CNode, path: PathSeg[]): void {
  if (node.kind !== 'scalar' || !node.value) return;
  const raw = w.src.slice(node.start, node.end);
  for (const re of STATIC_COMMANDS) {
    const m = re.exec(raw);
    if (m) w.spots.push({ group: w.groupOf(path), start: node.start + m.index, end: node.start + m.index + m[0].length, what: m[0] });
  }
}

function walk(w: Walk, node: CNode, path: PathSeg[], inScript: boolean, oidc: boolean): void {
  if (node.kind === 'scalar') {
    if (inScript) commandSpot(w, node, path);
    return;
  }
  if (node.kind === 'seq') {
    node.items.forEach((n, i) => walk(w, n, [...path, i], inScript, oidc));
    return;
  }
  const here = oidc || OIDC_MARKERS.some((k) => child(node, k) !== undefined);
  for (const e of node.entries) {
    const p = [...path, e.key];
    if (!here && STATIC_VARS.has(e.key.toUpperCase()) && w.varCounts(p)) {
      w.spots.push({ group: w.groupOf(p), ...keySpan(e as CEntry), what: e.key });
    }
    walk(w, e.value, p, inScript || SCRIPT_KEYS.has(e.key), here);
  }
}

function toFindings(ruleId: string, path: string, spots: Spot[]): PostureFinding[] {
  const byGroup = new Map<string, Spot[]>();
  for (const s of spots) byGroup.set(s.group, [...(byGroup.get(s.group) ?? []), s]);
  return [...byGroup].map(([group, list]) => ({
    ruleId,
    key: `${path}#${group}#${ruleId}`,
    start: list[0].start,
    end: list[0].end,
    facts: { file: path, job: group, uses: [...new Set(list.map((s) => s.what))] },
  }));
}

export function gitlabFindings(src: string, path: string, root: CNode): PostureFinding[] {
  const w: Walk = {
    src,
    spots: [],
    // Top-level `variables:` apply to every job; anything else belongs to the job it is under.
    groupOf: (p) => (p[0] === 'variables' ? '(global variables)' : String(p[0])),
    varCounts: (p) => p.includes('variables'),
  };
  walk(w, root, [], false, false);
  return toFindings(GITLAB_STATIC_CLOUD_KEYS, path, w.spots);
}

export function circleciFindings(src: string, path: string, root: CNode): PostureFinding[] {
  const w: Walk = {
    src,
    spots: [],
    groupOf: (p) => p.slice(0, 2).map(String).join('.'),
    varCounts: () => true,
  };
  walk(w, root, [], false, false);
  return toFindings(CIRCLECI_STATIC_CLOUD_KEYS, path, w.spots);
}
