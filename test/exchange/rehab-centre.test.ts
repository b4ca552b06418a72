import { describe, expect, it } from 'vitest';
import type { HostCore } from '../../electron/host/host';
import { ADMIN, LEADER, ok, tempDir } from '../support/host';
import { PASSWORD, as, cccd, personsWorld } from '../support/persons';
import { rehabFacility } from '../support/rehab-world';
import { centreStation } from './world';

/**
 * The provincial police (a persons world: communes, their officers, a leader, the rehab unit CSCN-08) and a rehab
 * centre's own workstation (a fresh vault): the centre receives only the people referred to its facility, their
 * referrals and rehab records, never tips, cases or other persons; it sends back the stay and the discharge, and
 * the person's category follows at the police. Both directions are acknowledged.
 */
const count = (host: HostCore, table: string, where = '1 = 1', ...args: unknown[]) =>
  (
    host
      .openState()
      .raw.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`)
      .get(...args) as { n: number }
  ).n;

const category = (host: HostCore, personId: string) =>
  (host.openState().raw.prepare('SELECT category FROM persons WHERE id = ?').get(personId) as { category: string })
    .category;

async function addict(w: Awaited<ReturnType<typeof personsWorld>>, name: string, tail: string) {
  await as(w.host, w.accounts.officerA.username);
  const f = await ok(w.host, 'persons.create', {
    fullName: name,
    sex: 'male',
    birthDate: '1990-05-12',
    citizenId: cccd(1990, 'male', tail),
    currentAddress: { provinceCode: '08', communeCode: w.communeA.code, street: 'Thôn Đồng Tâm' },
    substances: ['heroin'],
    confirmed: true,
  });
  await ok(w.host, 'persons.addDetermination', {
    personId: f.person.id,
    requestedDate: '2026-08-20',
    facility: 'Trung tâm Y tế',
    resultDate: '2026-08-25',
    result: 'addicted',
  });
  return f.person.id;
}

describe('police ↔ rehab centre', { timeout: 300_000 }, () => {
  it('the centre receives only the referred person; its stay and discharge come back and the category follows', async () => {
    const police = await personsWorld();
    const facility = await rehabFacility(police);
    // The centre's workstation: its own vault and unit.
    const centre = await centreStation();
    await as(police.host, ADMIN.username);
    const prov = (await ok(police.host, 'units.list', {})).find((u) => u.code === 'PC04-08')!;
    await ok(police.host, 'station.setUnit', { unitId: prov.id });
    const pCard = await ok(police.host, 'station.card', {});
    const pShow = await ok(police.host, 'station.show', {});
    const cCard = await ok(centre.host, 'station.card', {});
    const cShow = await ok(centre.host, 'station.show', {});
    const centrePeer = await ok(police.host, 'peers.add', {
      card: cCard.card,
      kind: 'rehab',
      policy: 'police-to-rehab',
      fingerprint: cShow.fingerprint,
      facilityId: facility.id,
    });
    expect(centrePeer.policy.send).toEqual({
      families: ['persons', 'rehab', 'reference'],
      scope: { kind: 'facility', id: facility.id },
    });
    await ok(centre.host, 'peers.add', {
      card: pCard.card,
      kind: 'hub',
      policy: 'rehab-to-police',
      fingerprint: pShow.fingerprint,
      facilityId: facility.id,
    });

    // At the police: a person referred to the centre (through to the end of the complaint window), another not
    // referred (an addict of the same commune), and a tip.
    const referred = await addict(police, 'Nguyễn Văn Đức', '200001');
    const other = await addict(police, 'Trần Văn Bình', '200002');
    await as(police.host, police.accounts.officerA.username);
    const { referral } = await ok(police.host, 'referrals.create', {
      personId: referred,
      kind: 'compulsory',
      discoveredOn: '2026-09-01',
      facilityId: facility.id,
    });
    for (const item of [
      'short_cv',
      'violation_record',
      'addiction_result',
      'family_comments',
      'commune_comments',
    ] as const)
      await ok(police.host, 'referrals.setDocument', { referralId: referral.id, item, done: true, on: '2026-09-03' });
    await ok(police.host, 'referrals.advance', { referralId: referral.id, to: 'dossier_prepared', on: '2026-09-03' });
    await ok(police.host, 'referrals.advance', { referralId: referral.id, to: 'legality_checked', on: '2026-09-07' });
    await as(police.host, police.accounts.leader.username);
    await ok(police.host, 'referrals.advance', { referralId: referral.id, to: 'sent_to_court', on: '2026-09-08' });
    await ok(police.host, 'referrals.advance', { referralId: referral.id, to: 'accepted', on: '2026-09-10' });
    await ok(police.host, 'referrals.advance', {
      referralId: referral.id,
      to: 'decided',
      on: '2026-09-20',
      decisionKind: 'apply',
      termMonths: 24,
      decisionNumber: '12/2026/QĐ-TA',
      court: 'Tòa án nhân dân khu vực 1',
      facilityId: facility.id,
    });
    await ok(police.host, 'referrals.advance', { referralId: referral.id, to: 'complaint_window', on: '2026-09-21' });
    await as(police.host, police.accounts.investigator.username);
    await ok(police.host, 'tips.create', {
      receivedAt: '2026-11-02T09:30',
      source: 'citizen',
      channel: 'express',
      communeCode: police.communeA.code,
      summary: 'Bưu phẩm chuyển phát nhanh nghi chứa ma túy tổng hợp',
    } as never);
    expect(count(police.host, 'tips')).toBe(1);
    expect(category(police.host, referred)).toBe('addict');

    // Police → centre.
    await as(police.host, ADMIN.username);
    const sticks = tempDir('hoso-rehab-stick-');
    const down = await ok(police.host, 'bundles.export', { peerId: cShow.id, out: sticks, purpose: 'chuyển hồ sơ' });
    expect(down.counts.tips ?? 0).toBe(0);
    expect(down.counts.drugCases ?? 0).toBe(0);
    await ok(centre.host, 'session.lock', {});
    await ok(centre.host, 'session.unlock', ADMIN);
    const got = await ok(centre.host, 'bundles.import', { path: down.file });
    expect(got.refused).toEqual([]);
    // The referred person and the referral; not the other person, no tip, no case.
    expect(count(centre.host, 'persons', 'id = ?', referred)).toBe(1);
    expect(count(centre.host, 'persons', 'id = ?', other)).toBe(0);
    expect(count(centre.host, 'persons')).toBe(1);
    expect(count(centre.host, 'rehab_referrals', 'id = ?', referral.id)).toBe(1);
    expect(count(centre.host, 'rehab_referrals')).toBe(1);
    expect(count(centre.host, 'tips')).toBe(0);
    expect(count(centre.host, 'drug_cases')).toBe(0);
    // The facility and the units came along (reference data): the centre's staff account can be placed there.
    expect(count(centre.host, 'rehab_facilities', 'id = ?', facility.id)).toBe(1);
    const rehabUnit = (await ok(centre.host, 'units.list', {})).find((u) => u.code === 'CSCN-08')!;
    expect(rehabUnit).toBeTruthy();

    // The centre's staff: an account of the rehab unit, approved by the centre's leader.
    await ok(centre.host, 'accounts.create', {
      username: 'canbo.coso',
      displayName: 'Cán bộ cơ sở',
      role: 'rehab_staff',
      unitId: rehabUnit.id,
      password: 'mật khẩu ban đầu 1',
    });
    await ok(centre.host, 'session.lock', {});
    await ok(centre.host, 'session.unlock', { username: 'canbo.coso', password: 'mật khẩu ban đầu 1' });
    await ok(centre.host, 'session.changePassword', { currentPassword: 'mật khẩu ban đầu 1', newPassword: PASSWORD });
    await ok(centre.host, 'session.lock', {});
    await ok(centre.host, 'session.unlock', LEADER);
    for (const g of (await ok(centre.host, 'accounts.pendingGrants', {})).pending)
      await ok(centre.host, 'accounts.approveGrant', { grantId: g.id });
    await ok(centre.host, 'session.lock', {});
    await ok(centre.host, 'session.unlock', { username: 'canbo.coso', password: PASSWORD });

    // The centre admits and, later, discharges.
    const stay = await ok(centre.host, 'stays.admit', {
      referralId: referral.id,
      facilityId: facility.id,
      admittedOn: '2026-09-30',
    });
    expect(category(centre.host, referred)).toBe('in_rehab');
    await ok(centre.host, 'stays.discharge', { stayId: stay.id, on: '2026-11-20', certificateNumber: '45/GCN' });

    // Centre → police: the stay and the discharge; the referral completed; the category follows.
    await ok(centre.host, 'session.lock', {});
    await ok(centre.host, 'session.unlock', ADMIN);
    const up = await ok(centre.host, 'bundles.export', { peerId: pShow.id, out: sticks, purpose: 'trả kết quả' });
    expect(up.receiptFor).toBe(1);
    expect(Object.keys(up.counts)).not.toContain('tips');
    await as(police.host, ADMIN.username);
    const back = await ok(police.host, 'bundles.import', { path: up.file });
    expect(back).toMatchObject({ refused: [], acknowledged: 1 });
    const stayRow = police.host
      .openState()
      .raw.prepare('SELECT status, discharged_on AS on_, certificate_number AS cert FROM rehab_stays WHERE id = ?')
      .get(stay.id);
    expect(stayRow).toEqual({ status: 'discharged', on_: '2026-11-20', cert: '45/GCN' });
    await as(police.host, police.accounts.officerA.username);
    expect((await ok(police.host, 'referrals.get', { referralId: referral.id })).referral.state).toBe('completed');
    expect(category(police.host, referred)).toBe('post_rehab');
    expect(category(police.host, other)).toBe('addict');

    // The police's next bundle acknowledges the centre's: both directions acknowledged.
    await as(police.host, ADMIN.username);
    const ack = await ok(police.host, 'bundles.export', { peerId: cShow.id, out: sticks, purpose: 'xác nhận' });
    expect(ack.receiptFor).toBe(1);
    const acked = await ok(centre.host, 'bundles.import', { path: ack.file });
    expect(acked.acknowledged).toBe(1);
    expect((await ok(centre.host, 'bundles.status', {}))[0]).toMatchObject({
      lastSent: 1,
      lastAcknowledged: 1,
      lastReceived: 2,
    });
    expect((await ok(police.host, 'bundles.status', {}))[0]).toMatchObject({
      lastSent: 2,
      lastAcknowledged: 1,
      lastReceived: 1,
    });
  });
});
