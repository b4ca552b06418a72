import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/{unit,db,api,cli,platform,exchange}/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The default reporter, and the names of files a dead worker left without an outcome.
    reporters: ['default', './test/support/unfinished-reporter.ts'],
    env: { HOSO_QUIET: '1' },
  },
});
