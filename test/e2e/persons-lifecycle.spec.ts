import { expect, test } from './support/fixtures';
import { signIn } from './support/flows';
import {
  asAccount,
  checkPersonsScreen,
  createPerson,
  determine,
  openPersons,
  PEOPLE,
  seedPersonsWorld,
} from './support/persons';

/** A 1×1 PNG: the smallest photo the contract accepts. */
const PIXEL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

test('a measure is interrupted after confirming, a "not addicted" result does not make an addict, and the photo is removed', async ({
  app,
  hoso,
}) => {
  test.setTimeout(180_000);
  const world = await seedPersonsWorld(hoso, ['officerA']);
  const file = await asAccount(hoso, 'officerA', async () => {
    const f = await createPerson(hoso, {
      fullName: 'Hà Văn Tuấn',
      sex: 'male',
      birthDate: '1988-03-09',
      commune: world.communeA,
      serial: 77,
    });
    await hoso.ok('persons.setPhoto', { personId: f.person.id, photo: PIXEL });
    await hoso.ok('persons.addMeasure', {
      personId: f.person.id,
      kind: 'user_management',
      decisionNumber: '31/QĐ-UBND',
      decisionDate: '2026-09-01',
      authority: 'Chủ tịch UBND xã',
      startDate: '2026-09-02',
    });
    return f;
  });

  await app.goto(hoso.url);
  await signIn(app, PEOPLE.officerA.username, PEOPLE.officerA.password);
  await openPersons(app);
  await app.getByRole('button', { name: 'Hà Văn Tuấn' }).click();
  await expect(app.getByRole('heading', { name: 'Hà Văn Tuấn' })).toBeVisible();
  const category = app.getByTestId('person-category');
  await expect(category).toHaveText('Người sử dụng trái phép chất ma túy');
  await expect(app.getByRole('img', { name: 'Ảnh chân dung' })).toBeVisible();

  // Ending a measure asks first; cancelling changes nothing.
  const measure = app.getByTestId('measure-item');
  await measure.getByRole('button', { name: 'Kết thúc' }).click();
  await app.getByRole('menuitem', { name: 'Gián đoạn' }).click();
  const confirm = app.getByRole('dialog', {
    name: 'Chuyển biện pháp "Quản lý người sử dụng trái phép chất ma túy" sang trạng thái "Gián đoạn"?',
  });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Hủy' }).click();
  await expect(confirm).toBeHidden();
  await expect(measure).toContainText('Đang thực hiện');
  await measure.getByRole('button', { name: 'Kết thúc' }).click();
  await app.getByRole('menuitem', { name: 'Gián đoạn' }).click();
  await confirm.getByRole('button', { name: 'Gián đoạn' }).click();
  await expect(app.getByText('Đã chuyển trạng thái: Gián đoạn.')).toBeVisible();
  await expect(measure).toContainText('Gián đoạn');
  // No active measure, no positive test, no determination: nothing on file makes them a user any more.
  await expect(category).toHaveText('Chưa phân loại');
  await expect(measure.getByRole('button', { name: 'Ghi làm việc' })).toHaveCount(0);

  // A determination that finds no addiction: recorded, in the timeline, and not an addict.
  await determine(app, {
    requested: '05/10/2026',
    facility: 'Trung tâm Y tế khu vực Chiêm Hóa',
    result: 'Không nghiện',
    resultDate: '09/10/2026',
    formRef: '88/PKQ',
  });
  await expect(category).toHaveText('Chưa phân loại');
  await expect(app.getByTestId('registration-deadline')).toHaveCount(0);
  const timeline = app.getByRole('region', { name: 'Diễn biến' });
  await expect(timeline).toContainText('Kết quả xác định tình trạng nghiện: Không nghiện');
  // The interrupted measure ends in the timeline on the day it was marked, not on its planned end.
  await expect(timeline).toContainText('Gián đoạn biện pháp: Quản lý người sử dụng trái phép chất ma túy');
  await expect(timeline).not.toContainText('01/09/2027');
  await checkPersonsScreen(app, '89-person-not-addicted');

  // The photo is removed in the edit form; the file then has none, on screen and in the database.
  await app.getByRole('button', { name: 'Sửa nhân thân' }).click();
  const edit = app.getByRole('form', { name: 'Sửa thông tin nhân thân' });
  await expect(edit.getByTestId('person-photo-preview')).toBeVisible();
  await edit.getByRole('button', { name: 'Xóa ảnh' }).click();
  await expect(edit.getByTestId('person-photo-preview')).toHaveCount(0);
  await edit.getByRole('button', { name: 'Lưu hồ sơ' }).click();
  await expect(app.getByRole('heading', { name: 'Hà Văn Tuấn' })).toBeVisible();
  await expect(app.getByRole('img', { name: 'Ảnh chân dung' })).toHaveCount(0);
  expect((await hoso.ok('persons.photo', { personId: file.person.id })).photo).toBeNull();
  expect((await hoso.ok('persons.get', { personId: file.person.id })).person.hasPhoto).toBe(false);
});
