import { expect, test } from './support/fixtures';
import { chooseOption, signIn } from './support/flows';
import { fillDate, openPersons, PEOPLE, resultRows, seedPersonsWorld } from './support/persons';

test('a name pasted with lookalike letters is saved clean and found by whatever form is typed', async ({
  app,
  hoso,
}) => {
  const world = await seedPersonsWorld(hoso, ['leader']);
  await app.goto(hoso.url);
  await signIn(app, PEOPLE.leader.username, PEOPLE.leader.password);
  await openPersons(app);

  await app.getByRole('button', { name: 'Thêm người' }).click();
  const form = app.getByRole('form', { name: 'Thêm người thuộc diện quản lý' });
  // Eth for Đ (old web pages), a no-break space and a zero-width joiner, as pasted from elsewhere: no error.
  await form.getByLabel('Họ và tên').fill('\u00d0\u1eb7ng\u00a0V\u0103n \u00d0\u1ee9\u200dc');
  await form.getByText('Nam', { exact: true }).click();
  await fillDate(app, form.getByLabel('Ngày sinh'), '15/03/1990');
  await chooseOption(app, form.getByLabel('Xã/phường/đặc khu'), world.communeA.name);
  await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
  await expect(app.getByRole('heading', { name: 'Đặng Văn Đức', exact: true })).toBeVisible({ timeout: 20_000 });

  await app.getByRole('button', { name: 'Quay lại' }).click();
  const search = app.getByLabel('Tìm theo họ tên hoặc số định danh');
  for (const typed of ['dang van duc', '\u00d0\u1eb7ng v\u0103n', "DDa(ng Va(n DDu+'c", 'Đa\u0323\u0306ng']) {
    await search.fill(typed);
    await expect(resultRows(app), typed).toHaveCount(1);
    await expect(resultRows(app).first()).toContainText('Đặng Văn Đức');
  }
});
