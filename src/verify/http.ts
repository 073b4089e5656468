// One HTTP call for a verifier: a hard timeout, no redirects (a redirect could carry the key to
// another host), and a bounded body, so a hostile or broken endpoint can cost at most a few
// seconds and a megabyte. Errors come back as values, never as thrown exceptions.

export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

export type HttpOutcome =
  | { ok: true; status: number; headers: Headers; body: string; truncated: boolean }
  | { ok: false; error: 'timeout' | 'network'; detail: string };

/** Bodies larger than this are cut: every verdict needs only the first few hundred bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

async function readBounded(res: Response): Promise<{ body: string; truncated: boolean }> {
  if (!res.body) return { body: '', truncated: false };
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    if (size > MAX_BODY_BYTES) {
      truncated = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  return { body: Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8'), truncated };
}

/** The error code of a failed fetch (ECONNREFUSED, ENOTFOUND, ...), never its full message. */
function networkCode(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown } }).cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  return (err as Error).name || 'error';
}

/**
 * Send one request. `signal` aborts it from outside (the global deadline); `timeoutMs` bounds
 * this request from start to the last byte of the body.
 */
export async function send(req: HttpRequest, timeoutMs: number, signal?: AbortSignal): Promise<HttpOutcome> {
  const ctl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctl.abort();
  }, timeoutMs);
  const outer = () => ctl.abort();
  signal?.addEventListener('abort', outer, { once: true });
  try {
    if (signal?.aborted) return { ok: false, error: 'timeout', detail: 'verification time budget used up' };
    const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body, redirect: 'manual', signal: ctl.signal });
    const { body, truncated } = await readBounded(res);
    return { ok: true, status: res.status, headers: res.headers, body, truncated };
  } catch (err) {
    if (timedOut) return { ok: false, error: 'timeout', detail: `no answer within ${timeoutMs} ms` };
    if (signal?.aborted) return { ok: false, error: 'timeout', detail: 'verification time budget used up' };
    return { ok: false, error: 'network', detail: networkCode(err) };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', outer);
  }
}
