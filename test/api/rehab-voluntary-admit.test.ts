import { describe, expect, it } from 'vitest';
import type { HostCore } from '../../electron/host/host';
import { err, ok } from '../support/host';
import { as, cccd, personsWorld } from '../support/persons';

type World = Awaited<ReturnType<typeof personsWorld>>;

/** What a refused call must leave untouched. */
function snapshot(host: HostCore) {
  const raw = host.openState().raw;
  return JSON.stringify(
    ['rehab_stays', 'rehab_voluntary', 'person_measures', 'change_log'].map(
      (t) =>
        raw
          .prepare(`SELECT count(*) AS n${t === 'change_log' ? '' : ', max(updated_at) AS u'} FROM ${t}`)
          .get() as object,
    ),
  );
}

async function registeredAtCentre(w: World) {
  await as(w.host, w.accounts.leader.username);
  const centre = await ok(w.host, 'facilities.create', {
    code: 'TN1',
    name: 'Cơ sở cai nghiện tự nguyện Bình An',
    kind: 'voluntary_centre',
    provinceCode: '08',
    capacity: 50,
  });
  const clinic = await ok(w.host, 'facilities.create', {
    code: 'MT9',
    name: 'Cơ sở điều trị methadone Thành phố',
    kind: 'methadone_clinic',
    provinceCode: '08',
    capacity: 50,
  });
  await as(w.host, w.accounts.officerA.username);
  const f = await ok(w.host, 'persons.create', {
    fullName: 'Trần Văn Tự',
    sex: 'male',
    birthDate: '1991-03-04',
    citizenId: cccd(1991, 'male', '554433'),
    currentAddress: { provinceCode: '08', communeCode: w.communeA.code, street: 'Thôn Hòa Bình' },
    substances: ['heroin'],
    confirmed: true,
  });
  await ok(w.host, 'persons.addDetermination', {
    personId: f.person.id,
    requestedDate: '2026-09-01',
    facility: 'Trung tâm Y tế',
    resultDate: '2026-09-02',
    result: 'addicted',
  });
  const v = await ok(w.host, 'voluntary.create', {
    personId: f.person.id,
    setting: 'facility',
    facilityId: centre.id,
    registeredOn: '2026-09-04',
    termMonths: 6,
  });
  return { centre, clinic, personId: f.person.id, voluntary: v };
}

describe('voluntary rehab admitted to a facility', () => {
  it('refuses a methadone clinic, a day before the registration or in the future, then admits and keeps the measure', async () => {
    const w = await personsWorld();
    const { centre, clinic, personId, voluntary } = await registeredAtCentre(w);
    expect(voluntary.status).toBe('registered');
    expect((await ok(w.host, 'rehab.person', { personId })).managedMeasures).toEqual([]);

    const before = snapshot(w.host);
    const refused = async (input: { facilityId?: string; admittedOn: string }) =>
      (await err(w.host, 'stays.admit', { voluntaryId: voluntary.id, facilityId: centre.id, ...input })).issues;
    expect(await refused({ facilityId: clinic.id, admittedOn: '2026-09-10' })).toEqual([
      { path: 'facilityId', code: 'facility_kind_mismatch' },
    ]);
    expect(await refused({ admittedOn: '2026-09-03' })).toEqual([{ path: 'admittedOn', code: 'date_before_previous' }]);
    expect(await refused({ admittedOn: '2026-11-24' })).toEqual([{ path: 'admittedOn', code: 'date_in_future' }]);
    expect(snapshot(w.host)).toBe(before);

    const stay = await ok(w.host, 'stays.admit', {
      voluntaryId: voluntary.id,
      facilityId: centre.id,
      admittedOn: '2026-09-10',
    });
    expect(stay).toMatchObject({ status: 'in_stay', voluntaryId: voluntary.id, plannedDischargeOn: '2027-03-10' });
    const rehab = await ok(w.host, 'rehab.person', { personId });
    expect(rehab.voluntary[0]).toMatchObject({ status: 'in_progress', startOn: '2026-09-10' });
    const file = await ok(w.host, 'persons.get', { personId });
    expect(file.person.category).toBe('in_rehab');
    const measure = file.measures.find((m) => m.kind === 'voluntary_rehab_facility' && m.status === 'active');
    expect(measure).toBeDefined();
    // The measure is the voluntary registration's to end (its card's dialog), not the measures card's.
    expect(rehab.managedMeasures).toEqual([{ measureId: measure!.id, kind: 'voluntary', recordId: voluntary.id }]);
    // A second admission of the same registration is refused.
    expect(await refused({ admittedOn: '2026-09-11' })).toEqual([{ path: 'voluntaryId', code: 'stay_already_open' }]);

    // Ending the registration ends the stay and the measure; nothing is kept any more.
    await ok(w.host, 'voluntary.update', { voluntaryId: voluntary.id, status: 'abandoned', endedOn: '2026-10-01' });
    const after = await ok(w.host, 'rehab.person', { personId });
    expect(after.managedMeasures).toEqual([]);
    expect(after.stays[0]).toMatchObject({ status: 'ended', dischargedOn: '2026-10-01' });
  }, 300_000);
});
