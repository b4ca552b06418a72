import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ADMIN } from './support/hoso-server';
import { expect, test } from './support/fixtures';
import { signIn } from './support/flows';
import { checkScreen } from './support/screens';

test('an administrator writes an encrypted backup, and a missing folder is explained', async ({ app, hoso }) => {
  await hoso.seedVault();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'hoso-backup-'));
  try {
    await app.goto(hoso.url);
    await signIn(app, ADMIN.username, ADMIN.password);
    await app.getByRole('navigation', { name: 'Điều hướng chính' }).getByText('Sao lưu').click();
    await expect(app.getByRole('heading', { name: 'Sao lưu dữ liệu' })).toBeVisible();

    const target = app.getByLabel('Đường dẫn tệp sao lưu');
    await target.fill(path.join(folder, 'khong-co', 'hoso.hosobak'));
    await app.getByRole('button', { name: /Tạo bản sao lưu/ }).click();
    await expect(app.getByText('Không đọc/ghi được tệp. Kiểm tra đường dẫn và quyền truy cập.')).toBeVisible();
    await expect(target).toHaveValue(path.join(folder, 'khong-co', 'hoso.hosobak'));

    const file = path.join(folder, 'hoso-2026-11-24.hosobak');
    await target.fill(file);
    await app.getByRole('button', { name: /Tạo bản sao lưu/ }).click();
    await expect(app.getByText('Đã tạo bản sao lưu.')).toBeVisible({ timeout: 20_000 });
    await expect(app.getByText(/^[0-9a-f]{64}$/)).toBeVisible();
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    await checkScreen(app, '70-backup');
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
