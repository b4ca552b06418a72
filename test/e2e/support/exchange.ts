import { expect, type Page } from '@playwright/test';
import { communesOf, type Commune } from '../../../shared/places';
import { test as base } from './fixtures';
import { ADMIN, HosoServer, LEADER } from './hoso-server';

/**
 * A second workstation beside the fixture's `hoso`: its own data directory and host (`hub`), and its own browser
 * context (`hubApp`) whose requests must stay on the hub's loopback origin, as `app`'s stay on `hoso`'s.
 */
export const test = base.extend<{ hub: HosoServer; hubApp: Page }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  hub: async ({}, use) => {
    const server = await HosoServer.start();
    await use(server);
    await server.close();
  },
  hubApp: async ({ browser, hub }, use) => {
    const context = await browser.newContext({
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      viewport: { width: 1366, height: 860 },
      acceptDownloads: true,
    });
    const foreign: string[] = [];
    const pageErrors: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${hub.origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) {
        return route.continue();
      }
      foreign.push(url);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await use(page);
    await context.close();
    expect(foreign, 'requests outside the hub’s loopback origin').toEqual([]);
    expect(pageErrors, 'errors in the hub’s page').toEqual([]);
  },
});
export { expect };

export const COMMUNE: Commune = communesOf('08')[0]!;

/**
 * A commune police workstation: its vault (the leader in a unit of Tuyên Quang), the commune's police unit,
 * which the station serves. Leaves the host locked.
 */
export async function seedCommuneStation(hoso: HosoServer): Promise<void> {
  await hoso.ok('vault.create', {
    adminUsername: ADMIN.username,
    adminDisplayName: ADMIN.displayName,
    password: ADMIN.password,
    leader: { username: LEADER.username, displayName: LEADER.displayName, password: LEADER.password },
    // The leader's unit: the province's department (the leader reads the province; the station serves the commune).
    unit: { code: 'PC04-TQ', name: 'Đội PC04 tại xã', kind: 'province_department', provinceCode: '08' },
  });
  const unit = await hoso.ok('units.create', {
    code: 'CAX-A',
    name: `Công an ${COMMUNE.name}`,
    kind: 'commune_police',
    provinceCode: '08',
    communeCode: COMMUNE.code,
  });
  await hoso.ok('station.setUnit', { unitId: unit.id });
  await hoso.ok('session.lock', {});
}

/** The province hub: a fresh vault whose unit is the province's department. Leaves the host locked. */
export async function seedHubStation(hub: HosoServer): Promise<void> {
  await hub.ok('vault.create', {
    adminUsername: ADMIN.username,
    adminDisplayName: 'Quản trị viên tỉnh',
    password: ADMIN.password,
    leader: { username: LEADER.username, displayName: 'Trưởng phòng PC04', password: LEADER.password },
    unit: {
      code: 'PC04-HUB',
      name: 'Phòng PC04 Công an tỉnh Tuyên Quang',
      kind: 'province_department',
      provinceCode: '08',
    },
  });
  await hub.ok('session.lock', {});
}

/** A rehab centre's own workstation: a fresh vault serving its unit, no facility yet. Leaves the host locked. */
export async function seedCentreStation(hoso: HosoServer, unit: { code: string; name: string }): Promise<void> {
  await hoso.ok('vault.create', {
    adminUsername: ADMIN.username,
    adminDisplayName: 'Quản trị viên cơ sở',
    password: ADMIN.password,
    leader: { username: LEADER.username, displayName: 'Giám đốc cơ sở', password: LEADER.password },
    unit: { ...unit, kind: 'rehab_centre', provinceCode: '08' },
  });
  await hoso.ok('session.lock', {});
}

/** Opens the exchange page from the sidebar, on one of its tabs. */
export async function openExchange(page: Page, tab: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByText('Trao đổi dữ liệu').click();
  await expect(page.getByRole('heading', { name: 'Trao đổi dữ liệu', level: 1 })).toBeVisible();
  await page.getByRole('tab', { name: tab }).click();
}
