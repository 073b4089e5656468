// The base folders of src/sources/agents/locations.ts for one home. Every OS layout is probed
// (a Windows profile copied to a Linux box, or a test home holding all three, is read the same
// way); a variable such as APPDATA or XDG_CONFIG_HOME moves its base, but with --home it is
// honoured only when it points inside that home, so `--home /other` never reads the caller's files.
import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Base } from './locations.js';
import { VSCODE_FAMILY } from './locations.js';

export interface BaseDir {
  base: Base;
  dir: string;
  /** For vscodeuser: the editor folder name (Code, Cursor, ...). */
  family?: string;
}

function inside(root: string, dir: string): boolean {
  const rel = relative(root, dir);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The home: --home, else HOME (USERPROFILE on Windows), else the OS's idea of it. */
export function homeFor(explicit: string | undefined, env: NodeJS.ProcessEnv): string {
  return resolve(explicit ?? env.HOME ?? env.USERPROFILE ?? homedir());
}

/** Every base folder to probe, deduplicated, each an absolute path. */
export function baseDirs(home: string, env: NodeJS.ProcessEnv, explicitHome: boolean): BaseDir[] {
  const fromEnv = (name: string, fallback: string): string[] => {
    const v = env[name];
    const usable = v && isAbsolute(v) && (!explicitHome || inside(home, v));
    return usable ? [resolve(v), fallback] : [fallback];
  };
  const groups: Array<[Base, string[]]> = [
    ['home', [home]],
    ['appdata', fromEnv('APPDATA', join(home, 'AppData', 'Roaming'))],
    ['localappdata', fromEnv('LOCALAPPDATA', join(home, 'AppData', 'Local'))],
    ['xdgconfig', fromEnv('XDG_CONFIG_HOME', join(home, '.config'))],
    ['xdgdata', fromEnv('XDG_DATA_HOME', join(home, '.local', 'share'))],
    ['macsupport', [join(home, 'Library', 'Application Support')]],
    ['maclogs', [join(home, 'Library', 'Logs')]],
    ['codexhome', fromEnv('CODEX_HOME', join(home, '.codex'))],
  ];
  const out: BaseDir[] = [];
  const seen = new Set<string>();
  const add = (b: BaseDir) => {
    const key = `${b.base}\0${b.dir}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(b);
    }
  };
  for (const [base, dirs] of groups) for (const dir of dirs) add({ base, dir });
  // The VS Code–family User folder: under each OS's settings folder.
  for (const root of [...fromEnv('APPDATA', join(home, 'AppData', 'Roaming')), ...fromEnv('XDG_CONFIG_HOME', join(home, '.config')), join(home, 'Library', 'Application Support')]) {
    for (const family of VSCODE_FAMILY) add({ base: 'vscodeuser', dir: join(root, family, 'User'), family });
  }
  return out;
}

/** Which client a VS Code–family folder belongs to. */
export function familyClient(family: string | undefined): string {
  if (family === 'Cursor') return 'cursor';
  if (family === 'Windsurf') return 'windsurf';
  return 'vscode';
}
