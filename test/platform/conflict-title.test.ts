import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../electron/changelog/apply';
import { encodeHlc, decodeHlc } from '../../electron/changelog/hlc';
import { readRecordEntries } from '../../electron/changelog/log-store';
import type { HostCore } from '../../electron/host/host';
import { recordTitle } from '../../electron/platform/conflict.service';
import { specOf } from '../../electron/platform/tables';
import { err, ok } from '../support/host';
import { as, cccd, personsWorld } from '../support/persons';
import { referToRehabCentre } from '../support/rehab-world';

const OTHER_WS = '0196b1d0-0000-7000-8000-00000000c0de';

/** Another workstation's edit of `field`, made on the record's first version: a conflict with a local edit. */
async function remoteEdit(host: HostCore, table: string, id: string, field: string, value: unknown): Promise<void> {
  const s = host.openState();
  const first = (await readRecordEntries(s.db, table, id))[0]!;
  const hlc = encodeHlc({ wall: decodeHlc(s.hlc.now()).wall + 1000, counter: 0, node: OTHER_WS });
  await s.db.transaction().execute((trx) =>
    applyChanges(
      trx,
      s.hlc,
      [
        {
          hlc,
          tableName: table,
          recordId: id,
          changes: JSON.stringify({ [field]: value }),
          base: JSON.stringify({ [field]: first.hlc }),
          workstationId: OTHER_WS,
          accountId: null,
        },
      ],
      '2026-12-06',
    ),
  );
}

/**
 * A leader settling a conflict sees which record it is on: a person by name, a person's measure and a referral by
 * their person (TableSpec.title: a column, a parent, or the record a column points at).
 */
describe('conflicts name their record', { timeout: 120_000 }, () => {
  it('by the person’s name, for the person, a measure and a referral; never past the reader’s view; a stale number refused', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.officerA.username);
    const file = await ok(w.host, 'persons.create', {
      fullName: 'Đinh Thị Hạnh',
      sex: 'female',
      birthDate: '1993-02-14',
      citizenId: cccd(1993, 'female', '300001'),
      currentAddress: { provinceCode: '08', communeCode: w.communeA.code, street: 'Thôn Đồng Tâm' },
      substances: ['heroin'],
      confirmed: true,
    });
    const personId = file.person.id;
    const measure = (
      await ok(w.host, 'persons.addMeasure', {
        personId,
        kind: 'user_management',
        decisionNumber: '15/QĐ-UBND',
        decisionDate: '2026-10-01',
        authority: 'Chủ tịch UBND xã',
        startDate: '2026-10-01',
      })
    ).record;
    const { referral } = await referToRehabCentre(w, personId, w.accounts.officerA.username);

    // Local edits, then the other station's edits of the same fields, made before it heard of ours.
    await as(w.host, w.accounts.officerA.username);
    await ok(w.host, 'persons.update', { personId, patch: { occupation: 'Làm nương' } });
    await remoteEdit(w.host, 'persons', personId, 'occupation', 'Chăn nuôi');
    await ok(w.host, 'persons.updateMeasure', { measureId: measure.id, notes: 'Trình diện đủ' });
    await remoteEdit(w.host, 'personMeasures', measure.id, 'notes', 'Vắng một lần');
    await ok(w.host, 'referrals.update', { referralId: referral.id, patch: { notes: 'Gia đình đồng ý' } });
    await remoteEdit(w.host, 'rehabReferrals', referral.id, 'notes', 'Gia đình chưa đồng ý');

    await as(w.host, w.accounts.leader.username);
    const open = await ok(w.host, 'conflicts.list', {});
    expect(open.map((c) => [c.tableName, c.field, c.title])).toEqual([
      ['persons', 'occupation', 'Đinh Thị Hạnh'],
      ['personMeasures', 'notes', 'Đinh Thị Hạnh'],
      ['rehabReferrals', 'notes', 'Đinh Thị Hạnh'],
    ]);

    // A number read before may be another field's by now: the host refuses a decision for a field it was not
    // shown with, and changes nothing.
    const stale = await err(w.host, 'conflicts.resolve', {
      conflictId: open[0]!.id,
      recordId: open[0]!.recordId,
      field: 'familyContact',
      choice: 'other',
    });
    expect(stale.code).toBe('CONFLICT');
    expect(stale.issues).toEqual([{ path: 'conflictId', code: 'conflict_changed' }]);
    expect(await ok(w.host, 'conflicts.list', {})).toHaveLength(3);

    // A tip is named by the first line of its summary, at most 80 characters.
    const tip = await ok(w.host, 'tips.create', {
      receivedAt: '2026-11-02T09:30',
      source: 'citizen',
      channel: 'express',
      communeCode: w.communeA.code,
      summary: `${'Người dân báo có nhóm thanh niên tụ tập sử dụng trái phép chất ma túy tại nhà văn hóa thôn '.repeat(2)}\nDòng hai`,
    } as never);
    // A reader whose view of persons holds no name is told no name (the administrator reads no person file);
    // a referral names its person only if the reader's scope holds the person too.
    const db = w.host.openState().db;
    const everywhere = async () => true;
    expect(await recordTitle(db, specOf('persons'), 'leader', personId, everywhere)).toBe('Đinh Thị Hạnh');
    expect(await recordTitle(db, specOf('persons'), 'admin', personId, everywhere)).toBeNull();
    expect(await recordTitle(db, specOf('rehabReferrals'), 'leader', referral.id, everywhere)).toBe('Đinh Thị Hạnh');
    const notPersons = async (spec: { table: string }) => spec.table !== 'persons';
    expect(await recordTitle(db, specOf('rehabReferrals'), 'leader', referral.id, notPersons)).toBeNull();
    // A child is named through its parent (a photo's parent column is its own id).
    expect(await recordTitle(db, specOf('personPhotos'), 'leader', personId, everywhere)).toBe('Đinh Thị Hạnh');

    const title = await recordTitle(db, specOf('tips'), 'leader', (tip as { id: string }).id, everywhere);
    expect([...title!].length).toBe(80);
    expect(title!.endsWith('…')).toBe(true);
    expect(title).not.toContain('Dòng hai');
  });
});
