// OWASP Non-Human Identities Top 10 (2025) risks a finding evidences (DESIGN.md §4).
import type { RuleMeta } from '../contracts/rule.js';
import type { CorrelatedSecret } from '../contracts/secret.js';

export const NHI_TITLES: Record<string, string> = {
  NHI2: 'Secret Leakage',
  NHI5: 'Overprivileged NHI',
  NHI6: 'Insecure Cloud Deployment Configurations',
  NHI7: 'Long-Lived Secrets',
  NHI8: 'Environment Isolation',
  NHI9: 'NHI Reuse',
};

export function nhiTags(secret: CorrelatedSecret, rule: RuleMeta | undefined): string[] {
  const tags = new Set<string>();
  if (secret.kind === 'secret') tags.add('NHI2');
  if (rule && (rule.privilege === 'admin' || rule.scope === 'org')) tags.add('NHI5');
  const kinds = new Set(secret.occurrences.map((o) => o.contentKind));
  if ((rule?.category === 'cloud' && kinds.has('ci-config')) || secret.kind === 'posture') tags.add('NHI6');
  const lifetime = secret.derived?.lifetime ?? rule?.lifetime;
  if (secret.kind === 'secret' && lifetime !== 'short-lived' && lifetime !== 'expired') tags.add('NHI7');
  if (kinds.has('test') && [...kinds].some((k) => k !== 'test' && k !== 'doc')) tags.add('NHI8');
  const places = new Set(secret.occurrences.map((o) => `${o.origin.repo ?? ''}:${o.origin.path}`));
  if (places.size > 1) tags.add('NHI9');
  for (const t of rule?.tags ?? []) if (/^NHI\d+$/.test(t)) tags.add(t);
  return [...tags].sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)));
}
