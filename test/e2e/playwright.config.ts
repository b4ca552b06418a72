import { defineConfig } from '@playwright/test';
import path from 'node:path';

/**
 * End-to-end tests in Debian's Chromium against the real host and a real encrypted database, through the
 * loopback transport (electron/dev/loopback-server.ts). Browsers cannot be downloaded here, so Playwright
 * drives the system Chromium; HOSO_CHROMIUM points elsewhere when needed.
 */
const root = path.resolve(import.meta.dirname, '../..');

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: path.join(root, 'test-results/e2e'),
  globalSetup: './global-setup.ts',
  forbidOnly: true,
  fullyParallel: true,
  // Two workers suit the two-core machines here: each runs one Chromium and one host with argon2 at the floor.
  workers: process.env.HOSO_E2E_WORKERS ? Number(process.env.HOSO_E2E_WORKERS) : 2,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['./support/summary-reporter.ts']],
  use: {
    browserName: 'chromium',
    headless: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1366, height: 860 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.HOSO_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
  },
});
