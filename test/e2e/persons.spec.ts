import { composeCitizenId } from '../../shared/validation/citizen-id';
import { expect, test } from './support/fixtures';
import { chooseOption, signIn } from './support/flows';
import {
  asAccount,
  checkPersonsScreen,
  chooseMany,
  createPerson,
  determine,
  fillDate,
  openPersons,
  PEOPLE,
  resultRows,
  seedPersonsWorld,
} from './support/persons';

const DUC_CCCD = composeCitizenId({ provinceCode: '008', sex: 'male', birthYear: 1990, serial: 123456 });

test('a person is created after fixing validation errors, found without diacritics, and a second file with the same CCCD is refused with a link to the first', async ({
  app,
  hoso,
}) => {
  test.setTimeout(180_000);
  const world = await seedPersonsWorld(hoso, ['leader']);
  await app.goto(hoso.url);
  await signIn(app, PEOPLE.leader.username, PEOPLE.leader.password);
  await openPersons(app);
  await expect(app.getByTestId('persons-count')).toHaveText('0 kết quả');
  await checkPersonsScreen(app, '80-persons-empty');

  await app.getByRole('button', { name: 'Thêm người' }).click();
  const form = app.getByRole('form', { name: 'Thêm người thuộc diện quản lý' });
  await form.getByLabel('Họ và tên').fill('Nguyễn Văn Đức 2');
  await form.getByLabel('Số định danh (CCCD/CMND)').fill('12345');
  await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
  await expect(form.getByText('Họ tên chỉ gồm chữ cái')).toBeVisible();
  await expect(form.getByText('Vui lòng chọn giới tính.')).toBeVisible();
  await expect(form.getByText('Số định danh gồm 12 chữ số (CCCD) hoặc 9 chữ số (CMND).')).toBeVisible();
  // The unit's province is offered; a province alone (no commune, no street) is no address yet, and no error.
  await expect(form.getByText('Vui lòng nhập trường này.')).toHaveCount(1);
  await expect(form.getByText('Còn 4 trường chưa hợp lệ: xem các ô được đánh dấu đỏ ở trên.')).toBeVisible();
  await expect(form.getByLabel('Họ và tên')).toHaveValue('Nguyễn Văn Đức 2');
  await expect(form.getByLabel('Số định danh (CCCD/CMND)')).toHaveValue('12345');
  await checkPersonsScreen(app, '81-person-form-errors');

  await form.getByLabel('Họ và tên').fill('Nguyễn Văn Đức');
  await form.getByText('Nam', { exact: true }).click();
  await fillDate(app, form.getByLabel('Ngày sinh'), '15/03/1990');
  await form.getByLabel('Số định danh (CCCD/CMND)').fill(DUC_CCCD);
  await expect(form.getByTestId('citizen-id-decoded')).toHaveText(
    'Theo số định danh: nam, sinh năm 1990, đăng ký khai sinh tại Tuyên Quang.',
  );
  await chooseOption(app, form.getByLabel('Dân tộc'), 'Tày');
  await chooseOption(app, form.getByLabel('Xã/phường/đặc khu'), world.communeA.name);
  await form.getByLabel('Số nhà, đường, thôn/xóm').fill('Thôn Nà Hang');
  await chooseMany(app, form.getByLabel('Chất ma túy sử dụng'), ['Heroin']);
  // Any picture will do: the screen itself, 1366 px wide, which the form must shrink to a small JPEG.
  await form
    .getByLabel('Ảnh chân dung')
    .setInputFiles({ name: 'anh.png', mimeType: 'image/png', buffer: await app.screenshot() });
  const preview = form.getByTestId('person-photo-preview');
  await expect(preview).toHaveAttribute('src', /^data:image\/jpeg;base64,/);
  expect((await preview.getAttribute('src'))!.length).toBeLessThanOrEqual(512 * 1024);
  await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();

  await expect(app.getByRole('heading', { name: 'Nguyễn Văn Đức' })).toBeVisible({ timeout: 20_000 });
  const identity = app.getByTestId('person-identity');
  await expect(identity).toContainText('15/03/1990');
  await expect(identity).toContainText(`Thôn Nà Hang, ${world.communeA.name}, Tỉnh Tuyên Quang`);
  await expect(identity).toContainText('Tày');
  await expect(app.getByTestId('person-category')).toHaveText('Chưa phân loại');
  await expect(app.getByRole('img', { name: 'Ảnh chân dung' })).toBeVisible();
  await checkPersonsScreen(app, '82-person-file-new');

  // Found without diacritics, in lower or upper case, đ typed as d or as đ.
  await app.getByRole('button', { name: 'Quay lại' }).click();
  const search = app.getByLabel('Tìm theo họ tên hoặc số định danh');
  for (const typed of ['nguyen van duc', 'NGUYEN VAN ĐUC', 'van du']) {
    await search.fill(typed);
    await expect(resultRows(app)).toHaveCount(1);
    await expect(resultRows(app).first()).toContainText('Nguyễn Văn Đức');
    await expect(resultRows(app).first()).toContainText('15/03/1990');
  }
  await search.fill('nguyen van an');
  await expect(app.getByText('Không có người nào phù hợp.')).toBeVisible();
  await search.fill(DUC_CCCD.slice(0, 6));
  await expect(resultRows(app)).toHaveCount(1);
  await search.fill('nguyen van duc');
  await expect(app.getByTestId('persons-count')).toHaveText('1 kết quả');
  await checkPersonsScreen(app, '83-persons-found');

  // A second file with the same CCCD: live warnings first, then the host's refusal with a link.
  await app.getByRole('button', { name: 'Thêm người' }).click();
  const second = app.getByRole('form', { name: 'Thêm người thuộc diện quản lý' });
  await second.getByLabel('Họ và tên').fill('Trần Văn Đức');
  await second.getByText('Nam', { exact: true }).click();
  await second.getByText('Chỉ biết năm').first().click();
  await fillDate(app, second.getByLabel('Ngày sinh'), '1990');
  await second
    .getByLabel('Số định danh (CCCD/CMND)')
    .fill(composeCitizenId({ provinceCode: '008', sex: 'female', birthYear: 1991, serial: 1 }));
  await expect(second.getByText('Chữ số thứ 4 của CCCD cho giới tính khác với giới tính đã nhập.')).toBeVisible();
  await expect(second.getByText('Chữ số thứ 4–6 của CCCD cho năm sinh khác với năm sinh đã nhập.')).toBeVisible();
  await expect(second.getByLabel('Lý do vẫn lưu số định danh này')).toBeVisible();
  await second.getByLabel('Số định danh (CCCD/CMND)').fill(DUC_CCCD);
  await expect(second.getByLabel('Lý do vẫn lưu số định danh này')).toBeHidden();
  await chooseOption(app, second.getByLabel('Xã/phường/đặc khu'), world.communeB.name);
  await second.getByRole('button', { name: 'Lưu hồ sơ' }).click();
  await expect(second.getByText('Số định danh đã có trong hồ sơ khác', { exact: true })).toBeVisible();
  await expect(second.getByText('Số định danh này đã có trong hồ sơ khác.')).toBeVisible();
  await checkPersonsScreen(app, '84-person-duplicate-cccd');
  await second.getByRole('button', { name: 'Mở hồ sơ đã có' }).click();
  await expect(app.getByRole('heading', { name: 'Nguyễn Văn Đức' })).toBeVisible();
  await expect(app.getByTestId('person-identity')).toContainText(DUC_CCCD);
  await app.getByRole('button', { name: 'Quay lại' }).click();
  await expect(second.getByLabel('Họ và tên')).toHaveValue('Trần Văn Đức');
  await expect(second.getByLabel('Ngày sinh')).toHaveValue('1990');

  // The same name and birth year without a CCCD: the candidates are shown, and the next save confirms.
  await second.getByLabel('Họ và tên').fill('Nguyễn Văn Đức');
  await second.getByLabel('Số định danh (CCCD/CMND)').fill('');
  await second.getByRole('button', { name: 'Lưu hồ sơ' }).click();
  const candidates = second.getByRole('region', { name: 'Hồ sơ có họ tên gần giống' });
  await expect(candidates).toContainText('Nguyễn Văn Đức');
  await expect(candidates).toContainText(`CCCD ${DUC_CCCD}`);
  await checkPersonsScreen(app, '85-person-similar-confirm');
  await second.getByRole('button', { name: 'Xác nhận và lưu' }).click();
  await expect(app.getByRole('heading', { name: 'Nguyễn Văn Đức' })).toBeVisible({ timeout: 20_000 });
  await expect(app.getByTestId('person-identity')).toContainText(world.communeB.name);
  await app.getByRole('button', { name: 'Quay lại' }).click();
  await expect(app.getByTestId('persons-count')).toHaveText('2 kết quả');

  // Editing sends only what changed: the photo and the CCCD stay as they were.
  await resultRows(app).filter({ hasText: DUC_CCCD }).getByRole('button').click();
  await app.getByRole('button', { name: 'Sửa nhân thân' }).click();
  const edit = app.getByRole('form', { name: 'Sửa thông tin nhân thân' });
  await expect(edit.getByLabel('Họ và tên')).toHaveValue('Nguyễn Văn Đức');
  await edit.getByLabel('Tên gọi khác').fill('Đức Còi, Tí');
  await chooseOption(app, edit.getByLabel('Nghề nghiệp'), 'Lao động tự do');
  await edit.getByRole('button', { name: 'Lưu hồ sơ' }).click();
  await expect(app.getByTestId('person-identity')).toContainText('Đức Còi, Tí');
  await expect(app.getByTestId('person-identity')).toContainText('Lao động tự do');
  await expect(app.getByTestId('person-identity')).toContainText(DUC_CCCD);
  await expect(app.getByRole('img', { name: 'Ảnh chân dung' })).toBeVisible();
});

test('a drug test, a measure and a positive determination change the category; the file is printed and the print is audited', async ({
  app,
  hoso,
}) => {
  // A long walk through one file (four records, a print and its PDF): room for a busy two-core machine.
  test.setTimeout(360_000);
  const world = await seedPersonsWorld(hoso, ['leader', 'auditor']);
  const file = await asAccount(hoso, 'leader', () =>
    createPerson(hoso, {
      fullName: 'Lý Thị Hoa',
      sex: 'female',
      birthDate: '1995-07-02',
      commune: world.communeA,
      serial: 42,
    }),
  );
  await app.goto(hoso.url);
  await signIn(app, PEOPLE.leader.username, PEOPLE.leader.password);
  await openPersons(app);
  await app.getByRole('button', { name: 'Lý Thị Hoa' }).click();
  await expect(app.getByRole('heading', { name: 'Lý Thị Hoa' })).toBeVisible();
  const category = app.getByTestId('person-category');
  await expect(category).toHaveText('Chưa phân loại');

  await app.getByRole('button', { name: 'Thêm xét nghiệm' }).click();
  const testDialog = app.getByRole('dialog', { name: 'Thêm kết quả xét nghiệm' });
  await fillDate(app, testDialog.getByLabel('Ngày xét nghiệm'), '10/01/2026');
  await testDialog.getByText('Dương tính', { exact: true }).click();
  await chooseMany(app, testDialog.getByLabel('Chất phát hiện'), ['Ma túy tổng hợp']);
  await testDialog.getByRole('button', { name: 'Thêm xét nghiệm' }).click();
  await expect(testDialog).toBeHidden();
  await expect(category).toHaveText('Người sử dụng trái phép chất ma túy');
  await expect(app.getByRole('row', { name: /10\/01\/2026/ })).toContainText('Ma túy tổng hợp (methamphetamine)');

  // The measure's form checks the contract's rules before the host sees it.
  await app.getByRole('button', { name: 'Thêm biện pháp' }).click();
  const measure = app.getByRole('dialog', { name: 'Thêm biện pháp quản lý' });
  await measure.getByRole('button', { name: 'Thêm biện pháp' }).click();
  await expect(measure.getByText('Vui lòng nhập trường này.')).toHaveCount(5);
  await chooseOption(
    app,
    measure.getByLabel('Biện pháp', { exact: true }),
    'Quản lý người sử dụng trái phép chất ma túy',
  );
  await measure.getByLabel('Số quyết định').fill('125/QĐ-UBND');
  await fillDate(app, measure.getByLabel('Ngày quyết định'), '15/01/2026');
  await measure.getByLabel('Cơ quan, người quyết định').fill('Chủ tịch UBND xã');
  await measure.getByLabel('Cán bộ phụ trách').fill('Lò Thị Lan');
  await fillDate(app, measure.getByLabel('Ngày bắt đầu'), '10/01/2026');
  await measure.getByRole('button', { name: 'Thêm biện pháp' }).click();
  await expect(measure.getByText('Ngày bắt đầu không được trước ngày quyết định.')).toBeVisible();
  await fillDate(app, measure.getByLabel('Ngày bắt đầu'), '20/01/2026');
  await measure.getByRole('button', { name: 'Thêm biện pháp' }).click();
  await expect(measure).toBeHidden();
  // The end is computed by the host: one year for managing an illegal user, its last day included.
  await expect(app.getByTestId('measure-end')).toHaveText('19/01/2027');
  await expect(app.getByText('Đã thêm biện pháp; ngày kết thúc dự kiến 19/01/2027.')).toBeVisible();

  await app.getByRole('button', { name: 'Ghi làm việc' }).click();
  const checkIn = app.getByRole('dialog', { name: /Ghi lần làm việc/ });
  await checkIn.getByLabel('Nội dung').fill('Làm việc tại trụ sở Công an xã, chấp hành tốt');
  await checkIn.getByRole('button', { name: 'Ghi làm việc' }).click();
  await expect(checkIn).toBeHidden();
  await expect(app.getByTestId('measure-item')).toContainText('Làm việc tại trụ sở Công an xã, chấp hành tốt');

  await determine(app, {
    requested: '02/02/2026',
    facility: 'Trung tâm Y tế khu vực Na Hang',
    result: 'Nghiện ma túy',
    resultDate: '06/02/2026',
    formRef: '15/PKQ',
  });
  await expect(category).toHaveText('Người nghiện ma túy');
  // Friday 6/2/2026: five working days later is Friday 13/2 (the weekend is skipped).
  await expect(app.getByTestId('registration-deadline')).toContainText('13/02/2026');
  const timeline = app.getByRole('region', { name: 'Diễn biến' });
  await expect(timeline).toContainText('Kết quả xác định tình trạng nghiện: Nghiện ma túy');
  await expect(timeline).toContainText('Bắt đầu biện pháp: Quản lý người sử dụng trái phép chất ma túy');
  await checkPersonsScreen(app, '86-person-file-history');

  await app.getByRole('button', { name: 'In hồ sơ' }).click();
  const print = app.getByRole('dialog', { name: 'In hồ sơ — Lý Thị Hoa' });
  await print.getByLabel('Mục đích in (không bắt buộc)').fill('Gửi Tòa án nhân dân khu vực');
  await print.getByRole('button', { name: /\bIn$/ }).click();
  await expect(print.getByText('Đã mở hộp thoại in.')).toBeVisible();
  const dossier = app.frameLocator('iframe[title="Bản xem trước hồ sơ in"]');
  // An official document (Decree 30/2020): the title is a part of the frame, in capitals.
  await expect(dossier.locator('[data-part="title"]')).toHaveText(
    'HỒ SƠ QUẢN LÝ NGƯỜI SỬ DỤNG TRÁI PHÉP CHẤT MA TÚY, NGƯỜI NGHIỆN MA TÚY',
  );
  await expect(dossier.locator('body')).toContainText('02/07/1995');
  await expect(dossier.locator('body')).toContainText('125/QĐ-UBND');
  await checkPersonsScreen(app, '87-person-print');

  // The same page rendered to an A4 PDF, as "Save as PDF" in the print dialog would.
  const html = await app.locator('iframe[title="Bản xem trước hồ sơ in"]').getAttribute('srcdoc');
  const paper = await app.context().newPage();
  await paper.setContent(html!);
  const pdf = await paper.pdf({ format: 'A4', path: 'test-results/screenshots/88-dossier.pdf' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await paper.screenshot({ path: 'test-results/screenshots/88-dossier.png', fullPage: true });
  await paper.close();
  await print.locator('.ant-modal-footer').getByRole('button', { name: 'Đóng' }).click();
  await expect(app.getByRole('region', { name: 'Ai đã xem hồ sơ' })).toContainText('In hồ sơ');

  // The print is in the audit log, which the auditor reads.
  await app.keyboard.press('Control+l');
  await expect(app.getByRole('heading', { name: 'Mở khóa dữ liệu' })).toBeVisible();
  // The screen clears at once and the host locks a moment later (after any draft is written): wait for the host,
  // or the renderer's lock would close the auditor's session opened meanwhile.
  await expect.poll(async () => (await hoso.ok('app.status', {})).unlocked).toBe(false);
  await hoso.ok('session.unlock', { username: PEOPLE.auditor.username, password: PEOPLE.auditor.password });
  const printed = await hoso.ok('audit.list', { action: 'person.print', limit: 10 });
  expect(printed).toHaveLength(1);
  expect(printed[0]).toMatchObject({
    recordType: 'person',
    recordId: file.person.id,
    outcome: 'ok',
    username: PEOPLE.leader.username,
  });
});
