import { ADMIN, LEADER } from './support/hoso-server';
import { expect, test } from './support/fixtures';
import { navigationEntries, signIn } from './support/flows';
import { checkScreen } from './support/screens';

test('the idle lock maximum is the administrator’s; a user may only choose a shorter time, on the screen and at the host', async ({
  app,
  hoso,
}) => {
  test.setTimeout(240_000);
  await hoso.seedVault();
  await app.setViewportSize({ width: 1366, height: 768 });
  await app.goto(hoso.url);

  // Forgetting a password: others ask their administrator; the recovery key is offered for administrators.
  await expect(
    app.getByText('Quên mật khẩu? Hãy liên hệ quản trị viên của đơn vị để được đặt lại mật khẩu.'),
  ).toBeVisible();
  await expect(
    app.getByRole('button', { name: 'Quản trị viên quên mật khẩu? Khôi phục bằng khóa khôi phục' }),
  ).toBeVisible();
  await checkScreen(app, 'A10-unlock-forgot-1366');

  await signIn(app, ADMIN.username, ADMIN.password);
  await app.getByRole('navigation', { name: 'Điều hướng chính' }).getByText('Cài đặt').click();
  const maxForm = app.getByRole('form', { name: 'Tự khóa trên máy trạm (quản trị viên)' });
  await expect(
    app.getByText('từ 1 đến 30 (mức tối đa do quản trị viên đặt cho máy trạm này)', { exact: false }),
  ).toBeVisible();
  await maxForm.getByLabel('Thời gian tự khóa tối đa của máy trạm').fill('15');
  await maxForm.getByRole('button', { name: 'Đặt mức tối đa' }).click();
  await expect(app.getByText('Đã đặt mức tối đa 15 phút.')).toBeVisible();
  expect(await hoso.ok('settings.idleMax', {})).toEqual({ maxMinutes: 15 });

  const prefs = app.getByRole('form', { name: 'Tùy chọn máy trạm' });
  await expect(prefs.getByText('từ 1 đến 15', { exact: false })).toBeVisible();
  await prefs.getByLabel('Tự động khóa sau').fill('30');
  await prefs.getByRole('button', { name: 'Lưu' }).click();
  await expect(prefs.getByText('Thời gian tự khóa vượt quá mức tối đa quản trị viên cho phép.')).toBeVisible();
  // The host refuses it as well, whoever asks.
  expect((await hoso.fails('prefs.set', { idleMinutes: 30 })).issues).toEqual([
    { path: 'idleMinutes', code: 'idle_above_max' },
  ]);
  await checkScreen(app, 'A11-settings-admin-1366');
  await app.setViewportSize({ width: 1024, height: 768 });
  await checkScreen(app, 'A12-settings-admin-1024');
  await prefs.getByLabel('Tự động khóa sau').fill('12');
  await prefs.getByRole('button', { name: 'Lưu' }).click();
  await expect(app.getByText('Tự động khóa sau 12 phút không thao tác')).toBeVisible();

  // A leader sees the limit and cannot change it.
  await app.keyboard.press('Control+l');
  await signIn(app, LEADER.username, LEADER.password);
  expect(await navigationEntries(app)).toContain('Người thuộc diện quản lý');
  await app.getByRole('navigation', { name: 'Điều hướng chính' }).getByText('Cài đặt').click();
  await expect(
    app.getByRole('form', { name: 'Tùy chọn máy trạm' }).getByText('từ 1 đến 15', { exact: false }),
  ).toBeVisible();
  await expect(app.getByRole('form', { name: 'Tự khóa trên máy trạm (quản trị viên)' })).toHaveCount(0);
  expect((await hoso.fails('settings.setIdleMax', { maxMinutes: 120 })).code).toBe('FORBIDDEN');
  await checkScreen(app, 'A13-settings-leader-1024');
});
