// Finds the AI clients' files that exist on this machine (src/sources/agents/locations.ts),
// plus the files that environment variables point the credential tools at (KUBECONFIG, ...).
import fg from 'fast-glob';
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { AgentFileRole } from '../../contracts/blob.js';
import type { ContentKind } from '../../contracts/fragment.js';
import { LOCATIONS, ROLE_KIND, type Location } from './locations.js';
import { baseDirs, familyClient, homeFor, type BaseDir } from './platform.js';

export interface AgentFile {
  abs: string;
  /** How reports name it: `~/...` inside the home, relative to the scan root for a project file. */
  path: string;
  client: string;
  role: AgentFileRole;
  scope: 'user' | 'project';
  kind: ContentKind;
}

export interface DiscoverOptions {
  /** --home, else the environment's home. */
  home?: string;
  env: NodeJS.ProcessEnv;
  /** Project folders whose project-level client files are read (the folders scanned). */
  projects: string[];
  /** The scan root: project files are named relative to it. */
  root: string;
}

const posix = (p: string) => (sep === '/' ? p : p.split(sep).join('/'));

function inside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** `~/x/y` for a file in the home; the absolute path otherwise. */
export function homePath(home: string, abs: string): string {
  return inside(home, abs) ? `~/${posix(relative(home, abs))}` : posix(abs);
}

function globIn(dir: string, pattern: string): string[] {
  if (!existsSync(dir)) return [];
  return fg.sync(pattern, { cwd: dir, dot: true, onlyFiles: true, absolute: true, followSymbolicLinks: false, suppressErrors: true, deep: 8 });
}

/** Credential files moved by a variable (honoured inside the home only when --home is given). */
function envFiles(home: string, env: NodeJS.ProcessEnv, explicit: boolean): Array<{ abs: string; client: string; role: AgentFileRole }> {
  const ok = (p: string | undefined): p is string => !!p && isAbsolute(p) && (!explicit || inside(home, p));
  const out: Array<{ abs: string; client: string; role: AgentFileRole }> = [];
  for (const p of (env.KUBECONFIG ?? '').split(process.platform === 'win32' ? ';' : ':')) if (ok(p)) out.push({ abs: p, client: 'kubectl', role: 'credentials' });
  if (ok(env.AWS_SHARED_CREDENTIALS_FILE)) out.push({ abs: env.AWS_SHARED_CREDENTIALS_FILE, client: 'aws', role: 'credentials' });
  if (ok(env.DOCKER_CONFIG)) out.push({ abs: join(env.DOCKER_CONFIG, 'config.json'), client: 'docker', role: 'credentials' });
  if (ok(env.GH_CONFIG_DIR)) out.push({ abs: join(env.GH_CONFIG_DIR, 'hosts.yml'), client: 'gh', role: 'credentials' });
  if (ok(env.HISTFILE)) out.push({ abs: env.HISTFILE, client: 'shell', role: 'shell-history' });
  return out.filter((f) => existsSync(f.abs) && statSync(f.abs).isFile());
}

function userFiles(bases: BaseDir[], locations: Location[]): Array<{ abs: string; client: string; role: AgentFileRole }> {
  const out: Array<{ abs: string; client: string; role: AgentFileRole }> = [];
  for (const l of locations) {
    for (const b of bases.filter((x) => x.base === l.base)) {
      const client = b.base === 'vscodeuser' && l.client === 'vscode' ? familyClient(b.family) : l.client;
      for (const abs of globIn(b.dir, l.pattern)) out.push({ abs, client, role: l.role });
    }
  }
  return out;
}

/** Every client file present, each once, sorted by path. */
export function discoverAgentFiles(opts: DiscoverOptions): { home: string; files: AgentFile[] } {
  const home = homeFor(opts.home, opts.env);
  const bases = baseDirs(home, opts.env, opts.home !== undefined);
  const found = new Map<string, AgentFile>();
  const add = (abs: string, client: string, role: AgentFileRole, scope: 'user' | 'project', path: string) => {
    const key = resolve(abs);
    if (!found.has(key)) found.set(key, { abs: key, path, client, role, scope, kind: ROLE_KIND[role] });
  };
  const user = LOCATIONS.filter((l) => l.base !== 'project');
  for (const f of [...userFiles(bases, user), ...envFiles(home, opts.env, opts.home !== undefined)]) add(f.abs, f.client, f.role, 'user', homePath(home, f.abs));
  const project = LOCATIONS.filter((l) => l.base === 'project');
  for (const dir of opts.projects.map((p) => resolve(p))) {
    for (const l of project) {
      for (const abs of globIn(dir, l.pattern)) add(abs, l.client, l.role, 'project', inside(opts.root, abs) ? posix(relative(opts.root, abs)) : posix(abs));
    }
  }
  const files = [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { home, files };
}
