// Per-finding remediation: the rule's own advice, then the federated or short-lived replacement
// for this provider in each place the key was found, the rotation step, and notes on what the
// places imply (a notebook output to clear, a shared key to split). Lines, most important first.
import type { ContentKind } from '../contracts/fragment.js';
import type { RuleMeta } from '../contracts/rule.js';
import type { CorrelatedSecret } from '../contracts/secret.js';
import { clientRemediationLines } from './client-remediation.js';
import { FALLBACK, replacementFor, type Place, type Replacement } from './replacements.js';
import { DEFAULT_WEIGHTS, type Weights } from './weights.js';

const PLACE_OF: Record<ContentKind, Place> = {
  'ci-config': 'ci',
  'agent-config': 'agent',
  prompt: 'agent',
  'notebook-cell': 'notebook',
  'notebook-output': 'notebook',
  'env-file': 'app',
  code: 'app',
  other: 'app',
  doc: 'app',
  test: 'test',
};

const PLACE_LABEL: Record<Place, string> = {
  ci: 'In CI',
  agent: 'In an agent, MCP config or prompt',
  notebook: 'In a notebook',
  app: 'In code and config',
  test: 'In tests',
};

/** Places holding the key, most exposed first (by the exposure weights). */
export function placesOf(secret: CorrelatedSecret, w: Weights = DEFAULT_WEIGHTS): Place[] {
  const kinds = [...new Set(secret.occurrences.map((o) => o.contentKind))];
  kinds.sort((a, b) => (w.exposure[b] ?? 0) - (w.exposure[a] ?? 0));
  return [...new Set(kinds.map((k) => PLACE_OF[k]))];
}

function replaceLine(r: Replacement, place: Place): string | undefined {
  if (place === 'test') return undefined;
  const text = r.replace[place] ?? (place === 'agent' || place === 'ci' ? FALLBACK.replace[place] : undefined) ?? r.replace.app;
  return `${PLACE_LABEL[place]}: ${text}.`;
}

function noteLines(secret: CorrelatedSecret): string[] {
  const kinds = new Set(secret.occurrences.map((o) => o.contentKind));
  const files = new Set(secret.occurrences.map((o) => `${o.origin.repo ?? ''}\0${o.origin.path}`));
  const out: string[] = [];
  if (kinds.has('notebook-output')) {
    out.push('Clear the notebook outputs that printed it (`jupyter nbconvert --clear-output --inplace`): outputs are rendered wherever the notebook is viewed.');
  }
  if (kinds.has('prompt')) out.push('A key in a prompt is sent to the model provider and kept in logs: authenticate tools outside the model\'s context.');
  if (files.size > 1) out.push(`One key in ${files.size} files: issue one credential per workload, so each can be revoked without breaking the others.`);
  if (kinds.has('test')) out.push('In tests use a fake value generated at test time, never a real key.');
  const git = secret.occurrences.filter((o) => o.origin.presentAtHead !== undefined);
  if (git.length && git.every((o) => o.origin.presentAtHead === false)) {
    out.push('It is gone from HEAD but still in git history: rotate it; rewriting history does not revoke the copies already cloned.');
  }
  return out;
}

/** The rotation step for a rule's provider (also used for SARIF help per rule). */
export function rotationFor(provider: string, category?: string): string {
  const r = replacementFor(provider, category);
  return `Rotate: ${r.rotate}.`;
}

/**
 * Remediation lines for one secret. Posture findings (no value leaked) get the rule's advice
 * and the CI replacement only: there is nothing to rotate.
 */
export function remediationLines(secret: CorrelatedSecret, rule: RuleMeta | undefined, w: Weights = DEFAULT_WEIGHTS): string[] {
  // Only the rule's text: secret.remediation may already be a composed text (when rescored).
  const ruleText = (rule?.remediation ?? '').trim();
  const r = replacementFor(secret.provider, rule?.category);
  const lines: string[] = ruleText ? [ruleText] : [];
  if (secret.kind === 'posture') {
    if (!ruleText) lines.push(replaceLine(r, 'ci')!);
    return lines;
  }
  for (const place of placesOf(secret, w)) {
    const line = replaceLine(r, place);
    if (line) lines.push(line);
  }
  lines.push(...clientRemediationLines(secret));
  lines.push(`Rotate: ${r.rotate}.`);
  lines.push(...noteLines(secret));
  return lines;
}

/**
 * The one line a report prints under a finding: for a key, the replacement for its most exposed
 * place (rotation where the provider has no federated alternative); for posture advice, the
 * first sentence of the rule's advice.
 */
export function actionFor(secret: CorrelatedSecret, rule: RuleMeta | undefined, w: Weights = DEFAULT_WEIGHTS): string {
  if (secret.kind === 'posture') {
    const text = (rule?.remediation ?? '').trim().replace(/\s+/g, ' ');
    const first = /^.*?[.;](?=\s|$)/.exec(text)?.[0] ?? text;
    return first.replace(/;$/, '.') || replaceLine(replacementFor(secret.provider, rule?.category), 'ci')!;
  }
  const r = replacementFor(secret.provider, rule?.category);
  const place = placesOf(secret, w).find((p) => p !== 'test');
  const line = place ? replaceLine(r, place) : undefined;
  return line && r !== FALLBACK ? line : `Rotate it: ${r.rotate}.`;
}

/** Remediation text for one secret: its lines joined by newlines. */
export function remediationFor(secret: CorrelatedSecret, rule: RuleMeta | undefined, w: Weights = DEFAULT_WEIGHTS): string {
  return remediationLines(secret, rule, w).join('\n');
}
