// Shapes the peer corpora (scripts/bench-peer-corpora.mjs: gitleaks' rule samples, secretlint's
// rule snapshots) showed keysprawl missing or taking wrongly, each with its near miss. Values are
// generated here; none is copied from the peers.
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/detect.js';
import { placeholderVerdict } from '../../src/detect/placeholders.js';
import { compileRules } from '../../src/detect/ruleset.js';
import { plainFragment } from '../../src/extract/plain.js';
import { expandFakes } from '../../src/rules/fake.js';
import { builtinRules } from '../../src/rules/load.js';

const set = compileRules(builtinRules());
const found = (text: string, path = 'notes.sh') => detect(plainFragment({ kind: 'file', path }, 'code', text), set).map((m) => [m.ruleId, m.secret]);
const fake = (template: string, seed = 1) => expandFakes(template, seed);

describe('curl credentials', () => {
  it('takes a quoted password after the colon, an empty user, and a random letters-only password', () => {
    const pw = fake('<<b62:7>>5<<b62:8>>', 11);
    expect(found(`curl --user kevin:'${pw}' -X PATCH https://api.acme.io/v1/items/7\n`)).toEqual([['password-in-command-line', pw]]);
    expect(found(`curl -u ":${pw}" https://search.acme.internal:9200\n`)).toEqual([['password-in-command-line', pw]]);
    const letters = 'yqDVtkqPECriaLRi'.split('').reverse().join(''); // mixed case, switching often
    expect(found(`  -u developer:${letters}\n`)).toEqual([['password-in-command-line', letters]]);
    // A camelCase word and a plain word stay out.
    expect(found('curl -u deploy:getElementById https://nexus.acme.internal/\n')).toEqual([]);
    expect(found('curl -u deploy:Administrator https://nexus.acme.internal/\n')).toEqual([]);
  });

  it('takes a token given as the user with an empty password, not a name or a variable', () => {
    const token = fake('<<b62:10>>4<<b62:9>>', 12);
    expect(found(`curl -u "${token}:" https://api.acme.io/v1/charges\n`)).toEqual([['token-as-curl-user', token]]);
    expect(found(`curl https://api.acme.io/v1/charges -u ${token}:\n`)).toEqual([['token-as-curl-user', token]]);
    expect(found('curl -u "$ACME_TOKEN:" https://api.acme.io/v1/charges\n')).toEqual([]);
    expect(found('curl -u administrator: https://api.acme.io/v1/charges\n')).toEqual([]);
  });
});

describe('Meta app access token', () => {
  it('is the app id, a pipe (or %7C) and 27 to 40 token characters', () => {
    const token = `${fake('<<digits:15>>', 13).replace(/^0/, '1')}|${fake('<<b64url:27>>', 14)}`;
    expect(found(`{"access_token":"${token}","token_type":"bearer"}\n`, 'resp.json')).toEqual([['meta-app-access-token', token]]);
    const hexSecret = `${fake('<<digits:16>>', 15).replace(/^0/, '1')}%7C${fake('<<hex:32>>', 16)}`;
    expect(found(`https://graph.facebook.com/debug_token?access_token=${hexSecret}\n`)).toEqual([['meta-app-access-token', hexSecret]]);
    // A markdown table cell, a short tail, no pipe.
    expect(found(`| ${fake('<<digits:15>>', 17)} | ${fake('<<b62:30>>', 18)} |\n`, 'README.md')).toEqual([]);
    expect(found(`FB_APP_TOKEN=${fake('<<digits:15>>', 19)}|${fake('<<b64url:12>>', 20)}\n`)).toEqual([]);
  });
});

describe('Okta name boundary', () => {
  it('takes okta as a word of the name, not inside another word', () => {
    const token = `00${fake('<<b62:40>>', 21)}`;
    expect(found(`OKTA_API_TOKEN=${token}\n`)).toEqual([['okta-api-token', token]]);
    expect(found(`const myOktaToken = "${token}"\n`, 'app.ts')).toEqual([['okta-api-token', token]]);
    expect(found(`rookTable = ${token}\n`).map(([id]) => id)).not.toContain('okta-api-token');
  });
});

describe('short units repeated', () => {
  it('are a placeholder however long (a typed body, not a generated one)', () => {
    expect(placeholderVerdict(`GR1348941${'123'.repeat(7)}`).placeholder).toBe(true);
    expect(placeholderVerdict(`${fake('<<b62:12>>', 22)}${'ab12'.repeat(5)}`).placeholder).toBe(true);
    expect(placeholderVerdict(`GR1348941${fake('<<b62:20>>', 23)}`).placeholder).toBe(false);
    expect(found(`GR1348941${'123'.repeat(7)}\n`)).toEqual([]);
  });
});

describe('Sourcegraph and Slack shapes', () => {
  it('takes sgp_ tokens written in mixed-case hex', () => {
    const token = `sgp_${fake('<<HEX:8>><<hex:8>>', 24)}_${fake('<<hex:20>><<HEX:20>>', 25)}`;
    expect(found(`SRC_ACCESS_TOKEN=${token}\n`)).toEqual([['sourcegraph-access-token', token]]);
  });

  it('takes a workflow webhook (with its numeric segment) and one over http', () => {
    const wf = `https://hooks.slack.com/workflows/T${fake('<<upper:10>>', 26)}/A${fake('<<upper:10>>', 27)}/${fake('<<digits:18>>', 28)}/${fake('<<b62:24>>', 29)}`;
    expect(found(`SLACK_WORKFLOW_WEBHOOK=${wf}\n`)).toEqual([['slack-webhook-url', wf]]);
    const http = `http://hooks.slack.com/services/T${fake('<<upper:8>>', 30)}/B${fake('<<upper:8>>', 31)}/${fake('<<b62:24>>', 32)}`;
    expect(found(`curl -X POST ${http}\n`)).toEqual([['slack-webhook-url', http]]);
  });
});
