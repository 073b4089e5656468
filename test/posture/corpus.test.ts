// Real workflows from actions/starter-workflows (../shared/corpus): what the corpus README says a
// scanner should report, checked with the shipped rule packs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtinRules } from '../../src/detect/load-rules.js';
import { CORPUS, scanTree, type Scanned } from '../extract/support.js';

let scanned: Scanned | undefined;
afterEach(() => scanned?.tree.cleanup());

describe('corpus workflows', () => {
  it('flags aws.yml (static keys to configure-aws-credentials), not the Workload Identity google workflows, and no literal secret', async () => {
    const dir = join(CORPUS, 'workflows');
    const spec: Record<string, string> = {};
    for (const f of readdirSync(dir)) spec[`.github/workflows/${f}`] = readFileSync(join(dir, f), 'utf8');
    scanned = await scanTree(spec, { rules: builtinRules() });
    const found = scanned.result.secrets.flatMap((s) => s.occurrences.map((o) => `${s.kind} ${s.ruleId} ${o.origin.path}:${o.line}:${o.column}`));
    expect(found.sort()).toEqual([
      'posture ci/aws-static-keys .github/workflows/aws.yml:60:9',
      // azure/webapps-deploy with a publish profile: a static deployment credential where azure/login OIDC would do.
      'posture ci/azure-static-creds .github/workflows/azure-webapps-node.yml:77:9',
    ]);
    const aws = scanned.result.secrets.find((s) => s.ruleId === 'ci/aws-static-keys')!;
    expect(aws.occurrences[0].properties).toMatchObject({ job: 'deploy', secrets: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] });
    expect(scanned.warnings).toEqual([]);
  });
});
