import type { HostCore } from '../../electron/host/host';
import { ok } from './host';
import { as } from './persons';

interface WorldLike {
  host: HostCore;
  accounts: { leader: { username: string }; rehab: { username: string } };
}

/** The compulsory centre run by the world's rehab unit (CSCN-08): its staff see the people referred to it. */
export async function rehabFacility(w: WorldLike, capacity = 100) {
  await as(w.host, w.accounts.leader.username);
  const existing = (await ok(w.host, 'facilities.list', {})).find((f) => f.code === 'CS-TEST');
  if (existing) return existing;
  const unit = (await ok(w.host, 'units.list', {})).find((u) => u.code === 'CSCN-08')!;
  return ok(w.host, 'facilities.create', {
    code: 'CS-TEST',
    name: 'Cơ sở cai nghiện ma túy tỉnh',
    kind: 'public_compulsory',
    provinceCode: '08',
    capacity,
    unitId: unit.id,
  });
}

/**
 * Refers a person to the world's rehab centre, as the officer whose commune the person lives in: a positive
 * determination, then a referral naming the facility. Afterwards the centre's staff see the person.
 */
export async function referToRehabCentre(w: WorldLike, personId: string, officerUsername: string) {
  const facility = await rehabFacility(w);
  await as(w.host, officerUsername);
  await ok(w.host, 'persons.addDetermination', {
    personId,
    requestedDate: '2026-08-20',
    facility: 'Trung tâm Y tế',
    resultDate: '2026-08-25',
    result: 'addicted',
  });
  const d = await ok(w.host, 'referrals.create', {
    personId,
    kind: 'compulsory',
    discoveredOn: '2026-09-01',
    facilityId: facility.id,
  });
  return { facility, referral: d.referral };
}
