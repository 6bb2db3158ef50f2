import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // One temp folder for the run, removed after it (listed first, so it is torn down last),
    // and a throw-away PostgreSQL server for the PostgreSQL store and queue tests.
    globalSetup: ['./test/temp-root-setup.ts', './test/postgres-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
