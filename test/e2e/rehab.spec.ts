import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays } from '../../shared/domain/working-days';
import { deadlineOf, daysLeft } from '../../shared/domain/rehab';
import { expect, test } from './support/fixtures';
import { chooseOption, signIn } from './support/flows';
import { asAccount, fillDate, openPersons, PEOPLE } from './support/persons';
import {
  accountOf,
  checkRehabScreen,
  completeChecklist,
  createAddict,
  dischargeToday,
  openRehab,
  OTHER_REHAB,
  pictureWholePage,
  seedRehabWorld,
  switchAccount,
} from './support/rehab';

/** Today in Vietnam (UTC+7), as the host counts it. */
const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const vn = (iso: string) => iso.split('-').reverse().join('/');

/** A 1×1 PNG: the smallest scan the contract takes. */
const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

test('a referral from discovery to post-rehab hand-over: officer, leader, court decision, centre, commune', async ({
  app,
  hoso,
}) => {
  test.setTimeout(900_000);
  const world = await seedRehabWorld(hoso, ['leader', 'officerA', 'rehab']);
  const discovered = addDays(today, -2);
  const file = await asAccount(hoso, 'officerA', () =>
    createAddict(hoso, {
      fullName: 'Nông Văn Khải',
      sex: 'male',
      birthDate: '1990-04-12',
      commune: world.communeA,
      on: addDays(today, -20),
    }),
  );
  const personId = file.person.id;

  // The commune officer starts the referral from the person's file; the dossier's deadline shows at once.
  await app.goto(hoso.url);
  await signIn(app, PEOPLE.officerA.username, PEOPLE.officerA.password);
  await openPersons(app);
  await app.getByRole('button', { name: 'Nông Văn Khải' }).click();
  await expect(app.getByTestId('person-category')).toHaveText('Người nghiện ma túy');
  await app.getByRole('button', { name: 'Lập hồ sơ đề nghị' }).click();
  const start = app.getByRole('dialog', { name: /Lập hồ sơ đề nghị cai nghiện bắt buộc/ });
  await fillDate(app, start.getByLabel('Ngày phát hiện'), vn(discovered));
  await chooseOption(app, start.getByLabel('Cơ sở cai nghiện dự kiến'), 'Cơ sở cai nghiện ma túy tỉnh Tuyên Quang');
  await start.getByRole('button', { name: 'Lập hồ sơ' }).click();
  const dossierDeadline = deadlineOf('discovered', { stateOn: discovered }, { minor: false, complex: false })!;
  await expect(app.getByText(`Đã lập hồ sơ đề nghị. Hạn hoàn thành hồ sơ: ${vn(dossierDeadline)}.`)).toBeVisible();
  const card = app.getByTestId('person-referral');
  await expect(card).toContainText('Phát hiện');
  await expect(card).toContainText(`Hạn bước hiện tại: ${vn(dossierDeadline)}`);
  await expect(card.getByTestId('days-left')).toHaveText(`Còn ${daysLeft(dossierDeadline, today)} ngày`);

  // The board lists it with its time limit; the dossier opens from there.
  await openRehab(app);
  const board = app.getByRole('table', { name: 'Danh sách hồ sơ đề nghị cai nghiện bắt buộc' });
  await expect(board.getByRole('button', { name: 'Nông Văn Khải' })).toBeVisible();
  await expect(board).toContainText(vn(dossierDeadline));
  await checkRehabScreen(app, 'rehab-01-board-officer');
  await board.getByRole('button', { name: 'Nông Văn Khải' }).click();
  await expect(app.getByRole('heading', { name: 'Nông Văn Khải' })).toBeVisible();
  await expect(app.getByTestId('referral-state')).toHaveText('Phát hiện');
  await expect(app.getByTestId('referral-deadline')).toContainText(vn(dossierDeadline));

  // The dossier cannot be closed while documents are missing; each is marked, one with its scan.
  await expect(app.getByRole('button', { name: 'Hoàn thành lập hồ sơ' })).toBeDisabled();
  const cv = app.getByTestId('doc-short_cv');
  await cv.getByRole('button', { name: 'Ghi đã có' }).click();
  const doc = app.getByRole('dialog', { name: /Tài liệu: Bản tóm tắt lý lịch/ });
  await doc.locator('input[type=file]').setInputFiles({ name: 'scan.png', mimeType: 'image/png', buffer: PIXEL_PNG });
  await expect(doc.getByText('Đã chọn tệp; bản scan được lưu khi bấm Lưu.')).toBeVisible();
  await doc.getByRole('button', { name: 'Lưu' }).click();
  await expect(doc).toBeHidden();
  await expect(cv).toContainText('có bản scan');
  for (const item of ['violation_record', 'addiction_result', 'family_comments', 'commune_comments']) {
    await app.getByTestId(`doc-${item}`).getByRole('button', { name: 'Ghi đã có' }).click();
    const dialog = app.getByRole('dialog', { name: /Tài liệu:/ });
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await expect(dialog).toBeHidden();
  }
  await expect(app.getByText('Đủ tài liệu bắt buộc')).toBeVisible();
  // The scan is read from the host only when asked (and that read is logged).
  await cv.getByRole('button', { name: 'Xem bản scan' }).click();
  const scan = app.getByRole('dialog', { name: /Bản scan: Bản tóm tắt lý lịch/ });
  await expect(scan.getByRole('img', { name: /Bản scan tài liệu/ })).toBeVisible();
  // A copy on disk is an export: asked for explicitly, with a warning, a purpose and a file that does not exist yet.
  await scan.getByRole('button', { name: 'Lưu bản sao ra tệp…' }).click();
  const save = app.getByRole('dialog', { name: /Lưu bản sao bản scan: Bản tóm tắt lý lịch/ });
  await expect(save).toContainText('Bản sao sẽ không còn được mã hóa');
  await save.getByRole('button', { name: 'Lưu bản sao' }).click();
  await expect(save).toContainText('Vui lòng nhập trường này.');
  await save.getByLabel('Mục đích lưu bản sao').fill('Tòa');
  await save.getByLabel('Đường dẫn tệp lưu ra').fill('tai-lieu.png');
  await save.getByRole('button', { name: 'Lưu bản sao' }).click();
  await expect(save).toContainText('Cần nhập đường dẫn đầy đủ (bắt đầu bằng / hoặc ổ đĩa như E:\\).');
  await checkRehabScreen(app, 'rehab-02b-scan-export');
  const copyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoso-e2e-copy-'));
  await save.getByLabel('Mục đích lưu bản sao').fill('Gửi Tòa án nhân dân khu vực');
  await save.getByLabel('Đường dẫn tệp lưu ra').fill(path.join(copyDir, 'tai-lieu.png'));
  await save.getByRole('button', { name: 'Lưu bản sao' }).click();
  await expect(save).toBeHidden();
  expect(fs.readFileSync(path.join(copyDir, 'tai-lieu.png')).equals(PIXEL_PNG)).toBe(true);
  fs.rmSync(copyDir, { recursive: true, force: true });
  await scan.locator('.ant-modal-footer').getByRole('button', { name: 'Đóng' }).click();
  await checkRehabScreen(app, 'rehab-02-dossier-checklist');

  const step = async (button: string, state: string) => {
    await app.getByRole('button', { name: button }).click();
    const confirm = app.getByRole('dialog', { name: `Chuyển sang: ${state}?` });
    await confirm.getByRole('button', { name: 'Xác nhận' }).click();
    await expect(confirm).toBeHidden();
    await expect(app.getByTestId('referral-state')).toHaveText(state);
  };
  await step('Hoàn thành lập hồ sơ', 'Đã lập hồ sơ');
  await step('Xác nhận đã kiểm tra tính pháp lý', 'Đã kiểm tra tính pháp lý');
  // Sending to court is a leader's step.
  await expect(app.getByRole('button', { name: 'Chuyển hồ sơ sang Tòa án' })).toBeDisabled();
  await expect(app.getByText('Chỉ lãnh đạo được chuyển hồ sơ sang Tòa án.')).toBeVisible();

  // The leader sends it; the court accepts it and decides.
  await switchAccount(app, accountOf('leader'));
  await openRehab(app);
  await app.getByRole('button', { name: 'Nông Văn Khải' }).click();
  await step('Chuyển hồ sơ sang Tòa án', 'Đã chuyển Tòa án');
  await step('Ghi nhận Tòa án đã thụ lý', 'Tòa án đã thụ lý');
  await app.getByRole('button', { name: 'Ghi quyết định của Tòa án' }).click();
  const decision = app.getByRole('dialog', { name: 'Quyết định của Tòa án' });
  await decision.getByLabel('Áp dụng biện pháp đưa vào cơ sở cai nghiện bắt buộc').check();
  await decision.getByLabel('Số quyết định').fill('15/2026/QĐ-TA');
  await decision.getByLabel('Tòa án ra quyết định').fill('Tòa án nhân dân khu vực 1 – Tuyên Quang');
  // An adult's first term under Law 120/2025 is 24 months: 12 is refused at the field, nothing is written.
  await expect(decision.getByText(/Theo Luật Phòng, chống ma túy 2025: 24 tháng/)).toBeVisible();
  await decision.getByLabel('Thời hạn cai nghiện').fill('12');
  await decision.getByRole('button', { name: 'Lưu quyết định' }).click();
  await expect(decision.getByRole('alert')).toContainText(
    'Thời hạn nằm ngoài khung luật cho phép đối với độ tuổi của người này.',
  );
  await expect(decision.getByLabel('Thời hạn cai nghiện')).toBeFocused();
  await checkRehabScreen(app, 'rehab-03-decision-refused');
  await decision.getByLabel('Thời hạn cai nghiện').fill('24');
  await decision.getByLabel('Thời hạn cai nghiện').press('Enter');
  await expect(decision).toBeHidden();
  await expect(app.getByTestId('referral-state')).toHaveText('Đã có quyết định');
  await expect(app.getByTestId('referral-decision')).toContainText('24 tháng');
  await step('Quyết định đã được giao, tính thời hạn khiếu nại', 'Trong thời hạn khiếu nại, kháng nghị');
  await expect(app.getByTestId('person-category')).toHaveText('Người nghiện ma túy');

  // The centre admits the person from its roster, moves them through stages, and records absconding and return.
  await switchAccount(app, accountOf('rehab'));
  await openRehab(app);
  await app.getByRole('tab', { name: 'Học viên tại cơ sở' }).click();
  await app.getByText(/^Chờ tiếp nhận \(/).click();
  await app.getByRole('button', { name: 'Tiếp nhận' }).click();
  const admit = app.getByRole('dialog', { name: /Tiếp nhận vào cơ sở/ });
  await admit.getByRole('button', { name: 'Tiếp nhận' }).click();
  await expect(admit).toBeHidden();
  await app.getByText(/^Đang ở cơ sở \(/).click();
  await app.getByRole('button', { name: 'Nông Văn Khải' }).click();
  await expect(app.getByTestId('person-category')).toHaveText('Người đang cai nghiện');
  await expect(app.getByTestId('stay-stage')).toHaveText('Tiếp nhận, phân loại');
  await checkRehabScreen(app, 'rehab-04-stay');

  for (const stage of ['Điều trị cắt cơn', 'Giáo dục, tư vấn']) {
    await app.getByRole('button', { name: 'Chuyển giai đoạn' }).click();
    const dialog = app.getByRole('dialog', { name: /Chuyển giai đoạn/ });
    await chooseOption(app, dialog.getByLabel('Giai đoạn mới'), stage);
    await dialog.getByRole('button', { name: 'Chuyển giai đoạn' }).click();
    await expect(dialog).toBeHidden();
    await expect(app.getByTestId('stay-stage')).toHaveText(stage);
  }

  await app.getByRole('button', { name: 'Ghi bỏ trốn' }).click();
  const fled = app.getByRole('dialog', { name: /Ghi nhận bỏ trốn/ });
  await fled.getByLabel('Ghi chú').fill('Trốn trong giờ lao động');
  await fled.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(fled).toBeHidden();
  await expect(app.getByTestId('stay-status')).toHaveText('Bỏ trốn');
  const categoryWhileAway = await app.getByTestId('person-category').innerText();
  await app.getByRole('button', { name: 'Ghi trở lại cơ sở' }).click();
  const back = app.getByRole('dialog', { name: /Ghi nhận trở lại cơ sở/ });
  await back.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(back).toBeHidden();
  await expect(app.getByTestId('stay-status')).toHaveText('Đang ở cơ sở');
  await expect(app.getByTestId('stay-incidents')).toContainText('Bỏ trốn: Trốn trong giờ lao động');
  await expect(app.getByTestId('stay-incidents')).toContainText('Trở lại cơ sở');
  await expect(app.getByTestId('person-category')).toHaveText('Người đang cai nghiện');

  // Discharge: a date before admission is refused at the field; then the certificate, printed on A4.
  await app.getByRole('button', { name: 'Chấm dứt, cấp giấy chứng nhận' }).click();
  const discharge = app.getByRole('dialog', { name: /Chấm dứt cai nghiện bắt buộc/ });
  await fillDate(app, discharge.getByLabel('Ngày chấm dứt'), vn(addDays(today, -30)));
  await discharge.getByLabel('Số giấy chứng nhận hoàn thành').fill('27/GCN-CSCN');
  await discharge.getByRole('button', { name: 'Chấm dứt và bàn giao' }).click();
  await expect(discharge.getByRole('alert')).toContainText('Ngày chấm dứt không được trước ngày tiếp nhận.');
  await fillDate(app, discharge.getByLabel('Ngày chấm dứt'), vn(today));
  await discharge.getByRole('button', { name: 'Chấm dứt và bàn giao' }).click();
  await expect(discharge).toBeHidden();
  await expect(app.getByTestId('person-category')).toHaveText('Người sau cai nghiện');
  await app.getByRole('button', { name: 'In giấy chứng nhận' }).click();
  const print = app.getByRole('dialog', { name: /In giấy chứng nhận/ });
  await print.locator('.ant-modal-footer').getByRole('button', { name: /In$/ }).click();
  const frame = app.frameLocator('iframe[title="Bản xem trước giấy chứng nhận"]');
  await expect(frame.locator('body')).toContainText('Nông Văn Khải');
  await expect(frame.locator('body')).toContainText('27/GCN-CSCN');
  await checkRehabScreen(app, 'rehab-05-certificate');
  await print.locator('.ant-modal-footer').getByRole('button', { name: 'Đóng' }).click();

  // The commune sees the hand-over and the post-rehab measure in the person's file.
  await switchAccount(app, accountOf('officerA'));
  await openRehab(app);
  await app.getByRole('tab', { name: 'Bàn giao sau cai nghiện' }).click();
  const handovers = app.getByRole('table', { name: 'Bàn giao sau cai nghiện' });
  await expect(handovers).toContainText('Nông Văn Khải');
  await expect(handovers).toContainText('27/GCN-CSCN');
  await checkRehabScreen(app, 'rehab-06-handover');
  // The host, asked directly in the officer's session, has the same: post-rehab, with the one-year measure.
  const after = await hoso.ok('persons.get', { personId });
  expect(after.person.category).toBe('post_rehab');
  expect(after.measures.some((m) => m.kind === 'post_rehab_management' && m.status === 'active')).toBe(true);
  expect(['Người đang cai nghiện', 'Người nghiện ma túy']).toContain(categoryWhileAway);
});

test("a minor's referral shows the court's 15-day limit and the 6–12 month term; another centre sees nothing of it", async ({
  app,
  hoso,
}) => {
  test.setTimeout(300_000);
  const world = await seedRehabWorld(hoso, ['leader', 'officerA', 'rehab']);
  const accepted = addDays(today, -3);
  const referralId = await asAccount(hoso, 'officerA', async () => {
    const f = await createAddict(hoso, {
      fullName: 'Lường Thị Hoa',
      sex: 'female',
      birthDate: '2010-06-01',
      commune: world.communeA,
      on: addDays(today, -30),
    });
    const d = await hoso.ok('referrals.create', {
      personId: f.person.id,
      kind: 'compulsory',
      discoveredOn: addDays(today, -12),
      facilityId: world.facility.id,
    });
    await completeChecklist(hoso, d, addDays(today, -11));
    await hoso.ok('referrals.advance', { referralId: d.referral.id, to: 'dossier_prepared', on: addDays(today, -10) });
    await hoso.ok('referrals.advance', { referralId: d.referral.id, to: 'legality_checked', on: addDays(today, -8) });
    return d.referral.id;
  });
  await asAccount(hoso, 'leader', async () => {
    await hoso.ok('referrals.advance', { referralId, to: 'sent_to_court', on: addDays(today, -6) });
    await hoso.ok('referrals.advance', { referralId, to: 'accepted', on: accepted });
  });
  const courtDeadline = addDays(accepted, 15);

  await app.goto(hoso.url);
  await signIn(app, PEOPLE.leader.username, PEOPLE.leader.password);
  await openRehab(app);
  await app.getByRole('checkbox', { name: 'Chỉ người chưa thành niên' }).check();
  const board = app.getByRole('table', { name: 'Danh sách hồ sơ đề nghị cai nghiện bắt buộc' });
  await expect(board).toContainText('Người chưa thành niên');
  await expect(board).toContainText(vn(courtDeadline));
  await board.getByRole('button', { name: 'Lường Thị Hoa' }).click();
  const deadline = app.getByTestId('referral-deadline');
  await expect(deadline).toContainText(vn(courtDeadline));
  await expect(deadline).toContainText('Người chưa thành niên: Tòa án quyết định trong 15 ngày kể từ ngày thụ lý');
  await expect(deadline.getByTestId('days-left')).toHaveText(`Còn ${daysLeft(courtDeadline, today)} ngày`);
  await checkRehabScreen(app, 'rehab-07-minor-dossier');

  // A minor's term is 6 to 12 months: 24 is refused at the field.
  await app.getByRole('button', { name: 'Ghi quyết định của Tòa án' }).click();
  const decision = app.getByRole('dialog', { name: 'Quyết định của Tòa án' });
  await decision.getByLabel('Áp dụng biện pháp đưa vào cơ sở cai nghiện bắt buộc').check();
  await decision.getByLabel('Số quyết định').fill('03/2026/QĐ-TA');
  await expect(decision.getByText(/6–12 tháng đối với người này/)).toBeVisible();
  await decision.getByLabel('Thời hạn cai nghiện').fill('24');
  await decision.getByRole('button', { name: 'Lưu quyết định' }).click();
  await expect(decision.getByRole('alert')).toContainText('Thời hạn nằm ngoài khung luật');
  await decision.getByRole('button', { name: 'Hủy' }).click();
  // Nothing was written: the host (in the leader's session) still has the referral accepted.
  expect((await hoso.ok('referrals.get', { referralId })).referral.state).toBe('accepted');

  // Staff of another centre: nothing of it on the board or the roster, and the host refuses it asked directly.
  await switchAccount(app, OTHER_REHAB);
  await openRehab(app);
  // Their roster opens first: their own facility, nobody in it, nobody awaiting admission.
  await expect(app.getByRole('heading', { name: 'Cơ sở cai nghiện ma túy số 2' })).toBeVisible();
  await expect(app.getByText('Không có học viên nào.')).toBeVisible();
  await app.getByText(/^Chờ tiếp nhận \(/).click();
  await expect(app.getByText('Không có người nào chờ tiếp nhận.')).toBeVisible();
  await app.getByRole('tab', { name: 'Hồ sơ đề nghị' }).click();
  await expect(app.getByText('Không có hồ sơ nào.')).toBeVisible();
  await expect(app.getByText('Lường Thị Hoa')).toHaveCount(0);
  await checkRehabScreen(app, 'rehab-08-other-centre-board');
  const refused = await hoso.call('referrals.get', { referralId });
  expect(refused.ok).toBe(false);
});

test('voluntary rehab and a methadone episode from the person’s file, the category following; a hand-over on the commune’s home from the day of discharge', async ({
  app,
  hoso,
}) => {
  test.setTimeout(600_000);
  const world = await seedRehabWorld(hoso, ['leader', 'officerA', 'rehab', 'auditor']);
  await asAccount(hoso, 'leader', () =>
    hoso.ok('facilities.create', {
      code: 'MMT-YS',
      name: 'Cơ sở điều trị methadone Yên Sơn',
      kind: 'methadone_clinic',
      provinceCode: '08',
      communeCode: null,
      capacity: 400,
      unitId: null,
    }),
  );
  await asAccount(hoso, 'leader', () =>
    hoso.ok('facilities.create', {
      code: 'CNTN-YS',
      name: 'Cơ sở cai nghiện tự nguyện Yên Sơn',
      kind: 'voluntary_centre',
      provinceCode: '08',
      communeCode: null,
      capacity: 200,
      unitId: null,
    }),
  );
  const [addict, handed] = await asAccount(hoso, 'officerA', async () => [
    await createAddict(hoso, {
      fullName: 'Triệu Văn Phúc',
      sex: 'male',
      birthDate: '1993-03-08',
      commune: world.communeA,
      on: addDays(today, -2),
    }),
    await createAddict(hoso, {
      fullName: 'Đinh Văn Sơn',
      sex: 'male',
      birthDate: '1988-11-20',
      commune: world.communeA,
      on: addDays(today, -60),
    }),
  ]);
  // Đinh Văn Sơn: referred, decided, admitted and discharged today (through the host, as each role would).
  await dischargeToday(hoso, world, handed!.person.id);
  const personId = addict!.person.id;

  // The commune officer's home lists the hand-over from the day of discharge (not only as a measure ending).
  await app.goto(hoso.url);
  await signIn(app, PEOPLE.officerA.username, PEOPLE.officerA.password);
  const queue = app.getByTestId('work-queue');
  await expect(queue).toContainText('Đinh Văn Sơn');
  await expect(queue).toContainText('Người sau cai nghiện mới bàn giao');
  await expect(queue).toContainText(`Từ ${vn(today)}`);
  await checkRehabScreen(app, 'rehab-09-home-handover');

  await openPersons(app);
  await app.getByRole('button', { name: 'Triệu Văn Phúc' }).click();
  const category = app.getByTestId('person-category');
  await expect(category).toHaveText('Người nghiện ma túy');

  // Voluntary rehab: a facility without a facility and a 14-month term are refused at their fields.
  await app.getByRole('button', { name: 'Đăng ký cai nghiện tự nguyện' }).click();
  const reg = app.getByRole('dialog', { name: /Đăng ký cai nghiện tự nguyện: Triệu Văn Phúc/ });
  await reg.getByLabel('Tại cơ sở cai nghiện').check();
  await reg.getByLabel('Thời hạn cai nghiện (theo thỏa thuận, hợp đồng)').fill('14');
  await reg.getByRole('button', { name: 'Đăng ký' }).click();
  await expect(reg.locator('.ant-form-item-has-error')).toHaveCount(2);
  await expect(reg.locator('.ant-form-item-has-error').first()).toContainText('Cơ sở cai nghiện');
  await expect(reg.locator('.ant-form-item-has-error').first()).toContainText('Vui lòng nhập trường này.');
  await expect(reg).toContainText('Thời hạn cai nghiện tự nguyện phải từ 6 đến 12 tháng.');
  await checkRehabScreen(app, 'rehab-10-voluntary-refused');
  await reg.getByLabel('Tại gia đình, cộng đồng').check();
  await reg.getByLabel('Thời hạn cai nghiện (theo thỏa thuận, hợp đồng)').fill('6');
  await reg.getByRole('button', { name: 'Đăng ký' }).click();
  await expect(reg).toBeHidden();
  await expect(app.getByText('Đã đăng ký cai nghiện tự nguyện.')).toBeVisible();
  const voluntary = app.getByTestId('person-voluntary');
  await expect(voluntary).toContainText('Đang cai nghiện');
  await expect(voluntary).toContainText('Đăng ký trong hạn');
  await expect(category).toHaveText('Người đang cai nghiện');
  await checkRehabScreen(app, 'rehab-11-voluntary');
  await pictureWholePage(app, 'rehab-11-voluntary-file');

  // Abandoned: back to an addict (and a history for a later referral).
  await voluntary.getByRole('button', { name: 'Kết thúc' }).click();
  const end = app.getByRole('dialog', { name: 'Kết thúc cai nghiện tự nguyện' });
  await end.getByLabel('Bỏ dở').check();
  await end.getByRole('button', { name: 'Ghi kết thúc' }).click();
  await expect(end).toBeHidden();
  await expect(voluntary).toContainText('Bỏ dở');
  await expect(category).toHaveText('Người nghiện ma túy');

  // Methadone: started at a clinic, paused, stopped with a reason.
  await app.getByRole('button', { name: 'Bắt đầu điều trị methadone' }).click();
  const startM = app.getByRole('dialog', { name: /Bắt đầu điều trị methadone: Triệu Văn Phúc/ });
  await startM.getByRole('button', { name: 'Bắt đầu điều trị' }).click();
  await expect(startM).toContainText('Vui lòng nhập trường này.');
  await chooseOption(app, startM.getByLabel('Cơ sở điều trị methadone'), 'Cơ sở điều trị methadone Yên Sơn');
  await startM.getByRole('button', { name: 'Bắt đầu điều trị' }).click();
  await expect(startM).toBeHidden();
  await expect(category).toHaveText('Người điều trị thay thế (methadone)');
  const episode = app.getByTestId('person-methadone');
  await expect(episode).toContainText('Đang điều trị');
  await episode.getByRole('button', { name: 'Tạm ngừng' }).click();
  const pause = app.getByRole('dialog', { name: 'Tạm ngừng điều trị methadone' });
  await pause.getByRole('button', { name: 'Ghi tạm ngừng' }).click();
  await expect(pause).toBeHidden();
  await expect(episode).toContainText('Tạm ngừng');
  await expect(category).toHaveText('Người điều trị thay thế (methadone)');
  // The Measures card does not end the methadone measure itself: its "Kết thúc…" opens the rehab card's dialog.
  const measureEnd = app.getByTestId('measure-end-rehab');
  await expect(measureEnd).toHaveCount(1);
  await measureEnd.click();
  const stop = app.getByRole('dialog', { name: 'Ngừng điều trị methadone' });
  await stop.getByRole('button', { name: 'Ghi ngừng điều trị' }).click();
  await expect(stop).toContainText('Vui lòng nhập trường này.');
  await chooseOption(app, stop.getByLabel('Lý do ngừng điều trị'), 'Hoàn thành điều trị');
  await stop.getByRole('button', { name: 'Ghi ngừng điều trị' }).click();
  await expect(stop).toBeHidden();
  await expect(episode).toContainText('Đã ngừng điều trị');
  await expect(episode).toContainText('Hoàn thành điều trị');
  await expect(category).toHaveText('Người nghiện ma túy');
  await checkRehabScreen(app, 'rehab-12-methadone');
  await pictureWholePage(app, 'rehab-12-methadone-file');

  // Opened once more from the list: one more read of the person's rehab records, not one per render.
  await app.getByRole('button', { name: 'Quay lại' }).click();
  await app.getByRole('button', { name: 'Triệu Văn Phúc' }).click();
  await expect(app.getByTestId('person-methadone')).toContainText('Đã ngừng điều trị');

  // Voluntary rehab at a facility: registered today, then admitted from the card; a day before the registration
  // is refused at its field; after admission the category follows and the measure ends only on the rehab card.
  await app.getByRole('button', { name: 'Đăng ký cai nghiện tự nguyện' }).click();
  const atCentre = app.getByRole('dialog', { name: /Đăng ký cai nghiện tự nguyện: Triệu Văn Phúc/ });
  await atCentre.getByLabel('Tại cơ sở cai nghiện').check();
  await chooseOption(
    app,
    atCentre.getByLabel('Cơ sở cai nghiện', { exact: true }),
    'Cơ sở cai nghiện tự nguyện Yên Sơn',
  );
  await atCentre.getByLabel('Thời hạn cai nghiện (theo thỏa thuận, hợp đồng)').fill('6');
  await atCentre.getByRole('button', { name: 'Đăng ký' }).click();
  await expect(atCentre).toBeHidden();
  const registered = app.getByTestId('person-voluntary').filter({ hasText: 'Đã đăng ký' });
  await expect(registered).toHaveCount(1);
  await expect(category).toHaveText('Người nghiện ma túy');
  await registered.getByRole('button', { name: 'Tiếp nhận vào cơ sở' }).click();
  const admitV = app.getByRole('dialog', { name: 'Tiếp nhận cai nghiện tự nguyện — Triệu Văn Phúc' });
  await expect(admitV).toContainText('Cơ sở cai nghiện tự nguyện Yên Sơn');
  await fillDate(app, admitV.getByLabel('Ngày tiếp nhận'), vn(addDays(today, -1)));
  await admitV.getByRole('button', { name: 'Tiếp nhận' }).click();
  await expect(admitV.locator('.ant-form-item-has-error')).toContainText(
    'Ngày tiếp nhận không được trước ngày đăng ký cai nghiện tự nguyện.',
  );
  await checkRehabScreen(app, 'rehab-13-voluntary-admit-refused');
  await fillDate(app, admitV.getByLabel('Ngày tiếp nhận'), vn(today));
  await admitV.getByRole('button', { name: 'Tiếp nhận' }).click();
  await expect(admitV).toBeHidden();
  await expect(app.getByText(/Đã tiếp nhận vào cơ sở, dự kiến kết thúc ngày \d\d\/\d\d\/\d{4}\./)).toBeVisible();
  await expect(category).toHaveText('Người đang cai nghiện');
  await expect(app.getByTestId('person-voluntary').filter({ hasText: 'Đang cai nghiện' })).toHaveCount(1);
  // Its measure ("Kết thúc…" in the Measures card) opens the voluntary end dialog, not the measures card's menu.
  await expect(app.getByTestId('measure-end-rehab')).toHaveCount(1);
  await app.getByTestId('measure-end-rehab').click();
  const endV = app.getByRole('dialog', { name: 'Kết thúc cai nghiện tự nguyện' });
  await expect(endV).toBeVisible();
  await checkRehabScreen(app, 'rehab-14-voluntary-end-from-measures');
  await endV.getByRole('button', { name: 'Hủy' }).click();
  await expect(endV).toBeHidden();
  // The host, asked directly: the category, and the reads in the audit log (2 openings + 7 changes made here).
  await asAccount(hoso, 'auditor', async () => {
    const reads = await hoso.ok('audit.list', { action: 'rehab.person_read', recordId: personId });
    expect(reads).toHaveLength(9);
  });
  await asAccount(hoso, 'officerA', async () => {
    const f = await hoso.ok('persons.get', { personId });
    expect(f.person.category).toBe('in_rehab');
    expect(f.measures.find((m) => m.kind === 'methadone')?.status).toBe('completed');
    expect(f.measures.find((m) => m.kind === 'voluntary_rehab_facility')?.status).toBe('active');
    const r = await hoso.ok('rehab.person', { personId });
    expect(r.stays.find((s) => s.voluntaryId)?.status).toBe('in_stay');
    expect(r.managedMeasures.map((m) => m.kind)).toEqual(['voluntary']);
  });
});
