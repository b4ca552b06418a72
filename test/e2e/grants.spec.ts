import { ADMIN, LEADER } from './support/hoso-server';
import { expect, test } from './support/fixtures';
import { navigationEntries, signIn } from './support/flows';
import { checkScreen } from './support/screens';

/**
 * Separation of duties on screen (issue 9, item 6): a role that reads records, given by an administrator, waits
 * for a leader. The holder sees that it waits; the leader sees the request on the home page and decides.
 */
const INVESTIGATOR = { username: 'dtv.lan', displayName: 'Đỗ Thị Lan', password: 'mật khẩu riêng của Lan' };
const AUDITOR = { username: 'kt.nam', displayName: 'Vũ Văn Nam', password: 'mật khẩu riêng của Nam' };

test('a leader approves a role grant on screen; until then the account reads nothing', async ({ app, hoso }) => {
  const { unitId } = await hoso.seedVault();
  // The administrator creates two accounts with passwords it chose; one holder replaces theirs at once.
  await hoso.ok('session.unlock', { username: ADMIN.username, password: ADMIN.password });
  for (const a of [INVESTIGATOR, AUDITOR]) {
    await hoso.ok('accounts.create', {
      username: a.username,
      displayName: a.displayName,
      role: a === INVESTIGATOR ? 'investigator' : 'auditor',
      unitId: a === INVESTIGATOR ? unitId : null,
      password: `${a.password} tạm`,
    });
  }
  await hoso.ok('session.lock', {});
  await hoso.ok('session.unlock', { username: INVESTIGATOR.username, password: `${INVESTIGATOR.password} tạm` });
  await hoso.ok('session.changePassword', {
    currentPassword: `${INVESTIGATOR.password} tạm`,
    newPassword: INVESTIGATOR.password,
  });
  await hoso.ok('session.lock', {});

  // The investigator signs in: told that the role waits, and no persons screen.
  await app.goto(hoso.url);
  await signIn(app, INVESTIGATOR.username, INVESTIGATOR.password);
  await expect(app.getByText('Vai trò của bạn đang chờ lãnh đạo duyệt')).toBeVisible();
  expect(await navigationEntries(app)).not.toContain('Người thuộc diện quản lý');
  expect(await navigationEntries(app)).toEqual(['Trang chủ', 'Cài đặt']);
  await checkScreen(app, '47-role-pending');

  // The leader sees both requests on the home page.
  await app.keyboard.press('Control+l');
  await signIn(app, LEADER.username, LEADER.password);
  const card = app.getByLabel('Yêu cầu cấp quyền chờ duyệt');
  await expect(card).toBeVisible();
  const lan = card.getByRole('listitem', { name: INVESTIGATOR.username });
  const nam = card.getByRole('listitem', { name: AUDITOR.username });
  await expect(lan).toContainText('Điều tra viên');
  await expect(lan).toContainText('Tài khoản mới');
  await expect(lan).toContainText(`${ADMIN.username} yêu cầu lúc`);
  // The auditor still has the administrator's password: it cannot be approved yet.
  await expect(nam).toContainText('Chủ tài khoản chưa tự đặt mật khẩu');
  await expect(nam.getByRole('button', { name: 'Duyệt' })).toBeDisabled();
  await checkScreen(app, '48-grants-pending');

  await lan.getByRole('button', { name: 'Duyệt' }).click();
  await expect(app.getByText(`Đã duyệt: ${INVESTIGATOR.displayName} là Điều tra viên.`)).toBeVisible();
  await expect(lan).toBeHidden();
  await expect(card).toContainText('Quyết định gần đây');
  await expect(card).toContainText(`Đã duyệt: ${INVESTIGATOR.displayName}`);

  // The leader rejects the other: that account is disabled, the administrator's password opens nothing.
  await nam.getByRole('button', { name: 'Từ chối' }).click();
  await expect(app.getByRole('tooltip')).toContainText('Tài khoản sẽ bị vô hiệu hóa');
  await app.getByRole('tooltip').getByRole('button', { name: 'Từ chối' }).click();
  await expect(app.getByText(`Đã từ chối yêu cầu cấp quyền cho ${AUDITOR.displayName}.`)).toBeVisible();
  await expect(card).toContainText('Không có yêu cầu nào chờ duyệt.');
  await checkScreen(app, '49-grants-decided');

  // The approved investigator now reads persons.
  await app.keyboard.press('Control+l');
  await signIn(app, INVESTIGATOR.username, INVESTIGATOR.password);
  await expect(app.getByText('Vai trò của bạn đang chờ lãnh đạo duyệt')).toBeHidden();
  expect(await navigationEntries(app)).toContain('Người thuộc diện quản lý');
  await hoso.ok('session.lock', {});
  expect(
    (await hoso.fails('session.unlock', { username: AUDITOR.username, password: `${AUDITOR.password} tạm` })).code,
  ).toBe('AUTH_FAILED');
});
