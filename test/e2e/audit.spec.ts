import { ADMIN } from './support/hoso-server';
import { expect, test } from './support/fixtures';
import { chooseOption, navigationEntries, signIn } from './support/flows';
import { checkScreen } from './support/screens';

const AUDITOR = {
  username: 'kt.hoa',
  displayName: 'Phạm Thu Hòa',
  role: 'auditor' as const,
  password: 'kiểm tra viên Hòa 1',
};

test('an auditor filters the audit log by action, account and date, and verifies the chain', async ({ app, hoso }) => {
  await hoso.seedVault();
  await hoso.seedAccount(AUDITOR);
  await app.goto(hoso.url);
  await signIn(app, AUDITOR.username, AUDITOR.password);
  expect(await navigationEntries(app)).toEqual(['Trang chủ', 'Nhật ký', 'Cài đặt']);
  await app.getByRole('navigation', { name: 'Điều hướng chính' }).getByText('Nhật ký').click();
  await expect(app.getByRole('heading', { name: 'Nhật ký hệ thống' })).toBeVisible();
  const table = app.getByRole('region', { name: 'Các bản ghi nhật ký' });
  await expect(table).toContainText('Đổi mật khẩu');
  await expect(table).toContainText('Đăng nhập');
  await checkScreen(app, '50-audit');

  await chooseOption(app, app.getByLabel('Hành động'), 'Tạo tài khoản');
  await app.getByRole('button', { name: /Lọc$/ }).click();
  // The administrator made three accounts: itself and the first leader at setup, and the auditor.
  await expect(table.locator('.ant-table-row')).toHaveCount(3);
  await expect(table).toContainText('Tạo tài khoản');
  await expect(table).not.toContainText('Đăng nhập');

  await app.getByRole('button', { name: 'Xóa bộ lọc' }).click();
  await chooseOption(app, app.getByLabel('Tài khoản', { exact: true }), AUDITOR.username);
  await app.getByRole('button', { name: /Lọc$/ }).click();
  await expect(table).toContainText('Đổi mật khẩu');
  await expect(table).not.toContainText(ADMIN.username);

  // A date range that ends before today finds nothing; one that covers today finds the entries again.
  const from = app.getByPlaceholder('Từ ngày');
  await from.click();
  await from.fill('01/01/2025');
  await app.getByPlaceholder('Đến ngày').fill('31/12/2025');
  await app.keyboard.press('Enter');
  await app.getByRole('button', { name: /Lọc$/ }).click();
  await expect(app.getByText('Không có bản ghi phù hợp.')).toBeVisible();

  await app.getByRole('button', { name: 'Kiểm tra tính toàn vẹn' }).click();
  await expect(app.getByText('Chuỗi nhật ký toàn vẹn', { exact: true })).toBeVisible();
  await expect(app.getByText(/Đã kiểm tra \d+ bản ghi/)).toBeVisible();
  await checkScreen(app, '51-audit-verified');
});
