import { ADMIN } from './support/hoso-server';
import { expect, test } from './support/fixtures';
import { chooseOption, navigationEntries, signIn } from './support/flows';
import { checkScreen } from './support/screens';

const NEW_ACCOUNT = { username: 'cb.minh', displayName: 'Lê Văn Minh', temporary: 'mật khẩu tạm thời 01' };

test('an administrator creates an account that then signs in and must change its password', async ({ app, hoso }) => {
  // Several argon2 sign-ins and password changes: on a loaded 2-core machine this took 1.3–1.6 minutes.
  test.setTimeout(240_000);
  await hoso.seedVault();
  await app.goto(hoso.url);
  await signIn(app, ADMIN.username, ADMIN.password);
  await app.getByRole('navigation', { name: 'Điều hướng chính' }).getByText('Tài khoản').click();
  await expect(app.getByRole('heading', { name: 'Quản lý tài khoản' })).toBeVisible();
  await expect(app.getByRole('row', { name: /Nguyễn Thị Quản Trị/ })).toBeVisible();
  await checkScreen(app, '40-accounts');

  await app.getByRole('button', { name: 'Tạo tài khoản' }).click();
  const dialog = app.getByRole('dialog', { name: 'Tạo tài khoản mới' });
  // A taken account name: the host refuses, the field says why, and nothing typed is lost.
  await dialog.getByLabel('Tên tài khoản').fill(ADMIN.username);
  await dialog.getByLabel('Họ và tên').fill(NEW_ACCOUNT.displayName);
  await chooseOption(app, dialog.getByLabel('Vai trò'), 'Cán bộ Công an xã/phường');
  await chooseOption(app, dialog.getByLabel('Đơn vị'), /Phòng Cảnh sát điều tra/);
  await dialog.getByLabel('Mật khẩu tạm thời').fill(NEW_ACCOUNT.temporary);
  await dialog.getByLabel('Nhập lại mật khẩu').fill(NEW_ACCOUNT.temporary);
  await dialog.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await expect(dialog.getByText('Tên tài khoản này đã được sử dụng.')).toBeVisible();
  await expect(dialog.getByText('Tên tài khoản đã được sử dụng.')).toBeVisible();
  await expect(dialog.getByLabel('Họ và tên')).toHaveValue(NEW_ACCOUNT.displayName);
  await expect(dialog.getByLabel('Mật khẩu tạm thời')).toHaveValue(NEW_ACCOUNT.temporary);
  await expect(dialog).toContainText('Cán bộ Công an xã/phường');
  await checkScreen(app, '41-account-create-error');

  await dialog.getByLabel('Tên tài khoản').fill(NEW_ACCOUNT.username);
  await dialog.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  // Separation of duties: the role reads records, so it waits for a leader, and the administrator is told (in the
  // confirmation, which stays a few seconds: checked first), and the row says so for good.
  await expect(app.getByText(/Vai trò Cán bộ Công an xã\/phường chỉ có hiệu lực khi lãnh đạo duyệt\./)).toBeVisible();
  const row = app.getByRole('row', { name: new RegExp(NEW_ACCOUNT.displayName) });
  await expect(row).toContainText('Chờ đổi mật khẩu');
  await expect(row).toContainText('Phòng Cảnh sát điều tra tội phạm về ma túy');
  await expect(row).toContainText('Chờ lãnh đạo duyệt: Cán bộ Công an xã/phường');
  await checkScreen(app, '42-accounts-created');

  await app.keyboard.press('Control+l');
  await signIn(app, NEW_ACCOUNT.username, NEW_ACCOUNT.temporary);
  await expect(app.getByRole('heading', { name: 'Đổi mật khẩu để tiếp tục' })).toBeVisible();
  await checkScreen(app, '43-forced-password-change');
  await app.getByLabel('Mật khẩu hiện tại').fill(NEW_ACCOUNT.temporary);
  await app.getByLabel('Mật khẩu mới').fill('mật khẩu riêng của Minh');
  await app.getByLabel('Nhập lại mật khẩu').fill('mật khẩu riêng của Minh');
  await app.getByRole('button', { name: 'Đổi mật khẩu và tiếp tục' }).click();
  await expect(app.getByRole('heading', { name: `Xin chào, ${NEW_ACCOUNT.displayName}` })).toBeVisible();
  const entries = await navigationEntries(app);
  expect(entries).toContain('Trang chủ');
  expect(entries).not.toContain('Tài khoản');

  await hoso.ok('session.lock', {});
  await hoso.ok('session.unlock', { username: NEW_ACCOUNT.username, password: 'mật khẩu riêng của Minh' });
});

test('an administrator resets a password, disables and re-enables an account, and adds a unit', async ({
  app,
  hoso,
}) => {
  // Several argon2 sign-ins and resets: on a loaded 2-core machine this took 1.3–1.6 minutes.
  test.setTimeout(240_000);
  await hoso.seedVault();
  await hoso.seedAccount({
    username: 'kt.hoa',
    displayName: 'Phạm Thu Hòa',
    role: 'auditor',
    password: 'kiểm tra viên Hòa 1',
  });
  await app.goto(hoso.url);
  await signIn(app, ADMIN.username, ADMIN.password);
  await app.getByRole('navigation', { name: 'Điều hướng chính' }).getByText('Tài khoản').click();
  const row = app.getByRole('row', { name: /Phạm Thu Hòa/ });

  await row.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
  const reset = app.getByRole('dialog', { name: /Đặt lại mật khẩu cho Phạm Thu Hòa/ });
  await reset.getByLabel('Mật khẩu mới').fill('ngắn');
  await reset.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
  await expect(reset.getByText('Mật khẩu phải có ít nhất 10 ký tự.')).toBeVisible();
  await reset.getByLabel('Mật khẩu mới').fill('mật khẩu đặt lại 02');
  await reset.getByLabel('Nhập lại mật khẩu').fill('mật khẩu đặt lại 02');
  await reset.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
  await expect(reset).toBeHidden({ timeout: 20_000 });
  await expect(row).toContainText('Chờ đổi mật khẩu');

  await row.getByRole('button', { name: 'Vô hiệu hóa' }).click();
  await app.getByRole('tooltip').getByRole('button', { name: 'Vô hiệu hóa' }).click();
  await expect(row).toContainText('Đã vô hiệu hóa');
  // The disabled account's key slot is gone: its password no longer opens anything.
  await hoso.ok('session.lock', {});
  expect((await hoso.fails('session.unlock', { username: 'kt.hoa', password: 'mật khẩu đặt lại 02' })).code).toBe(
    'AUTH_FAILED',
  );
  await signIn(app, ADMIN.username, ADMIN.password);
  await app.getByRole('navigation', { name: 'Điều hướng chính' }).getByText('Tài khoản').click();
  await row.getByRole('button', { name: 'Kích hoạt lại' }).click();
  const enable = app.getByRole('dialog', { name: /Kích hoạt lại tài khoản Phạm Thu Hòa/ });
  await enable.getByLabel('Mật khẩu mới').fill('mật khẩu kích hoạt 03');
  await enable.getByLabel('Nhập lại mật khẩu').fill('mật khẩu kích hoạt 03');
  await enable.getByRole('button', { name: 'Kích hoạt lại' }).click();
  await expect(enable).toBeHidden({ timeout: 20_000 });
  await expect(row).toContainText('Đang hoạt động');

  await app.getByRole('navigation', { name: 'Điều hướng chính' }).getByText('Đơn vị').click();
  await app.getByRole('button', { name: 'Thêm đơn vị' }).click();
  const unit = app.getByRole('dialog', { name: 'Thêm đơn vị' });
  await unit.getByLabel('Mã đơn vị').fill('CAX-08001');
  await unit.getByLabel('Tên đơn vị').fill('Công an phường Minh Xuân');
  // Places are picked by name (typed without diacritics), never typed as codes; the commune waits for its province.
  await expect(unit.getByLabel('Xã/phường/đặc khu')).toBeDisabled();
  await chooseOption(app, unit.getByLabel('Tỉnh/thành phố'), 'Tuyên Quang');
  await unit.getByLabel('Xã/phường/đặc khu').fill('minh xuan');
  await chooseOption(app, unit.getByLabel('Xã/phường/đặc khu'), 'Phường Minh Xuân');
  await unit.getByRole('button', { name: 'Thêm đơn vị' }).click();
  await expect(unit).toBeHidden({ timeout: 20_000 });
  const created = app.getByRole('row', { name: /Công an phường Minh Xuân/ });
  await expect(created).toContainText('Công an xã/phường');
  await expect(created).toContainText('Tuyên Quang');
  await expect(created).toContainText('Phường Minh Xuân');
  await checkScreen(app, '44-units');
});
