import { expect, type Page } from '@playwright/test';
import { addDays } from '../../../shared/domain/working-days';
import type { FacilityView, ReferralDossier } from '../../../shared/contract';
import type { PersonFile } from '../../../shared/contract';
import type { Commune } from '../../../shared/places';
import { ADMIN, type HosoServer } from './hoso-server';
import { signIn } from './flows';
import { asAccount, createPerson, PEOPLE, seedPersonsWorld, type PersonsWorld, type Who } from './persons';
import { expectAccessible, screenshot } from './screens';

/** Rehab staff of a second centre, whose facility receives none of the test's people. */
export const OTHER_REHAB = {
  username: 'cn.binh',
  displayName: 'Đặng Văn Bình',
  role: 'rehab_staff',
  password: 'cơ sở cai nghiện Bình',
} as const;

export interface RehabWorld extends PersonsWorld {
  facility: FacilityView;
  otherFacility: FacilityView;
}

/**
 * The persons world (province department, two communes, a rehab centre and their accounts), plus a second
 * rehab centre with its own staff account, and a compulsory-rehab facility for each centre (added by the
 * leader). Leaves the host locked.
 */
export async function seedRehabWorld(hoso: HosoServer, who: readonly Who[]): Promise<RehabWorld> {
  const world = await seedPersonsWorld(hoso, who);
  await hoso.ok('session.unlock', { username: ADMIN.username, password: ADMIN.password });
  const otherUnit = await hoso.ok('units.create', {
    code: 'CSCN-B',
    name: 'Cơ sở cai nghiện ma túy số 2',
    kind: 'rehab_centre',
    provinceCode: '08',
    communeCode: null,
  });
  await hoso.ok('accounts.create', { ...OTHER_REHAB, password: `${OTHER_REHAB.password} tạm`, unitId: otherUnit.id });
  await hoso.ok('session.lock', {});
  await hoso.ok('session.unlock', { username: OTHER_REHAB.username, password: `${OTHER_REHAB.password} tạm` });
  await hoso.ok('session.changePassword', {
    currentPassword: `${OTHER_REHAB.password} tạm`,
    newPassword: OTHER_REHAB.password,
  });
  await hoso.ok('session.lock', {});
  await hoso.approveGrants();
  const [facility, otherFacility] = await asAccount(hoso, 'leader', async () => [
    await hoso.ok('facilities.create', {
      code: 'CSCN-TQ',
      name: 'Cơ sở cai nghiện ma túy tỉnh Tuyên Quang',
      kind: 'public_compulsory',
      provinceCode: '08',
      communeCode: null,
      capacity: 300,
      unitId: world.units.rehab,
    }),
    await hoso.ok('facilities.create', {
      code: 'CSCN-2',
      name: 'Cơ sở cai nghiện ma túy số 2',
      kind: 'public_compulsory',
      provinceCode: '08',
      communeCode: null,
      capacity: 120,
      unitId: otherUnit.id,
    }),
  ]);
  return { ...world, facility: facility!, otherFacility: otherFacility! };
}

/** A person of `commune` with a positive urine test and a positive addiction determination (an addict). */
export async function createAddict(
  hoso: HosoServer,
  p: { fullName: string; sex: 'male' | 'female'; birthDate: string; commune: Commune; on: string },
): Promise<PersonFile> {
  const file = await createPerson(hoso, p);
  const personId = file.person.id;
  await hoso.ok('persons.addTest', {
    personId,
    date: p.on,
    method: 'urine_quick',
    result: 'positive',
    substances: ['heroin'],
  });
  await hoso.ok('persons.addDetermination', {
    personId,
    requestedDate: p.on,
    facility: 'Trung tâm Y tế khu vực Yên Sơn',
    resultDate: p.on,
    result: 'addicted',
    formRef: '12/PKQ',
  });
  return hoso.ok('persons.get', { personId });
}

/** Every required document of a referral marked present (through the host). */
export async function completeChecklist(hoso: HosoServer, dossier: ReferralDossier, on: string): Promise<void> {
  for (const c of dossier.checklist.filter((x) => x.required && !x.done)) {
    await hoso.ok('referrals.setDocument', { referralId: dossier.referral.id, item: c.item, done: true, on });
  }
}

/** Locks the app from the header and signs in as another account. */
export async function switchAccount(page: Page, account: { username: string; password: string }): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: /Khóa$/ }).click();
  // The host closes the session a moment later; on a busy machine the sign-in screen takes its time.
  await expect(page.getByRole('heading', { name: 'Mở khóa dữ liệu' })).toBeVisible({ timeout: 30_000 });
  await signIn(page, account.username, account.password);
}

export function accountOf(who: Who): { username: string; password: string } {
  return PEOPLE[who];
}

/** The sidebar entry of the rehab area. */
export async function openRehab(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByText('Cai nghiện').click();
  await expect(page.getByRole('heading', { name: 'Cai nghiện ma túy', exact: true })).toBeVisible();
}

/** A rehab screen checked (axe) and pictured at 1366×768 and 1024×768. */
export async function checkRehabScreen(page: Page, name: string): Promise<void> {
  const size = page.viewportSize();
  await page.evaluate('window.scrollTo(0, 0)');
  await expectAccessible(page, name);
  for (const width of [1366, 1024]) {
    await page.setViewportSize({ width, height: 768 });
    await screenshot(page, `${name}-${width}`, false);
  }
  if (size) await page.setViewportSize(size);
}

/**
 * A person of commune A taken through a whole referral by the host, each step by the role that does it:
 * discovered 40 days ago, the court's decision, admitted 20 days ago, and discharged today (a hand-over).
 */
export async function dischargeToday(hoso: HosoServer, world: RehabWorld, personId: string): Promise<void> {
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const day = (n: number) => addDays(today, n);
  const referralId = await asAccount(hoso, 'officerA', async () => {
    const d = await hoso.ok('referrals.create', {
      personId,
      kind: 'compulsory',
      discoveredOn: day(-40),
      facilityId: world.facility.id,
    });
    await completeChecklist(hoso, d, day(-39));
    await hoso.ok('referrals.advance', { referralId: d.referral.id, to: 'dossier_prepared', on: day(-38) });
    await hoso.ok('referrals.advance', { referralId: d.referral.id, to: 'legality_checked', on: day(-37) });
    return d.referral.id;
  });
  await asAccount(hoso, 'leader', async () => {
    await hoso.ok('referrals.advance', { referralId, to: 'sent_to_court', on: day(-36) });
    await hoso.ok('referrals.advance', { referralId, to: 'accepted', on: day(-35) });
    const decided = await hoso.ok('referrals.get', { referralId });
    await hoso.ok('referrals.advance', {
      referralId,
      to: 'decided',
      on: day(-30),
      decisionKind: 'apply',
      termMonths: decided.termRange.min,
      decisionNumber: '11/2026/QĐ-TA',
    });
    await hoso.ok('referrals.advance', { referralId, to: 'complaint_window', on: day(-25) });
  });
  await asAccount(hoso, 'rehab', async () => {
    const stay = await hoso.ok('stays.admit', { referralId, facilityId: world.facility.id, admittedOn: day(-20) });
    await hoso.ok('stays.discharge', { stayId: stay.id, on: today, certificateNumber: '31/GCN-CSCN' });
  });
}

/** The whole page pictured at 1366 and 1024 wide (a card low on a person's file), without the axe check again. */
export async function pictureWholePage(page: Page, name: string): Promise<void> {
  const size = page.viewportSize();
  for (const width of [1366, 1024]) {
    await page.setViewportSize({ width, height: 768 });
    await screenshot(page, `${name}-${width}`, true);
  }
  if (size) await page.setViewportSize(size);
}
