import { expect, test } from './support/fixtures';
import { navigationEntries, signIn } from './support/flows';
import { checkScreen } from './support/screens';

const INVESTIGATOR = {
  username: 'dtv.lan',
  displayName: 'Trần Thị Lan',
  role: 'investigator' as const,
  password: 'điều tra viên Lan 2026',
};

test('an investigator sees no account administration, and the host refuses it anyway', async ({ app, hoso }) => {
  await hoso.seedVault();
  await hoso.seedAccount(INVESTIGATOR);
  await app.goto(hoso.url);
  await signIn(app, INVESTIGATOR.username, INVESTIGATOR.password);
  await expect(app.getByRole('heading', { name: `Xin chào, ${INVESTIGATOR.displayName}` })).toBeVisible();
  await expect(app.getByRole('banner')).toContainText('Điều tra viên');
  // The record-keeping pages this role has are not this test's business; administration must be absent.
  const entries = await navigationEntries(app);
  expect(entries).toEqual(expect.arrayContaining(['Trang chủ', 'Cài đặt']));
  for (const admin of ['Tài khoản', 'Đơn vị', 'Nhật ký', 'Sao lưu']) expect(entries).not.toContain(admin);
  await expect(app.getByText('Tạo, vô hiệu hóa tài khoản và đặt lại mật khẩu')).toHaveCount(0);
  await checkScreen(app, '30-overview-investigator');

  // Asked directly, through the same transport and session as the page, the host says no.
  const answer = await app.evaluate(
    async ({ token }) => {
      const r = await fetch('/api/call', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hoso-token': token },
        body: JSON.stringify({ procedure: 'accounts.list', input: {} }),
      });
      return (await r.json()) as { ok: boolean; error?: { code: string } };
    },
    { token: hoso.token },
  );
  expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect((await hoso.ok('app.status', {})).session?.username).toBe(INVESTIGATOR.username);
});
