// A repository as a forge's API lists it, reduced to what a sweep needs: where to clone it from
// and what the filters look at. Clone URLs come from an API answer, so they are checked before
// git ever sees them: https, the forge's own host, no credentials, a plain path.
import { UsageError } from '../../errors.js';

export interface ForgeRepo {
  /** The credential-free https clone URL (the repository's id in reports). */
  url: string;
  /** "owner/name" (GitLab: the full path with subgroups; Hugging Face: "spaces/owner/name" for a Space). */
  name: string;
  archived: boolean;
  fork: boolean;
  /** public, private or internal (Hugging Face: public or private). */
  visibility: string;
  topics: string[];
}

/** The web host of an API: api.github.com → github.com, api.X.ghe.com → X.ghe.com, else the API's own host. */
export function webHost(apiBase: string): string {
  const host = new URL(apiBase).host;
  return host.startsWith('api.') ? host.slice(4) : host;
}

/**
 * Why an API-given clone URL is refused, or undefined when it is fine. `host` is the expected
 * host (with port when not 443); a loopback API in tests answers with its own host.
 */
export function cloneUrlProblem(url: unknown, host: string): string | undefined {
  if (typeof url !== 'string' || url.length > 2048) return 'no clone URL';
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (u.protocol !== 'https:') return `not https (${u.protocol.replace(/:$/, '')})`;
  if (u.username || u.password) return 'holds credentials';
  if (u.host.toLowerCase() !== host.toLowerCase()) return `on another host (${u.host}, expected ${host})`;
  if (u.search || u.hash) return 'has a query or fragment';
  const path = decodeURIComponent(u.pathname);
  if (!/^\/[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)+$/.test(path) || path.split('/').some((p) => p === '.' || p === '..')) return 'has an unexpected path';
  return undefined;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An API base URL from an option or the environment: https (plain http only to a loopback test server). */
export function checkApiBase(what: string, url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UsageError(`${what} ${url}: not a URL`);
  }
  if (u.username || u.password || u.search || u.hash) throw new UsageError(`${what}: give the API base URL without credentials, query or fragment`);
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && LOOPBACK.has(u.hostname))) throw new UsageError(`${what} ${u.origin}: must be https (the token is sent to it)`);
  return u.toString().replace(/\/+$/, '');
}
