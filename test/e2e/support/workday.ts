import type { HosoServer } from './hoso-server';
import type { Commune } from '../../../shared/places';
import { createPerson } from './persons';

/** A day `days` from today, ISO, in Vietnam. */
export function dayFromToday(days: number): string {
  return new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Two people of `commune` with work due (created by whoever is signed in on the host): one whose registration
 * for rehab is overdue (addicted, result 30 days ago, never registered), one whose management measure ends in
 * 12 days. Returns their names.
 */
export async function seedDueWork(hoso: HosoServer, commune: Commune): Promise<{ overdue: string; ending: string }> {
  const overdue = 'Hà Văn Quá';
  const ending = 'Nông Thị Hạn';
  const a = await createPerson(hoso, { fullName: overdue, sex: 'male', birthDate: '1988-03-04', commune, serial: 77 });
  await hoso.ok('persons.addDetermination', {
    personId: a.person.id,
    requestedDate: dayFromToday(-40),
    facility: 'Trung tâm Y tế khu vực',
    result: 'addicted',
    resultDate: dayFromToday(-30),
  });
  const b = await createPerson(hoso, { fullName: ending, sex: 'female', birthDate: '1995-11-20', commune, serial: 78 });
  await hoso.ok('persons.addMeasure', {
    personId: b.person.id,
    kind: 'user_management',
    decisionNumber: '15/QĐ-UBND',
    decisionDate: dayFromToday(-200),
    authority: 'Chủ tịch UBND xã',
    startDate: dayFromToday(-200),
    endDate: dayFromToday(12),
  });
  return { overdue, ending };
}
