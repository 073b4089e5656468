import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtinRules } from '../../src/rules/load.js';
import { render } from '../../src/report/index.js';
import type { ScanResult } from '../../src/contracts/result.js';
import { validateSarif } from '../helpers/sarif-schema.js';
import { FIXTURES, fixtureSpec, scanTree, type Scanned } from '../extract/support.js';

let scanned: Scanned | undefined;
afterEach(() => scanned?.tree.cleanup());

/** Every posture occurrence as "rule path:line:column job". */
function postureSpots(r: ScanResult): string[] {
  return r.secrets
    .filter((s) => s.kind === 'posture')
    .flatMap((s) => s.occurrences.map((o) => `${s.ruleId} ${o.origin.path}:${o.line}:${o.column} ${String(o.properties?.job)}`))
    .sort();
}

describe('CI posture', () => {
  it('reports each static-credential pattern at the key that hands the credential over', async () => {
    scanned = await scanTree(fixtureSpec(join(FIXTURES, 'posture', 'static')));
    expect(postureSpots(scanned.result)).toEqual([
      'ci/aws-static-keys .github/workflows/aws.yml:11:11 deploy',
      'ci/aws-static-keys .github/workflows/aws.yml:18:7 smoke',
      'ci/aws-static-keys .github/workflows/release-b.yml:16:11 upload',
      'ci/azure-static-creds .github/workflows/azure.yml:8:11 deploy',
      'ci/circleci-static-cloud-keys .circleci/config.yml:13:11 jobs.deploy',
      'ci/gcp-static-key .github/workflows/gcp.yml:8:11 deploy',
      'ci/gitlab-static-cloud-keys .gitlab-ci.yml:15:7 gcp',
      'ci/gitlab-static-cloud-keys .gitlab-ci.yml:8:5 deploy',
      'ci/llm-key-workflow-env .github/workflows/evals.yml:4:3 (workflow env)',
      'ci/llm-key-workflow-env .github/workflows/evals.yml:5:3 (workflow env)',
      'ci/pr-target-secrets .github/workflows/pr-checks.yml:11:11 test',
      'ci/shared-secret .github/workflows/aws.yml:11:38 deploy',
      'ci/shared-secret .github/workflows/aws.yml:18:34 smoke',
      'ci/shared-secret .github/workflows/release-b.yml:16:38 upload',
    ]);
    expect(scanned.warnings).toEqual([]);
  });

  it('stays quiet on the OIDC twin of every workflow, with the shipped rules too', async () => {
    scanned = await scanTree(fixtureSpec(join(FIXTURES, 'posture', 'oidc')), { rules: builtinRules() });
    expect(scanned.result.secrets.map((s) => `${s.ruleId} ${s.occurrences[0].origin.path}`)).toEqual([]);
    expect(scanned.warnings).toEqual([]);
  });

  it('groups a shared cloud key into one finding that names its places and count', async () => {
    scanned = await scanTree(fixtureSpec(join(FIXTURES, 'posture', 'static')));
    const shared = scanned.result.secrets.filter((s) => s.ruleId === 'ci/shared-secret');
    expect(shared).toHaveLength(1);
    expect(shared[0].occurrences.map((o) => o.properties?.secretName)).toEqual(['AWS_SECRET_ACCESS_KEY', 'AWS_SECRET_ACCESS_KEY', 'AWS_SECRET_ACCESS_KEY']);
    for (const o of shared[0].occurrences) expect(o.properties).toMatchObject({ sharedByJobs: 3, sharedByWorkflows: 2 });
    expect(shared[0].factors.find((f) => f.factor === 'spread.files')?.value).toBe(2);
    // NPM_TOKEN is read by three jobs too, but no cloud federation replaces it; AWS_ACCESS_KEY_ID is an identifier.
    expect(shared[0].severity).toBe('medium');
  });

  it('carries the facts a reviewer needs and no value', async () => {
    scanned = await scanTree(fixtureSpec(join(FIXTURES, 'posture', 'static')));
    const aws = scanned.result.secrets.find((s) => s.ruleId === 'ci/aws-static-keys' && s.occurrences[0].properties?.job === 'deploy')!;
    expect(aws).toMatchObject({ kind: 'posture', redacted: '', confidence: 'high', provider: 'ci' });
    expect(aws.nhi).toEqual(expect.arrayContaining(['NHI6', 'NHI7']));
    expect(aws.nhi).not.toContain('NHI2');
    expect(aws.remediation).toContain('role-to-assume');
    expect(aws.occurrences[0]).toMatchObject({ contentKind: 'ci-config', snippet: 'aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}' });
    expect(aws.occurrences[0].properties).toMatchObject({ workflow: '.github/workflows/aws.yml', secrets: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'], idTokenWrite: false });
    const pr = scanned.result.secrets.find((s) => s.ruleId === 'ci/pr-target-secrets')!;
    expect(pr.occurrences[0].properties).toMatchObject({ trigger: 'pull_request_target', secrets: ['CODECOV_TOKEN'] });
  });

  it('appears in JSON and schema-valid SARIF with its own rule metadata', async () => {
    scanned = await scanTree(fixtureSpec(join(FIXTURES, 'posture', 'static')));
    const json = JSON.parse(render('json', scanned.result, { color: false, verbose: false }));
    expect(JSON.stringify(json)).toContain('ci/gitlab-static-cloud-keys');
    const sarif = JSON.parse(render('sarif', scanned.result, { color: false, verbose: false }));
    expect(validateSarif(sarif)).toEqual([]);
    const rules = sarif.runs[0].tool.driver.rules as Array<{ id: string; help: { text: string }; properties: { tags: string[] } }>;
    const gcp = rules.find((r) => r.id === 'ci/gcp-static-key')!;
    expect(gcp.help.text).toContain('workload_identity_provider');
    expect(gcp.properties.tags).toEqual(expect.arrayContaining(['NHI6', 'posture']));
    const results = sarif.runs[0].results as Array<{ ruleId: string; locations: Array<{ physicalLocation: { region: { startLine: number } } }> }>;
    expect(results.find((r) => r.ruleId === 'ci/gcp-static-key')!.locations[0].physicalLocation.region.startLine).toBe(8);
  });
});

describe('CI files that do not parse', () => {
  it('warn once naming the file, are still scanned as plain text, and yield no posture finding', async () => {
    scanned = await scanTree({
      '.github/workflows/broken.yml': 'on: push\njobs:\n  deploy:\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with: {aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n      token: tst_<<b62:32>>\n',
      '.gitlab-ci.yml': 'include: !reference [.base, include]\njob:\n  script: [echo ok]\n',
    });
    expect(scanned.warnings).toHaveLength(1);
    expect(scanned.warnings[0]).toMatch(/^\.github\/workflows\/broken\.yml: not valid YAML \(.+ at line \d+ column \d+\), scanned as plain text$/);
    expect(scanned.result.secrets.map((s) => s.ruleId)).toEqual(['test-token']);
  });
});
