import { expect, test } from './support/fixtures';
import { lockAndUnlock, signIn } from './support/flows';
import { choose, openInvestigations, pictures, typeDate } from './support/investigations';
import { PEOPLE, seedPersonsWorld } from './support/persons';

const leader = PEOPLE.leader;

/**
 * A tip's summary and a case's decision are long to type, and an investigator is called away: a lock (Ctrl+L, or
 * the idle timeout) keeps what was typed inside the encrypted database and the form comes back with it after the
 * unlock, as the person forms do. Saving or cancelling forgets the draft.
 */
test('a tip and a case being typed come back after a lock; saving or cancelling forgets them', async ({
  app,
  hoso,
}) => {
  test.setTimeout(400_000);
  const world = await seedPersonsWorld(hoso, ['leader']);
  await app.setViewportSize({ width: 1366, height: 768 });
  await app.goto(hoso.url);
  await signIn(app, leader.username, leader.password);
  await openInvestigations(app, 'Tin báo');

  // A new tip, half typed, then the lock.
  await app.getByRole('button', { name: 'Tiếp nhận tin báo' }).click();
  const tipForm = app.getByRole('form', { name: 'Tiếp nhận tin báo mới' });
  await typeDate(app, tipForm.getByLabel('Ngày tiếp nhận'), '28/11/2026');
  await tipForm.getByLabel('Giờ tiếp nhận').fill('14:30');
  await choose(app, tipForm.getByLabel('Nguồn tin'), 'Tố giác của cá nhân');
  await choose(app, tipForm.getByLabel('Xã/phường xảy ra'), world.communeA.name);
  const summary = 'Quần chúng báo có nhóm thanh niên tụ tập sử dụng ma túy tại bãi đất trống cuối thôn Đồng Mán.';
  await tipForm.getByLabel('Nội dung tin báo').fill(summary);
  await lockAndUnlock(app, leader, 'Đồng Mán');

  // Back on the tip form, every field as it was, and it says so.
  await expect(tipForm.getByText('Đã khôi phục bản nháp chưa lưu')).toBeVisible();
  await expect(tipForm.getByLabel('Ngày tiếp nhận')).toHaveValue('28/11/2026');
  await expect(tipForm.getByLabel('Giờ tiếp nhận')).toHaveValue('14:30');
  await expect(tipForm.getByText('Tố giác của cá nhân')).toBeVisible();
  await expect(tipForm.getByText(world.communeA.name)).toBeVisible();
  await expect(tipForm.getByLabel('Nội dung tin báo')).toHaveValue(summary);
  await pictures(app, 'tip-draft-restored');
  await tipForm.getByRole('button', { name: 'Lưu' }).click();
  await expect(app.getByRole('heading', { name: 'Tin báo ngày 28/11/2026' })).toBeVisible();
  await expect(app.getByText('28/11/2026 14:30')).toBeVisible();
  expect(await hoso.ok('drafts.list', {})).toEqual([]);

  // The tip decided to prosecution: the case form, a number and a summary typed, then the lock.
  await app.getByRole('button', { name: 'Quyết định giải quyết' }).click();
  const decide = app.getByRole('dialog', { name: 'Quyết định giải quyết tin báo' });
  await choose(app, decide.getByLabel('Quyết định', { exact: true }), 'Quyết định khởi tố');
  await typeDate(app, decide.getByLabel('Ngày quyết định'), '02/12/2026');
  await decide.getByLabel('Số quyết định').fill('57/QĐ-CSĐT');
  await decide.getByRole('button', { name: 'Tiếp tục: lập hồ sơ vụ án' }).click();
  const caseForm = app.getByRole('form', { name: 'Khởi tố vụ án' });
  await caseForm.getByLabel('Số vụ án').fill('57/2026');
  await choose(app, caseForm.getByLabel('Điều luật của tội danh 1'), 'Điều 255.');
  await lockAndUnlock(app, leader, '57/2026');

  // The case form again, still tied to its tip, with the number and the offence.
  await expect(caseForm.getByText('Đã khôi phục bản nháp chưa lưu')).toBeVisible();
  await expect(caseForm.getByText('Từ tin báo tiếp nhận ngày 28/11/2026')).toBeVisible();
  await expect(caseForm.getByLabel('Số vụ án')).toHaveValue('57/2026');
  await expect(caseForm.getByLabel('Số quyết định khởi tố')).toHaveValue('57/QĐ-CSĐT');
  await expect(caseForm.getByText(/^Điều 255\./)).toBeVisible();
  await app.setViewportSize({ width: 1024, height: 768 });
  await pictures(app, 'case-draft-restored');
  // Cancelling gives it up: nothing is decided, nothing is left.
  await caseForm.getByRole('button', { name: 'Hủy' }).click();
  await expect(caseForm).toBeHidden();
  await expect.poll(async () => (await hoso.ok('drafts.list', {})).length).toBe(0);
  const tips = await hoso.ok('tips.list', { offset: 0, limit: 10 });
  expect(tips.items).toHaveLength(1);
  expect(tips.items[0]).toMatchObject({ state: 'verifying', caseId: null });
});
