import { expect, test } from './support/fixtures';
import { chooseOption, signIn } from './support/flows';
import { ADMIN } from './support/hoso-server';
import { asAccount, PEOPLE, seedManyPersons, seedPersonsWorld } from './support/persons';
import { checkScreen, screenshot } from './support/screens';
import { seedDueWork } from './support/workday';

/** Nothing technical on home: those words belong to the administrators' Workstation page. */
const TECHNICAL = ['Mã máy trạm', 'SQLite', 'Thuật toán mã hóa', 'Phiên bản cơ sở dữ liệu'];

test('an officer’s home is a work queue, overdue first, whose lines open the file; recent files follow', async ({
  app,
  hoso,
}) => {
  const world = await seedPersonsWorld(hoso, ['officerA']);
  const due = await asAccount(hoso, 'officerA', () => seedDueWork(hoso, world.communeA));
  await app.goto(hoso.url);
  await signIn(app, PEOPLE.officerA.username, PEOPLE.officerA.password);
  await expect(app.getByRole('heading', { name: `Xin chào, ${PEOPLE.officerA.displayName}` })).toBeVisible();

  const queue = app.getByTestId('work-queue');
  const lines = queue.locator('.home-queue-item');
  await expect(lines).toHaveCount(2);
  // The overdue registration first, then the measure that ends in 12 days; each says by how much.
  await expect(lines.nth(0)).toContainText(due.overdue);
  await expect(lines.nth(0)).toContainText('Quá hạn đăng ký cai nghiện');
  await expect(lines.nth(0)).toContainText(/Quá hạn \d+ ngày/);
  await expect(lines.nth(1)).toContainText(due.ending);
  await expect(lines.nth(1)).toContainText('Còn 12 ngày');
  await expect(lines.nth(1)).toContainText(world.communeA.name);
  for (const word of TECHNICAL) await expect(app.locator('main, .app-content').first()).not.toContainText(word);
  await expect(app.getByTestId('recent-files')).toContainText('Bạn chưa mở hồ sơ nào.');
  await checkScreen(app, 'h6-home-officer-1366');

  // A line opens the person's file; back home, it is the first recent file.
  await lines.nth(0).getByRole('button', { name: due.overdue }).click();
  await expect(app.getByRole('heading', { name: due.overdue })).toBeVisible();
  await app.getByRole('navigation', { name: 'Điều hướng chính' }).getByText('Trang chủ').click();
  await expect(app.getByTestId('recent-files').getByRole('button').first()).toHaveText(due.overdue);
  await app.setViewportSize({ width: 1024, height: 768 });
  await screenshot(app, 'h6-home-officer-1024');
});

test('a leader’s home: the queue of the whole area with its counts, and an intro that promises only what exists', async ({
  app,
  hoso,
}) => {
  const world = await seedPersonsWorld(hoso, ['leader', 'officerA']);
  await asAccount(hoso, 'officerA', () => seedDueWork(hoso, world.communeA));
  await seedManyPersons(hoso, 400);
  await app.setViewportSize({ width: 1024, height: 768 });
  await app.goto(hoso.url);
  await signIn(app, PEOPLE.leader.username, PEOPLE.leader.password);
  const title = app.getByRole('heading', { name: `Xin chào, ${PEOPLE.leader.displayName}` });
  await expect(title).toBeVisible();
  // The title stays a line of words at 1024×768, not a column of letters.
  expect((await title.boundingBox())!.width).toBeGreaterThan(250);
  const intro = app.locator('.page-header-title .ant-typography-secondary');
  await expect(intro).toContainText('Việc đến hạn');
  await expect(intro).not.toContainText('báo cáo');

  const queue = app.getByTestId('work-queue');
  await expect(queue.locator('.home-queue-item').first()).toContainText('Quá hạn đăng ký cai nghiện');
  await expect(queue.locator('.home-queue-item')).toHaveCount(15);
  await expect(queue).toContainText(/Đang hiện 15 \/ [\d.]+ việc\./);
  // The kinds with their counts filter the queue.
  await queue.getByText(/^Biện pháp sắp kết thúc \(/).click();
  await expect(queue.locator('.home-queue-item').first()).toContainText('Biện pháp sắp kết thúc');
  await expect(queue.locator('.home-queue-item[data-kind="no_contact"]')).toHaveCount(0);
  for (const word of TECHNICAL) await expect(app.locator('.app-content')).not.toContainText(word);
  await screenshot(app, 'h6-home-leader-1024');
  await app.setViewportSize({ width: 1366, height: 768 });
  await checkScreen(app, 'h6-home-leader-1366');
});

test('an administrator’s home has no queue and nothing technical; the Workstation page has the details', async ({
  app,
  hoso,
}) => {
  await hoso.seedVault();
  await app.goto(hoso.url);
  await signIn(app, ADMIN.username, ADMIN.password);
  await expect(app.getByRole('heading', { name: `Xin chào, ${ADMIN.displayName}` })).toBeVisible();
  await expect(app.getByTestId('work-queue')).toHaveCount(0);
  for (const word of TECHNICAL) await expect(app.locator('.app-content')).not.toContainText(word);
  await expect(app.locator('.app-content')).toContainText('trang Máy trạm');
  await checkScreen(app, 'h6-home-admin-1366');
  await app.getByRole('navigation', { name: 'Điều hướng chính' }).getByText('Máy trạm').click();
  await expect(app.getByRole('heading', { name: 'Máy trạm' })).toBeVisible();
  await expect(app.locator('.app-content')).toContainText('Mã máy trạm');
  await expect(app.locator('.app-content')).toContainText('Phiên bản SQLite');
  await app.setViewportSize({ width: 1024, height: 768 });
  await screenshot(app, 'h6-workstation-1024');
});

test('units are edited with pickers by name; a commune is typed without diacritics', async ({ app, hoso }) => {
  await hoso.seedVault();
  await app.setViewportSize({ width: 1024, height: 768 });
  await app.goto(hoso.url);
  await signIn(app, ADMIN.username, ADMIN.password);
  await app.getByRole('navigation', { name: 'Điều hướng chính' }).getByText('Đơn vị').click();
  const row = app.getByRole('row', { name: /PC04-TQ/ });
  await row.getByRole('button', { name: /Sửa đơn vị/ }).click();
  const dialog = app.getByRole('dialog', { name: 'Sửa đơn vị' });
  await expect(dialog.getByLabel('Mã đơn vị')).toBeDisabled();
  await chooseOption(app, dialog.getByLabel('Loại đơn vị'), 'Công an xã/phường');
  await dialog.getByLabel('Tỉnh/thành phố').fill('tuyen quang');
  await chooseOption(app, dialog.getByLabel('Tỉnh/thành phố'), 'Tuyên Quang');
  await dialog.getByLabel('Xã/phường/đặc khu').fill('minh xuan');
  await chooseOption(app, dialog.getByLabel('Xã/phường/đặc khu'), 'Phường Minh Xuân');
  await dialog.getByLabel('Tên đơn vị').fill('Công an phường Minh Xuân');
  await screenshot(app, 'h6-unit-edit-1024', false);
  await dialog.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  const edited = app.getByRole('row', { name: /PC04-TQ/ });
  await expect(edited).toContainText('Công an phường Minh Xuân');
  await expect(edited).toContainText('Tuyên Quang');
  await expect(edited).toContainText('Phường Minh Xuân');
  await expect(edited).not.toContainText('02215');
  const hasOverflow = await app.evaluate(
    '(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)()',
  );
  expect(hasOverflow).toBe(false);
  await checkScreen(app, 'h6-units-1024');

  // The host holds the codes of the places picked by name.
  await hoso.ok('session.lock', {});
  await hoso.ok('session.unlock', { username: ADMIN.username, password: ADMIN.password });
  const units = await hoso.ok('units.list', {});
  expect(units[0]).toMatchObject({ code: 'PC04-TQ', kind: 'commune_police', provinceCode: '08', communeCode: '02215' });
});
