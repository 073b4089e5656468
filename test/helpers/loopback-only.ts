// Test setup (vitest.config.ts setupFiles): fetch may reach 127.0.0.1 and nothing else, so no
// test can send a key (or anything) to a real provider, even by mistake.
const realFetch = globalThis.fetch;

function hostOf(input: Parameters<typeof fetch>[0]): string {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

globalThis.fetch = (input, init) => {
  const host = hostOf(input);
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]') {
    return Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'TEST_NON_LOOPBACK' } }));
  }
  return realFetch(input, init);
};
