import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // No test may reach a host other than this machine (a key could go with it).
    setupFiles: ['test/helpers/loopback-only.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
