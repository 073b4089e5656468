// The weights table as markdown, for docs/blast-radius.md (a test checks the doc holds exactly
// this text, so the documented numbers cannot drift from the ones the scorer uses).
import type { Weights } from './weights.js';

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function row(factor: string, when: string, points: string, key: string): string {
  return `| ${factor} | ${when} | ${points} | \`${key}\` |`;
}

function groupRows(factor: string, group: string, values: Record<string, number>, describe: (k: string) => string): string[] {
  return Object.entries(values)
    .sort(([, a], [, b]) => b - a)
    .map(([k, v]) => row(factor, describe(k), signed(v), `${group}.${k}`));
}

export function weightsTable(w: Weights): string {
  const s = w.spread;
  const lines = [
    '| factor | when | points | config key (`weights.`…) |',
    '| --- | --- | --- | --- |',
    ...groupRows('privilege', 'privilege', w.privilege, (k) => `rule privilege \`${k}\``),
    ...groupRows('scope', 'scope', w.scope, (k) => `rule scope \`${k}\``),
    ...groupRows('lifetime', 'lifetime', w.lifetime, (k) => `\`${k}\``),
    row('spread.files', 'each distinct file beyond the first', `${signed(s.perFile)} (max ${s.maxFiles})`, 'spread.perFile / maxFiles'),
    row('spread.kinds', 'each distinct content kind beyond the first', `${signed(s.perKind)} (max ${s.maxKinds})`, 'spread.perKind / maxKinds'),
    row('spread.repos', 'each distinct repository beyond the first', `${signed(s.perRepo)} (max ${s.maxRepos})`, 'spread.perRepo / maxRepos'),
    row('spread.commits', 'each distinct commit beyond the first', `${signed(s.perCommit)} (max ${s.maxCommits})`, 'spread.perCommit / maxCommits'),
    ...groupRows('exposure', 'exposure', w.exposure, (k) => `most exposed place is \`${k}\``),
    row('exposure.history-only', 'removed from HEAD, still in git history', signed(w.historyOnly), 'historyOnly'),
    row('exposure.model-provider', 'found in a prompt or an agent transcript: sent to the model provider', signed(w.modelProvider), 'modelProvider'),
    ...[...w.persistence]
      .sort((a, b) => b.days - a.days)
      .map((p, i) => row('persistence', `introduced ≥ ${p.days} days ago`, signed(p.points), `persistence[${i}]`)),
    ...groupRows('confidence', 'confidence', w.confidence, (k) => `detection confidence \`${k}\``),
    row('paired', 'found with its other half (AWS key id, Azure client id, database host)', signed(w.paired), 'paired'),
    ...groupRows('liveness', 'liveness', w.liveness, (k) => `only with \`--verify\`: the provider says \`${k}\``),
  ];
  return lines.join('\n');
}
