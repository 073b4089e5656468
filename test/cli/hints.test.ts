// Every hint the tool prints works when pasted: the `keysprawl explain <id>` line under a finding
// repeats the scan's paths and mode, so a key found only in history (scan --history) or in a
// subfolder is found again by the pasted command.
import { describe, expect, it } from 'vitest';
import { explainArgs, shellWord } from '../../src/cli/explain-hint.js';
import { fakeGithubToken, prng } from '../../src/rules/fake.js';
import { runCli } from '../helpers/cli.js';
import { Repo } from '../git/git-fixture.js';

/** The explain hints in a text report, as argument lists. */
function hints(text: string): string[][] {
  return [...text.matchAll(/^\s*keysprawl (explain [^\n]+)$/gm)].map((m) => m[1].trim().split(/\s+/));
}

describe('the explain hint', () => {
  it('after scan --history names --history, and the pasted command explains the secret', () => {
    const r = new Repo();
    try {
      const token = fakeGithubToken('ghp_', prng(1402));
      r.commit({ 'app.py': `TOKEN = "${token}"\n` }, 'add');
      r.commit({ 'app.py': 'TOKEN = os.environ["TOKEN"]\n' }, 'remove');
      const scanned = runCli(['scan', '--history'], { cwd: r.dir });
      expect(scanned.code).toBe(1);
      const [hint] = hints(scanned.stdout);
      expect(hint.slice(2)).toEqual(['--history']);
      // Without --history the tree is clean, so the hint would fail: this is why it carries it.
      expect(runCli(['explain', hint[1]], { cwd: r.dir }).code).toBe(2);
      const explained = runCli(hint, { cwd: r.dir });
      expect(explained.code, explained.stderr).toBe(0);
      expect(explained.stdout).toContain('app.py');
      expect(explained.stdout).not.toContain(token);
    } finally {
      r.cleanup();
    }
  });

  it('repeats the paths and options of the scan, quoted for the shell', () => {
    expect(explainArgs(['.'], {})).toBe('');
    expect(explainArgs(['src', 'my dir'], { history: true, branch: ['main'], config: false, maxFileSize: '25m' })).toBe(" src 'my dir' --history --branch main --no-config");
    expect(explainArgs([], { diff: 'origin/main', rules: './rules' })).toBe(' --diff origin/main --rules ./rules');
    expect(shellWord("it's")).toBe("'it'\\''s'");
  });
});
