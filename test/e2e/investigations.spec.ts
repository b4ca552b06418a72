import { expect, test } from './support/fixtures';
import { navigationEntries, signIn } from './support/flows';
import { askHost, choose, openInvestigations, pictures, typeDate } from './support/investigations';
import { asAccount, createPerson, openPersons, PEOPLE, seedPersonsWorld } from './support/persons';

/**
 * Investigations in the browser: a tip received and decided into a case; a case with two offences whose
 * severity and deadline follow the law, extended; seizures in tablets and in kg with totals per unit; a hot
 * spot eliminated and re-formed; and what commune officers and rehab staff are refused.
 */

test('a tip is received, decided to prosecution and becomes a case, in one step', async ({ app, hoso }) => {
  test.setTimeout(400_000);
  const world = await seedPersonsWorld(hoso, ['leader']);
  await app.goto(hoso.url);
  await signIn(app, PEOPLE.leader.username, PEOPLE.leader.password);
  await openInvestigations(app, 'Tin báo');
  await expect(app.getByRole('heading', { name: 'Sổ tiếp nhận tin báo' })).toBeVisible();

  await app.getByRole('button', { name: 'Tiếp nhận tin báo' }).click();
  const form = app.getByRole('form', { name: 'Tiếp nhận tin báo mới' });
  // Saving an empty form names every missing field and puts the cursor on the first.
  await form.getByLabel('Ngày tiếp nhận').fill('');
  await form.getByRole('button', { name: 'Lưu' }).click();
  await expect(form.getByText('Vui lòng nhập trường này.').first()).toBeVisible();
  await typeDate(app, form.getByLabel('Ngày tiếp nhận'), '25/11/2026');
  await form.getByLabel('Giờ tiếp nhận').fill('9:05');
  await choose(app, form.getByLabel('Nguồn tin'), 'Tố giác của cá nhân');
  await choose(app, form.getByLabel('Tuyến, phương thức'), 'Chuyển phát nhanh');
  await choose(app, form.getByLabel('Xã/phường xảy ra'), world.communeA.name);
  await form
    .getByLabel('Nội dung tin báo')
    .fill('Người dân tố giác bưu kiện chuyển phát nhanh nghi chứa ma túy tổng hợp.');
  await pictures(app, 'tip-form');
  await form.getByRole('button', { name: 'Lưu' }).click();

  await expect(app.getByRole('heading', { name: 'Tin báo ngày 25/11/2026' })).toBeVisible();
  await expect(app.getByTestId('tip-state')).toHaveText('Đang xác minh');
  // Art. 147: 20 days from receipt → 15/12/2026 (a Tuesday).
  await expect(app.getByTestId('tip-deadline')).toContainText('15/12/2026');
  await expect(app.getByText('25/11/2026 09:05')).toBeVisible();

  await app.getByRole('button', { name: 'Quyết định giải quyết' }).click();
  const decide = app.getByRole('dialog', { name: 'Quyết định giải quyết tin báo' });
  await choose(app, decide.getByLabel('Quyết định', { exact: true }), 'Quyết định khởi tố');
  await typeDate(app, decide.getByLabel('Ngày quyết định'), '01/12/2026');
  await decide.getByLabel('Số quyết định').fill('41/QĐ-CSĐT');
  await decide.getByRole('button', { name: 'Tiếp tục: lập hồ sơ vụ án' }).click();

  const caseForm = app.getByRole('form', { name: 'Khởi tố vụ án' });
  await expect(caseForm.getByText('Từ tin báo tiếp nhận ngày 25/11/2026')).toBeVisible();
  await expect(caseForm.getByLabel('Ngày khởi tố')).toHaveValue('01/12/2026');
  await expect(caseForm.getByLabel('Số quyết định khởi tố')).toHaveValue('41/QĐ-CSĐT');
  await caseForm.getByLabel('Số vụ án').fill('41/2026');
  await choose(app, caseForm.getByLabel('Điều luật của tội danh 1'), 'Điều 251.');
  await choose(app, caseForm.getByLabel('Khoản của tội danh 1'), 'Khoản 2');
  await expect(app.getByTestId('case-severity-live')).toHaveText('Rất nghiêm trọng');
  // Art. 172, very serious: 4 months from 01/12/2026 → 01/04/2027 (a Thursday).
  await expect(app.getByTestId('case-deadline-live')).toContainText('01/04/2027');
  await pictures(app, 'case-from-tip');
  await caseForm.getByRole('button', { name: 'Lưu quyết định khởi tố và vụ án' }).click();

  await expect(app.getByRole('heading', { name: 'Vụ án số 41/2026' })).toBeVisible();
  await expect(app.getByTestId('case-state')).toHaveText('Đang điều tra');
  await expect(app.getByTestId('case-severity')).toHaveText('Rất nghiêm trọng');
  await expect(app.getByTestId('case-deadline')).toContainText('01/04/2027');
  await app.getByRole('button', { name: 'Xem tin báo gốc' }).click();
  // The tip's first screen is still mounted (hidden) below the case: only the one shown counts.
  await expect(app.locator('[data-testid="tip-state"]:visible')).toHaveText('Quyết định khởi tố');
  await expect(app.locator('[data-testid="tip-deadline"]:visible')).toHaveText('—');

  // The register shows the tip decided; the host agrees.
  await openInvestigations(app, 'Tin báo');
  await expect(app.locator('.ant-table-row').filter({ hasText: 'bưu kiện' })).toContainText('Quyết định khởi tố');
  await pictures(app, 'tips-register');
  const tips = await asAccount(hoso, 'leader', () => hoso.ok('tips.list', { offset: 0, limit: 10 }));
  expect(tips.items[0]).toMatchObject({ state: 'prosecuted', channel: 'express', receivedOn: '2026-11-25' });
  expect(tips.items[0]!.caseId).toBeTruthy();
});

test('a case with two offences: severity from the gravest, deadline at a month end on a rest day, extended; seizures in tablets and kg', async ({
  app,
  hoso,
}) => {
  test.setTimeout(400_000);
  const world = await seedPersonsWorld(hoso, ['leader']);
  await asAccount(hoso, 'leader', async () => {
    const pao = await createPerson(hoso, {
      fullName: 'Sùng A Páo',
      sex: 'male',
      birthDate: '1990-04-12',
      commune: world.communeA,
      serial: 1234,
    });
    // A tip that names him (its file and its edit show his name).
    await hoso.ok('tips.create', {
      receivedOn: '2026-09-20',
      source: 'citizen',
      channel: 'land_border',
      communeCode: world.communeA.code,
      summary: 'Tố giác vận chuyển ma túy tổng hợp qua đường mòn biên giới.',
      personIds: [pao.person.id],
    });
  });
  await app.goto(hoso.url);
  await signIn(app, PEOPLE.leader.username, PEOPLE.leader.password);
  await openInvestigations(app, 'Vụ án');
  await app.getByRole('button', { name: 'Khởi tố vụ án' }).click();
  const form = app.getByRole('form', { name: 'Khởi tố vụ án' });
  await form.getByLabel('Số vụ án').fill('27/2026');
  await typeDate(app, form.getByLabel('Ngày khởi tố'), '30/09/2026');
  await choose(app, form.getByLabel('Điều luật của tội danh 1'), 'Điều 249.');
  await choose(app, form.getByLabel('Khoản của tội danh 1'), 'Khoản 1');
  await expect(app.getByTestId('case-severity-live')).toHaveText('Nghiêm trọng');
  await form.getByRole('button', { name: 'Thêm tội danh' }).click();
  // A clause left empty is named at the field when saving.
  await form.getByRole('button', { name: 'Lưu' }).click();
  await expect(form.getByText('Vui lòng nhập trường này.').first()).toBeVisible();
  await choose(app, form.getByLabel('Điều luật của tội danh 2'), 'Điều 251.');
  await choose(app, form.getByLabel('Khoản của tội danh 2'), 'Khoản 2');
  // 249(1) is up to 5 years (serious), 251(2) up to 15 (very serious): the gravest decides.
  await expect(app.getByTestId('case-severity-live')).toHaveText('Rất nghiêm trọng');
  // 30/09/2026 + 4 months = 30/01/2027, a Saturday → Monday 01/02/2027.
  await expect(app.getByTestId('case-deadline-live')).toContainText('01/02/2027');
  await form.getByRole('button', { name: 'Lưu' }).click();

  await expect(app.getByRole('heading', { name: 'Vụ án số 27/2026' })).toBeVisible();
  await expect(app.getByTestId('case-severity')).toHaveText('Rất nghiêm trọng');
  await expect(app.getByTestId('case-deadline')).toContainText('01/02/2027');
  await expect(app.getByRole('table', { name: 'Tội danh' })).toContainText('Điều 249 khoản 1');
  await expect(app.getByRole('table', { name: 'Tội danh' })).toContainText('7 – 15 năm');

  await app.getByRole('button', { name: 'Gia hạn' }).click();
  const extend = app.getByRole('dialog', { name: 'Gia hạn lần 1' });
  await expect(extend.getByText('Luật cho phép gia hạn lần 1/2, tối đa 4 tháng.')).toBeVisible();
  await extend.getByLabel('Số tháng gia hạn').fill('5');
  await expect(extend.getByTestId('extension-until')).toHaveText('—');
  await extend.getByLabel('Số quyết định gia hạn').fill('88/QĐ-VKS');
  await extend.getByRole('button', { name: 'Lưu gia hạn' }).click();
  await expect(extend.getByText('Thời hạn gia hạn vượt mức tối đa luật cho phép.')).toBeVisible();
  await extend.getByLabel('Số tháng gia hạn').fill('4');
  // From the unshifted end 30/01/2027 + 4 months = 30/05/2027, a Sunday → 31/05/2027.
  await expect(extend.getByTestId('extension-until')).toHaveText('31/05/2027');
  await extend.getByRole('button', { name: 'Lưu gia hạn' }).click();
  await expect(extend).toBeHidden();
  await expect(app.getByTestId('case-deadline')).toContainText('31/05/2027');
  await expect(app.getByRole('table', { name: 'Các lần gia hạn' })).toContainText('88/QĐ-VKS');

  // Seizures: tablets of methamphetamine, and heroin in kg, whose unit list offers no tablets.
  await app.getByRole('button', { name: 'Thêm tang vật' }).click();
  let seize = app.getByRole('dialog', { name: 'Thêm tang vật thu giữ' });
  await choose(app, seize.getByLabel('Loại chất'), 'Methamphetamine');
  await choose(app, seize.getByLabel('Đơn vị tính'), 'viên');
  await seize.getByLabel('Khối lượng, số lượng').fill('1200');
  await seize.getByRole('button', { name: 'Thêm tang vật' }).click();
  await expect(seize).toBeHidden();
  await app.getByRole('button', { name: 'Thêm tang vật' }).click();
  seize = app.getByRole('dialog', { name: 'Thêm tang vật thu giữ' });
  await choose(app, seize.getByLabel('Loại chất'), 'Heroin');
  await seize.getByLabel('Đơn vị tính').click();
  const units = app.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
  await expect(units).toHaveText(['gam', 'kg']);
  await units.filter({ hasText: 'kg' }).click();
  await seize.getByLabel('Khối lượng, số lượng').fill('1,5');
  await seize.getByRole('button', { name: 'Thêm tang vật' }).click();
  await expect(seize).toBeHidden();
  // A suspect from the registry, found by name typed without diacritics.
  await app.getByRole('button', { name: 'Thêm bị can' }).click();
  const suspect = app.getByRole('dialog', { name: 'Thêm bị can vào vụ án' });
  await suspect.getByLabel('Chọn người').click();
  await suspect.getByLabel('Chọn người').fill('sung a pao');
  await app
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: 'Sùng A Páo' })
    .click();
  await choose(app, suspect.getByLabel('Vai trò'), 'Mua bán');
  await typeDate(app, suspect.getByLabel('Ngày bắt'), '29/09/2026');
  await suspect.getByRole('button', { name: 'Thêm bị can' }).click();
  await expect(suspect).toBeHidden();
  await expect(app.getByRole('table', { name: 'Bị can của vụ án' })).toContainText('Sùng A Páo');
  await expect(app.getByRole('table', { name: 'Bị can của vụ án' })).toContainText('Mua bán');

  const totals = app.getByTestId('seizure-totals');
  await expect(totals).toContainText('Methamphetamine (ma túy đá): 1.200 viên');
  await expect(totals).toContainText('Heroin: 1,5 kg');
  await pictures(app, 'case-file');

  // The case list: the unit's cases, newest first; a case found by its suspect's name typed without diacritics.
  await openInvestigations(app, 'Vụ án');
  const list = app.getByRole('table', { name: 'Vụ án' });
  await expect(list.locator('.ant-table-row').filter({ hasText: '27/2026' })).toContainText('Rất nghiêm trọng');
  await expect(app.getByTestId('cases-count')).toHaveText('1 kết quả');
  await app.getByLabel('Tìm vụ án').fill('sung a pao');
  await app.getByLabel('Tìm vụ án').press('Enter');
  const results = app.getByRole('table', { name: 'Kết quả tìm vụ án' }).locator('.ant-table-row');
  await expect(results).toHaveCount(1);
  await expect(results).toContainText('27/2026');
  await expect(results).toContainText('theo họ tên');
  await pictures(app, 'cases-list');

  // The tip names the person on its file and in its edit.
  await openInvestigations(app, 'Tin báo');
  await app.locator('.ant-table-row').filter({ hasText: 'đường mòn biên giới' }).getByRole('button').click();
  await expect(app.getByTestId('tip-persons')).toContainText('Sùng A Páo · 12/04/1990');
  await app.getByRole('main').getByRole('button', { name: 'Sửa' }).click();
  const tipForm = app.getByRole('form', { name: 'Sửa tin báo' });
  await expect(tipForm.getByText('Sùng A Páo · 12/04/1990', { exact: false })).toBeVisible();
  await tipForm.getByRole('button', { name: 'Hủy' }).click();

  await openInvestigations(app, 'Thời hạn');
  await expect(app.getByRole('heading', { name: 'Thời hạn giải quyết' })).toBeVisible();
  await pictures(app, 'deadlines');

  // The suspect's person file shows the case to a role that reads cases.
  await openPersons(app);
  await app.getByRole('button', { name: 'Sùng A Páo' }).click();
  await expect(app.getByTestId('person-cases')).toContainText('Vụ án số 27/2026');
  await expect(app.getByTestId('person-cases')).toContainText('Mua bán');

  // The host agrees (asked last: signing in on the host directly locks the browser's session).
  const found = await asAccount(hoso, 'leader', () => hoso.ok('cases.find', { query: '27/2026', limit: 5 }));
  const file = await asAccount(hoso, 'leader', () => hoso.ok('cases.get', { caseId: found[0]!.id }));
  expect(file).toMatchObject({ severity: 'very_serious', deadline: '2027-05-31', extensionsLeft: 1 });
  expect(file.totals.substances).toEqual(
    expect.arrayContaining([
      { substance: 'methamphetamine', unit: 'tablet', quantity: 1200 },
      { substance: 'heroin', unit: 'kg', quantity: 1.5 },
    ]),
  );
});

test('a hot spot is eliminated, then re-formed, and shows so prominently', async ({ app, hoso }) => {
  test.setTimeout(400_000);
  const world = await seedPersonsWorld(hoso, ['leader']);
  await app.goto(hoso.url);
  await signIn(app, PEOPLE.leader.username, PEOPLE.leader.password);
  await openInvestigations(app, 'Tụ điểm');
  await app.getByRole('button', { name: 'Thêm điểm, tụ điểm' }).click();
  const add = app.getByRole('dialog', { name: 'Thêm điểm, tụ điểm mới' });
  await choose(app, add.getByLabel('Xã/phường'), world.communeA.name);
  await choose(app, add.getByLabel('Loại'), 'Tụ điểm');
  await add.getByLabel('Địa chỉ').fill('Bãi đất trống cạnh cầu Nông Tiến');
  await add.getByText('Sử dụng').click();
  await typeDate(app, add.getByLabel('Ngày phát hiện'), '02/06/2026');
  await add.getByRole('button', { name: 'Thêm điểm, tụ điểm' }).click();
  await expect(add).toBeHidden();
  await expect(app.getByTestId('hotspot-status')).toHaveText('Đang hoạt động');

  for (const [status, date] of [
    ['Đã triệt xóa', '20/08/2026'],
    ['Tái hình thành', '15/11/2026'],
  ] as const) {
    await app.getByRole('button', { name: 'Cập nhật tình trạng' }).click();
    const move = app.getByRole('dialog', { name: 'Cập nhật tình trạng điểm, tụ điểm' });
    await choose(app, move.getByLabel('Tình trạng mới'), status);
    await typeDate(app, move.getByLabel('Ngày', { exact: true }), date);
    await move.getByRole('button', { name: 'Cập nhật' }).click();
    await app.getByRole('dialog').getByRole('button', { name: 'Xác nhận' }).click();
    await expect(move).toBeHidden();
    await expect(app.getByTestId('hotspot-status')).toHaveText(status);
  }
  await expect(app.getByTestId('hotspot-reformed')).toContainText('Đã tái hình thành 1 lần, gần nhất ngày 15/11/2026');
  await pictures(app, 'hotspot-file');

  await app.getByRole('button', { name: 'Quay lại' }).click();
  await expect(app.getByTestId('reformed-banner')).toContainText('1 điểm, tụ điểm đã tái hình thành');
  await app.getByText('Theo xã/phường', { exact: true }).click();
  const perCommune = app.getByRole('table', { name: 'Theo xã/phường' });
  await expect(perCommune.getByRole('row').filter({ hasText: world.communeA.name })).toBeVisible();
  await pictures(app, 'hotspots-by-commune');
});

test('a commune officer records tips but sees no case screen, and rehab staff see nothing of investigations, even asking the host', async ({
  app,
  hoso,
}) => {
  test.setTimeout(400_000);
  const world = await seedPersonsWorld(hoso, ['leader', 'officerA', 'rehab']);
  const made = await asAccount(hoso, 'leader', async () => {
    const c = await hoso.ok('cases.create', {
      number: '9/2026',
      prosecutedOn: '2026-11-02',
      offences: [{ article: '249', clause: 1 }],
      communeCode: world.communeA.code,
    });
    const tip = await hoso.ok('tips.create', {
      receivedOn: '2026-11-30',
      source: 'citizen',
      channel: 'other',
      communeCode: world.communeA.code,
      summary: 'Tố giác tụ tập sử dụng ma túy tại nhà văn hóa thôn.',
    });
    return { caseId: c.id, tipId: tip.id };
  });

  await app.goto(hoso.url);
  await signIn(app, PEOPLE.officerA.username, PEOPLE.officerA.password);
  expect(await navigationEntries(app)).toContain('Điều tra');
  await openInvestigations(app);
  const tabs = app.getByRole('navigation', { name: 'Các mục điều tra' });
  await expect(tabs.getByText('Tin báo', { exact: true })).toBeVisible();
  await expect(tabs.getByText('Tụ điểm', { exact: true })).toBeVisible();
  await expect(tabs.getByText('Vụ án', { exact: true })).toHaveCount(0);
  await expect(app.getByRole('heading', { name: 'Sổ tiếp nhận tin báo' })).toBeVisible();
  await expect(app.locator('.ant-table-row').filter({ hasText: 'nhà văn hóa' })).toBeVisible();
  await pictures(app, 'commune-officer-tips');
  expect(await askHost(app, hoso, 'cases.get', { caseId: made.caseId })).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  });
  expect(await askHost(app, hoso, 'cases.find', { query: '9/2026' })).toMatchObject({ ok: false });
  expect(await askHost(app, hoso, 'tips.get', { tipId: made.tipId })).toMatchObject({ ok: true });

  await app.getByRole('banner').getByRole('button', { name: /Khóa$/ }).click();
  await signIn(app, PEOPLE.rehab.username, PEOPLE.rehab.password);
  expect(await navigationEntries(app)).not.toContain('Điều tra');
  for (const [procedure, input] of [
    ['cases.get', { caseId: made.caseId }],
    ['tips.get', { tipId: made.tipId }],
    ['investigations.deadlines', {}],
  ] as const) {
    expect(await askHost(app, hoso, procedure, input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }
});
