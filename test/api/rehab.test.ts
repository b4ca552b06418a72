import { describe, expect, it } from 'vitest';
import type { HostCore } from '../../electron/host/host';
import { ADMIN, LEADER, err, ok } from '../support/host';
import { PASSWORD, as, cccd, personsWorld } from '../support/persons';

type World = Awaited<ReturnType<typeof personsWorld>>;

/** A person of commune A with a positive addiction determination (eligible for a referral). */
async function addict(w: World, extra: { fullName?: string; birthDate?: string } = {}) {
  if (w.host.currentState()?.session.username !== w.accounts.officerA.username)
    await as(w.host, w.accounts.officerA.username);
  const birthDate = extra.birthDate ?? '1990-05-12';
  const f = await ok(w.host, 'persons.create', {
    fullName: extra.fullName ?? 'Nguyễn Văn Đức',
    sex: 'male',
    birthDate,
    citizenId: cccd(Number(birthDate.slice(0, 4)), 'male', String(100000 + Math.floor(Math.random() * 899999))),
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

/** Two compulsory centres (one for the world's rehab unit, one for a second centre with its own account). */
async function facilities(w: World) {
  await as(w.host, ADMIN.username);
  const otherUnit = await ok(w.host, 'units.create', {
    code: 'CSCN-08B',
    name: 'Cơ sở cai nghiện số 2',
    kind: 'rehab_centre',
    provinceCode: '08',
    communeCode: null,
  });
  await ok(w.host, 'accounts.create', {
    username: 'caighien.b',
    displayName: 'Cán bộ cơ sở 2',
    role: 'rehab_staff',
    unitId: otherUnit.id,
    password: 'mật khẩu ban đầu 1',
  });
  await w.host.call('session.lock', {});
  await ok(w.host, 'session.unlock', { username: 'caighien.b', password: 'mật khẩu ban đầu 1' });
  await ok(w.host, 'session.changePassword', { currentPassword: 'mật khẩu ban đầu 1', newPassword: PASSWORD });
  await w.host.call('session.lock', {});
  await ok(w.host, 'session.unlock', LEADER);
  for (const g of (await ok(w.host, 'accounts.pendingGrants', {})).pending)
    await ok(w.host, 'accounts.approveGrant', { grantId: g.id });
  const units = await ok(w.host, 'units.list', {});
  const rehabUnit = units.find((u) => u.code === 'CSCN-08')!;
  const main = await ok(w.host, 'facilities.create', {
    code: 'CS1',
    name: 'Cơ sở cai nghiện ma túy số 1',
    kind: 'public_compulsory',
    provinceCode: '08',
    capacity: 1,
    unitId: rehabUnit.id,
  });
  const other = await ok(w.host, 'facilities.create', {
    code: 'CS2',
    name: 'Cơ sở cai nghiện ma túy số 2',
    kind: 'public_compulsory',
    provinceCode: '08',
    capacity: 100,
    unitId: otherUnit.id,
  });
  const clinic = await ok(w.host, 'facilities.create', {
    code: 'MT1',
    name: 'Cơ sở điều trị methadone',
    kind: 'methadone_clinic',
    provinceCode: '08',
    capacity: 100,
  });
  return { main, other, clinic };
}

const category = async (host: HostCore, personId: string) => {
  const s = host.openState();
  return (await s.db.selectFrom('persons').select('category').where('id', '=', personId).executeTakeFirstOrThrow())
    .category;
};

/** Everything written by the rehab family and the person's file: unchanged by a refused call. */
function snapshot(host: HostCore) {
  const raw = host.openState().raw;
  const n = (t: string) => (raw.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  const sum = (t: string) =>
    (raw.prepare(`SELECT group_concat(hlc) AS h FROM (SELECT hlc FROM ${t} ORDER BY id)`).get() as { h: string }).h;
  return JSON.stringify(
    [
      'rehab_referrals',
      'rehab_stays',
      'rehab_documents',
      'rehab_methadone',
      'rehab_voluntary',
      'person_measures',
      'change_log',
    ].map((t) => [t, n(t), t === 'change_log' ? '' : sum(t)]),
  );
}

describe('rehabilitation through the router', () => {
  it('runs a referral from discovery to discharge, the category following, the commune seeing the hand-over', async () => {
    const w = await personsWorld();
    const { main } = await facilities(w);
    const personId = await addict(w);
    await as(w.host, w.accounts.officerA.username);
    const created = await ok(w.host, 'referrals.create', { personId, kind: 'compulsory', discoveredOn: '2026-09-01' });
    const id = created.referral.id;
    // 01/09/2026 (Tue) + 5 working days, 02/09 (National Day) and its neighbour 01/09 off: 09/09.
    expect(created.referral).toMatchObject({ state: 'discovered', deadline: '2026-09-09', minor: false });
    expect(created.referral.daysLeft).toBeLessThan(0);
    expect(created.checklist.filter((c) => c.required).map((c) => c.item)).toEqual([
      'short_cv',
      'violation_record',
      'addiction_result',
      'family_comments',
      'commune_comments',
    ]);
    // The dossier cannot be "prepared" while its required documents are missing.
    expect(
      (await err(w.host, 'referrals.advance', { referralId: id, to: 'dossier_prepared', on: '2026-09-03' })).issues,
    ).toEqual([{ path: 'to', code: 'checklist_incomplete' }]);
    const scan = `data:image/png;base64,${Buffer.from('scan of form 30').toString('base64')}`;
    for (const item of [
      'short_cv',
      'violation_record',
      'addiction_result',
      'family_comments',
      'commune_comments',
    ] as const)
      await ok(w.host, 'referrals.setDocument', {
        referralId: id,
        item,
        done: true,
        on: '2026-09-03',
        ...(item === 'short_cv' ? { scan } : {}),
      });
    expect((await ok(w.host, 'referrals.document', { referralId: id, item: 'short_cv' })).scan).toBe(scan);
    await ok(w.host, 'referrals.advance', { referralId: id, to: 'dossier_prepared', on: '2026-09-03' });
    await ok(w.host, 'referrals.advance', { referralId: id, to: 'legality_checked', on: '2026-09-07' });
    // A court decision before the dossier was sent: refused naming the date, nothing written.
    const before = snapshot(w.host);
    expect(
      (
        await err(w.host, 'referrals.advance', {
          referralId: id,
          to: 'decided',
          on: '2026-09-08',
          decisionKind: 'apply',
          termMonths: 24,
        })
      ).issues,
    ).toEqual([{ path: 'on', code: 'decision_before_sent' }]);
    // Sending to court is a leader's approval.
    expect(
      (await err(w.host, 'referrals.advance', { referralId: id, to: 'sent_to_court', on: '2026-09-08' })).issues,
    ).toEqual([{ path: 'to', code: 'leader_only' }]);
    expect(snapshot(w.host)).toBe(before);

    await as(w.host, w.accounts.leader.username);
    const sent = await ok(w.host, 'referrals.advance', { referralId: id, to: 'sent_to_court', on: '2026-09-08' });
    expect(sent.referral.state).toBe('sent_to_court');
    await ok(w.host, 'referrals.advance', { referralId: id, to: 'accepted', on: '2026-09-10' });
    // A term outside the law's range for an adult (Law 120/2025 in force on the decision day: 24 months).
    expect(
      (
        await err(w.host, 'referrals.advance', {
          referralId: id,
          to: 'decided',
          on: '2026-09-20',
          decisionKind: 'apply',
          termMonths: 12,
        })
      ).issues,
    ).toEqual([{ path: 'termMonths', code: 'term_out_of_range' }]);
    const decided = await ok(w.host, 'referrals.advance', {
      referralId: id,
      to: 'decided',
      on: '2026-09-20',
      decisionKind: 'apply',
      termMonths: 24,
      decisionNumber: '12/2026/QĐ-TA',
      court: 'Tòa án nhân dân khu vực 1',
      facilityId: main.id,
    });
    expect(decided.referral.decision).toMatchObject({ kind: 'apply', termMonths: 24, lawId: 'law_120_2025' });
    await ok(w.host, 'referrals.advance', { referralId: id, to: 'complaint_window', on: '2026-09-21' });
    expect(await category(w.host, personId)).toBe('addict');

    // The centre admits: the stay opens, the category becomes "in rehab".
    await as(w.host, w.accounts.rehab.username);
    const stay = await ok(w.host, 'stays.admit', { referralId: id, facilityId: main.id, admittedOn: '2026-09-30' });
    expect(stay).toMatchObject({ status: 'in_stay', stage: 'intake', plannedDischargeOn: '2028-09-30' });
    expect(await category(w.host, personId)).toBe('in_rehab');
    const roster = await ok(w.host, 'stays.roster', {});
    expect(roster.residents.map((r) => r.personId)).toEqual([personId]);
    await ok(w.host, 'stays.stage', { stayId: stay.id, stage: 'detox', on: '2026-10-01' });
    expect((await err(w.host, 'stays.stage', { stayId: stay.id, stage: 'intake', on: '2026-10-02' })).issues).toEqual([
      { path: 'stage', code: 'stage_order' },
    ]);
    const away = await ok(w.host, 'stays.incident', { stayId: stay.id, kind: 'absconded', on: '2026-10-10' });
    expect(away.status).toBe('absconded');
    expect((await ok(w.host, 'referrals.get', { referralId: id })).referral.state).toBe('absconded');
    expect((await ok(w.host, 'stays.roster', {})).absconded.map((r) => r.stayId)).toEqual([stay.id]);
    expect(await category(w.host, personId)).toBe('in_rehab');
    await ok(w.host, 'stays.incident', { stayId: stay.id, kind: 'returned', on: '2026-10-15' });
    expect((await ok(w.host, 'referrals.get', { referralId: id })).referral.state).toBe('admitted');
    await ok(w.host, 'stays.stage', { stayId: stay.id, stage: 'counselling', on: '2026-10-20' });
    // A discharge before the admission: refused naming the date.
    expect((await err(w.host, 'stays.discharge', { stayId: stay.id, on: '2026-09-01' })).issues).toEqual([
      { path: 'on', code: 'discharge_before_admission' },
    ]);
    const done = await ok(w.host, 'stays.discharge', {
      stayId: stay.id,
      on: '2026-11-20',
      certificateNumber: '45/GCN',
    });
    expect(done).toMatchObject({ status: 'discharged', dischargedOn: '2026-11-20', certificateNumber: '45/GCN' });
    expect(done.incidents.map((i) => i.kind)).toEqual(['absconded', 'returned']);
    const cert = await ok(w.host, 'stays.printCertificate', { stayId: stay.id, purpose: 'Giao cho người cai nghiện' });
    expect(cert.html).toContain('45/GCN');
    expect(cert.html).toContain('Nguyễn Văn Đức');

    // Post-rehab: the commune sees the hand-over and the measure in its due list.
    await as(w.host, w.accounts.officerA.username);
    expect(await category(w.host, personId)).toBe('post_rehab');
    const handed = await ok(w.host, 'rehab.handovers', {});
    expect(handed).toEqual([
      expect.objectContaining({ personId, dischargedOn: '2026-11-20', measureEndsOn: '2027-11-19' }),
    ]);
    const file = await ok(w.host, 'persons.get', { personId });
    expect(file.measures.map((m) => [m.kind, m.status])).toEqual(
      expect.arrayContaining([
        ['compulsory_rehab', 'completed'],
        ['post_rehab_management', 'active'],
      ]),
    );
    const due = await ok(w.host, 'persons.due', { withinDays: 365 });
    expect(due.items.some((i) => i.person.id === personId && i.detail === 'post_rehab_management')).toBe(true);
    const dossier = await ok(w.host, 'referrals.get', { referralId: id });
    expect(dossier.referral.state).toBe('completed');
    expect(dossier.history.map((h) => h.state)).toEqual([
      'discovered',
      'dossier_prepared',
      'legality_checked',
      'sent_to_court',
      'accepted',
      'decided',
      'complaint_window',
      'admitted',
      'absconded',
      'admitted',
      'completed',
    ]);
    const cover = await ok(w.host, 'referrals.print', { referralId: id, purpose: 'Lưu hồ sơ' });
    expect(cover.html).toContain('Bản tóm tắt lý lịch (Mẫu 30)');
    expect(cover.html).not.toMatch(/short_cv|complaint_window/);

    // Every read and print is audited, with no name in the entries.
    const audit = w.host
      .openState()
      .raw.prepare(`SELECT action, detail FROM audit_log WHERE action LIKE 'referral.%' OR action LIKE 'stay.%'`)
      .all() as { action: string; detail: string | null }[];
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'referral.create',
        'referral.read',
        'referral.document_read',
        'referral.print',
        'stay.admit',
        'stay.roster',
        'stay.print',
      ]),
    );
    expect(JSON.stringify(audit)).not.toContain('Đức');
  }, 600_000);

  it('shows a minor’s 15-day court limit (30 when complex) and the minor’s term range', async () => {
    const w = await personsWorld();
    await facilities(w);
    const personId = await addict(w, { fullName: 'Trần Văn Nam', birthDate: '2010-03-01' });
    await as(w.host, w.accounts.officerA.username);
    const r = await ok(w.host, 'referrals.create', { personId, kind: 'compulsory', discoveredOn: '2026-10-01' });
    expect(r.referral.minor).toBe(true);
    expect(r.checklist.find((c) => c.item === 'guardian_opinion')?.required).toBe(true);
    expect(r.termRange).toMatchObject({ min: 6, max: 12 });
    const id = r.referral.id;
    for (const c of r.checklist.filter((x) => x.required))
      await ok(w.host, 'referrals.setDocument', { referralId: id, item: c.item, done: true, on: '2026-10-02' });
    await ok(w.host, 'referrals.advance', { referralId: id, to: 'dossier_prepared', on: '2026-10-02' });
    await ok(w.host, 'referrals.advance', { referralId: id, to: 'legality_checked', on: '2026-10-05' });
    await as(w.host, w.accounts.leader.username);
    await ok(w.host, 'referrals.advance', { referralId: id, to: 'sent_to_court', on: '2026-10-06' });
    const accepted = await ok(w.host, 'referrals.advance', { referralId: id, to: 'accepted', on: '2026-11-16' });
    expect(accepted.referral.deadline).toBe('2026-12-01');
    expect(accepted.referral.daysLeft).toBe(8);
    const complex = await ok(w.host, 'referrals.update', { referralId: id, patch: { complex: true } });
    expect(complex.referral.deadline).toBe('2026-12-16');
    const board = await ok(w.host, 'referrals.board', {});
    expect(board.columns.find((c) => c.state === 'accepted')?.items[0]).toMatchObject({ id, minor: true });
    // 24 months is an adult's term: out of range for a minor.
    expect(
      (
        await err(w.host, 'referrals.advance', {
          referralId: id,
          to: 'decided',
          on: '2026-11-20',
          decisionKind: 'apply',
          termMonths: 24,
        })
      ).issues,
    ).toEqual([{ path: 'termMonths', code: 'term_out_of_range' }]);
  }, 600_000);

  it('refuses another commune’s officer and another facility’s staff, even asking the host directly', async () => {
    const w = await personsWorld();
    const { main, other, clinic } = await facilities(w);
    const personId = await addict(w);
    // Commune B's officer cannot refer a person of commune A (named field, nothing written).
    await as(w.host, w.accounts.officerB.username);
    const before = snapshot(w.host);
    expect(
      (await err(w.host, 'referrals.create', { personId, kind: 'compulsory', discoveredOn: '2026-09-01' })).issues,
    ).toEqual([{ path: 'personId', code: 'person_out_of_scope' }]);
    expect(snapshot(w.host)).toBe(before);
    await as(w.host, w.accounts.officerA.username);
    const r = await ok(w.host, 'referrals.create', {
      personId,
      kind: 'compulsory',
      discoveredOn: '2026-09-01',
      facilityId: main.id,
    });
    const id = r.referral.id;
    await as(w.host, w.accounts.officerB.username);
    expect((await err(w.host, 'referrals.get', { referralId: id })).code).toBe('FORBIDDEN');
    expect((await ok(w.host, 'referrals.board', {})).total).toBe(0);
    // The facility's own staff see the referral and the person (limited view); the other facility's do not.
    await as(w.host, w.accounts.rehab.username);
    expect((await ok(w.host, 'referrals.get', { referralId: id })).referral.id).toBe(id);
    expect((await ok(w.host, 'persons.get', { personId })).person.fullName).toBe('Nguyễn Văn Đức');
    expect((await ok(w.host, 'persons.search', { query: 'duc' })).items.map((p) => p.id)).toEqual([personId]);
    await as(w.host, 'caighien.b');
    expect((await err(w.host, 'referrals.get', { referralId: id })).code).toBe('FORBIDDEN');
    expect((await err(w.host, 'persons.get', { personId })).code).toBe('FORBIDDEN');
    expect((await ok(w.host, 'persons.search', { query: 'duc' })).items).toEqual([]);
    expect((await err(w.host, 'stays.roster', { facilityId: main.id })).code).toBe('FORBIDDEN');
    expect((await ok(w.host, 'stays.roster', {})).facility.id).toBe(other.id);
    expect((await err(w.host, 'referrals.print', { referralId: id, purpose: '' })).code).toBe('FORBIDDEN');
    // Investigators see the referral's status, not its dossier's documents or notes.
    await as(w.host, w.accounts.investigator.username);
    const seen = await ok(w.host, 'referrals.get', { referralId: id });
    expect(seen.referral.state).toBe('discovered');
    expect(seen.checklist).toEqual([]);
    expect(seen.history).toEqual([]);
    // Methadone at a clinic: the category follows while it is active.
    await as(w.host, w.accounts.officerA.username);
    const m = await ok(w.host, 'methadone.start', { personId, clinicId: clinic.id, startedOn: '2026-11-02' });
    expect(await category(w.host, personId)).toBe('methadone');
    expect(
      (await err(w.host, 'methadone.start', { personId, clinicId: clinic.id, startedOn: '2026-11-03' })).issues,
    ).toEqual([{ path: 'personId', code: 'methadone_already_active' }]);
    await ok(w.host, 'methadone.stop', { methadoneId: m.id, on: '2026-11-10', reason: 'voluntary' });
    expect(await category(w.host, personId)).toBe('addict');
  }, 600_000);

  it('refuses an admission to a full facility unless a leader overrides, and voluntary terms outside 6–12', async () => {
    const w = await personsWorld();
    const { main } = await facilities(w);
    const ids: string[] = [];
    for (const name of ['Lê Văn Một', 'Lê Văn Hai']) {
      const personId = await addict(w, { fullName: name });
      const r = await ok(w.host, 'referrals.create', { personId, kind: 'compulsory', discoveredOn: '2026-09-01' });
      for (const c of r.checklist.filter((x) => x.required))
        await ok(w.host, 'referrals.setDocument', { referralId: r.referral.id, item: c.item, done: true });
      await ok(w.host, 'referrals.advance', { referralId: r.referral.id, to: 'dossier_prepared', on: '2026-09-03' });
      await ok(w.host, 'referrals.advance', { referralId: r.referral.id, to: 'legality_checked', on: '2026-09-04' });
      ids.push(r.referral.id);
    }
    await as(w.host, w.accounts.leader.username);
    for (const referralId of ids) {
      await ok(w.host, 'referrals.advance', { referralId, to: 'sent_to_court', on: '2026-09-07' });
      await ok(w.host, 'referrals.advance', { referralId, to: 'accepted', on: '2026-09-08' });
      await ok(w.host, 'referrals.advance', {
        referralId,
        to: 'decided',
        on: '2026-09-15',
        decisionKind: 'apply',
        termMonths: 24,
        facilityId: main.id,
      });
      await ok(w.host, 'referrals.advance', { referralId, to: 'complaint_window', on: '2026-09-16' });
    }
    await as(w.host, w.accounts.rehab.username);
    await ok(w.host, 'stays.admit', { referralId: ids[0]!, facilityId: main.id, admittedOn: '2026-09-30' });
    const before = snapshot(w.host);
    expect(
      (await err(w.host, 'stays.admit', { referralId: ids[1]!, facilityId: main.id, admittedOn: '2026-09-30' })).issues,
    ).toEqual([{ path: 'facilityId', code: 'facility_full' }]);
    expect(
      (
        await err(w.host, 'stays.admit', {
          referralId: ids[1]!,
          facilityId: main.id,
          admittedOn: '2026-09-30',
          capacityOverride: true,
        })
      ).issues,
    ).toEqual([{ path: 'capacityOverride', code: 'override_leader_only' }]);
    expect(snapshot(w.host)).toBe(before);
    await as(w.host, w.accounts.leader.username);
    const s = await ok(w.host, 'stays.admit', {
      referralId: ids[1]!,
      facilityId: main.id,
      admittedOn: '2026-09-30',
      capacityOverride: true,
    });
    expect(s.capacityOverride).toBe(true);
    // Voluntary rehab: 6–12 months, and the registration meets the 5-working-day clock.
    const personId = await addict(w, { fullName: 'Phạm Văn Ba' });
    await as(w.host, w.accounts.officerA.username);
    expect(
      (
        await err(w.host, 'voluntary.create', {
          personId,
          setting: 'community',
          registeredOn: '2026-08-27',
          termMonths: 18,
        })
      ).issues,
    ).toEqual([{ path: 'termMonths', code: 'voluntary_term_out_of_range' }]);
    const v = await ok(w.host, 'voluntary.create', {
      personId,
      setting: 'community',
      registeredOn: '2026-08-27',
      termMonths: 6,
    });
    expect(v).toMatchObject({ status: 'in_progress', registrationDeadline: '2026-09-03', registeredInTime: true });
    expect(await category(w.host, personId)).toBe('in_rehab');
    const file = await ok(w.host, 'persons.get', { personId });
    expect(file.determinations[0]?.registeredAt).toBe('2026-08-27');
  }, 600_000);
});
