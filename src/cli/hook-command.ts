// `keysprawl hook install|uninstall`: a git pre-commit hook that runs `keysprawl scan --staged`,
// or (--husky, --lefthook) the snippet for those hook managers. A hook keysprawl did not write
// is never overwritten without --force, and then it is kept as a backup that uninstall restores.
import { chmod, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.js';
import { openRepo } from '../sources/git/repo.js';
import { gitOutput } from '../sources/git/run-git.js';
import type { Io } from './io.js';

export interface HookFlags {
  force?: boolean;
  husky?: boolean;
  lefthook?: boolean;
}

/** Marks a hook as ours: uninstall and re-install only touch files carrying it. */
export const HOOK_MARKER = 'keysprawl-hook: v1';
export const BACKUP_SUFFIX = '.keysprawl-backup';
const RUN = 'npx --no-install keysprawl scan --staged';

export const HUSKY_SNIPPET = `# .husky/pre-commit  (husky v9: add this line to the file)
${RUN}
`;

export const LEFTHOOK_SNIPPET = `# lefthook.yml
pre-commit:
  commands:
    keysprawl:
      run: ${RUN}
`;

const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** This installation's CLI (bin/keysprawl.js next to dist/), so the hook runs the same version. */
function selfCommand(): { node: string; script: string } {
  return { node: process.execPath, script: fileURLToPath(new URL('../../bin/keysprawl.js', import.meta.url)) };
}

export function hookScript(self = selfCommand()): string {
  return `#!/bin/sh
# keysprawl pre-commit hook: blocks a commit whose staged changes add a secret.
# Installed by \`keysprawl hook install\`; remove it with \`keysprawl hook uninstall\`.
# ${HOOK_MARKER}
keysprawl_run() {
  if [ -x ${shq(self.node)} ] && [ -f ${shq(self.script)} ]; then ${shq(self.node)} ${shq(self.script)} "$@"
  elif command -v keysprawl >/dev/null 2>&1; then keysprawl "$@"
  elif [ -x node_modules/.bin/keysprawl ]; then node_modules/.bin/keysprawl "$@"
  else
    echo "keysprawl: not found, so this commit was not checked for secrets (npm install -g keysprawl, or keysprawl hook uninstall)" >&2
    return 2
  fi
}
keysprawl_run scan --staged
status=$?
if [ "$status" -eq 1 ]; then
  echo >&2
  echo "keysprawl: commit blocked: the staged changes add the secret(s) listed above." >&2
  echo "  Remove them and load the value from the environment or a secret manager," >&2
  echo "  or mark a false positive with a keysprawl:allow comment on its line." >&2
fi
exit $status
`;
}

/** Where git runs hooks from (honours core.hooksPath and worktrees). */
async function hookPath(repoDir: string): Promise<string> {
  const configured = (await gitOutput(repoDir, ['config', '--get', 'core.hooksPath']).catch(() => '')).trim();
  if (/husky/i.test(configured)) {
    throw new UsageError(`husky manages this repository's hooks (core.hooksPath=${configured}): run keysprawl hook install --husky for the line to add`);
  }
  const rel = (await gitOutput(repoDir, ['rev-parse', '--git-path', 'hooks/pre-commit'])).trim();
  return resolve(repoDir, rel);
}

async function readIfExists(path: string): Promise<string | undefined> {
  return existsSync(path) ? readFile(path, 'utf8') : undefined;
}

async function install(path: string, force: boolean, io: Io): Promise<number> {
  const existing = await readIfExists(path);
  const ours = existing?.includes(HOOK_MARKER);
  if (existing !== undefined && !ours) {
    if (!force) {
      throw new UsageError(`${path}: a pre-commit hook keysprawl did not write is already there; add "keysprawl scan --staged" to it, or rerun with --force to replace it (it is kept as pre-commit${BACKUP_SUFFIX})`);
    }
    await rename(path, `${path}${BACKUP_SUFFIX}`);
    io.stdout.write(`keysprawl: kept the previous hook as ${path}${BACKUP_SUFFIX}\n`);
  }
  mkdirSync(dirname(path), { recursive: true });
  await writeFile(path, hookScript(), { mode: 0o755 });
  await chmod(path, 0o755);
  io.stdout.write(`keysprawl: ${ours ? 'updated' : 'installed'} ${path}: every commit now runs keysprawl scan --staged\n`);
  return 0;
}

async function uninstall(path: string, io: Io): Promise<number> {
  const existing = await readIfExists(path);
  if (existing === undefined) {
    io.stdout.write(`keysprawl: no pre-commit hook at ${path}, nothing to remove\n`);
    return 0;
  }
  if (!existing.includes(HOOK_MARKER)) throw new UsageError(`${path}: this pre-commit hook was not written by keysprawl; left as it is`);
  await rm(path);
  const backup = `${path}${BACKUP_SUFFIX}`;
  if (existsSync(backup)) {
    await rename(backup, path);
    io.stdout.write(`keysprawl: removed the keysprawl hook and restored the previous one at ${path}\n`);
  } else {
    io.stdout.write(`keysprawl: removed ${path}\n`);
  }
  return 0;
}

export async function runHook(action: 'install' | 'uninstall', repoPath: string, flags: HookFlags, io: Io): Promise<number> {
  if (flags.husky && flags.lefthook) throw new UsageError('--husky and --lefthook: pick one');
  if (flags.husky || flags.lefthook) {
    if (action === 'uninstall') throw new UsageError(`--${flags.husky ? 'husky' : 'lefthook'}: remove the keysprawl line from your hook manager's config instead`);
    io.stdout.write(flags.husky ? HUSKY_SNIPPET : LEFTHOOK_SNIPPET);
    return 0;
  }
  const repo = await openRepo(repoPath);
  if (repo.bare) throw new UsageError(`${repo.dir}: a bare repository has no commits to hook`);
  const path = await hookPath(repo.dir);
  return action === 'install' ? install(path, !!flags.force, io) : uninstall(path, io);
}
