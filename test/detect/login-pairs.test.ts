// Logins written as ID/PW pairs and login tables (rules/credential-contexts.yaml:
// password-in-id-pw-pair, password-label-non-english, password-in-login-table): the password half
// is reported, at its own place, with the full rule set (the pair's label wins over the generic
// assignment that would take "user/password" whole); names that are not a password value
// (type annotations, hashes, empty or placeholder values) stay quiet.
import { afterEach, describe, expect, it } from 'vitest';
import { expandFakes } from '../../src/rules/fake.js';
import { occurrencesIn, positionOf, scanTree, type Scanned } from '../extract/support.js';

let scanned: Scanned | undefined;
afterEach(() => scanned?.tree.cleanup());

/** A generated password: letters with a digit in the middle. */
const pw = (seed: number) => expandFakes('<<b62:5>>7<<b62:4>>', seed);

describe('ID/PW pairs and login tables', () => {
  it('reports the password half of each pair and table row, at its place, and nothing else', async () => {
    const p = Array.from({ length: 9 }, (_, i) => pw(40 + i));
    const notes = [
      `ID/PW: admin/${p[0]}`,
      `id/pw = deploy/${p[1]}`,
      `- 98.76.54.32 id/pw:root,${p[2]}`,
      `계정/PW: operator/${p[3]}`,
      `user_id=reporter; user_pw=${p[4]}`,
      `아이디: admin 비밀번호: ${p[5]}`,
      '',
      '| Host | ID | PW |',
      '|------|----|----|',
      `| 10.0.3.7 | admin | ${p[6]} |`,
      `| 10.0.3.8 | backup | \`${p[7]}\` |`,
      '| 10.0.3.9 | guest | guest |',
      '',
    ].join('\n');
    const code = [
      'interface Login { id: string; pw: string }',
      'const pw_hash = "9f2a7b8c1d4e5f60";',
      'pw = ""',
      'pwd = "<your password>"',
      'passwd = None',
      `ID/PW: admin/admin`,
      '',
    ].join('\n');
    scanned = await scanTree({ 'docs/servers.md': notes, 'app/login.py': code }, { rules: undefined });
    const found = occurrencesIn(scanned.result, 'docs/servers.md').map(({ secret, occ }) => [occ.line, occ.column, secret.ruleId]).sort((a, b) => (a[0] as number) - (b[0] as number));
    const expected = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => {
      const at = positionOf(notes, p[i]);
      return [at.line, at.column];
    });
    expect(found.map(([l, c]) => [l, c])).toEqual(expected);
    expect(found.slice(0, 4).map((f) => f[2])).toEqual(Array(4).fill('password-in-id-pw-pair'));
    expect(found[5][2]).toBe('password-label-non-english');
    expect(found.slice(6).map((f) => f[2])).toEqual(['password-in-login-table', 'password-in-login-table']);
    expect(occurrencesIn(scanned.result, 'app/login.py')).toEqual([]);
  });
});
