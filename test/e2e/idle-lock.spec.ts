import { ADMIN } from './support/hoso-server';
import { expect, test } from './support/fixtures';
import { signIn } from './support/flows';
import { checkScreen } from './support/screens';

const HOME = `Xin chào, ${ADMIN.displayName}`;

test('the app locks itself after the idle timeout, clears the screen, and unlocks again', async ({ app, hoso }) => {
  await hoso.seedVault();
  // The idle timeout is a signed-in, audited change (only the language may change while locked).
  await hoso.ok('session.unlock', { username: ADMIN.username, password: ADMIN.password });
  await hoso.ok('prefs.set', { idleMinutes: 1 });
  await hoso.ok('session.lock', {});
  await app.clock.install();
  await app.goto(hoso.url);
  await signIn(app, ADMIN.username, ADMIN.password);
  await expect(app.getByRole('heading', { name: HOME })).toBeVisible();
  await expect(app.getByText('Tự động khóa sau 1 phút không thao tác')).toBeVisible();

  // Half a minute of activity keeps the session open...
  await app.clock.fastForward(30_000);
  await app.mouse.move(400, 300);
  await app.clock.fastForward(40_000);
  await expect(app.getByRole('heading', { name: HOME })).toBeVisible();

  // ...a full minute without any does not.
  await app.clock.fastForward(61_000);
  await expect(app.getByRole('heading', { name: 'Mở khóa dữ liệu' })).toBeVisible();
  await expect(app.getByText('Phiên làm việc đã tự khóa vì không có thao tác')).toBeVisible();
  await expect(app.getByText(HOME)).toHaveCount(0);
  // The screen clears at once; the host locks once the drafts are written (session-context.tsx): poll it.
  await expect.poll(async () => (await hoso.ok('app.status', {})).unlocked).toBe(false);
  await checkScreen(app, '20-locked-idle');

  await signIn(app, ADMIN.username, ADMIN.password);
  await expect(app.getByRole('heading', { name: HOME })).toBeVisible();
});

test('Ctrl+L and the lock button lock the host and return to the unlock screen', async ({ app, hoso }) => {
  await hoso.seedVault();
  await app.goto(hoso.url);
  await signIn(app, ADMIN.username, ADMIN.password);
  await app.getByRole('navigation', { name: 'Điều hướng chính' }).getByText('Tài khoản').click();
  await expect(app.getByRole('heading', { name: 'Quản lý tài khoản' })).toBeVisible();

  await app.getByPlaceholder('Tìm theo họ tên hoặc tên tài khoản').fill('quản');
  await app.keyboard.press('Control+l');
  await expect(app.getByRole('heading', { name: 'Mở khóa dữ liệu' })).toBeVisible();
  // The screen clears at once; the host locks once the drafts are written (session-context.tsx): poll it.
  await expect.poll(async () => (await hoso.ok('app.status', {})).unlocked).toBe(false);

  // Signed in again, the app starts fresh: nothing from before the lock (page, search text) survives.
  await signIn(app, ADMIN.username, ADMIN.password);
  await expect(app.getByRole('heading', { name: HOME })).toBeVisible();
  await app.getByRole('banner').getByRole('button', { name: /Khóa$/ }).click();
  await expect(app.getByRole('heading', { name: 'Mở khóa dữ liệu' })).toBeVisible();
  await expect(app.getByText('Phiên làm việc đã được khóa.')).toBeVisible();
});

test('a lock decided by the host (its own idle timer, another transport) reaches the page', async ({ app, hoso }) => {
  await hoso.seedVault();
  await app.goto(hoso.url);
  await signIn(app, ADMIN.username, ADMIN.password);
  await expect(app.getByRole('heading', { name: HOME })).toBeVisible();

  // The host locks by itself: the event reaches the page without any click.
  await hoso.ok('session.lock', {});
  await expect(app.getByRole('heading', { name: 'Mở khóa dữ liệu' })).toBeVisible();

  // The host's idle timeout passes while the page sits open: the next call is refused, and the page locks.
  await signIn(app, ADMIN.username, ADMIN.password);
  await expect(app.getByRole('heading', { name: HOME })).toBeVisible();
  hoso.clock.advance(11 * 60_000);
  await app.getByRole('navigation', { name: 'Điều hướng chính' }).getByText('Đơn vị').click();
  await expect(app.getByRole('heading', { name: 'Mở khóa dữ liệu' })).toBeVisible();
  expect((await hoso.ok('app.status', {})).unlocked).toBe(false);
});
