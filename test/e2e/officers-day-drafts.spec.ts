import { composeCitizenId } from '../../shared/validation/citizen-id';
import { expect, test } from './support/fixtures';
import { signIn } from './support/flows';
import { screenshot } from './support/screens';
import {
  asAccount,
  checkPersonsScreen,
  createPerson,
  openNewPersonForm,
  openPersons,
  PEOPLE,
  seedPersonsWorld,
} from './support/persons';

const officer = PEOPLE.officerA;

/** The unlock screen after a lock: the account name of this session is offered, only the password is typed. */
async function unlockWithPassword(app: import('@playwright/test').Page, password: string): Promise<void> {
  await expect(app.getByRole('heading', { name: 'Mở khóa dữ liệu' })).toBeVisible();
  await expect(app.getByLabel('Tên tài khoản', { exact: true })).toHaveValue(officer.username);
  await expect(app.getByLabel('Mật khẩu', { exact: true })).toBeFocused();
  await app.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await app.getByRole('button', { name: 'Mở khóa' }).click();
  await expect(app.getByRole('heading', { name: 'Mở khóa dữ liệu' })).toBeHidden({ timeout: 20_000 });
}

test('Ctrl+L in the middle of a new person: nothing stays on screen, the draft comes back after unlocking, and a partial record is saved', async ({
  app,
  hoso,
}) => {
  test.setTimeout(300_000);
  const world = await seedPersonsWorld(hoso, ['officerA']);
  await app.setViewportSize({ width: 1366, height: 768 });
  const form = await openNewPersonForm(app, hoso, 'officerA');

  // The form opens with the cursor in its first field and the officer's own province and commune.
  await expect(form.getByLabel('Họ và tên')).toBeFocused();
  await expect(form.locator('.ant-select').filter({ hasText: world.communeA.name }).first()).toBeVisible();
  await expect(form).toContainText('Tuyên Quang');
  await app.keyboard.type('Lò Văn Páo');
  await form.getByText('Nam', { exact: true }).click();
  const birth = form.getByLabel('Ngày sinh');
  await birth.click();
  await birth.fill('1978');
  await birth.press('Tab');
  // Four digits in a full-date field stay, with the reason and the offer of "year only".
  await expect(birth).toHaveValue('1978');
  await expect(form.getByText('Mới có năm, chưa phải ngày đầy đủ (dd/mm/yyyy).', { exact: false })).toBeVisible();
  await expect(form.getByRole('button', { name: 'Chỉ biết năm 1978' })).toBeVisible();
  await form.getByLabel('Tên gọi khác').fill('Páo Còi');

  // Locked at once, before the debounce: the lock writes the draft into the database first.
  await app.keyboard.press('Control+l');
  await expect(app.getByRole('heading', { name: 'Mở khóa dữ liệu' })).toBeVisible();
  await expect(app.locator('body')).not.toContainText('Lò Văn Páo');
  await expect(app.locator('body')).not.toContainText('Páo Còi');
  // The screen clears at once; the host locks once the drafts are written (session-context.tsx): poll it.
  await expect.poll(async () => (await hoso.ok('app.status', {})).unlocked).toBe(false);
  expect((await hoso.fails('drafts.get', { formKey: 'persons.create' })).code).toBe('LOCKED');
  await screenshot(app, 'A01-locked-after-draft-1366');

  await unlockWithPassword(app, officer.password);
  await expect(app.getByRole('heading', { name: 'Thêm người thuộc diện quản lý' })).toBeVisible();
  await expect(form.getByText('Đã khôi phục bản nháp chưa lưu')).toBeVisible();
  await expect(form.getByLabel('Họ và tên')).toHaveValue('Lò Văn Páo');
  await expect(form.getByLabel('Tên gọi khác')).toHaveValue('Páo Còi');
  await expect(form.getByRole('radio', { name: 'Nam' })).toBeChecked();
  await expect(form.getByRole('button', { name: 'Chỉ biết năm 1978' })).toBeVisible();
  await checkPersonsScreen(app, 'A02-draft-restored-1366');
  await app.setViewportSize({ width: 1024, height: 768 });
  await checkPersonsScreen(app, 'A03-draft-restored-1024');
  await app.setViewportSize({ width: 1366, height: 768 });

  // Saved with what is known: name, sex, year of birth; the file lists what it still lacks.
  await form.getByRole('button', { name: 'Chỉ biết năm 1978' }).click();
  await expect(form.getByLabel('Ngày sinh')).toHaveValue('1978');
  await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
  await expect(app.getByRole('heading', { name: 'Lò Văn Páo' })).toBeVisible({ timeout: 60_000 });
  const missing = app.getByTestId('person-missing');
  await expect(missing).toContainText(
    'Còn thiếu: số định danh, ngày, tháng sinh, dân tộc, trình độ học vấn, nghề nghiệp, chất ma túy sử dụng, thời điểm bắt đầu sử dụng.',
  );
  await expect(app.getByTestId('person-identity')).toContainText(world.communeA.name);
  await checkPersonsScreen(app, 'A04-partial-file-1366');
  // Saving the record discarded its draft.
  expect(await hoso.ok('drafts.list', {})).toEqual([]);
});

test('the idle lock warns for 30 seconds, a movement cancels it, and a draft survives the lock itself', async ({
  app,
  hoso,
}) => {
  test.setTimeout(300_000);
  await seedPersonsWorld(hoso, ['officerA']);
  await asAccount(hoso, 'officerA', () => hoso.ok('prefs.set', { idleMinutes: 1 }));
  await app.clock.install();
  await app.setViewportSize({ width: 1366, height: 768 });
  const form = await openNewPersonForm(app, hoso, 'officerA');
  await form.getByLabel('Họ và tên').fill('Giàng Thị Dợ');
  await form.getByText('Nữ', { exact: true }).click();

  // Thirty seconds before the lock, a countdown; any movement cancels it.
  await app.clock.fastForward(31_000);
  const countdown = app.getByRole('alert').filter({ hasText: 'Phiên làm việc sẽ tự khóa sau' });
  await expect(countdown).toBeVisible();
  await expect(countdown).toContainText('Nhấn phím bất kỳ hoặc di chuyển chuột');
  // A picture only (axe takes long on a busy machine, and the page's clock runs on meanwhile).
  await screenshot(app, 'A05-idle-countdown-1366', false);
  await app.mouse.move(500, 400);
  await expect(countdown).toBeHidden();
  await expect(form.getByLabel('Họ và tên')).toHaveValue('Giàng Thị Dợ');

  // Left alone, it counts down and locks.
  await app.clock.fastForward(31_000);
  await expect(countdown).toBeVisible();
  await app.clock.fastForward(31_000);
  await expect(app.getByRole('heading', { name: 'Mở khóa dữ liệu' })).toBeVisible();
  await expect(app.getByText('Phiên làm việc đã tự khóa vì không có thao tác')).toBeVisible();
  await expect(app.locator('body')).not.toContainText('Giàng Thị Dợ');
  // The screen clears at once; the host locks once the drafts are written (session-context.tsx): poll it.
  await expect.poll(async () => (await hoso.ok('app.status', {})).unlocked).toBe(false);

  await unlockWithPassword(app, officer.password);
  await expect(form.getByText('Đã khôi phục bản nháp chưa lưu')).toBeVisible();
  await expect(form.getByLabel('Họ và tên')).toHaveValue('Giàng Thị Dợ');
  await expect(form.getByRole('radio', { name: 'Nữ' })).toBeChecked();

  // "Bỏ bản nháp" empties the form and forgets the draft in the database.
  await form.getByRole('button', { name: 'Bỏ bản nháp' }).click();
  await expect(form.getByText('Đã khôi phục bản nháp chưa lưu')).toBeHidden();
  await expect(form.getByLabel('Họ và tên')).toHaveValue('');
  await expect.poll(async () => (await hoso.ok('drafts.list', {})).length).toBe(0);
});

test('an edit left half done comes back to the same file after a lock; another account never sees it', async ({
  app,
  hoso,
}) => {
  test.setTimeout(300_000);
  const world = await seedPersonsWorld(hoso, ['officerA', 'leader']);
  await asAccount(hoso, 'officerA', () =>
    createPerson(hoso, { fullName: 'Sùng Văn Chứ', sex: 'male', birthDate: '1985-04-02', commune: world.communeA }),
  );
  await app.goto(hoso.url);
  await signIn(app, officer.username, officer.password);
  await openPersons(app);
  await app.getByRole('button', { name: 'Sùng Văn Chứ' }).click();
  await app.getByRole('button', { name: 'Sửa nhân thân' }).click();
  const edit = app.getByRole('form', { name: 'Sửa thông tin nhân thân' });
  await edit.getByLabel('Tên gọi khác').fill('Chứ Lùn');
  // Written as typed, a moment later: the host holds it before any lock.
  await expect
    .poll(async () => (await hoso.ok('drafts.list', {})).map((d) => d.formKey))
    .toEqual([expect.stringMatching(/^persons\.edit:/)]);

  // The leader signs in on this workstation meanwhile: the officer's draft is not theirs to see.
  await app.getByRole('banner').getByRole('button', { name: /Khóa$/ }).click();
  await signIn(app, PEOPLE.leader.username, PEOPLE.leader.password);
  await expect(app.getByText('Đã khôi phục bản nháp chưa lưu')).toHaveCount(0);
  await expect(app.getByRole('form', { name: 'Sửa thông tin nhân thân' })).toHaveCount(0);
  expect(await hoso.ok('drafts.list', {})).toEqual([]);
  await app.keyboard.press('Control+l');

  await signIn(app, officer.username, officer.password);
  await expect(edit.getByText('Đã khôi phục bản nháp chưa lưu')).toBeVisible();
  await expect(edit.getByLabel('Tên gọi khác')).toHaveValue('Chứ Lùn');
  await expect(edit.getByLabel('Họ và tên')).toHaveValue('Sùng Văn Chứ');
  await edit.getByRole('button', { name: 'Lưu hồ sơ' }).click();
  await expect(app.getByRole('button', { name: 'Sửa nhân thân' })).toBeVisible({ timeout: 60_000 });
  await expect(app.getByTestId('person-identity')).toContainText('Chứ Lùn');
  expect(await hoso.ok('drafts.list', {})).toEqual([]);

  // A measure's decision half copied from paper: after a lock, the file opens with the dialog and the draft.
  await app.getByRole('button', { name: 'Thêm biện pháp' }).click();
  const measure = app.getByRole('dialog', { name: 'Thêm biện pháp quản lý' });
  await measure.getByLabel('Số quyết định').fill('15/QĐ-UBND');
  await app.keyboard.press('Control+l');
  await expect(app.locator('body')).not.toContainText('15/QĐ-UBND');
  await signIn(app, officer.username, officer.password);
  await expect(measure.getByText('Đã khôi phục bản nháp chưa lưu')).toBeVisible();
  await expect(measure.getByLabel('Số quyết định')).toHaveValue('15/QĐ-UBND');
  await measure.getByRole('button', { name: 'Hủy' }).click();
  await expect(measure).toBeHidden();
  await expect.poll(async () => (await hoso.ok('drafts.list', {})).length).toBe(0);
});

test('the person form explains wrong dates, offers to fix a name, and says a CCCD mismatch once', async ({
  app,
  hoso,
}) => {
  test.setTimeout(300_000);
  const world = await seedPersonsWorld(hoso, ['officerA']);
  await app.setViewportSize({ width: 1366, height: 768 });
  const form = await openNewPersonForm(app, hoso, 'officerA');
  const name = form.getByLabel('Họ và tên');

  // Capitals: the case can be fixed with one click; without diacritics: a question, the name stays as typed.
  await name.fill('TRẦN THỊ MAI');
  await name.press('Tab');
  await form.getByRole('button', { name: 'Viết lại thành “Trần Thị Mai”' }).click();
  await expect(name).toHaveValue('Trần Thị Mai');
  await expect(form.getByTestId('name-hint')).toHaveCount(0);
  await name.fill('nguyen van duc');
  await name.press('Tab');
  await expect(form.getByText('Họ tên chưa có dấu — kiểm tra lại?')).toBeVisible();
  await expect(form.getByRole('button', { name: 'Viết lại thành “Nguyen Van Duc”' })).toBeVisible();
  await expect(name).toHaveValue('nguyen van duc');
  await checkPersonsScreen(app, 'A06-name-hints-1366');
  await name.fill('Nguyễn Văn Đức');
  await name.press('Tab');
  await expect(form.getByTestId('name-hint')).toHaveCount(0);

  // A day the month does not have stays as typed, with why.
  const birth = form.getByLabel('Ngày sinh');
  await birth.click();
  await birth.fill('31/02/1990');
  await birth.press('Tab');
  await expect(birth).toHaveValue('31/02/1990');
  await expect(form.getByText('Ngày này không có trên lịch (ví dụ 31/02): kiểm tra lại ngày và tháng.')).toBeVisible();
  await checkPersonsScreen(app, 'A07-date-explained-1366');

  // Saving with it: the first field in error (the sex, above the date) gets the cursor, its message in view.
  await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
  await expect(form.getByText('Vui lòng chọn giới tính.')).toBeInViewport();
  await expect(form.getByRole('radio', { name: 'Nam' })).toBeFocused();
  await expect(form.getByText('Ngày này không có trên lịch', { exact: false })).toHaveCount(1);
  await form.getByText('Nam', { exact: true }).click();
  await birth.click();
  await birth.fill('15/03/1990');
  await birth.press('Tab');
  await expect(form.getByText('Ngày này không có trên lịch', { exact: false })).toHaveCount(0);

  // A CCCD that says another sex and year: one message at the field, one summary beside the button.
  const wrong = composeCitizenId({ provinceCode: '008', sex: 'female', birthYear: 1991, serial: 7 });
  await form.getByLabel('Số định danh (CCCD/CMND)').fill(wrong);
  await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
  await expect(form.getByText('Cần xác nhận trước khi lưu')).toBeVisible();
  await expect(form.getByText('Chữ số thứ 4 của CCCD cho giới tính khác với giới tính đã nhập.')).toHaveCount(1);
  await expect(form.getByText('Chữ số thứ 4–6 của CCCD cho năm sinh khác với năm sinh đã nhập.')).toHaveCount(1);
  await expect(form.getByText(/^Còn \d+ trường chưa hợp lệ/)).toHaveCount(0);
  await expect(form.locator('.ant-alert')).toHaveCount(2);
  await checkPersonsScreen(app, 'A08-cccd-mismatch-1366');
  await app.setViewportSize({ width: 1024, height: 768 });
  await checkPersonsScreen(app, 'A09-cccd-mismatch-1024');
  await form.getByLabel('Lý do vẫn lưu số định danh này').fill('Đã đối chiếu thẻ CCCD gốc');
  await form.getByRole('button', { name: 'Xác nhận và lưu' }).click();
  await expect(app.getByRole('heading', { name: 'Nguyễn Văn Đức' })).toBeVisible({ timeout: 60_000 });
  await expect(app.getByTestId('person-identity')).toContainText(world.communeA.name);

  // Editing the file to another mismatching number: the host asks for confirmation, said once as well.
  await app.getByRole('button', { name: 'Sửa nhân thân' }).click();
  const edit = app.getByRole('form', { name: 'Sửa thông tin nhân thân' });
  await edit
    .getByLabel('Số định danh (CCCD/CMND)')
    .fill(composeCitizenId({ provinceCode: '008', sex: 'female', birthYear: 1992, serial: 8 }));
  await edit.getByLabel('Lý do vẫn lưu số định danh này').fill('');
  await edit.getByRole('button', { name: 'Lưu hồ sơ' }).click();
  await expect(edit.getByText('Cần xác nhận trước khi lưu')).toBeVisible();
  await expect(edit.getByText('Chữ số thứ 4 của CCCD cho giới tính khác với giới tính đã nhập.')).toHaveCount(1);
  await expect(edit.getByText(/^Còn \d+ trường chưa hợp lệ/)).toHaveCount(0);
  await expect(edit.locator('.ant-alert')).toHaveCount(2);
});

test('the edit form has the cursor in the name as soon as it is drawn, and a slow draft lookup never moves it', async ({
  app,
  hoso,
}) => {
  test.setTimeout(120_000);
  const world = await seedPersonsWorld(hoso, ['officerA']);
  await asAccount(hoso, 'officerA', () =>
    createPerson(hoso, { fullName: 'Nguyễn Văn Đức', sex: 'male', birthDate: '1990-03-15', commune: world.communeA }),
  );
  await app.goto(hoso.url);
  await signIn(app, officer.username, officer.password);
  await openPersons(app);
  await app.getByText('Nguyễn Văn Đức').first().click();
  // The host is slow to say whether a draft exists (a loaded machine): its answer is held back here.
  let answerDraftLookup!: () => void;
  const held = new Promise<void>((resolve) => (answerDraftLookup = resolve));
  await app.route('**/api/call', async (route) => {
    if ((route.request().postData() ?? '').includes('"drafts.get"')) await held;
    await route.fallback();
  });
  await app.getByRole('button', { name: 'Sửa nhân thân' }).click();
  const edit = app.getByRole('form', { name: 'Sửa thông tin nhân thân' });
  await expect(edit.getByLabel('Họ và tên')).toBeFocused();

  // The officer goes to the CCCD box and starts typing; the draft lookup answers in the middle.
  const cccd = edit.getByLabel('Số định danh (CCCD/CMND)');
  await cccd.click();
  await app.keyboard.type('008190');
  const answered = app.waitForResponse((r) => (r.request().postData() ?? '').includes('"drafts.get"'));
  answerDraftLookup();
  await answered;
  await app.waitForTimeout(500); // time for anything that would move the cursor once the lookup has answered
  await app.keyboard.type('000009');
  await expect(cccd).toBeFocused();
  await expect(cccd).toHaveValue('008190000009');
  await expect(edit.getByLabel('Họ và tên')).toHaveValue('Nguyễn Văn Đức');
});

test('1024×768: Save clicked straight from a wrong date, or Enter in the name, marks every invalid field; a lock keeps the typed date in its box', async ({
  app,
  hoso,
}) => {
  test.setTimeout(300_000);
  await seedPersonsWorld(hoso, ['officerA']);
  await app.setViewportSize({ width: 1024, height: 768 });
  const form = await openNewPersonForm(app, hoso, 'officerA');
  const name = form.getByLabel('Họ và tên');
  const birth = form.getByLabel('Ngày sinh');
  const summary = form.getByText('Còn 3 trường chưa hợp lệ', { exact: false });
  const reason = form.getByText('Ngày này không có trên lịch', { exact: false });

  // The mouse, straight from the date box (no Tab), the sex left empty. Leaving the box used to draw the date's
  // reason above the button between press and release, which moved the button and lost the click: nothing
  // was marked, the cursor stayed on the button at the bottom of the page.
  await name.fill('nguyen van 3');
  await birth.click();
  await app.keyboard.type('31/02/1990');
  await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
  await expect(summary).toBeVisible();
  await expect(form.locator('.ant-form-item-has-error')).toHaveCount(3);
  await expect(form.getByText('Họ tên chỉ gồm chữ cái', { exact: false })).toBeVisible();
  await expect(form.getByText('Vui lòng chọn giới tính.')).toBeVisible();
  await expect(reason).toHaveCount(1);
  await expect(name).toBeFocused();
  await expect(name).toBeInViewport();
  await expect(birth).toHaveValue('31/02/1990');
  await screenshot(app, 'A14-save-from-date-box-1024', false);

  // Another impossible date typed, and Ctrl+L at once: the draft keeps the text typed, which comes back in its box.
  await birth.click();
  await app.keyboard.press('Control+a');
  await app.keyboard.type('30/02/1991');
  await app.keyboard.press('Control+l');
  await expect(app.locator('body')).not.toContainText('nguyen van 3');
  await unlockWithPassword(app, officer.password);
  await expect(form.getByText('Đã khôi phục bản nháp chưa lưu')).toBeVisible();
  await expect(name).toHaveValue('nguyen van 3');
  await expect(birth).toHaveValue('30/02/1991');
  await expect(reason).toHaveCount(1);
  await checkPersonsScreen(app, 'A15-draft-typed-date-restored-1024');

  // "Bỏ bản nháp" empties the box as well.
  await form.getByRole('button', { name: 'Bỏ bản nháp' }).click();
  await expect(birth).toHaveValue('');
  await expect(reason).toHaveCount(0);

  // Enter in the name field, the date typed and not left: the same marks, the same count.
  await birth.click();
  await app.keyboard.type('31/02/1990');
  await name.click();
  await app.keyboard.type('nguyen van 3');
  await app.keyboard.press('Enter');
  await expect(summary).toBeVisible();
  await expect(form.locator('.ant-form-item-has-error')).toHaveCount(3);
  await expect(name).toBeFocused();
  await expect(birth).toHaveValue('31/02/1990');
});
