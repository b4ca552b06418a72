import { expect, test } from './support/fixtures';
import { chooseOption, signIn } from './support/flows';
import {
  asAccount,
  checkPersonsScreen,
  createPerson,
  fillDate,
  openPersons,
  PEOPLE,
  resultRows,
  seedManyPersons,
  seedPersonsWorld,
} from './support/persons';

/** Persons: who sees what (commune officers, rehab staff), merging files, English, and a long list. */

test('a commune officer sees the people of their commune and not another commune’s, even asking the host directly', async ({
  app,
  hoso,
}) => {
  test.setTimeout(150_000);
  const world = await seedPersonsWorld(hoso, ['leader', 'officerA']);
  const [own, other] = await asAccount(hoso, 'leader', async () => [
    await createPerson(hoso, { fullName: 'Hà Văn Tám', sex: 'male', birthDate: '1988', commune: world.communeA }),
    await createPerson(hoso, {
      fullName: 'Hoàng Thị Bình',
      sex: 'female',
      birthDate: '1992-05-09',
      commune: world.communeB,
    }),
  ]);
  await app.goto(hoso.url);
  await signIn(app, PEOPLE.officerA.username, PEOPLE.officerA.password);
  await openPersons(app);
  await expect(app.getByTestId('persons-count')).toHaveText('1 kết quả');
  await expect(resultRows(app)).toHaveCount(1);
  await expect(resultRows(app).first()).toContainText('Hà Văn Tám');
  await expect(resultRows(app).first()).toContainText(world.communeA.name);
  await app.getByLabel('Tìm theo họ tên hoặc số định danh').fill('hoang thi binh');
  await expect(app.getByText('Không có người nào phù hợp.')).toBeVisible();
  await checkPersonsScreen(app, '89-persons-commune-officer');

  // Asked directly with the page's own session, the host refuses the other commune's file.
  const ask = (personId: string) =>
    app.evaluate(
      async ({ token, personId }) => {
        const r = await fetch('/api/call', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-hoso-token': token },
          body: JSON.stringify({ procedure: 'persons.get', input: { personId } }),
        });
        return (await r.json()) as { ok: boolean; error?: { code: string } };
      },
      { token: hoso.token, personId },
    );
  expect(await ask(other.person.id)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await ask(own.person.id)).toMatchObject({ ok: true });

  // The officer's own new file: a CCCD whose digits disagree is kept once a reason is given.
  await app.getByRole('button', { name: 'Thêm người' }).click();
  const form = app.getByRole('form', { name: 'Thêm người thuộc diện quản lý' });
  await form.getByLabel('Họ và tên').fill('Sùng A Páo');
  await form.getByText('Nam', { exact: true }).click();
  await form.getByText('Chỉ biết năm').first().click();
  await fillDate(app, form.getByLabel('Ngày sinh'), '1979');
  await form.getByLabel('Số định danh (CCCD/CMND)').fill('008080001234');
  await expect(form.getByText('Chữ số thứ 4–6 của CCCD cho năm sinh khác với năm sinh đã nhập.')).toBeVisible();
  await chooseOption(app, form.getByLabel('Dân tộc'), 'Mông');
  await chooseOption(app, form.getByLabel('Xã/phường/đặc khu'), world.communeA.name);
  await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
  await expect(form.getByText('Cần xác nhận trước khi lưu')).toBeVisible();
  await form.getByRole('button', { name: 'Xác nhận và lưu' }).click();
  await expect(form.getByText('Vui lòng nhập trường này.')).toBeVisible();
  await form
    .getByLabel('Lý do vẫn lưu số định danh này')
    .fill('Đã đối chiếu thẻ CCCD gốc: năm sinh trên giấy khai sinh là 1979');
  await form.getByRole('button', { name: 'Xác nhận và lưu' }).click();
  await expect(app.getByRole('heading', { name: 'Sùng A Páo' })).toBeVisible({ timeout: 20_000 });
  const identity = app.getByTestId('person-identity');
  await expect(identity).toContainText('Lý do vẫn lưu: Đã đối chiếu thẻ CCCD gốc');
  await expect(identity).toContainText('Mông');
  await expect(identity).toContainText(`Công an ${world.communeA.name}`);
});

test('rehab staff see a person’s identity and category only', async ({ app, hoso }) => {
  test.setTimeout(150_000);
  const world = await seedPersonsWorld(hoso, ['leader', 'rehab']);
  await asAccount(hoso, 'leader', async () => {
    const f = await createPerson(hoso, {
      fullName: 'Mai Văn Lực',
      sex: 'male',
      birthDate: '1985-11-20',
      commune: world.communeA,
      serial: 7,
    });
    await hoso.ok('persons.addTest', {
      personId: f.person.id,
      date: '2026-01-05',
      method: 'urine_quick',
      result: 'positive',
      substances: ['heroin'],
    });
    // Rehab staff see only the people referred to (or staying at) their own facility: refer this one there.
    const facility = await hoso.ok('facilities.create', {
      code: 'CSCN-TQ',
      name: 'Cơ sở cai nghiện ma túy tỉnh Tuyên Quang',
      kind: 'public_compulsory',
      provinceCode: '08',
      communeCode: null,
      capacity: 300,
      unitId: world.units.rehab,
    });
    await hoso.ok('persons.addDetermination', {
      personId: f.person.id,
      requestedDate: '2026-01-06',
      facility: 'Trung tâm Y tế',
      resultDate: '2026-01-10',
      result: 'addicted',
    });
    await hoso.ok('referrals.create', {
      personId: f.person.id,
      kind: 'compulsory',
      discoveredOn: '2026-01-12',
      facilityId: facility.id,
    });
  });
  await app.goto(hoso.url);
  await signIn(app, PEOPLE.rehab.username, PEOPLE.rehab.password);
  await openPersons(app);
  await expect(app.getByRole('button', { name: 'Thêm người' })).toHaveCount(0);
  await expect(app.getByRole('tab', { name: 'Việc cần làm' })).toHaveCount(0);
  await app.getByRole('button', { name: 'Mai Văn Lực' }).click();
  await expect(app.getByRole('heading', { name: 'Mai Văn Lực' })).toBeVisible();
  await expect(
    app.getByText('Tài khoản của bạn chỉ được xem thông tin nhân thân và phân loại của người này.'),
  ).toBeVisible();
  await expect(app.getByTestId('person-category')).toHaveText('Người nghiện ma túy');
  await expect(app.getByText('20/11/1985')).toBeVisible();
  for (const hidden of ['In hồ sơ', 'Sửa nhân thân', 'Gộp hồ sơ', 'Thêm xét nghiệm'])
    await expect(app.getByRole('button', { name: hidden })).toHaveCount(0);
  await expect(app.getByText('Xét nghiệm ma túy')).toHaveCount(0);
  await checkPersonsScreen(app, '92-person-limited');
});

test('a leader merges two files of one person, and the file reads in English once the language is switched', async ({
  app,
  hoso,
}) => {
  test.setTimeout(180_000);
  const world = await seedPersonsWorld(hoso, ['leader']);
  await asAccount(hoso, 'leader', async () => {
    await createPerson(hoso, {
      fullName: 'Đinh Văn Khải',
      sex: 'male',
      birthDate: '1988-04-12',
      commune: world.communeA,
      serial: 88,
    });
    const dup = await createPerson(hoso, {
      fullName: 'Đinh Văn Khai',
      sex: 'male',
      birthDate: '1988',
      commune: world.communeA,
    });
    await hoso.ok('persons.addTest', {
      personId: dup.person.id,
      date: '2025-12-01',
      method: 'lab',
      result: 'positive',
      substances: ['cannabis'],
    });
  });
  await app.goto(hoso.url);
  await signIn(app, PEOPLE.leader.username, PEOPLE.leader.password);
  await openPersons(app);
  await app.getByRole('button', { name: 'Đinh Văn Khải' }).click();
  await expect(app.getByTestId('person-category')).toHaveText('Chưa phân loại');

  await app.getByRole('button', { name: 'Gộp hồ sơ' }).click();
  const merge = app.getByRole('dialog', { name: 'Gộp hai hồ sơ của cùng một người' });
  await merge.getByLabel('Tìm theo họ tên hoặc số định danh').fill('dinh van khai');
  const found = merge.getByRole('listitem').filter({ hasText: 'Đinh Văn Khai' });
  await expect(found).toHaveCount(1);
  await found.getByRole('button', { name: 'Chọn' }).click();
  await expect(merge).toContainText('Gộp vào và đánh dấu đã gộp');
  await checkPersonsScreen(app, '93-person-merge-confirm');
  await merge.getByRole('button', { name: 'Gộp hồ sơ' }).click();
  await expect(merge.getByText('Đã gộp hồ sơ.')).toBeVisible();
  await expect(merge).toContainText('1 xét nghiệm');
  await merge.getByRole('button', { name: 'Xong' }).click();
  // The other file's positive test is now on this one, and with it the category.
  await expect(app.getByTestId('person-category')).toHaveText('Người sử dụng trái phép chất ma túy');
  await expect(app.getByRole('row', { name: /01\/12\/2025/ })).toContainText('Cần sa');
  await expect(app.getByTestId('person-identity')).toContainText('Đinh Văn Khai');
  await expect(app.getByRole('region', { name: 'Ai đã xem hồ sơ' })).toContainText('Gộp hồ sơ');
  await app.getByRole('button', { name: 'Quay lại' }).click();
  await app.getByLabel('Tìm theo họ tên hoặc số định danh').fill('dinh van');
  await expect(resultRows(app)).toHaveCount(1);

  await app.getByRole('navigation', { name: 'Điều hướng chính' }).getByText('Cài đặt').click();
  await app.getByText('English', { exact: true }).click();
  await app.getByRole('button', { name: 'Lưu' }).click();
  await app.getByRole('navigation', { name: 'Main navigation' }).getByText('Persons').click();
  await expect(app.getByRole('heading', { name: 'Persons under management' })).toBeVisible();
  await expect(app.getByTestId('persons-count')).toHaveText('1 result');
  await checkPersonsScreen(app, '94-persons-english');
  await app.getByRole('button', { name: 'Đinh Văn Khải' }).click();
  await expect(app.getByTestId('person-category')).toHaveText('Illegal drug user');
  await expect(app.getByRole('region', { name: 'Timeline' })).toContainText('Drug test: Positive');
  await expect(app.getByTestId('person-identity')).toContainText('12/04/1988');
  await checkPersonsScreen(app, '95-person-file-english');
});

test('the list stays a few dozen rows in the page while thousands are loaded and scrolled to the end', async ({
  app,
  hoso,
}) => {
  test.setTimeout(180_000);
  await seedPersonsWorld(hoso, ['leader']);
  await seedManyPersons(hoso, 5000);
  await app.goto(hoso.url);
  await signIn(app, PEOPLE.leader.username, PEOPLE.leader.password);
  await openPersons(app);
  const table = app.getByRole('table', { name: 'Kết quả tìm kiếm người thuộc diện quản lý' });
  await expect(app.getByTestId('persons-count')).toHaveText('5.000 kết quả');
  await expect(table).toHaveAttribute('aria-rowcount', '201');
  await checkPersonsScreen(app, '90-persons-many');

  // Scrolling to the end of the first page loads the rest; the page still holds only the rows in view.
  const body = table.locator('.persons-table-body');
  await body.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(table).toHaveAttribute('aria-rowcount', '5001', { timeout: 30_000 });
  await body.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  const last = table.locator('[role=row][aria-rowindex="5001"]');
  await expect(last).toBeVisible();
  expect(await resultRows(app).count()).toBeLessThan(80);
  // In Vietnamese order, as the host returns it: the last row is the host's last person.
  const all = await hoso.ok('persons.search', { query: '', limit: 100_000 });
  await expect(last).toContainText(all.items[all.items.length - 1]!.fullName);

  await app.getByRole('tab', { name: 'Việc cần làm' }).click();
  const due = app.getByRole('tabpanel', { name: 'Việc cần làm' });
  await expect(due.locator('.ant-table-row').first()).toBeVisible();
  await expect(due).toContainText('Quá 90 ngày chưa làm việc');
  await checkPersonsScreen(app, '91-persons-due');
});
