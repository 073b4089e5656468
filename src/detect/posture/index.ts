// The CI posture detector: parses a CI config's YAML once and runs the checks for its system
// (GitHub Actions, GitLab CI, CircleCI). Findings flow through the engine like secrets
// (Secret.kind 'posture', nothing redacted because there is no value); the shared-secret rule
// groups by secret name in correlate and drops names used in too few places at the end.
import { ConfigParseError, parseYamlTrees, type CNode } from '../../extract/config-tree.js';
import type { Fragment } from '../../contracts/fragment.js';
import type { Match } from '../../contracts/match.js';
import type { CorrelatedSecret, Occurrence } from '../../contracts/secret.js';
import type { StructuredDetector } from '../structured.js';
import { toMatch, type PostureFinding } from './finding.js';
import { cloudFindings } from './github-cloud.js';
import { exposureFindings } from './github-exposure.js';
import { circleciFindings, gitlabFindings } from './other-ci.js';
import { POSTURE_RULE_IDS, SHARED_SECRET, SHARED_SECRET_MIN_PLACES } from './rule-ids.js';
import { readWorkflow } from './workflow.js';

export type CiSystem = 'github' | 'gitlab' | 'circleci';

export function ciSystem(path: string): CiSystem | undefined {
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(path)) return 'github';
  if (/(^|\/)([^/]*\.)?gitlab-ci\.ya?ml$/i.test(path) || /(^|\/)\.gitlab\/ci\/.+\.ya?ml$/i.test(path)) return 'gitlab';
  if (/(^|\/)\.circleci\/[^/]+\.ya?ml$/i.test(path)) return 'circleci';
  return undefined;
}

function parse(text: string): CNode | undefined {
  try {
    return parseYamlTrees(text)[0];
  } catch (err) {
    // The extractor already warned about the file; a config that does not parse has no posture.
    if (err instanceof ConfigParseError) return undefined;
    throw err;
  }
}

export function postureFindings(path: string, text: string): PostureFinding[] {
  const system = ciSystem(path);
  const root = system && parse(text);
  if (!root) return [];
  if (system === 'gitlab') return gitlabFindings(text, path, root);
  if (system === 'circleci') return circleciFindings(text, path, root);
  const wf = readWorkflow(text, root);
  return wf ? [...cloudFindings(text, path, wf), ...exposureFindings(text, path, wf)] : [];
}

/** Whole-file fragments only: structured pieces of the same file would repeat the findings. */
function applies(fragment: Fragment): boolean {
  return fragment.contentKind === 'ci-config' && !fragment.place && !fragment.credentialContext && ciSystem(fragment.origin.path) !== undefined;
}

function detect(fragment: Fragment): Match[] {
  const repo = fragment.origin.repo;
  return postureFindings(fragment.origin.path, fragment.text).map((f) =>
    // A shared secret is counted within one repository: the repository is part of its identity.
    toMatch(fragment, f.ruleId === SHARED_SECRET && repo ? { ...f, key: `${repo}\0${f.key}` } : f),
  );
}

/**
 * Keep a shared-secret finding only when enough distinct jobs use the name, and record how many
 * on each place (the engine scores after finalize, so facts go in the occurrence's facts, not factors).
 */
export function finalizeShared<T extends CorrelatedSecret>(secrets: T[], minPlaces = SHARED_SECRET_MIN_PLACES): T[] {
  return secrets.flatMap((s) => {
    if (s.ruleId !== SHARED_SECRET) return [s];
    const place = (o: Occurrence) => `${o.origin.repo ?? ''}:${o.origin.path}#${String(o.properties?.job ?? '')}`;
    const places = new Set(s.occurrences.map(place));
    if (places.size < minPlaces) return [];
    const workflows = new Set(s.occurrences.map((o) => `${o.origin.repo ?? ''}:${o.origin.path}`)).size;
    const occurrences = s.occurrences.map((o) => ({ ...o, properties: { ...o.properties, sharedByJobs: places.size, sharedByWorkflows: workflows } }));
    return [{ ...s, occurrences }];
  });
}

export const postureDetector: StructuredDetector = {
  name: 'ci-posture',
  ruleIds: POSTURE_RULE_IDS,
  generic: false,
  applies,
  detect,
  finalize: (secrets) => finalizeShared(secrets),
};
