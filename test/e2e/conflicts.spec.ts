import { applyChanges } from '../../electron/changelog/apply';
import { decodeHlc, encodeHlc } from '../../electron/changelog/hlc';
import type { HostCore } from '../../electron/host/host';
import { expect, test } from './support/fixtures';
import { signIn } from './support/flows';
import { asAccount, createPerson, openPersons, PEOPLE, seedPersonsWorld } from './support/persons';
import { checkScreen, screenshot } from './support/screens';
import { readRecordEntries } from '../../electron/changelog/log-store';

const OTHER_WS = '0196b1d0-0000-7000-8000-0000000000c2';

/** A change the other workstation made a second after this one's clock, arriving as its bundle would apply it. */
async function arrives(
  hoso: { server: { host: unknown } },
  change: { tableName: string; recordId: string; changes: string; base?: string },
): Promise<void> {
  const s = (hoso.server.host as HostCore).openState();
  const hlc = encodeHlc({ wall: decodeHlc(s.hlc.now()).wall + 1000, counter: 0, node: OTHER_WS });
  await s.db
    .transaction()
    .execute((trx) =>
      applyChanges(trx, s.hlc, [{ ...change, hlc, workstationId: OTHER_WS, accountId: null }], '2026-12-03'),
    );
}

test('a leader sees the conflict badge on a file and resolves it by typing the right value', async ({ app, hoso }) => {
  test.setTimeout(180_000);
  const world = await seedPersonsWorld(hoso, ['officerA', 'leader']);
  const file = await asAccount(hoso, 'officerA', async () => {
    const f = await createPerson(hoso, {
      fullName: 'Lường Văn Thắng',
      sex: 'male',
      birthDate: '1992-04-10',
      commune: world.communeA,
      serial: 41,
    });
    await hoso.ok('persons.update', { personId: f.person.id, patch: { occupation: 'Thợ xây' } });
    return f;
  });
  // The commune's workstation changed the occupation too, before the two synchronised: its change arrives.
  await asAccount(hoso, 'leader', async () => {
    const s = (hoso.server.host as HostCore).openState();
    const created = (await readRecordEntries(s.db, 'persons', file.person.id))[0]!;
    await arrives(hoso, {
      tableName: 'persons',
      recordId: file.person.id,
      changes: JSON.stringify({ occupation: 'Làm ruộng' }),
      base: JSON.stringify({ occupation: created.hlc }),
    });
  });

  await app.goto(hoso.url);
  await signIn(app, PEOPLE.leader.username, PEOPLE.leader.password);
  await openPersons(app);
  await app.getByRole('button', { name: 'Lường Văn Thắng' }).click();
  const badge = app.getByTestId('conflicts-alert');
  await expect(badge).toContainText('Hồ sơ có 1 xung đột dữ liệu cần xử lý');
  await badge.getByRole('button', { name: 'Xem và giải quyết' }).click();
  const dialog = app.getByRole('dialog', { name: 'Giải quyết xung đột (1/1)' });
  await expect(dialog).toContainText('Thông tin bị sửa đồng thời: Nghề nghiệp');
  await expect(dialog).toContainText('Làm ruộng');
  await expect(dialog).toContainText('Thợ xây');
  await expect(dialog).toContainText(`${PEOPLE.officerA.username} sửa lúc`);
  await checkScreen(app, 'conflict-resolve');
  // A small office screen: the dialog still fits and reads.
  await app.setViewportSize({ width: 1024, height: 768 });
  await screenshot(app, 'conflict-resolve-1024', false);
  await app.setViewportSize({ width: 1366, height: 860 });

  // Typing nothing is refused and changes nothing.
  await dialog.getByLabel('Nhập giá trị khác').check();
  await dialog.getByRole('button', { name: 'Lưu quyết định' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Vui lòng nhập trường này.');
  await dialog.getByRole('textbox', { name: 'Giá trị mới' }).fill('Thợ xây dựng');
  await dialog.getByRole('button', { name: 'Lưu quyết định' }).click();
  await expect(dialog).toBeHidden();
  await expect(app.getByText('Đã giải quyết xung đột.')).toBeVisible();
  await expect(badge).toBeHidden();

  await asAccount(hoso, 'leader', async () => {
    const after = await hoso.ok('persons.get', { personId: file.person.id });
    expect(after.person.occupation).toBe('Thợ xây dựng');
    expect(await hoso.ok('conflicts.list', { recordId: file.person.id, limit: 10 })).toEqual([]);
  });
});

test('two photos set apart are one conflict a leader settles by picture, never by typing', async ({ app, hoso }) => {
  test.setTimeout(180_000);
  const world = await seedPersonsWorld(hoso, ['officerA', 'leader']);
  // Two pictures anyone can tell apart: the unlock screen whole, and its top left corner.
  await app.goto(hoso.url);
  await expect(app.getByRole('heading', { name: 'Mở khóa dữ liệu' })).toBeVisible();
  const jpeg = async (clip?: { x: number; y: number; width: number; height: number }) =>
    `data:image/jpeg;base64,${(await app.screenshot({ type: 'jpeg', quality: 40, ...(clip ? { clip } : {}) })).toString('base64')}`;
  const here = await jpeg();
  const there = await jpeg({ x: 0, y: 0, width: 420, height: 320 });
  const file = await asAccount(hoso, 'officerA', async () => {
    const f = await createPerson(hoso, {
      fullName: 'Quàng Văn Ảnh',
      sex: 'male',
      birthDate: '1990-02-11',
      commune: world.communeA,
      serial: 42,
    });
    await hoso.ok('persons.setPhoto', { personId: f.person.id, photo: here });
    return f;
  });
  // The commune's workstation gave the same person a photo of its own before the two synchronised: a photo record
  // has its person's id, so its first write arrives for the same record, naming nothing it overwrote.
  await asAccount(hoso, 'leader', async () => {
    await arrives(hoso, {
      tableName: 'personPhotos',
      recordId: file.person.id,
      changes: JSON.stringify({ photo: there }),
    });
    // Typed values are refused for a file.
    const [open] = await hoso.ok('conflicts.list', { recordId: file.person.id, limit: 10 });
    expect(open).toMatchObject({ field: 'photo', attachment: true });
    expect(await hoso.call('conflicts.resolve', { conflictId: open!.id, choice: 'value', value: 'abc' })).toMatchObject(
      { ok: false, error: { code: 'INVALID_INPUT' } },
    );
  });

  await app.goto(hoso.url);
  await signIn(app, PEOPLE.leader.username, PEOPLE.leader.password);
  await openPersons(app);
  await app.getByRole('button', { name: 'Quàng Văn Ảnh' }).click();
  const badge = app.getByTestId('conflicts-alert');
  await expect(badge).toContainText('Hồ sơ có 1 xung đột dữ liệu cần xử lý');
  await badge.getByRole('button', { name: 'Xem và giải quyết' }).click();
  const dialog = app.getByRole('dialog', { name: 'Giải quyết xung đột (1/1)' });
  await expect(dialog).toContainText('Thông tin bị sửa đồng thời: Ảnh chân dung');
  const pictures = dialog.getByRole('img', { name: 'Ảnh của phiên bản này' });
  await expect(pictures).toHaveCount(2);
  await expect(pictures.first()).toHaveAttribute('src', there);
  await expect(pictures.last()).toHaveAttribute('src', here);
  await expect(dialog.getByLabel('Nhập giá trị khác')).toHaveCount(0);
  await expect(dialog).not.toContainText('base64');
  await checkScreen(app, 'conflict-photo');
  // The officer's own photo is the one kept.
  await dialog.getByLabel('Dùng giá trị của bản kia').check();
  await dialog.getByRole('button', { name: 'Lưu quyết định' }).click();
  await expect(dialog).toBeHidden();
  await expect(app.getByText('Đã giải quyết xung đột.')).toBeVisible();
  await expect(badge).toBeHidden();
  await asAccount(hoso, 'leader', async () => {
    expect((await hoso.ok('persons.photo', { personId: file.person.id })).photo).toBe(here);
    expect(await hoso.ok('conflicts.list', { recordId: file.person.id, limit: 10 })).toEqual([]);
  });
});

test('open conflicts wait on the leader’s home, named by their record, and the dialog goes through every one', async ({
  app,
  hoso,
}) => {
  test.setTimeout(180_000);
  const world = await seedPersonsWorld(hoso, ['officerA', 'leader']);
  // Two people: the first with two conflicts of its own and one on its measure, the second with one. A record's
  // conflicts are written again, with new numbers, whenever one of them changes: the dialog must follow that.
  const [first, second] = await asAccount(hoso, 'officerA', async () => {
    const made = [];
    for (const [fullName, serial] of [
      ['Lò Văn Khánh', 51],
      ['Hà Thị Mai', 52],
    ] as const) {
      const f = await createPerson(hoso, {
        fullName,
        sex: 'male',
        birthDate: '1990-01-10',
        commune: world.communeA,
        serial,
      });
      await hoso.ok('persons.update', {
        personId: f.person.id,
        patch: { occupation: 'Thợ mộc', familyContact: 'Vợ: Lò Thị Xuân' },
      });
      made.push(f);
    }
    return made;
  });
  const measure = await asAccount(hoso, 'officerA', async () => {
    const m = await hoso.ok('persons.addMeasure', {
      personId: first!.person.id,
      kind: 'user_management',
      decisionNumber: '21/QĐ-UBND',
      decisionDate: '2026-10-01',
      authority: 'Chủ tịch UBND xã',
      startDate: '2026-10-01',
    });
    await hoso.ok('persons.updateMeasure', { measureId: m.record.id, notes: 'Trình diện đủ' });
    return m.record;
  });
  await asAccount(hoso, 'leader', async () => {
    const s = (hoso.server.host as HostCore).openState();
    for (const [tableName, recordId, field, value] of [
      ['persons', first!.person.id, 'occupation', 'Làm ruộng'],
      ['persons', first!.person.id, 'familyContact', 'Mẹ: Lò Thị Sen'],
      ['personMeasures', measure.id, 'notes', 'Vắng một lần'],
      ['persons', second!.person.id, 'occupation', 'Buôn bán'],
    ] as const) {
      const created = (await readRecordEntries(s.db, tableName, recordId))[0]!;
      await arrives(hoso, {
        tableName,
        recordId,
        changes: JSON.stringify({ [field]: value }),
        base: JSON.stringify({ [field]: created.hlc }),
      });
    }
  });

  await app.goto(hoso.url);
  await signIn(app, PEOPLE.leader.username, PEOPLE.leader.password);
  const card = app.getByTestId('open-conflicts');
  await expect(card).toContainText('4 xung đột dữ liệu chờ lãnh đạo xử lý');
  await expect(card).toContainText('Hồ sơ đối tượng: Lò Văn Khánh · Nghề nghiệp');
  await expect(card).toContainText('Hồ sơ đối tượng: Lò Văn Khánh · Người thân liên hệ');
  await expect(card).toContainText('Biện pháp quản lý: Lò Văn Khánh');
  await expect(card).toContainText('Hồ sơ đối tượng: Hà Thị Mai · Nghề nghiệp');
  await checkScreen(app, 'conflicts-home');
  await app.setViewportSize({ width: 1024, height: 768 });
  await screenshot(app, 'conflicts-home-1024', false);
  await app.setViewportSize({ width: 1366, height: 860 });

  // The dialog names the record and field of each conflict, and goes through all four, one after the other. The
  // family contact takes the other version (this station's edit); every other keeps the value in use.
  await card.getByRole('button', { name: 'Xem và giải quyết' }).click();
  const seen: string[] = [];
  for (const n of [1, 2, 3, 4]) {
    const dialog = app.getByRole('dialog', { name: `Giải quyết xung đột (${n}/4)` });
    await expect(dialog).toBeVisible();
    const record = (await dialog.getByTestId('conflict-record').textContent())!;
    const field = (await dialog.getByText(/^Thông tin bị sửa đồng thời: /).textContent())!.replace(/^.*: /, '');
    seen.push(`${record} · ${field}`);
    if (field === 'Người thân liên hệ') await dialog.getByText('Dùng giá trị của bản kia').click();
    await dialog.getByRole('button', { name: 'Lưu quyết định' }).click();
    await expect(dialog).toBeHidden();
  }
  expect(seen.sort()).toEqual(
    [
      'Hồ sơ đối tượng: Lò Văn Khánh · Nghề nghiệp',
      'Hồ sơ đối tượng: Lò Văn Khánh · Người thân liên hệ',
      'Biện pháp quản lý: Lò Văn Khánh · Ghi chú',
      'Hồ sơ đối tượng: Hà Thị Mai · Nghề nghiệp',
    ].sort(),
  );
  await expect(card).toBeHidden();
  await asAccount(hoso, 'leader', async () => {
    expect(await hoso.ok('conflicts.list', { limit: 10 })).toEqual([]);
    // Each decision went to the field it was shown with.
    const after = await hoso.ok('persons.get', { personId: first!.person.id });
    expect(after.person).toMatchObject({ occupation: 'Làm ruộng', familyContact: 'Vợ: Lò Thị Xuân' });
  });
});
