// SARIF locations: occurrence paths as `%SRCROOT%`-relative artifact locations (or absolute
// `file:` URIs outside the root), regions from line and column, the root and repositories as
// URIs. Built without touching the file system or the working directory.
import type { Occurrence } from '../contracts/secret.js';
import { SRCROOT, type SarifArtifactLocation, type SarifLocation, type SarifRegion } from './sarif-types.js';

const DRIVE = /^[A-Za-z]:\//;

function encodeSegment(seg: string): string {
  // encodeURIComponent leaves A-Z a-z 0-9 - _ . ! ~ * ' ( ); RFC 3986 also allows these in a path
  // segment. ':' stays encoded so a first segment is never read as a URI scheme.
  return encodeURIComponent(seg).replace(/%(24|26|2B|2C|3B|3D|40)/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function encodePath(p: string): string {
  return p.split('/').map(encodeSegment).join('/');
}

export function slashes(p: string): string {
  return p.replace(/\\/g, '/');
}

/** An absolute local path as a `file:` URI, built without touching the file system or cwd. */
export function fileUri(absPath: string, trailingSlash = false): string | undefined {
  let p = slashes(absPath);
  if (trailingSlash && !p.endsWith('/')) p += '/';
  if (DRIVE.test(p)) return `file:///${p.slice(0, 2)}${encodePath(p.slice(2))}`;
  if (p.startsWith('//')) return `file:${encodePath(p)}`; // UNC: //server/share
  if (p.startsWith('/')) return `file://${encodePath(p)}`;
  return undefined;
}

/** The scan root as the `%SRCROOT%` base URI (absolute, ending in '/'); undefined if root is not absolute. */
export function rootUri(root: string): string | undefined {
  return fileUri(root, true);
}

/**
 * An occurrence path as a SARIF artifact location: relative to `%SRCROOT%` with forward slashes
 * and percent-encoding. An absolute path under the root is made relative; one outside it
 * becomes an absolute `file:` URI.
 */
export function artifactLocation(path: string, root: string): SarifArtifactLocation {
  let p = slashes(path);
  const base = slashes(root).replace(/\/+$/, '');
  if ((p.startsWith('/') || DRIVE.test(p)) && base) {
    if (p.startsWith(`${base}/`)) p = p.slice(base.length + 1);
    else {
      const abs = fileUri(p);
      if (abs) return { uri: abs };
    }
  }
  while (p.startsWith('./')) p = p.slice(2);
  p = p.replace(/^\/+/, '');
  return { uri: encodePath(p), uriBaseId: SRCROOT };
}

const URI_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/;
const SCP_LIKE = /^([A-Za-z0-9._-]+@)?([A-Za-z0-9.-]+):(?!\/\/)([^\s]+)$/;

/** A repository name as a URI: URLs as they are, scp-like `git@host:o/r.git` as ssh://, local paths as file:. */
export function repositoryUri(repo: string): string | undefined {
  const r = repo.trim();
  if (!r) return undefined;
  const local = fileUri(r, true);
  if (local) return local;
  const scp = SCP_LIKE.exec(r);
  if (scp && scp[2].includes('.')) return `ssh://${scp[1] ?? ''}${scp[2]}/${scp[3].replace(/^\/+/, '')}`;
  if (URI_SCHEME.test(r)) return r;
  return undefined;
}

/** True for a string that is an absolute URI (a scheme, then no whitespace). */
export function isUri(s: string): boolean {
  return URI_SCHEME.test(s);
}

export function region(o: Occurrence): SarifRegion | undefined {
  if (!(o.line >= 1)) return undefined;
  const r: SarifRegion = { startLine: Math.floor(o.line) };
  if (o.column >= 1) r.startColumn = Math.floor(o.column);
  if (o.endLine >= r.startLine) r.endLine = Math.floor(o.endLine);
  if (o.endColumn >= 1 && (r.endLine === undefined || r.endLine > r.startLine || o.endColumn >= (r.startColumn ?? 1))) {
    r.endColumn = Math.floor(o.endColumn);
  }
  if (r.endColumn !== undefined && r.endLine === undefined) r.endLine = r.startLine;
  if (o.snippet) r.snippet = { text: o.snippet };
  return r;
}

export function physicalLocation(o: Occurrence, root: string): SarifLocation['physicalLocation'] {
  const reg = region(o);
  return { artifactLocation: artifactLocation(o.origin.path, root), ...(reg ? { region: reg } : {}) };
}

