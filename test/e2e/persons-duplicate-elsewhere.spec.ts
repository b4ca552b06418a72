import { composeCitizenId } from '../../shared/validation/citizen-id';
import { expect, test } from './support/fixtures';
import { chooseOption, signIn } from './support/flows';
import { asAccount, createPerson, fillDate, openPersons, PEOPLE, seedPersonsWorld } from './support/persons';
import { checkScreen, screenshot } from './support/screens';

test('a CCCD already on file in another commune is refused naming only the unit to contact', async ({ app, hoso }) => {
  test.setTimeout(180_000);
  const world = await seedPersonsWorld(hoso, ['officerA', 'officerB']);
  await asAccount(hoso, 'officerB', () =>
    createPerson(hoso, {
      fullName: 'Ma Thị Xuyến',
      sex: 'female',
      birthDate: '1993-02-02',
      commune: world.communeB,
      serial: 5150,
    }),
  );

  await app.goto(hoso.url);
  await signIn(app, PEOPLE.officerA.username, PEOPLE.officerA.password);
  await openPersons(app);
  await app.getByRole('button', { name: 'Thêm người' }).click();
  const form = app.getByRole('form', { name: 'Thêm người thuộc diện quản lý' });
  await form.getByLabel('Họ và tên').fill('Ma Xuyến');
  await form.getByText('Nữ', { exact: true }).click();
  await form.getByText('Chỉ biết năm').first().click();
  await fillDate(app, form.getByLabel('Ngày sinh'), '1993');
  await form
    .getByLabel('Số định danh (CCCD/CMND)')
    .fill(composeCitizenId({ provinceCode: '008', sex: 'female', birthYear: 1993, serial: 5150 }));
  await chooseOption(app, form.getByLabel('Xã/phường/đặc khu'), world.communeA.name);
  await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();

  await expect(form.getByText('Số định danh đã có trong hồ sơ khác', { exact: true })).toBeVisible();
  await expect(form.getByText(/đã có hồ sơ do Công an .* quản lý, ngoài phạm vi của bạn/)).toBeVisible();
  await expect(form.getByText('Số định danh này đã có hồ sơ tại đơn vị khác.')).toBeVisible();
  // Nothing of the other file: no link to it, not its name.
  await expect(form.getByRole('button', { name: 'Mở hồ sơ đã có' })).toHaveCount(0);
  await expect(app.getByText('Ma Thị Xuyến')).toHaveCount(0);
  // What was typed is kept, so the officer can call the other unit and come back.
  await expect(form.getByLabel('Họ và tên')).toHaveValue('Ma Xuyến');
  await checkScreen(app, 'person-duplicate-elsewhere');
  await app.setViewportSize({ width: 1024, height: 768 });
  await form.getByText('Số định danh đã có trong hồ sơ khác', { exact: true }).scrollIntoViewIfNeeded();
  await screenshot(app, 'person-duplicate-elsewhere-1024', false);
});
