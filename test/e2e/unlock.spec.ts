import { ADMIN } from './support/hoso-server';
import { expect, test } from './support/fixtures';
import { signIn } from './support/flows';
import { checkScreen, screenshot } from './support/screens';

test('a wrong password is refused with a translated message, then the right one opens the app', async ({
  app,
  hoso,
}) => {
  await hoso.seedVault();
  await app.goto(hoso.url);
  await expect(app.getByRole('heading', { name: 'Mở khóa dữ liệu' })).toBeVisible();
  await checkScreen(app, '10-unlock');

  await app.getByLabel('Tên tài khoản', { exact: true }).fill(ADMIN.username);
  await app.getByLabel('Mật khẩu', { exact: true }).fill('sai mật khẩu rồi');
  await app.getByRole('button', { name: 'Mở khóa' }).click();
  await expect(app.getByText('Tên tài khoản hoặc mật khẩu không đúng.')).toBeVisible();
  // The password is cleared after the failure; the account name stays.
  await expect(app.getByLabel('Mật khẩu', { exact: true })).toHaveValue('');
  await expect(app.getByLabel('Tên tài khoản', { exact: true })).toHaveValue(ADMIN.username);
  await checkScreen(app, '11-unlock-wrong-password');

  await app.getByLabel('Mật khẩu', { exact: true }).fill(ADMIN.password);
  await app.getByRole('button', { name: 'Mở khóa' }).click();
  await expect(app.getByRole('heading', { name: `Xin chào, ${ADMIN.displayName}` })).toBeVisible({ timeout: 20_000 });
  expect((await hoso.ok('app.status', {})).session?.username).toBe(ADMIN.username);
});

test('after repeated failures the unlock button waits out a live countdown', async ({ app, hoso }) => {
  await hoso.seedVault();
  // Nine failures through the API (time skipped over each delay) leave a delay of 64 s before the next try.
  for (let i = 0; i < 9; i += 1) {
    const e = await hoso.fails('session.unlock', { username: ADMIN.username, password: `sai lần ${i}` });
    expect(e.code).toBe('AUTH_FAILED');
    if (i < 8) hoso.clock.advance((e.retryAfterMs ?? 0) + 1);
  }
  await app.clock.install();
  await app.goto(hoso.url);
  await app.getByLabel('Tên tài khoản', { exact: true }).fill(ADMIN.username);
  await app.getByLabel('Mật khẩu', { exact: true }).fill(ADMIN.password);
  await app.getByRole('button', { name: 'Mở khóa' }).click();

  const notice = app.getByRole('status').filter({ hasText: 'Đăng nhập sai nhiều lần' });
  await expect(notice).toBeVisible();
  const secondsLeft = async () => Number(/thử lại sau (\d+) giây/.exec(await notice.innerText())?.[1]);
  const first = await secondsLeft();
  expect(first).toBeGreaterThan(30);
  expect(first).toBeLessThanOrEqual(64);
  await expect(app.getByRole('button', { name: /Thử lại sau \d+ giây/ })).toBeDisabled();
  await checkScreen(app, '12-unlock-throttled');

  // The countdown is live: ten seconds later it says so.
  await app.clock.fastForward(10_000);
  await expect.poll(secondsLeft).toBeLessThanOrEqual(first - 10);

  // Once the delay is over (for the host and the page alike), the right password goes through.
  hoso.clock.advance(70_000);
  await app.clock.fastForward(70_000);
  await expect(notice).toBeHidden();
  await app.getByLabel('Mật khẩu', { exact: true }).fill(ADMIN.password);
  await app.getByRole('button', { name: 'Mở khóa' }).click();
  await expect(app.getByRole('heading', { name: `Xin chào, ${ADMIN.displayName}` })).toBeVisible({ timeout: 20_000 });
});

test('a wrong recovery key is refused and the unlock screen can be reached again', async ({ app, hoso }) => {
  await hoso.seedVault();
  await app.goto(hoso.url);
  await app.getByRole('button', { name: /Khôi phục bằng khóa khôi phục/ }).click();
  await app.getByLabel('Khóa khôi phục', { exact: true }).fill('AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH');
  await app.getByLabel('Mật khẩu mới').fill('một mật khẩu mới đủ dài');
  await app.getByLabel('Nhập lại mật khẩu').fill('một mật khẩu mới đủ dài');
  await app.getByRole('button', { name: 'Khôi phục và đăng nhập' }).click();
  await expect(app.getByText('Khóa khôi phục không đúng.')).toBeVisible({ timeout: 20_000 });
  // A failed recovery keeps what was typed, so that a mistyped group can be corrected.
  await expect(app.getByLabel('Khóa khôi phục', { exact: true })).toHaveValue(
    'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH',
  );
  await screenshot(app, '13-recover-wrong-key');
  await app.getByRole('button', { name: 'Quay lại đăng nhập' }).click();
  await signIn(app, ADMIN.username, ADMIN.password);
  await expect(app.getByRole('heading', { name: `Xin chào, ${ADMIN.displayName}` })).toBeVisible();
});
