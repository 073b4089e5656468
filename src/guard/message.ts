// The reason a guard gives when it refuses: what kind of key, where in the payload, what to use
// instead. It names the rule and the field, never the value (not even redacted).
import { replacementFor } from '../score/replacements.js';
import type { GuardFinding } from './check.js';

const MAX_LISTED = 5;

export function blockMessage(subject: string, findings: GuardFinding[], client: string): string {
  const seen = new Set<string>();
  const unique = findings.filter((f) => {
    const k = `${f.ruleId}\0${f.where}\0${f.line}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  const lines = [`keysprawl blocked ${subject}: it holds ${unique.length === 1 ? 'a secret' : `${unique.length} secrets`} that would leave this machine for the model provider.`];
  for (const f of unique.slice(0, MAX_LISTED)) lines.push(`  - ${f.name} (${f.ruleId}) in ${f.where}${f.line > 1 ? `, line ${f.line}` : ''}`);
  if (unique.length > MAX_LISTED) lines.push(`  - and ${unique.length - MAX_LISTED} more`);
  const providers = [...new Set(unique.map((f) => `${f.provider}\0${f.category}`))].slice(0, 2);
  for (const p of providers) {
    const [provider, category] = p.split('\0');
    const r = replacementFor(provider, category);
    lines.push(`Instead: ${r.replace.agent ?? r.replace.app}.`);
  }
  lines.push('Remove the key and let the tool read it from the environment or a secret manager. If it was ever sent before, rotate it: the model provider and the transcript have a copy.');
  lines.push(`Not a key? Reword it, or remove this guard with: keysprawl hook uninstall --agent ${client}`);
  return lines.join('\n');
}

export function failureMessage(problem: string, client: string): string {
  return [
    `keysprawl blocked this request because it could not check it for secrets (${problem}).`,
    `The guard fails closed. Fix the problem or remove the guard with: keysprawl hook uninstall --agent ${client}`,
  ].join('\n');
}
