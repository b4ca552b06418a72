import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contract, type ProcedureName } from '../../shared/contract';
import { communesOf } from '../../shared/places';
import { applyChanges } from '../../electron/changelog/apply';
import { decodeHlc, encodeHlc } from '../../electron/changelog/hlc';
import { ADMIN, ok } from '../support/host';
import { as, cccd, personsWorld } from '../support/persons';

/**
 * Fail-closed scope, checked over the whole contract: every procedure is classified, and each one that reads
 * or writes person records is called by every role with a record outside that role's scope. The record (a
 * person of another province, with a measure and an open conflict, as it would arrive from that province's
 * workstation) must never come back, in whole or in part. A new procedure that is not classified fails here.
 */
const FOREIGN = {
  id: crypto.randomUUID(),
  measureId: crypto.randomUUID(),
  unitId: crypto.randomUUID(),
  fullName: 'Quàng Văn Ngoại',
  birthDate: '1979-09-09',
  citizenId: cccd(1979, 'male', '909090'),
  street: 'Bản Nà Ngoại Tỉnh',
  contact: 'Chị Quàng Thị Liên 0988 000 999',
};
const SECRETS = [FOREIGN.id, FOREIGN.fullName, FOREIGN.citizenId, FOREIGN.street, FOREIGN.contact, 'Nghề Bí Mật'];

type Input = Record<string, unknown>;
/** Procedures that touch person records, with inputs aimed at the foreign record. */
const PERSON_PROCEDURES: Partial<Record<ProcedureName, (ownId: string) => Input>> = {
  'persons.search': () => ({ query: 'quang van ngoai' }),
  'persons.checkDuplicates': () => ({
    fullName: 'Quàng Văn Ngoại',
    birthDate: FOREIGN.birthDate,
    citizenId: FOREIGN.citizenId,
  }),
  'persons.get': () => ({ personId: FOREIGN.id }),
  'persons.photo': () => ({ personId: FOREIGN.id }),
  'persons.readers': () => ({ personId: FOREIGN.id }),
  'persons.print': () => ({ personId: FOREIGN.id, purpose: 'kiểm tra' }),
  'persons.due': () => ({ withinDays: 365 }),
  'home.recent': () => ({ limit: 50 }),
  'persons.update': () => ({ personId: FOREIGN.id, patch: { occupation: 'x' } }),
  'persons.setPhoto': () => ({ personId: FOREIGN.id, photo: null }),
  'persons.merge': (own) => ({ keepId: own, mergeId: FOREIGN.id }),
  'persons.addMeasure': () => ({
    personId: FOREIGN.id,
    kind: 'user_management',
    decisionNumber: '1/QĐ',
    decisionDate: '2026-01-02',
    authority: 'UBND',
    startDate: '2026-01-03',
  }),
  'persons.updateMeasure': () => ({ measureId: FOREIGN.measureId, notes: 'x' }),
  'persons.checkIn': () => ({ measureId: FOREIGN.measureId, date: '2026-02-01', note: 'x' }),
  'persons.addTest': () => ({
    personId: FOREIGN.id,
    date: '2026-02-01',
    method: 'urine_quick',
    result: 'negative',
    substances: [],
  }),
  'persons.addDetermination': () => ({
    personId: FOREIGN.id,
    requestedDate: '2026-02-01',
    facility: 'TTYT',
    result: 'pending',
  }),
  'conflicts.list': () => ({}),
  // Reports count persons of the caller's area only, and return counts, never a record.
  'reports.kpi': () => ({ from: '2026-01-01', to: '2026-12-31' }),
  'reports.communes': () => ({ year: 2026 }),
  'reports.tables': () => ({ from: '2026-01-01', to: '2026-12-31' }),
  'reports.export': () => ({ from: '2026-01-01', to: '2026-12-31', format: 'csv' }),
  // Drill-downs list the records behind a number: the caller's area and scope only.
  'reports.drilldown': () => ({
    from: '2026-01-01',
    to: '2026-12-31',
    indicatorId: 'managedReachedRate',
    part: 'denominator',
  }),
  'reports.drilldownExport': () => ({
    from: '2026-01-01',
    to: '2026-12-31',
    indicatorId: 'managedReachedRate',
    part: 'denominator',
    format: 'csv',
    purpose: 'kiểm tra',
  }),
  'conflicts.resolve': () => ({ conflictId: 1, choice: 'current' }),
  // Investigations: a case search by a suspect's name or CCCD, a person's cases, linking a person to a tip or a case.
  'cases.find': () => ({ query: 'quang van ngoai' }),
  'cases.list': () => ({ query: 'quang van ngoai' }),
  'cases.ofPerson': () => ({ personId: FOREIGN.id }),
  'cases.addSuspect': () => ({ caseId: FOREIGN.measureId, personId: FOREIGN.id, role: 'user' }),
  'tips.create': () => ({ receivedOn: '2026-11-01', source: 'citizen', summary: 'Tin báo', personIds: [FOREIGN.id] }),
  // Rehabilitation: a referral, a voluntary registration or a methadone episode for the foreign person; the
  // lists that join persons (board, roster, hand-over) and a person's rehab records.
  'referrals.create': () => ({ personId: FOREIGN.id, kind: 'compulsory', discoveredOn: '2026-11-01' }),
  'voluntary.create': () => ({ personId: FOREIGN.id, setting: 'community', registeredOn: '2026-11-01', termMonths: 6 }),
  'methadone.start': () => ({ personId: FOREIGN.id, clinicId: FOREIGN.unitId, startedOn: '2026-11-01' }),
  'rehab.person': () => ({ personId: FOREIGN.id }),
  'referrals.board': () => ({}),
  'rehab.handovers': () => ({}),
  'stays.roster': () => ({}),
};
/** Procedures that neither read nor write person records (accounts, keys, audit metadata, units, setup). */
const OTHER_PROCEDURES = new Set<string>([
  'app.status',
  'app.info',
  'prefs.setLanguage',
  'prefs.set',
  'settings.idleMax',
  'settings.setIdleMax',
  'vault.create',
  'vault.rekey',
  'vault.rotateRecovery',
  'session.unlock',
  'session.recover',
  'session.lock',
  'session.touch',
  'session.changePassword',
  'accounts.list',
  'accounts.create',
  'accounts.update',
  'accounts.disable',
  'accounts.enable',
  'accounts.resetPassword',
  'accounts.pendingGrants',
  'accounts.approveGrant',
  'accounts.approveGrantWithRecoveryKey',
  'accounts.rejectGrant',
  'units.list',
  'units.create',
  'units.update',
  'audit.list',
  'audit.accounts',
  'audit.verify',
  'audit.checkpoint',
  'audit.reanchor',
  'backup.create',
  'backup.restore',
  // Seeding writes synthetic people into the caller's own unit and returns counts only.
  'persons.seed',
  // Only records its own the caller may see are ever touched by these; they return the caller's own file.
  'persons.create',
  'persons.updateDetermination',
  // The caller's own unsaved typing, bound to the session's account: never a record of anyone else's.
  'drafts.save',
  'drafts.get',
  'drafts.discard',
  'drafts.list',
  // Plans and commune statuses: issued decisions (reference records), no person in them.
  'plans.list',
  'plans.save',
  'plans.delete',
  'communeStatus.list',
  'communeStatus.set',
  'communeStatus.setMany',
  'communeStatus.importPopulation',
  'reports.print',
  // Investigations: tips, cases and hot spots are scoped by their own families (test/api/investigations.test.ts
  // refuses them to the wrong role and commune); these touch no person record beyond the ids their records hold.
  // tips.get and cases.get name linked persons only as the persons scope shows them (test/api/cases-list.test.ts).
  'tips.get',
  'tips.update',
  'tips.decide',
  'tips.extend',
  'tips.list',
  'cases.create',
  'cases.get',
  'cases.update',
  'cases.advance',
  'cases.extend',
  'cases.updateSuspect',
  'cases.removeSuspect',
  'cases.print',
  'seizures.add',
  'seizures.remove',
  'hotspots.create',
  'hotspots.get',
  'hotspots.list',
  'hotspots.update',
  'hotspots.advance',
  'investigations.deadlines',
  'investigations.seed',
  // The exchange: station identity, peers and archive keys hold no records; bundles are written to and read from
  // files and answer with counts, sequence numbers and the ids of refused items, never a record's contents.
  'station.show',
  'station.setUnit',
  'station.card',
  'peers.list',
  'peers.add',
  'peers.suspend',
  'peers.resume',
  'peers.replaceKeys',
  // Selects a case (checked in the leader's cases scope) for a neighbour's extract; answers the peer, not the case.
  'peers.shareCase',
  'archive.list',
  'archive.add',
  'bundles.export',
  'bundles.import',
  'bundles.status',
  'bundles.outgoing',
  'bundles.inspect',
  'bundles.history',
  'bundles.gaps',
  // Counts and hashes of the audit entries peers sent along, per peer (administrators): no entry's content.
  'bundles.auditTrail',
  // Rehabilitation: facilities are reference data; the other procedures open one rehab record by id, scoped by
  // the rehab family (test/api/rehab.test.ts refuses another commune's officer and another facility's staff).
  'facilities.create',
  'facilities.list',
  'facilities.update',
  'referrals.get',
  'referrals.advance',
  'referrals.update',
  'referrals.setDocument',
  'referrals.document',
  'referrals.exportDocument',
  'referrals.print',
  'voluntary.get',
  'voluntary.update',
  'methadone.stop',
  'methadone.update',
  'methadone.get',
  'stays.admit',
  'stays.stage',
  'stays.incident',
  'stays.discharge',
  'stays.get',
  'stays.printCertificate',
  'rehab.seed',
]);

describe('fail-closed scope over the contract', () => {
  it('classifies every procedure of the contract', () => {
    const unclassified = Object.keys(contract).filter((n) => !(n in PERSON_PROCEDURES) && !OTHER_PROCEDURES.has(n));
    expect(unclassified).toEqual([]);
  });

  it('never returns a record outside the caller’s scope, whatever the role and the procedure', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.officerA.username);
    const own = await ok(w.host, 'persons.create', {
      fullName: 'Lò Văn Nhà',
      sex: 'male',
      birthDate: '1990-01-01',
      citizenId: cccd(1990, 'male', '121212'),
      currentAddress: { provinceCode: '08', communeCode: w.communeA.code, street: 'Thôn 1' },
      substances: [],
      confirmed: true,
    });
    // The foreign person arrives as changes from another province's workstation, with a concurrent edit.
    await as(w.host, w.accounts.leader.username);
    const s = w.host.openState();
    const ws = '0196b1d0-0000-7000-8000-0000000000f1';
    const ws2 = '0196b1d0-0000-7000-8000-0000000000f2';
    const wall = decodeHlc(s.hlc.now()).wall;
    const stamp = (ms: number, node: string) => encodeHlc({ wall: wall + ms, counter: 0, node });
    const other = communesOf('01')[0]!;
    const person = {
      fullName: FOREIGN.fullName,
      otherNames: '[]',
      sex: 'male',
      birthDate: FOREIGN.birthDate,
      citizenId: FOREIGN.citizenId,
      familyContact: FOREIGN.contact,
      curProvince: '01',
      curCommune: other.code,
      curStreet: FOREIGN.street,
      substances: '["heroin"]',
      unitId: FOREIGN.unitId,
    };
    await s.db.transaction().execute((trx) =>
      applyChanges(
        trx,
        s.hlc,
        [
          {
            hlc: stamp(1, ws),
            tableName: 'persons',
            recordId: FOREIGN.id,
            changes: JSON.stringify(person),
            workstationId: ws,
          },
          {
            hlc: stamp(2, ws),
            tableName: 'personMeasures',
            recordId: FOREIGN.measureId,
            workstationId: ws,
            changes: JSON.stringify({
              personId: FOREIGN.id,
              kind: 'user_management',
              decisionNumber: '9/QĐ',
              decisionDate: '2026-01-01',
              authority: 'UBND',
              startDate: '2026-01-02',
              endDate: '2027-01-01',
              status: 'active',
            }),
          },
          {
            hlc: stamp(3, ws),
            tableName: 'persons',
            recordId: FOREIGN.id,
            workstationId: ws,
            changes: JSON.stringify({ occupation: 'Nghề Bí Mật' }),
          },
          {
            hlc: stamp(4, ws2),
            tableName: 'persons',
            recordId: FOREIGN.id,
            workstationId: ws2,
            changes: JSON.stringify({ occupation: 'Nghề Khác' }),
          },
        ],
        '2026-12-03',
      ),
    );
    expect(s.raw.prepare('SELECT count(*) AS n FROM conflicts').get()).toEqual({ n: 1 });

    const roles = [
      w.accounts.officerA.username,
      w.accounts.officerB.username,
      w.accounts.investigator.username,
      w.accounts.leader.username,
      w.accounts.rehab.username,
      ADMIN.username,
    ];
    const leaks: string[] = [];
    for (const username of roles) {
      await as(w.host, username);
      for (const [name, input] of Object.entries(PERSON_PROCEDURES)) {
        const r = await w.host.call(name, input(own.person.id));
        const text = JSON.stringify(r);
        // Rehab staff reach only the people of their own facility (the foreign person is not one): nothing either.
        for (const secret of SECRETS) if (text.includes(secret)) leaks.push(`${username} ${name}: ${secret}`);
      }
    }
    expect(leaks).toEqual([]);
    // The check is not vacuous: the record is there (no role reaches everyone any more; rehab staff see only
    // their facility's people, so they find nobody by this name).
    expect(w.host.openState().raw.prepare('SELECT full_name AS n FROM persons WHERE id = ?').get(FOREIGN.id)).toEqual({
      n: FOREIGN.fullName,
    });
    await as(w.host, w.accounts.rehab.username);
    expect((await ok(w.host, 'persons.search', { query: 'quang van ngoai' })).items).toEqual([]);
    // The foreign record is untouched by every refused write.
    const row = w.host
      .openState()
      .raw.prepare('SELECT occupation, deleted_at, merged_into FROM persons WHERE id = ?')
      .get(FOREIGN.id);
    expect(row).toEqual({ occupation: 'Nghề Khác', deleted_at: null, merged_into: null });
  });
});
