// `scan --agents [--home DIR]`: adds the AI clients' files on this machine to the scan plan.
// The folders named on the command line are walked as usual (their project-level client files
// tagged with their client); the user-level files, and project-level files the walk skipped
// (a gitignored .claude/settings.local.json), are read after them. With no folder named, only
// the machine is scanned (and the current folder's project-level client files).
import { lstatSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { ScanOptions } from '../scan.js';
import { discoverAgentFiles, type AgentFile } from '../sources/agents/discover.js';
import { buildInventory } from '../extract/agent-inventory.js';
import { agentSource, tagWalked } from '../sources/agents/source.js';
import { fileSource } from '../sources/files.js';
import { DEFAULT_MAX_FILE_SIZE, scanRoot } from '../sources/paths.js';
import type { Source } from '../sources/source.js';
import { readStdin } from '../sources/stdin.js';
import type { Blob } from '../contracts/blob.js';
import type { ScanResult } from '../contracts/result.js';

export interface AgentFlags {
  agents?: boolean;
  home?: string;
}

export interface AgentPlan {
  home: string;
  files: AgentFile[];
  /** The scan's source: the named paths (or the git mode's source) and then the machine's files. */
  source: Source;
  /** Adds the inventory to a finished scan. */
  finish(result: ScanResult): ScanResult;
}

const isDir = (p: string) => statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;

/** The source that reads the machine's client files too, around the scan's own (`options`, unchanged). */
export function planAgentScan(paths: string[], flags: AgentFlags, options: Readonly<ScanOptions>, env: NodeJS.ProcessEnv): AgentPlan {
  const named = paths.filter((p) => p !== '-');
  for (const p of named) if (!lstatSync(p, { throwIfNoEntry: false })) throw new UsageError(`${p}: no such file or directory`);
  if (flags.home !== undefined && !isDir(flags.home)) throw new UsageError(`--home ${flags.home}: not a folder`);
  const walk = options.source;
  // A git mode (--staged, --diff, --history) has already chosen its root: the repository's top.
  const root = walk ? walk.root : scanRoot(named.length ? named : ['.'], options.root);
  const projects = named.length ? named.filter(isDir) : ['.'];
  const { home, files } = discoverAgentFiles({ home: flags.home, env, projects, root });
  const byPath = new Map(files.filter((f) => f.scope === 'project').map((f) => [f.path, f]));
  const kinds = new Map(files.map((f) => [f.path, f.kind]));
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const source: Source = {
    root,
    ...(walk?.reuseLines ? { reuseLines: true } : {}),
    ...(walk?.provenance ? { provenance: walk.provenance.bind(walk) } : {}),
    kindFor: (p) => walk?.kindFor?.(p) ?? kinds.get(p),
    async *blobs(diag): AsyncGenerator<Blob> {
      const seen = new Set<string>();
      if (paths.includes('-')) yield await readStdin(options.stdin);
      if (walk) yield* tagWalked(walk.blobs(diag), byPath, seen);
      else if (named.length) yield* tagWalked(fileSource({ root, paths: named, maxFileSize, gitignore: options.gitignore }, diag), byPath, seen);
      yield* agentSource({ home, files, maxFileSize }, seen, diag);
    },
  };
  return {
    home,
    files,
    source,
    // The caller's own home is shown as ~ (a report names no user); a --home as given.
    finish: (result) => ({ ...result, machine: buildInventory(flags.home !== undefined ? resolve(home) : '~', files, result.secrets) }),
  };
}
