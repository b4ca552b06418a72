import type { Locator, Page } from '@playwright/test';
import { ADMIN, LEADER } from './support/hoso-server';
import { expect, test } from './support/fixtures';
import { chooseOption, navigationEntries } from './support/flows';
import { checkScreen, screenshot } from './support/screens';

const RECOVERY_KEY = /^([A-Z2-7]{4}-){7}[A-Z2-7]{4}$/;

/**
 * The administrator's and the first leader's fields (the leader, with its own password, approves every later role
 * that reads records); the administrator's password typed again as `adminConfirm`. Returns the administrator's group.
 */
async function fillAccounts(app: Page, adminConfirm: string): Promise<Locator> {
  const admin = app.getByRole('group', { name: 'Quản trị viên' });
  await admin.getByLabel('Tên tài khoản').fill(ADMIN.username);
  await admin.getByLabel('Họ và tên').fill(ADMIN.displayName);
  await admin.getByLabel('Mật khẩu', { exact: true }).fill(ADMIN.password);
  await admin.getByLabel('Nhập lại mật khẩu').fill(adminConfirm);
  const leader = app.getByRole('group', { name: 'Lãnh đạo duyệt cấp quyền' });
  await leader.getByLabel('Tên tài khoản').fill(LEADER.username);
  await leader.getByLabel('Họ và tên').fill(LEADER.displayName);
  await leader.getByLabel('Mật khẩu', { exact: true }).fill(LEADER.password);
  await leader.getByLabel('Nhập lại mật khẩu').fill(LEADER.password);
  return admin;
}

test('first run creates the vault and administrator, hands over the recovery sheet, and opens the app only after confirmation', async ({
  app,
  hoso,
}) => {
  await app.goto(hoso.url);
  await expect(app.getByRole('heading', { name: 'Khởi tạo máy trạm' })).toBeVisible();
  await expect(app).toHaveTitle('HoSo — Hồ sơ phòng, chống ma túy');
  await checkScreen(app, '01-setup');

  // Nothing typed: every required field explains itself, in Vietnamese.
  await app.getByRole('button', { name: 'Khởi tạo kho dữ liệu' }).click();
  await expect(app.getByText('Mật khẩu phải có ít nhất 10 ký tự.').first()).toBeVisible();
  await expect(app.getByText(/^Tên tài khoản gồm 3–32 ký tự/).first()).toBeVisible();

  const admin = await fillAccounts(app, 'một mật khẩu khác hẳn');
  await app.getByLabel('Mã đơn vị').fill('PC04-TQ');
  await app.getByLabel('Tên đơn vị').fill('Phòng Cảnh sát điều tra tội phạm về ma túy');
  await app.getByRole('button', { name: 'Khởi tạo kho dữ liệu' }).click();
  await expect(app.getByText('Hai mật khẩu không khớp nhau.')).toBeVisible();
  // The unit's province is asked, by name: it heads every printed document.
  await expect(app.getByText('Vui lòng nhập trường này.')).toBeVisible();
  await chooseOption(app, app.getByLabel('Tỉnh/thành phố'), 'Tuyên Quang');
  await screenshot(app, '02-setup-validation');
  expect((await hoso.ok('app.status', {})).vaultExists).toBe(false);

  await admin.getByLabel('Nhập lại mật khẩu').fill(ADMIN.password);
  await app.getByRole('button', { name: 'Khởi tạo kho dữ liệu' }).click();

  await expect(app.getByText('Khóa khôi phục chỉ hiển thị một lần')).toBeVisible({ timeout: 20_000 });
  const key = (await app.locator('.recovery-paper .key').innerText()).trim();
  expect(key).toMatch(RECOVERY_KEY);
  const proceed = app.getByRole('button', { name: 'Hoàn tất và vào ứng dụng' });
  await expect(proceed).toBeDisabled();
  await checkScreen(app, '03-recovery-sheet');

  // Printing shows the sheet alone: the app's chrome is hidden on paper.
  await app.emulateMedia({ media: 'print' });
  await expect(app.locator('#root')).toBeHidden();
  await expect(app.locator('#print-root .key')).toHaveText(key);
  await screenshot(app, '04-recovery-sheet-print');
  await app.emulateMedia({ media: 'screen' });

  await app.getByText('Tôi đã in hoặc chép lại khóa khôi phục').click();
  await proceed.click();
  await expect(app.getByRole('heading', { name: `Xin chào, ${ADMIN.displayName}` })).toBeVisible();
  expect(await navigationEntries(app)).toEqual([
    'Trang chủ',
    'Tài khoản',
    'Đơn vị',
    'Sao lưu',
    'Trao đổi dữ liệu',
    'Máy trạm',
    'Cài đặt',
  ]);
  // The key is gone from the renderer once confirmed.
  await expect(app.locator('body')).not.toContainText(key);
  await expect(app.locator('#print-root')).toBeEmpty();
  await checkScreen(app, '05-overview-admin');

  // The sheet was real: the key recovers the administrator with a new password.
  await app.keyboard.press('Control+l');
  await expect(app.getByRole('heading', { name: 'Mở khóa dữ liệu' })).toBeVisible();
  await app.getByRole('button', { name: /Khôi phục bằng khóa khôi phục/ }).click();
  await app.getByLabel('Khóa khôi phục', { exact: true }).fill(key.toLowerCase());
  await app.getByLabel('Mật khẩu mới').fill('mật khẩu mới sau khôi phục');
  await app.getByLabel('Nhập lại mật khẩu').fill('mật khẩu mới sau khôi phục');
  await checkScreen(app, '06-recover');
  await app.getByRole('button', { name: 'Khôi phục và đăng nhập' }).click();
  await expect(app.getByRole('heading', { name: `Xin chào, ${ADMIN.displayName}` })).toBeVisible({ timeout: 20_000 });
  await hoso.ok('session.lock', {});
  await hoso.ok('session.unlock', { username: ADMIN.username, password: 'mật khẩu mới sau khôi phục' });
  // The first leader signs in with the password typed at setup, and its role is in force at once.
  await hoso.ok('session.lock', {});
  const leaderSession = await hoso.ok('session.unlock', { username: LEADER.username, password: LEADER.password });
  expect(leaderSession).toMatchObject({ role: 'leader', rolePending: false });
});

test('a commune police station names its commune at setup: its scope, and what its station card tells the hub', async ({
  app,
  hoso,
}) => {
  await app.goto(hoso.url);
  await expect(app.getByRole('heading', { name: 'Khởi tạo máy trạm' })).toBeVisible();
  await fillAccounts(app, ADMIN.password);
  await app.getByLabel('Mã đơn vị').fill('CAX-NGOCDUONG');
  await app.getByLabel('Tên đơn vị').fill('Công an xã Ngọc Đường');
  // The commune is asked only of a commune police unit, among the chosen province's communes.
  await expect(app.getByLabel('Xã/phường/đặc khu')).toHaveCount(0);
  await chooseOption(app, app.getByLabel('Loại đơn vị'), 'Công an xã/phường');
  await expect(app.getByLabel('Xã/phường/đặc khu')).toBeDisabled();
  await chooseOption(app, app.getByLabel('Tỉnh/thành phố'), 'Tuyên Quang');
  await app.getByRole('button', { name: 'Khởi tạo kho dữ liệu' }).click();
  const communeItem = app.locator('.ant-form-item').filter({ has: app.getByLabel('Xã/phường/đặc khu') });
  await expect(communeItem.getByText('Vui lòng nhập trường này.')).toBeVisible();
  expect((await hoso.ok('app.status', {})).vaultExists).toBe(false);
  await chooseOption(app, app.getByLabel('Xã/phường/đặc khu'), 'Xã Ngọc Đường');
  await checkScreen(app, '07-setup-commune-chosen');
  await screenshot(app, '07-setup-commune');
  await app.getByRole('button', { name: 'Khởi tạo kho dữ liệu' }).click();
  await expect(app.getByText('Khóa khôi phục chỉ hiển thị một lần')).toBeVisible({ timeout: 20_000 });

  // The unit holds its commune, and the station card a hub receives says so.
  const units = await hoso.ok('units.list', {});
  expect(units).toEqual([
    expect.objectContaining({
      code: 'CAX-NGOCDUONG',
      kind: 'commune_police',
      provinceCode: '08',
      communeCode: '00700',
    }),
  ]);
  const { card } = await hoso.ok('station.card', {});
  expect(JSON.parse(card)).toMatchObject({ unit: { code: 'CAX-NGOCDUONG', communeCode: '00700' } });
});
