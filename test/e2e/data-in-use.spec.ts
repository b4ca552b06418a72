import { createHost } from '../../electron/host/root';
import { MemoryPreferencesStore } from '../../electron/prefs/preferences';
import { ADMIN, LEADER } from './support/hoso-server';
import { expect, test } from './support/fixtures';
import { signIn } from './support/flows';
import { checkScreen } from './support/screens';

test('opened while a hoso command has the data: says so in words, and opens once the command ended', async ({
  app,
  hoso,
}) => {
  // What a `hoso` command run on this workstation is: another program with its own host on the same data folder
  // (here it makes the vault, as `hoso init` does). It holds the folder until it closes.
  const command = createHost({ dataDir: hoso.dataDir, kdfPolicy: 'floor', preferences: new MemoryPreferencesStore() });
  const created = await command.call('vault.create', {
    adminUsername: ADMIN.username,
    adminDisplayName: ADMIN.displayName,
    password: ADMIN.password,
    leader: { username: LEADER.username, displayName: LEADER.displayName, password: LEADER.password },
    unit: { code: 'PC04-TQ', name: 'Phòng Cảnh sát điều tra tội phạm về ma túy', kind: 'province_department' },
  });
  expect(created.ok).toBe(true);

  await app.goto(hoso.url);
  const title = app.getByText('Dữ liệu đang được một chương trình HoSo khác dùng');
  await expect(title).toBeVisible();
  await expect(app.getByText(/Hãy chờ lệnh đó chạy xong hoặc đóng chương trình đó/)).toBeVisible();
  await checkScreen(app, '73-data-in-use');
  // Trying again while the command still runs says the same (the app never asks for a password meanwhile).
  await app.getByRole('button', { name: 'Thử lại' }).click();
  await expect(title).toBeVisible();
  await expect(app.getByLabel('Mật khẩu', { exact: true })).toHaveCount(0);

  await command.close();
  await app.getByRole('button', { name: 'Thử lại' }).click();
  await signIn(app, ADMIN.username, ADMIN.password);
  await expect(app.getByRole('heading', { name: `Xin chào, ${ADMIN.displayName}` })).toBeVisible({ timeout: 20_000 });
});
