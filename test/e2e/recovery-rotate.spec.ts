import { ADMIN } from './support/hoso-server';
import { expect, test } from './support/fixtures';
import { signIn } from './support/flows';
import { checkScreen } from './support/screens';

/** Issue 9, item 5: an administrator issues a new recovery key from the backup page; the old key stops working. */
test('an administrator issues a new recovery key; the old one no longer recovers, the new one does', async ({
  app,
  hoso,
}) => {
  await hoso.seedVault();
  await app.goto(hoso.url);
  await signIn(app, ADMIN.username, ADMIN.password);
  // A key issued earlier (through the API, in the same signed-in session): the one the screen must replace.
  const previous = (await hoso.ok('vault.rotateRecovery', { password: ADMIN.password })).recoveryKey;
  await app.getByRole('navigation', { name: 'Điều hướng chính' }).getByText('Sao lưu').click();
  const card = app.getByRole('form', { name: 'Khóa khôi phục' });
  await expect(card).toBeVisible();

  // A wrong password is refused on the field, and nothing changes.
  await card.getByLabel('Mật khẩu của bạn (xác nhận)').fill('không phải mật khẩu');
  await card.getByRole('button', { name: /Cấp khóa khôi phục mới/ }).click();
  await expect(app.getByText('Tên tài khoản hoặc mật khẩu không đúng.').first()).toBeVisible({ timeout: 20_000 });

  await card.getByLabel('Mật khẩu của bạn (xác nhận)').fill(ADMIN.password);
  await card.getByRole('button', { name: /Cấp khóa khôi phục mới/ }).click();
  const sheet = app.getByRole('region', { name: 'Tờ khóa khôi phục' });
  await expect(sheet).toBeVisible({ timeout: 20_000 });
  await expect(sheet.getByText('Quản trị viên cấp khóa')).toBeVisible();
  const key = (await sheet.locator('.key').innerText()).trim();
  expect(key).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){7}$/);
  await checkScreen(app, '72-recovery-rotate');

  const done = app.getByRole('button', { name: 'Đã cất giữ khóa mới' });
  await expect(done).toBeDisabled();
  await app.getByRole('checkbox').check();
  await done.click();
  await expect(app.getByText('Đã cấp khóa khôi phục mới; khóa cũ không còn dùng được.')).toBeVisible();
  await expect(sheet).toBeHidden();

  await hoso.ok('session.lock', {});
  expect(key).not.toBe(previous);
  const old = await hoso.fails('session.recover', { recoveryKey: previous, newPassword: 'mật khẩu mới đủ dài 1' });
  expect(old.code).toBe('RECOVERY_FAILED');
  await hoso.ok('session.recover', { recoveryKey: key, newPassword: 'mật khẩu mới đủ dài 1' });
});
