import { ADMIN } from './support/hoso-server';
import { expect, test } from './support/fixtures';
import { signIn } from './support/flows';
import { checkScreen } from './support/screens';

test('the interface language switches to English, is saved, and applies before sign-in too', async ({ app, hoso }) => {
  await hoso.seedVault();
  await app.goto(hoso.url);
  await signIn(app, ADMIN.username, ADMIN.password);
  await app.getByRole('navigation', { name: 'Điều hướng chính' }).getByText('Cài đặt').click();
  await expect(app.getByRole('heading', { name: 'Cài đặt' })).toBeVisible();
  await checkScreen(app, '60-settings');

  await app.getByText('English', { exact: true }).click();
  await app.getByRole('button', { name: 'Lưu' }).click();
  await expect(app.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(app.getByRole('navigation', { name: 'Main navigation' })).toContainText('Accounts');
  await expect(app.locator('html')).toHaveAttribute('lang', 'en');
  expect((await hoso.ok('app.status', {})).preferences.language).toBe('en');
  await checkScreen(app, '61-settings-english');

  // Saved on the workstation: the unlock screen comes up in English, and switches back from there.
  await app.keyboard.press('Control+l');
  await expect(app.getByRole('heading', { name: 'Unlock the data' })).toBeVisible();
  await checkScreen(app, '62-unlock-english');
  await app.getByText('Tiếng Việt', { exact: true }).click();
  await expect(app.getByRole('heading', { name: 'Mở khóa dữ liệu' })).toBeVisible();
  await expect.poll(async () => (await hoso.ok('app.status', {})).preferences.language).toBe('vi');
});

test('the idle timeout and the own password are changed from the settings', async ({ app, hoso }) => {
  await hoso.seedVault();
  await app.goto(hoso.url);
  await signIn(app, ADMIN.username, ADMIN.password);
  await app.getByRole('navigation', { name: 'Điều hướng chính' }).getByText('Cài đặt').click();

  await app.getByLabel('Tự động khóa sau').fill('500');
  await app.getByRole('button', { name: 'Lưu' }).click();
  await expect(app.getByText('Nhập số phút từ 1 đến 120.')).toBeVisible();
  await app.getByLabel('Tự động khóa sau').fill('5');
  await app.getByRole('button', { name: 'Lưu' }).click();
  await expect(app.getByText('Tự động khóa sau 5 phút không thao tác')).toBeVisible();
  expect((await hoso.ok('app.status', {})).preferences.idleMinutes).toBe(5);

  await app.getByLabel('Mật khẩu hiện tại').fill('không phải mật khẩu này');
  await app.getByLabel('Mật khẩu mới').fill('mật khẩu mới của quản trị');
  await app.getByLabel('Nhập lại mật khẩu').fill('mật khẩu mới của quản trị');
  await app.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(app.getByText('Tên tài khoản hoặc mật khẩu không đúng.')).toBeVisible({ timeout: 20_000 });
  await expect(app.getByLabel('Mật khẩu mới')).toHaveValue('mật khẩu mới của quản trị');

  await app.getByLabel('Mật khẩu hiện tại').fill(ADMIN.password);
  await app.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(app.getByText('Đã đổi mật khẩu.')).toBeVisible({ timeout: 20_000 });
  await expect(app.getByLabel('Mật khẩu hiện tại')).toHaveValue('');
  await hoso.ok('session.lock', {});
  await hoso.ok('session.unlock', { username: ADMIN.username, password: 'mật khẩu mới của quản trị' });
});
