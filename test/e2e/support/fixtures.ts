import { test as base, expect, type Page } from '@playwright/test';
import { HosoServer } from './hoso-server';

export interface Fixtures {
  hoso: HosoServer;
  /** The app's page, opened on the server's link; foreign requests and page errors fail the test. */
  app: Page;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  hoso: async ({}, use) => {
    const server = await HosoServer.start();
    await use(server);
    await server.close();
  },

  app: async ({ page, hoso }, use) => {
    const foreign: string[] = [];
    const pageErrors: string[] = [];
    // The app must never reach past its own loopback origin: no fonts, scripts or telemetry from outside.
    await page.context().route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${hoso.origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) {
        return route.continue();
      }
      foreign.push(url);
      return route.abort('blockedbyclient');
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await use(page);
    expect(foreign, 'requests outside the loopback origin').toEqual([]);
    expect(pageErrors, 'errors in the page').toEqual([]);
  },
});

export { expect };
