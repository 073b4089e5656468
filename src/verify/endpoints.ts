// Where each verifier sends its key. By default only the provider's own URL. An override
// (KEYSPRAWL_VERIFY_<PROVIDER>_URL) exists for tests and is refused unless it points at this
// machine (127.0.0.1, ::1, localhost), or KEYSPRAWL_VERIFY_ALLOW_ANY_HOST=1 says the user means
// to send keys to another host (an egress proxy of their own).
import { UsageError } from '../errors.js';
import { PROVIDERS } from './providers.js';
import type { ProviderVerifier } from './spec.js';

export const ALLOW_ANY_HOST = 'KEYSPRAWL_VERIFY_ALLOW_ANY_HOST';

export function endpointVar(p: Pick<ProviderVerifier, 'env'>): string {
  return `KEYSPRAWL_VERIFY_${p.env}_URL`;
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

export function isLoopback(url: URL): boolean {
  return LOOPBACK.has(url.hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname);
}

function checked(name: string, value: string, p: ProviderVerifier, anyHost: boolean): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${name}: not a URL (expected the full URL of the call, e.g. ${p.defaultUrl})`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`${name}: must be an http(s) URL`);
  if (!isLoopback(url)) {
    if (!anyHost) {
      throw new UsageError(`${name}: ${url.host} is not this machine; --verify sends each key only to its provider ` +
        `(an override is for tests on 127.0.0.1; set ${ALLOW_ANY_HOST}=1 to send keys to another host you trust)`);
    }
    if (url.protocol !== 'https:') throw new UsageError(`${name}: a host other than this machine must use https`);
  }
  // Kept as given: a URL with {key} (the key goes in the path) must not be re-encoded.
  return value;
}

/** Each provider's endpoint: its own URL, or a checked override from the environment. */
export function endpoints(env: NodeJS.ProcessEnv, providers: readonly ProviderVerifier[] = PROVIDERS): Map<string, string> {
  const anyHost = env[ALLOW_ANY_HOST] === '1';
  const out = new Map<string, string>();
  for (const p of providers) {
    const name = endpointVar(p);
    const value = env[name];
    out.set(p.name, value === undefined || value === '' ? p.defaultUrl : checked(name, value, p, anyHost));
  }
  return out;
}
