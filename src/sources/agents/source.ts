// `scan --agents`: the blobs of the clients' files found on the machine, named `~/...` (no user
// name in a report) and tagged with their client, read through the same file source as a scan
// (size cap, binary and unreadable files skipped and counted). Files the working-tree walk
// already read (a project's .cursor/mcp.json) are tagged there instead of read twice.
import { parse, resolve } from 'node:path';
import type { Diagnostics } from '../../diagnostics.js';
import type { Blob } from '../../contracts/blob.js';
import { fileSource } from '../files.js';
import type { AgentFile } from './discover.js';

export interface AgentSourceOptions {
  home: string;
  files: AgentFile[];
  maxFileSize: number;
}

function tag(blob: Blob, f: AgentFile): Blob {
  return { ...blob, origin: { ...blob.origin, path: f.path, agent: { client: f.client, role: f.role, scope: f.scope } } };
}

/** Wraps another source (the working-tree walk): a client file it yields gets its agent tag. */
export async function* tagWalked(source: AsyncIterable<Blob>, byPath: Map<string, AgentFile>, seen: Set<string>): AsyncGenerator<Blob> {
  for await (const blob of source) {
    const f = byPath.get(blob.origin.path);
    if (f && blob.origin.kind === 'file') {
      seen.add(f.abs);
      yield tag(blob, f);
    } else yield blob;
  }
}

/** The client files not already read by the walk. */
export async function* agentSource(opts: AgentSourceOptions, seen: ReadonlySet<string>, diag: Diagnostics): AsyncGenerator<Blob> {
  const home = resolve(opts.home);
  for (const f of opts.files) {
    if (seen.has(f.abs)) continue;
    const root = f.path.startsWith('~/') ? home : parse(f.abs).root;
    for await (const blob of fileSource({ root, paths: [f.abs], maxFileSize: opts.maxFileSize, gitignore: false }, diag)) yield tag(blob, f);
  }
}
