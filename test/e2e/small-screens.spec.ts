import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { chooseOption, signIn } from './support/flows';
import { ADMIN } from './support/hoso-server';
import { asAccount, createPerson, PEOPLE, seedManyPersons, seedPersonsWorld } from './support/persons';
import { screenshot } from './support/screens';
import { seedDueWork } from './support/workday';

/**
 * 1024×768 (many district workstations) and 125 % zoom on it (≈ 820×615 CSS pixels): every main screen is
 * usable. The page body never scrolls sideways (wide tables scroll inside their card), titles stay lines of
 * words, and dates, CCCD numbers and column headers never break across lines.
 */
const SIZES = [
  { name: '1024', width: 1024, height: 768 },
  { name: '125pc', width: 820, height: 615 },
] as const;

/** How far the page body reaches past the window sideways (0 when it fits). */
async function bodyOverflow(page: Page): Promise<number> {
  return page.evaluate(
    '(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)()',
  ) as Promise<number>;
}

/**
 * Among the elements `selector` finds, the texts that are broken: with `whole`, any text over more than one
 * line (a date, a CCCD number, a tag must stay one line); otherwise a word split between two lines (headers
 * and names may wrap between words, never inside one).
 */
async function brokenTexts(page: Page, selector: string, whole = false): Promise<string[]> {
  return page.evaluate(`(() => {
    const lineCount = (rects) => {
      rects.sort((a, b) => a.top - b.top);
      let lines = rects.length ? 1 : 0;
      for (let i = 1; i < rects.length; i++) if (rects[i].top >= rects[i - 1].bottom - 1) lines++;
      return lines;
    };
    const out = [];
    for (const el of document.querySelectorAll(${JSON.stringify(selector)})) {
      if (!el.textContent.trim() || !el.getClientRects().length) continue;
      const all = [];
      let split = false;
      const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const text = n.textContent;
        const range = document.createRange();
        for (const m of text.matchAll(/\\S+/g)) {
          range.setStart(n, m.index);
          range.setEnd(n, m.index + m[0].length);
          const rects = [...range.getClientRects()].filter((r) => r.width > 0);
          all.push(...rects);
          if (lineCount(rects) > 1) split = true;
        }
      }
      if (${whole ? 'lineCount(all) > 1' : 'split'}) out.push(el.textContent.trim());
    }
    return out;
  })()`) as Promise<string[]>;
}

async function expectUsable(page: Page, screen: string, oneLine: string, words = 'h1, th, td'): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
  expect(await bodyOverflow(page), `${screen}: the page scrolls sideways`).toBeLessThanOrEqual(0);
  const title = page.locator('.page-header-title h1:visible');
  if (await title.count()) {
    const box = (await title.boundingBox())!;
    expect(box.width, `${screen}: the title is squeezed`).toBeGreaterThan(200);
    expect(box.height, `${screen}: the title takes more than two lines`).toBeLessThan(80);
  }
  expect(
    await brokenTexts(page, `.app-header-title, ${oneLine}`, true),
    `${screen}: dates, numbers, tags over two lines`,
  ).toEqual([]);
  expect(await brokenTexts(page, words), `${screen}: words split between lines`).toEqual([]);
}

/** A sidebar entry by its name (at 125 % the sidebar is folded to icons, whose names stay). */
const nav = (page: Page, entry: string) =>
  page
    .getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('menuitem', { name: new RegExp(`${entry}$`) })
    .click();

for (const size of SIZES) {
  test(`every main screen of an officer and a leader is usable at ${size.width}×${size.height}`, async ({
    app,
    hoso,
  }) => {
    test.setTimeout(240_000); // 300 seeded people and two sign-ins on a shared two-core machine
    const world = await seedPersonsWorld(hoso, ['leader', 'officerA']);
    const due = await asAccount(hoso, 'officerA', () => seedDueWork(hoso, world.communeA));
    await seedManyPersons(hoso, 300);
    await app.setViewportSize({ width: size.width, height: size.height });
    await app.goto(hoso.url);
    await signIn(app, PEOPLE.leader.username, PEOPLE.leader.password);

    // Home.
    await expect(app.getByTestId('work-queue').locator('.home-queue-item').first()).toBeVisible();
    await expectUsable(app, 'home', '.home-queue-when, .home-queue-date, .home-queue-detail .nowrap');
    await screenshot(app, `h6-${size.name}-home-leader`);

    // The persons list: the table scrolls sideways inside its card, "Phân loại" is reached, never cut.
    await nav(app, 'Người thuộc diện quản lý');
    await expect(app.getByRole('heading', { name: 'Người thuộc diện quản lý' })).toBeVisible();
    await expect(app.locator('.persons-row-body').first()).toBeVisible();
    await expectUsable(app, 'persons', '.persons-row-head [role=columnheader], .persons-mono');
    const table = app.locator('.persons-table');
    const category = app.locator('.persons-row-head [role=columnheader]').last();
    await expect(category).toHaveText('Phân loại');
    await table.evaluate((el: { scrollLeft: number; scrollWidth: number }) => {
      el.scrollLeft = el.scrollWidth;
    });
    const tableBox = (await table.boundingBox())!;
    const catBox = (await category.boundingBox())!;
    expect(catBox.x + catBox.width).toBeLessThanOrEqual(tableBox.x + tableBox.width + 1);
    await screenshot(app, `h6-${size.name}-persons`);

    // The due list: the filter bar fits, "Chi tiết" is one line, the commune column is there.
    await app.getByRole('tab', { name: /Việc cần làm/ }).click();
    const dueTable = app.getByRole('tabpanel', { name: 'Việc cần làm' });
    await expect(dueTable.getByRole('columnheader', { name: 'Xã/phường' })).toBeVisible();
    await expect(dueTable.locator('tbody tr.ant-table-row').first()).toBeVisible();
    await expectUsable(app, 'due list', '[role=tabpanel] td.nowrap-cell, [role=tabpanel] .persons-tag');
    const bar = (await app.locator('.due-filter-bar').boundingBox())!;
    const content = (await app.locator('.app-content').boundingBox())!;
    expect(bar.x + bar.width).toBeLessThanOrEqual(content.x + content.width);
    await screenshot(app, `h6-${size.name}-due`);

    // The commune filter finds the officer's overdue registration among the area's; it opens the file, whose
    // dates and CCCD stay on one line each.
    await chooseOption(app, dueTable.getByLabel('Lọc theo xã/phường'), world.communeA.name);
    const rows = dueTable.locator('tbody tr.ant-table-row');
    await expect(rows.filter({ hasText: due.overdue })).toHaveCount(1);
    for (const row of await rows.all()) await expect(row).toContainText(world.communeA.name);
    await dueTable.locator('.persons-link-button').filter({ hasText: due.overdue }).click();
    await expect(app.getByRole('heading', { name: due.overdue })).toBeVisible();
    await expectUsable(
      app,
      'person file',
      '.persons-mono, .ant-table-cell.nowrap-cell, [data-testid=person-category]',
      // a date is one word: never split; addresses may wrap between words
      'h1, th, td, .ant-descriptions-item-content',
    );
    await screenshot(app, `h6-${size.name}-person-file`);

    // An officer's file still "Chưa phân loại" says how it gets a category.
    const fresh = await asAccount(hoso, 'officerA', () =>
      createPerson(hoso, { fullName: 'Đinh Văn Mới', sex: 'male', birthDate: '1999', commune: world.communeA }),
    );
    expect(fresh.person.category).toBe('unclassified');
    await app.keyboard.press('Control+l');
    await signIn(app, PEOPLE.officerA.username, PEOPLE.officerA.password);
    await expectUsable(app, 'officer home', '.home-queue-when, .home-queue-date');
    await nav(app, 'Người thuộc diện quản lý');
    await app.locator('.persons-link').filter({ hasText: 'Đinh Văn Mới' }).click();
    await expect(app.getByTestId('unclassified-note')).toContainText('Phân loại được tính tự động');
    await expectUsable(app, 'unclassified file', '.persons-mono');
    await screenshot(app, `h6-${size.name}-unclassified`);
  });

  test(`the leader’s case list fits ${size.width}×${size.height} without scrolling sideways`, async ({ app, hoso }) => {
    test.setTimeout(180_000);
    const world = await seedPersonsWorld(hoso, ['leader']);
    await asAccount(hoso, 'leader', async () => {
      for (const [number, prosecutedOn, offences] of [
        ['12/2026', '2026-10-02', [{ article: '249', clause: 1 }]],
        ['15/2026', '2026-11-04', [{ article: '251', clause: 2 }]],
        [
          '17/2026',
          '2026-11-20',
          [
            { article: '250', clause: 3 },
            { article: '255', clause: 1 },
          ],
        ],
      ] as const) {
        await hoso.ok('cases.create', {
          number,
          prosecutedOn,
          offences: [...offences],
          communeCode: world.communeA.code,
        });
      }
    });
    await app.setViewportSize({ width: size.width, height: size.height });
    await app.goto(hoso.url);
    await signIn(app, PEOPLE.leader.username, PEOPLE.leader.password);
    // At 125 % the sidebar is folded to icons: its entry is found by name.
    await nav(app, 'Điều tra');
    await app.getByRole('navigation', { name: 'Các mục điều tra' }).getByText('Vụ án', { exact: true }).click();
    const list = app.getByRole('table', { name: 'Vụ án' });
    const row = list.locator('tbody tr.ant-table-row').filter({ hasText: '15/2026' });
    await expect(row).toBeVisible();
    // Seven facts in five columns: the date under the number, the severity under the offences.
    await expect(list.getByRole('columnheader', { name: 'Số vụ án, ngày khởi tố' })).toBeVisible();
    await expect(row).toContainText('04/11/2026');
    await expect(row).toContainText('Rất nghiêm trọng');
    await expectUsable(app, 'case list', '.inv-mono, .inv-deadline');
    // The table is no wider than its card: nothing to scroll sideways to.
    const sideways = await list.evaluate(
      (el: { scrollWidth: number; closest(s: string): { clientWidth: number } | null }) =>
        el.scrollWidth - (el.closest('.ant-table-container')?.clientWidth ?? 0),
    );
    expect(sideways, 'the case list scrolls sideways').toBeLessThanOrEqual(0);
    await screenshot(app, `h6-${size.name}-cases-leader`);
  });

  test(`the administrator’s screens are usable at ${size.width}×${size.height}`, async ({ app, hoso }) => {
    test.setTimeout(180_000);
    await hoso.seedVault();
    await app.setViewportSize({ width: size.width, height: size.height });
    await app.goto(hoso.url);
    await signIn(app, ADMIN.username, ADMIN.password);
    await expectUsable(app, 'admin home', '.overview-shortcut-title');
    for (const [entry, shot] of [
      ['Tài khoản', 'accounts'],
      ['Đơn vị', 'units'],
      ['Sao lưu', 'backup'],
      ['Máy trạm', 'workstation'],
      ['Cài đặt', 'settings'],
    ] as const) {
      await nav(app, entry);
      await expect(app.locator('.page-header-title h1')).toBeVisible();
      await expectUsable(app, entry, 'td.nowrap-cell');
      await screenshot(app, `h6-${size.name}-${shot}`);
    }
  });
}
