import { expect, type Locator, type Page } from '@playwright/test';
import type { InputOf, PersonFile } from '../../../shared/contract';
import type { Role } from '../../../shared/domain/roles';
import { communesOf, type Commune } from '../../../shared/places';
import { composeCitizenId } from '../../../shared/validation/citizen-id';
import { ADMIN, type HosoServer } from './hoso-server';
import { chooseOption, signIn } from './flows';
import { checkScreen } from './screens';

/** Accounts of the persons tests, each in a unit of Tuyên Quang (08), the province the seeder uses. */
export const PEOPLE = {
  leader: { username: 'ld.hung', displayName: 'Trần Văn Hùng', role: 'leader', password: 'lãnh đạo Hùng 2026' },
  officerA: {
    username: 'cax.lan',
    displayName: 'Lò Thị Lan',
    role: 'commune_officer',
    password: 'công an xã Lan 2026',
  },
  officerB: {
    username: 'cax.son',
    displayName: 'Hoàng Văn Sơn',
    role: 'commune_officer',
    password: 'công an xã Sơn 26',
  },
  rehab: { username: 'cn.mai', displayName: 'Vũ Thị Mai', role: 'rehab_staff', password: 'cơ sở cai nghiện Mai' },
  auditor: { username: 'kt.hoa', displayName: 'Phạm Thu Hòa', role: 'auditor', password: 'kiểm tra viên Hòa 1' },
} as const satisfies Record<string, { username: string; displayName: string; role: Role; password: string }>;
export type Who = keyof typeof PEOPLE;

export interface PersonsWorld {
  communeA: Commune;
  communeB: Commune;
  units: { province: string; communeA: string; communeB: string; rehab: string };
}

/**
 * A vault with a provincial department, two commune police units and a rehab centre in Tuyên Quang, and
 * the requested accounts in them (already past their first password change). Leaves the host locked.
 */
export async function seedPersonsWorld(hoso: HosoServer, who: readonly Who[]): Promise<PersonsWorld> {
  await hoso.seedVault();
  const [communeA, communeB] = communesOf('08');
  await hoso.ok('session.unlock', { username: ADMIN.username, password: ADMIN.password });
  const unit = (code: string, name: string, kind: InputOf<'units.create'>['kind'], communeCode: string | null) =>
    hoso.ok('units.create', { code, name, kind, provinceCode: '08', communeCode });
  const units = {
    province: (await unit('PC04-08', 'Phòng PC04 Công an tỉnh Tuyên Quang', 'province_department', null)).id,
    communeA: (await unit('CAX-A', `Công an ${communeA!.name}`, 'commune_police', communeA!.code)).id,
    communeB: (await unit('CAX-B', `Công an ${communeB!.name}`, 'commune_police', communeB!.code)).id,
    rehab: (await unit('CSCN-08', 'Cơ sở cai nghiện ma túy tỉnh Tuyên Quang', 'rehab_centre', null)).id,
  };
  const unitOf: Record<Who, string | null> = {
    leader: units.province,
    officerA: units.communeA,
    officerB: units.communeB,
    rehab: units.rehab,
    auditor: null,
  };
  for (const w of who) {
    const a = PEOPLE[w];
    await hoso.ok('accounts.create', { ...a, password: `${a.password} tạm`, unitId: unitOf[w] });
  }
  await hoso.ok('session.lock', {});
  // Each account replaces its temporary password once, so that it signs in straight to the app.
  for (const w of who) {
    const a = PEOPLE[w];
    await hoso.ok('session.unlock', { username: a.username, password: `${a.password} tạm` });
    await hoso.ok('session.changePassword', { currentPassword: `${a.password} tạm`, newPassword: a.password });
    await hoso.ok('session.lock', {});
  }
  // Their roles read records: the setup leader approves them (separation of duties).
  await hoso.approveGrants();
  return { communeA: communeA!, communeB: communeB!, units };
}

/** Runs `work` on the host signed in as `who`, and locks it again (the browser then signs in itself). */
export async function asAccount<T>(hoso: HosoServer, who: Who, work: () => Promise<T>): Promise<T> {
  await hoso.ok('session.unlock', { username: PEOPLE[who].username, password: PEOPLE[who].password });
  try {
    return await work();
  } finally {
    await hoso.ok('session.lock', {});
  }
}

/** A person created through the API, living in `commune` (Tuyên Quang). */
export function createPerson(
  hoso: HosoServer,
  p: { fullName: string; sex: 'male' | 'female'; birthDate: string; commune: Commune; serial?: number },
): Promise<PersonFile> {
  const address = { provinceCode: '08', communeCode: p.commune.code, street: 'Thôn Bản Chang' };
  return hoso.ok('persons.create', {
    fullName: p.fullName,
    sex: p.sex,
    birthDate: p.birthDate,
    citizenId:
      p.serial === undefined
        ? null
        : composeCitizenId({
            provinceCode: '008',
            sex: p.sex,
            birthYear: Number(p.birthDate.slice(0, 4)),
            serial: p.serial,
          }),
    permanentAddress: address,
    currentAddress: address,
    confirmed: true,
  });
}

/** `count` synthetic persons of Tuyên Quang through the host's seeder (as the leader, owned by their unit). */
export async function seedManyPersons(hoso: HosoServer, count: number): Promise<void> {
  await asAccount(hoso, 'leader', () =>
    hoso.ok('persons.seed', { count, seed: 11, provinceCode: '08', intoLive: true }),
  );
}

/** The sidebar entry of the persons area. */
export async function openPersons(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByText('Người thuộc diện quản lý').click();
  await expect(page.getByRole('heading', { name: 'Người thuộc diện quản lý' })).toBeVisible();
}

/** Signs `who` in on the unlock screen and opens the new-person form; returns the form. */
export async function openNewPersonForm(page: Page, hoso: HosoServer, who: Who): Promise<Locator> {
  await page.goto(hoso.url);
  await signIn(page, PEOPLE[who].username, PEOPLE[who].password);
  await openPersons(page);
  await page.getByRole('button', { name: 'Thêm người' }).click();
  return page.getByRole('form', { name: 'Thêm người thuộc diện quản lý' });
}

/** Types a date into an antd date picker (dd/mm/yyyy or yyyy) and commits it. */
export async function fillDate(page: Page, field: Locator, text: string): Promise<void> {
  await field.click();
  await field.fill(text);
  // Leaving the field commits what was typed (Enter would also submit the form, Escape close a dialog).
  await field.press('Tab');
  await expect(field).toHaveValue(text);
  await expect(page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)')).toHaveCount(0);
}

/** The rows of the virtualised results table (header excluded). */
export function resultRows(page: Page): Locator {
  return page
    .getByRole('table', { name: 'Kết quả tìm kiếm người thuộc diện quản lý' })
    .locator('[role=row][aria-rowindex]:not([aria-rowindex="1"])');
}

/** Picks options of an antd multiple Select (its dropdown stays open between picks) and closes it. */
export async function chooseMany(page: Page, field: Locator, options: readonly string[]): Promise<void> {
  await field.click();
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  for (const option of options) {
    const item = dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first();
    // A click while the list is still opening can be lost: click until the option shows as chosen.
    await expect(async () => {
      if (!(await item.getAttribute('class'))?.includes('ant-select-item-option-selected')) await item.click();
      await expect(item).toHaveClass(/ant-select-item-option-selected/, { timeout: 1000 });
    }).toPass();
  }
  // Leaving the field closes the list (Escape would close a dialog around it as well).
  await field.blur();
  await expect(dropdown).toBeHidden();
}

/**
 * Checks a persons screen (axe) and keeps its picture, scrolled to the top first: a full-page picture of a
 * scrolled window draws the sticky header and sidebar in the middle of the page.
 */
export async function checkPersonsScreen(page: Page, name: string): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
  await checkScreen(page, name);
}

/**
 * On a person file: requests an addiction determination, then records its result through the two dialogs
 * (dates as typed, dd/mm/yyyy).
 */
export async function determine(
  page: Page,
  d: { requested: string; facility: string; result: string; resultDate: string; formRef: string },
): Promise<void> {
  await page.getByRole('button', { name: 'Đề nghị xác định' }).click();
  const det = page.getByRole('dialog', { name: 'Đề nghị xác định tình trạng nghiện' });
  await fillDate(page, det.getByLabel('Ngày đề nghị'), d.requested);
  await det.getByLabel('Cơ sở y tế thực hiện').fill(d.facility);
  await det.getByRole('button', { name: 'Đề nghị xác định' }).click();
  await expect(det).toBeHidden();
  await page.getByRole('button', { name: 'Ghi kết quả' }).click();
  const result = page.getByRole('dialog', { name: /Cập nhật kết quả xác định/ });
  await chooseOption(page, result.getByLabel('Kết quả', { exact: true }), d.result);
  await fillDate(page, result.getByLabel('Ngày có kết quả'), d.resultDate);
  await result.getByLabel('Số phiếu kết quả').fill(d.formRef);
  await result.getByRole('button', { name: 'Lưu' }).click();
  await expect(result).toBeHidden();
}
