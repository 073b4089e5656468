#!/usr/bin/env node
// Converts a keysprawl JSON report (schema keysprawl/v1) into GitLab's secret-detection report
// (gl-secret-detection-report.json, report schema 15.x), so merge requests show the findings.
//
//   node gitlab-secret-detection.mjs keysprawl.json gl-secret-detection-report.json
//
// One vulnerability per unsuppressed occurrence of a secret (each place is its own line in the
// merge request), with the secret's blast-radius score and its other places in the description;
// one per posture finding (CI advice), at its first place. Values stay redacted.
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SEVERITY = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };
const REPORT_VERSION = '15.0.7';

/** GitLab wants "yyyy-mm-ddThh:mm:ss" (no fraction, no zone). */
const gitlabTime = (ms) => new Date(ms).toISOString().slice(0, 19);

/** A stable UUID-shaped id: the same secret at the same place keeps its id across pipelines. */
function stableId(...parts) {
  const h = createHash('sha256').update(parts.join('\0')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function describe(secret, rule, occ) {
  const lines = [
    `${rule?.name ?? secret.ruleId} (${secret.provider}), secret ${secret.id.slice(0, 12)}, blast radius ${secret.score}/100 (${secret.severity}).`,
    ...(secret.factors ?? []).map((f) => `- ${f.points >= 0 ? '+' : ''}${f.points} ${f.factor}: ${f.reason}`),
  ];
  const others = secret.occurrences.filter((o) => o !== occ).map((o) => `${o.origin.path}:${o.line}${o.origin.commit ? ` (commit ${o.origin.commit.slice(0, 7)})` : ''}`);
  if (others.length) lines.push(`Also found at: ${others.slice(0, 20).join(', ')}${others.length > 20 ? `, and ${others.length - 20} more` : ''}.`);
  const gone = secret.occurrences.every((o) => o.origin.presentAtHead === false);
  if (gone) lines.push('Removed from HEAD but still in git history: it still needs rotation.');
  if (secret.remediation) lines.push('', secret.remediation);
  return lines.join('\n');
}

function vulnerability(secret, occ, ordinal, rulesById, commitSha) {
  const rule = rulesById.get(secret.ruleId);
  return {
    id: stableId(secret.id, secret.ruleId, occ.origin.path, ...(ordinal > 0 ? [String(ordinal)] : [])),
    category: 'secret_detection',
    name: rule?.name ?? secret.ruleId,
    message: `${rule?.name ?? secret.ruleId} ${secret.redacted || ''}`.trim(),
    description: describe(secret, rule, occ),
    severity: SEVERITY[secret.severity] ?? 'Unknown',
    solution: secret.remediation || 'Revoke the credential, remove it from the code and its history, and load it from a secret store.',
    scanner: { id: 'keysprawl', name: 'keysprawl' },
    location: {
      file: occ.origin.path,
      start_line: occ.line,
      end_line: occ.endLine ?? occ.line,
      commit: { sha: occ.origin.commit ?? commitSha },
    },
    identifiers: [{ type: 'keysprawl_rule_id', name: `keysprawl rule ${secret.ruleId}`, value: secret.ruleId }],
  };
}

/** A secret's vulnerabilities: one per unsuppressed occurrence (posture: its first place only). */
function vulnerabilities(secret, rulesById, commitSha) {
  const places = secret.occurrences.filter((o) => !o.suppressed);
  if (secret.kind === 'posture') return places.length ? [vulnerability(secret, places[0], 0, rulesById, commitSha)] : [];
  const seen = new Map();
  return places.map((o) => {
    const key = `${o.origin.path}\0${o.origin.commit ?? ''}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return vulnerability(secret, o, n, rulesById, commitSha);
  });
}

export function toGitlab(report, env = process.env) {
  if (report?.schema !== 'keysprawl/v1') throw new Error('not a keysprawl JSON report (schema keysprawl/v1)');
  const rulesById = new Map((report.rules ?? []).map((r) => [r.id, r]));
  const commitSha = env.CI_COMMIT_SHA || '0000000';
  const tool = { id: 'keysprawl', name: 'keysprawl', version: report.tool?.version ?? '0.0.0', vendor: { name: 'keysprawl' } };
  const started = Date.parse(report.startedAt) || Date.now();
  return {
    version: REPORT_VERSION,
    vulnerabilities: report.secrets.filter((s) => !s.suppressed && s.occurrences?.length).flatMap((s) => vulnerabilities(s, rulesById, commitSha)),
    scan: {
      analyzer: tool,
      scanner: tool,
      type: 'secret_detection',
      start_time: gitlabTime(started),
      end_time: gitlabTime(started + (report.stats?.elapsedMs ?? 0)),
      status: 'success',
    },
  };
}

// Run as a script (not imported by a test).
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [input, output = 'gl-secret-detection-report.json'] = process.argv.slice(2);
  if (!input) {
    console.error('usage: gitlab-secret-detection.mjs keysprawl.json [gl-secret-detection-report.json]');
    process.exit(2);
  }
  try {
    writeFileSync(output, `${JSON.stringify(toGitlab(JSON.parse(readFileSync(input, 'utf8'))), null, 2)}\n`);
  } catch (err) {
    console.error(`gitlab-secret-detection: ${input}: ${err.message}`);
    process.exit(2);
  }
}
